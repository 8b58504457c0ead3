import { sql } from 'kysely'
import type { Db } from '../../db/database'

/**
 * Account deletion, the contest part. An entry stays as a record of the contest (its stage, award
 * and the votes it got keep other people's results and counts true), but what the person wrote
 * about themselves and their photos go; the talent pool already leaves deleted people out.
 * Nominations naming them lose the name and phone the chair typed, and a pending one is declined
 * (nobody is left to confirm it). Nominations they made as a chair are about other people and stay.
 */
export async function eraseContestant(db: Db, userId: number, phoneLookup: string | null, at: string): Promise<void> {
  await db
    .updateTable('contest_entries')
    .set({ title: '已注销用户的项目', description: '', photo_ids: '[]', updated_at: at })
    .where('user_id', '=', userId)
    .execute()
  const naming = await db
    .selectFrom('contest_nominations')
    .select('id')
    .where((eb) => eb.or([eb('nominee_user_id', '=', userId), ...(phoneLookup ? [eb('nominee_phone_lookup', '=', phoneLookup)] : [])]))
    .execute()
  const ids = naming.map((n) => n.id)
  if (!ids.length) return
  await db.updateTable('contest_nominations').set({ status: 'declined', decided_at: at }).where('id', 'in', ids).where('status', '=', 'pending').execute()
  await db
    .updateTable('contest_nominations')
    // The key held the phone's hash too: replaced by one that names only the row.
    .set({ nominee_name: '已注销用户', nominee_phone_encrypted: null, nominee_phone_lookup: null, nominee_key: sql<string>`'x:' || id`, reason: '' })
    .where('id', 'in', ids)
    .execute()
}
