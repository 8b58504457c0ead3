import { sql } from 'kysely'
import type { Db } from '../../db/database'

/**
 * Account deletion, the sharing part. The opens the person made stay counted for the sharers, but
 * nothing in them names the person or their phone any more: viewer_id goes and the key becomes
 * 'x:<row id>', one per row, so their opens cannot even be told to be one person's. (A person's
 * rows are all keyed 'u:<id>': folding a phone into its owner rewrites its rows, so the key finds
 * them all.) Their phones (visitors) are forgotten. Registrations they brought or made stay
 * counted: share_registrations holds only ids, and the users row they name is erased. Their own
 * codes stop working — lookups skip deleted sharers — so new opens of them are not credited.
 */
export async function eraseSharing(db: Db, userId: number): Promise<void> {
  await db
    .updateTable('share_opens')
    .set({ viewer_id: null, viewer_key: sql<string>`'x:' || cast(id as text)` })
    .where((eb) =>
      eb.or([
        eb('viewer_key', '=', `u:${userId}`),
        // Belt and braces: a phone of theirs whose fold had not run.
        eb('viewer_key', 'in', eb.selectFrom('visitors').select(sql<string>`'v:' || visitor_id`.as('key')).where('user_id', '=', userId)),
      ]),
    )
    .execute()
  await db.deleteFrom('visitors').where('user_id', '=', userId).execute()
}
