import { PostgresAdapter, sql, type Kysely } from 'kysely'

// 科技所能所需: posts, their photos (uploads), responses (对接), feedback, the status timeline,
// staff verification of role claims, and a log of subscribe messages sent.
// Search: posts are segmented into words (jieba) and the words indexed — FTS5 on SQLite, a GIN
// index over to_tsvector('simple', …) on PostgreSQL — because trigram indexes miss 2-character
// words such as 牦牛.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = pg ? sql`timestamptz` : sql`text`
  const id = (col: any) => (pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.autoIncrement().primaryKey())
  const user = (col: any) => col.references('users.id')

  await db.schema
    .createTable('uploads')
    .addColumn('id', 'integer', id)
    .addColumn('owner_id', 'integer', (c) => user(c).notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('thumb_path', 'text', (c) => c.notNull())
    .addColumn('check_status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('trace_id', 'text')
    .addColumn('listing_id', 'integer')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('uploads_listing_idx').on('uploads').columns(['listing_id', 'position']).execute()
  await db.schema.createIndex('uploads_trace_idx').on('uploads').column('trace_id').execute()

  await db.schema
    .createTable('listings')
    .addColumn('id', 'integer', id)
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => user(c).notNull())
    .addColumn('proxy_name', 'text')
    .addColumn('proxy_phone_encrypted', 'text')
    .addColumn('proxy_region_code', 'text')
    .addColumn('proxy_consent_at', ts)
    /** The chair's township, frozen at posting time for the "由 XX 科协代发" label. */
    .addColumn('proxy_label', 'text')
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone_encrypted', 'text', (c) => c.notNull())
    .addColumn('contact_note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    /** msg_sec_check's verdict (pass | review): staff see 'review' posts flagged. */
    .addColumn('check_suggest', 'text', (c) => c.notNull())
    .addColumn('reject_reason', 'text')
    /** Space-joined jieba words of title + description. */
    .addColumn('search_tokens', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('response_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('published_at', ts)
    .execute()
  await db.schema.createIndex('listings_idempotency_idx').on('listings').columns(['author_id', 'idempotency_key']).unique().execute()
  // Feed filters walk newest-first by id within a status (keyset pagination).
  await db.schema.createIndex('listings_feed_idx').on('listings').columns(['status', 'id']).execute()
  await db.schema.createIndex('listings_side_idx').on('listings').columns(['status', 'side', 'id']).execute()
  await db.schema.createIndex('listings_category_idx').on('listings').columns(['status', 'category', 'id']).execute()
  await db.schema.createIndex('listings_region_idx').on('listings').columns(['status', 'region_code', 'id']).execute()
  await db.schema.createIndex('listings_author_idx').on('listings').columns(['author_id', 'id']).execute()
  if (pg) {
    await sql`create index listings_search_idx on listings using gin (to_tsvector('simple', search_tokens))`.execute(db)
  } else {
    await sql`create virtual table listings_fts using fts5(tokens, tokenize = 'unicode61')`.execute(db)
  }

  await db.schema
    .createTable('listing_responses')
    .addColumn('id', 'integer', id)
    .addColumn('listing_id', 'integer', (c) => c.references('listings.id').notNull())
    .addColumn('responder_id', 'integer', (c) => user(c).notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('phone_encrypted', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('decided_at', ts)
    .execute()
  await db.schema.createIndex('listing_responses_unique_idx').on('listing_responses').columns(['listing_id', 'responder_id']).unique().execute()
  await db.schema.createIndex('listing_responses_responder_idx').on('listing_responses').columns(['responder_id', 'id']).execute()

  await db.schema
    .createTable('listing_feedback')
    .addColumn('id', 'integer', id)
    .addColumn('response_id', 'integer', (c) => c.references('listing_responses.id').notNull())
    .addColumn('author_id', 'integer', (c) => user(c).notNull())
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('listing_feedback_unique_idx').on('listing_feedback').columns(['response_id', 'author_id']).unique().execute()

  await db.schema
    .createTable('listing_events')
    .addColumn('id', 'integer', id)
    .addColumn('listing_id', 'integer', (c) => c.references('listings.id').notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('note', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('listing_events_listing_idx').on('listing_events').columns(['listing_id', 'id']).execute()

  await db.schema
    .createTable('verifications')
    .addColumn('id', 'integer', id)
    .addColumn('user_id', 'integer', (c) => user(c).notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('reviewer_id', 'integer')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('decided_at', ts)
    .execute()
  await db.schema.createIndex('verifications_status_idx').on('verifications').columns(['status', 'id']).execute()
  await db.schema.createIndex('verifications_user_idx').on('verifications').columns(['user_id', 'id']).execute()

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'integer', id)
    .addColumn('user_id', 'integer', (c) => user(c).notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('page', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  if (!pg) await sql`drop table listings_fts`.execute(db)
  for (const t of ['notifications', 'verifications', 'listing_events', 'listing_feedback', 'listing_responses', 'listings', 'uploads'])
    await db.schema.dropTable(t).execute()
}
