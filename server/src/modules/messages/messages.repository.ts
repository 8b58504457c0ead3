import type { Insertable, Selectable } from 'kysely'
import type { Db, MessagesTable } from '../../db/database'

// Row access for 我的消息. Functions take `db` first: inserts are made with the event's own
// transaction, so a message exists exactly when what it tells of does.

export type MessageRow = Selectable<MessagesTable>

/** Adds one message; with a dedupe_key, a second one with the same key for the same person adds nothing. */
export async function insertMessage(db: Db, values: Insertable<MessagesTable>): Promise<void> {
  let q = db.insertInto('messages').values(values)
  if (values.dedupe_key) q = q.onConflict((oc) => oc.columns(['recipient_id', 'dedupe_key']).doNothing())
  await q.execute()
}

/** A person's messages, newest first, before the id `before` (keyset). */
export function messagesOf(db: Db, recipientId: number, limit: number, before?: number): Promise<MessageRow[]> {
  let q = db.selectFrom('messages').selectAll().where('recipient_id', '=', recipientId)
  if (before !== undefined) q = q.where('id', '<', before)
  return q.orderBy('id', 'desc').limit(limit).execute()
}

/** Unread messages of a person per kind. */
export async function unreadByKind(db: Db, recipientId: number): Promise<Array<{ kind: string; count: number }>> {
  const rows = await db
    .selectFrom('messages')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('count')])
    .where('recipient_id', '=', recipientId)
    .where('read_at', 'is', null)
    .groupBy('kind')
    .execute()
  return rows.map((r) => ({ kind: r.kind, count: Number(r.count) }))
}

/** Marks one of the person's messages read; false when they have no message of that id. */
export async function markRead(db: Db, recipientId: number, id: number, at: string): Promise<boolean> {
  const mine = await db.selectFrom('messages').select(['id', 'read_at']).where('id', '=', id).where('recipient_id', '=', recipientId).executeTakeFirst()
  if (!mine) return false
  // Read already: the first reading stays the time it was read.
  if (mine.read_at === null) {
    await db.updateTable('messages').set({ read_at: at }).where('id', '=', id).where('read_at', 'is', null).execute()
  }
  return true
}

/** Marks the person's unread messages read: all of them, or those of `kinds`. */
export async function markAllRead(db: Db, recipientId: number, at: string, kinds?: readonly string[]): Promise<void> {
  if (kinds && !kinds.length) return
  let q = db.updateTable('messages').set({ read_at: at }).where('recipient_id', '=', recipientId).where('read_at', 'is', null)
  if (kinds) q = q.where('kind', 'in', kinds)
  await q.execute()
}

/**
 * Account deletion: the person's own messages go, and their name leaves the messages they caused
 * in other people's lists (those read "有人申请对接…" from then on).
 */
export async function eraseMessagesOf(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('messages').where('recipient_id', '=', userId).execute()
  await db.updateTable('messages').set({ actor_id: null, actor_name: null }).where('actor_id', '=', userId).execute()
}

/** Registered, not deleted people of a township who bound the phone with this lookup hash. */
export async function registeredWithPhone(db: Db, phoneLookup: string, regionCode: string): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('phone_lookup', '=', phoneLookup)
    .where('region_code', '=', regionCode)
    .where('registered_at', 'is not', null)
    .where('deleted_at', 'is', null)
    .execute()
  return rows.map((r) => r.id)
}
