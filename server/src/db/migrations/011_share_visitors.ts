import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Who is one person to sharing (issue 6). The app keeps a random visitor id in the phone's storage
// for good and sends it whenever it reports an open or is signed in; `visitors` remembers whose
// phone it is, so an open is keyed by the person ('u:<user id>') whenever the server can tell, and
// a sharer opening their own link signed out on their own phone is recognised.
// share_opens keeps one row per (sharer, person); `last_opened_at` moves on every repeat open (the
// 7-day registration window runs from it) and `credited` is 0 for an open kept only for a later
// registration (beyond what one address may credit a sharer in a day).
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = pg ? sql`timestamptz` : sql`text`

  await db.schema
    .createTable('visitors')
    /** The random id a phone keeps (16–64 of [A-Za-z0-9_-]). */
    .addColumn('visitor_id', 'text', (c) => c.primaryKey())
    /** The first account signed in on that phone (it keeps it). */
    .addColumn('user_id', 'integer', (c) => c.references('users.id').notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('visitors_user_idx').on('visitors').column('user_id').execute()

  await db.schema.alterTable('share_opens').addColumn('last_opened_at', ts).execute()
  await db.schema.alterTable('share_opens').addColumn('credited', 'integer', (c) => c.notNull().defaultTo(1)).execute()
  await sql`update share_opens set last_opened_at = created_at`.execute(db)
  if (pg) await sql`alter table share_opens alter column last_opened_at set not null`.execute(db)

  // Phones the old rules tied to an account (share_opens.viewer_id on a 'v:' row) become visitors…
  await sql`
    insert into visitors (visitor_id, user_id, created_at)
    select substr(viewer_key, 3), min(viewer_id), min(created_at) from share_opens
    where viewer_key like 'v:%' and viewer_id is not null
    group by viewer_key`.execute(db)
  // …and their opens the person's: none for the person's own shares, one per sharer — the row
  // that stays carries the group's latest open (the registration window runs from it).
  await sql`delete from share_opens where viewer_id = sharer_id`.execute(db)
  await sql`
    update share_opens set last_opened_at = (
      select max(o.last_opened_at) from share_opens o where o.sharer_id = share_opens.sharer_id and o.viewer_id = share_opens.viewer_id)
    where viewer_id is not null`.execute(db)
  await sql`
    delete from share_opens
    where viewer_key like 'v:%' and viewer_id is not null and exists (
      select 1 from share_opens o
      where o.sharer_id = share_opens.sharer_id and o.viewer_id = share_opens.viewer_id
        and (o.viewer_key = 'u:' || cast(share_opens.viewer_id as text) or (o.viewer_key like 'v:%' and o.id < share_opens.id)))`.execute(db)
  await sql`update share_opens set viewer_key = 'u:' || cast(viewer_id as text) where viewer_key like 'v:%' and viewer_id is not null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('share_opens').dropColumn('credited').execute()
  await db.schema.alterTable('share_opens').dropColumn('last_opened_at').execute()
  await db.schema.dropTable('visitors').execute()
}
