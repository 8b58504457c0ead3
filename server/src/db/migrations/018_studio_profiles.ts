import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Experts write their own 科创工作室 (issue 12): an introduction, a photo and the fields they work in
// — before, a studio was only what could be derived (nickname, verified institution, the
// categories of their posts). And a visitor can 向专家提问: a need addressed to one expert
// (`listings.addressed_to`), reviewed like every post, whose expert is told once it is published.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = pg ? sql`timestamptz` : sql`text`

  await db.schema
    .createTable('studio_profiles')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id'))
    .addColumn('intro', 'text', (c) => c.notNull())
    /** An upload (a photo of the expert at work, a lab, a field); null: the avatar is shown. */
    .addColumn('photo_upload_id', 'integer', (c) => c.references('uploads.id'))
    /** A JSON array of categories, in the expert's order; empty: derived from their posts. */
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()

  await db.schema.alterTable('listings').addColumn('addressed_to', 'integer', (c) => c.references('users.id')).execute()
  // The questions put to one expert, newest first.
  await db.schema
    .createIndex('listings_addressed_to_idx')
    .on('listings')
    .columns(['addressed_to', 'id'])
    .where(sql.ref('addressed_to'), 'is not', null)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listings_addressed_to_idx').execute()
  await db.schema.alterTable('listings').dropColumn('addressed_to').execute()
  await db.schema.dropTable('studio_profiles').execute()
}
