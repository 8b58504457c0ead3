import { PostgresAdapter, sql, type Kysely } from 'kysely'

// 我的消息 (issue 12): what happened to a person, kept for them to read inside the app. One row per
// message, written in the same transaction as the event it tells of. `kind` says what happened
// ('listing.response', 'verification.rejected' …) and `target_type` + `target_id` what to open;
// both are open text so later kinds (reminders, follow-ups) need no migration. The short text parts
// are copied at the event, so a message still reads right after the post or contest changes.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = pg ? sql`timestamptz` : sql`text`
  const id = (col: any) => (pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.autoIncrement().primaryKey())

  await db.schema
    .createTable('messages')
    .addColumn('id', 'integer', id)
    .addColumn('recipient_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    /** Who caused it, when a person did (null: staff as an office, the system): erased with their account. */
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    /** What it is about: a post's title, a contest's name, a role. */
    .addColumn('subject', 'text', (c) => c.notNull())
    /** Who, as the recipient should read it (a nickname, a township's 科协); null once that person is erased. */
    .addColumn('actor_name', 'text')
    /** Why: staff's reason for a rejection. */
    .addColumn('reason', 'text')
    /** Set when one event may be told more than once (a nomination reached by phone): one message per key. */
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('read_at', ts)
    .execute()
  // "My newest messages" (keyset by id, newest first) and account erasure.
  await db.schema.createIndex('messages_recipient_idx').on('messages').columns(['recipient_id', 'id']).execute()
  // "My unread count": only unread rows are in it, so it stays small however many were read.
  await db.schema
    .createIndex('messages_unread_idx')
    .on('messages')
    .columns(['recipient_id', 'kind'])
    .where(sql.ref('read_at'), 'is', null)
    .execute()
  await db.schema.createIndex('messages_dedupe_idx').on('messages').columns(['recipient_id', 'dedupe_key']).unique().execute()
  // Erasing a person's name from the messages they caused.
  await db.schema.createIndex('messages_actor_idx').on('messages').column('actor_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('messages').execute()
}
