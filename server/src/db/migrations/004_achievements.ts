import type { Kysely } from 'kysely'

// 科技成果 are listings of kind 'achievement' (always offers): they share the posts' review,
// content checks, search index, 对接 and timeline, and add stage, transfer mode, patent number and
// institution. Verification requests gain the expert's institution, title and a certificate photo.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('listings').addColumn('kind', 'text', (c) => c.notNull().defaultTo('post')).execute()
  await db.schema.alterTable('listings').addColumn('stage', 'text').execute()
  await db.schema.alterTable('listings').addColumn('transfer_mode', 'text').execute()
  await db.schema.alterTable('listings').addColumn('patent_no', 'text').execute()
  await db.schema.alterTable('listings').addColumn('institution', 'text').execute()
  await db.schema.createIndex('listings_kind_idx').on('listings').columns(['status', 'kind', 'id']).execute()
  await db.schema.createIndex('listings_author_kind_idx').on('listings').columns(['author_id', 'kind', 'status']).execute()

  await db.schema.alterTable('verifications').addColumn('institution', 'text').execute()
  await db.schema.alterTable('verifications').addColumn('title', 'text').execute()
  await db.schema.alterTable('verifications').addColumn('certificate_upload_id', 'integer').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listings_author_kind_idx').execute()
  await db.schema.dropIndex('listings_kind_idx').execute()
  for (const c of ['institution', 'patent_no', 'transfer_mode', 'stage', 'kind']) await db.schema.alterTable('listings').dropColumn(c).execute()
  for (const c of ['certificate_upload_id', 'title', 'institution']) await db.schema.alterTable('verifications').dropColumn(c).execute()
}
