import type { Kysely } from 'kysely'

// Importing the same newspaper page twice must not duplicate articles: each article gets the key
// the importer computes (normalised title + start of the body) and the database refuses a second
// row with it. Null for articles written before this migration (none exist outside development).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('source_key', 'text').execute()
  await db.schema.createIndex('articles_source_key_idx').on('articles').column('source_key').unique().execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_source_key_idx').execute()
  await db.schema.alterTable('articles').dropColumn('source_key').execute()
}
