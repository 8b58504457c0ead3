import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Verification on evidence (issue 12): a 乡镇科协主席 gives their real name, their post (职务) and
// a photo of the appointment letter or work card; a 科技工作者 their institution, title and a
// certificate photo. Those photos are a private kind of upload (`uploads.kind` = 'proof'): stored
// under proofs/, never given a public URL, served only through the claim's authorised route, and
// erased RETENTION days after the decision (`proof_erased_at` says when; the decision stays).
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = pg ? sql`timestamptz` : sql`text`

  /** 'photo' (shown to the public once checked) or 'proof' (staff deciding a claim and its applicant only). */
  await db.schema.alterTable('uploads').addColumn('kind', 'text', (c) => c.notNull().defaultTo('photo')).execute()
  // One name for the evidence of either role: an expert's certificate was the only proof so far.
  await db.schema.alterTable('verifications').renameColumn('certificate_upload_id', 'proof_upload_id').execute()
  await db.schema.alterTable('verifications').addColumn('real_name', 'text').execute()
  await db.schema.alterTable('verifications').addColumn('post', 'text').execute()
  await db.schema.alterTable('verifications').addColumn('proof_erased_at', ts).execute()
  // Certificates sent before this were ordinary photos under public keys: from now on they are
  // proofs, and the retention job moves their files under proofs/ (a migration does not touch the store).
  await sql`update uploads set kind = 'proof' where id in (select proof_upload_id from verifications where proof_upload_id is not null)`.execute(db)
  // The retention job looks for decided claims that still hold a proof.
  await db.schema
    .createIndex('verifications_proof_idx')
    .on('verifications')
    .columns(['decided_at'])
    .where(sql.ref('proof_upload_id'), 'is not', null)
    .execute()
  await db.schema.createIndex('verifications_proof_upload_idx').on('verifications').column('proof_upload_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('verifications_proof_upload_idx').execute()
  await db.schema.dropIndex('verifications_proof_idx').execute()
  for (const c of ['proof_erased_at', 'post', 'real_name']) await db.schema.alterTable('verifications').dropColumn(c).execute()
  await db.schema.alterTable('verifications').renameColumn('proof_upload_id', 'certificate_upload_id').execute()
  await db.schema.alterTable('uploads').dropColumn('kind').execute()
}
