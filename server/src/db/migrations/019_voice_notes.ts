import type { Kysely } from 'kysely'

// Voice notes (issue 13): a herder asks, answers or responds by voice. A note is an upload of kind
// 'voice' (one MP3, its key in both `path` and `thumb_path`: there is no smaller copy) with its
// length measured by the server; it goes through WeChat's media check and the sweep like a photo
// and leaves with its owner's account. A post and a response hold at most one note each.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('uploads').addColumn('duration_ms', 'integer').execute()
  await db.schema.alterTable('listings').addColumn('voice_id', 'integer', (c) => c.references('uploads.id')).execute()
  await db.schema.alterTable('listing_responses').addColumn('voice_id', 'integer', (c) => c.references('uploads.id')).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('listing_responses').dropColumn('voice_id').execute()
  await db.schema.alterTable('listings').dropColumn('voice_id').execute()
  await db.schema.alterTable('uploads').dropColumn('duration_ms').execute()
}
