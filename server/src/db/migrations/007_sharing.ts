import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Articles ↔ product pages, and sharing that counts. An article links to pages (register, publish
// a need, a contest, a studio…); a feature page finds its related articles through the same rows.
// A share is a short code (≤ 32 characters, so it fits a 小程序码 scene) naming the sharer and the
// page; opens and the registrations that follow them are credited to the sharer once per person.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = pg ? sql`timestamptz` : sql`text`
  const id = (col: any) => (pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.autoIncrement().primaryKey())
  const user = (col: any) => col.references('users.id')

  await db.schema
    .createTable('article_links')
    .addColumn('id', 'integer', id)
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').notNull())
    /** ARTICLE_LINK_TARGETS: register | publish_need | publish_offer | contest | contest_nominate | studio | listing | talents | achievements */
    .addColumn('target', 'text', (c) => c.notNull())
    /** The contest, studio (user) or listing id, for targets that need one; 0 otherwise. */
    .addColumn('target_id', 'integer', (c) => c.notNull().defaultTo(0))
    /** What the button says, e.g. "报名参加乡土人才大赛". */
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('article_links_unique_idx').on('article_links').columns(['article_id', 'target', 'target_id']).unique().execute()
  await db.schema.createIndex('article_links_target_idx').on('article_links').columns(['target', 'target_id']).execute()

  await db.schema
    .createTable('shares')
    .addColumn('id', 'integer', id)
    /** Random, URL- and scene-safe, ≤ 32 characters. */
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('sharer_id', 'integer', (c) => user(c).notNull())
    /** SHARE_TARGETS: article | listing | studio | contest | talent */
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    /** chat | timeline | poster */
    .addColumn('channel', 'text', (c) => c.notNull())
    /** The sharer's township when sharing (leaderboards per county and province). */
    .addColumn('region_code', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('shares_sharer_idx').on('shares').columns(['sharer_id', 'target', 'target_id', 'channel']).execute()

  await db.schema
    .createTable('share_opens')
    .addColumn('id', 'integer', id)
    .addColumn('share_id', 'integer', (c) => c.references('shares.id').notNull())
    .addColumn('sharer_id', 'integer', (c) => user(c).notNull())
    /** 'u:<user id>' for a signed-in viewer, 'v:<visitor id>' for one without an account yet. */
    .addColumn('viewer_key', 'text', (c) => c.notNull())
    .addColumn('viewer_id', 'integer', (c) => user(c))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  // Credited once per person per sharer: a replayed or repeated open adds nothing.
  await db.schema.createIndex('share_opens_once_idx').on('share_opens').columns(['sharer_id', 'viewer_key']).unique().execute()
  await db.schema.createIndex('share_opens_viewer_idx').on('share_opens').columns(['viewer_key', 'created_at']).execute()

  await db.schema
    .createTable('share_registrations')
    .addColumn('id', 'integer', id)
    /** A person's registration is credited to at most one sharer. */
    .addColumn('user_id', 'integer', (c) => user(c).notNull().unique())
    .addColumn('sharer_id', 'integer', (c) => user(c).notNull())
    .addColumn('share_id', 'integer', (c) => c.references('shares.id').notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('share_registrations_sharer_idx').on('share_registrations').column('sharer_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['share_registrations', 'share_opens', 'shares', 'article_links']) await db.schema.dropTable(t).execute()
}
