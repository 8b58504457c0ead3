import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Files that nothing uses (issue 10). `uploads.attached_at` says when an upload became part of
// something — a post or achievement, a contest entry, a verification request — so an upload never
// attached can be swept after a day. `file_deletions` is the list of stored keys to remove from the
// store: keys are added in the same transaction that stops the database from referring to them
// (an erased account, a replaced avatar, a swept upload) and struck off once the store confirms, so
// a crash or a store outage between the two leaves a retry, never an orphan. An avatar being
// written is listed too, with a later `not_before`, until the profile refers to it.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = pg ? sql`timestamptz` : sql`text`

  await db.schema.alterTable('uploads').addColumn('attached_at', ts).execute()
  // What is already in use counts as attached from its upload on.
  await sql`
    update uploads set attached_at = created_at
    where listing_id is not null
       or id in (select certificate_upload_id from verifications where certificate_upload_id is not null)`.execute(db)
  const entryPhotos = pg
    ? sql`select (p.value)::integer from contest_entries e cross join lateral jsonb_array_elements_text(e.photo_ids::jsonb) as p(value)`
    : sql`select cast(p.value as integer) from contest_entries e, json_each(e.photo_ids) p`
  await sql`update uploads set attached_at = created_at where attached_at is null and id in (${entryPhotos})`.execute(db)
  // The sweep looks only at uploads never attached, oldest first.
  await db.schema
    .createIndex('uploads_unattached_idx')
    .on('uploads')
    .column('created_at')
    .where(sql.ref('attached_at'), 'is', null)
    .execute()

  await db.schema
    .createTable('file_deletions')
    .addColumn('key', 'text', (c) => c.primaryKey())
    /** Not removed before this instant (an avatar still being saved); now for everything else. */
    .addColumn('not_before', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('file_deletions_due_idx').on('file_deletions').column('not_before').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('file_deletions').execute()
  await db.schema.dropIndex('uploads_unattached_idx').execute()
  await db.schema.alterTable('uploads').dropColumn('attached_at').execute()
}
