import { sql, type Insertable, type Updateable } from 'kysely'
import type { ContestNominationsTable, Db } from '../../db/database'
import { containsText, type NominationRow } from './contests.repository'

// Row access for 举荐 (contest_nominations). Functions take `db` first (a transaction works too);
// conditional writes answer undefined or false when the row was no longer in the state read.

/** Nominations in a contest of one person: by key, by account, or by that account's phone in the township. */
export function nominationsOfPerson(
  db: Db,
  contestId: number,
  regionCode: string,
  nominee: { key: string; userId: number | null; accountPhoneLookup: string | null },
): Promise<NominationRow[]> {
  return db
    .selectFrom('contest_nominations')
    .selectAll()
    .where('contest_id', '=', contestId)
    .where((eb) =>
      eb.or([
        eb('nominee_key', '=', nominee.key),
        ...(nominee.userId ? [eb('nominee_user_id', '=', nominee.userId)] : []),
        ...(nominee.accountPhoneLookup
          ? [eb.and([eb('nominee_phone_lookup', '=', nominee.accountPhoneLookup), eb('region_code', '=', regionCode)])]
          : []),
      ]),
    )
    .execute()
}

export function insertNomination(db: Db, values: Insertable<ContestNominationsTable>): Promise<NominationRow> {
  return db.insertInto('contest_nominations').values(values).returningAll().executeTakeFirstOrThrow()
}

/** Puts a withdrawn nomination forward again; undefined when it is not withdrawn any more. */
export function reuseWithdrawn(db: Db, id: number, values: Updateable<ContestNominationsTable>): Promise<NominationRow | undefined> {
  return db.updateTable('contest_nominations').set(values).where('id', '=', id).where('status', '=', 'withdrawn').returningAll().executeTakeFirst()
}

export function nominationsBy(db: Db, chairId: number): Promise<NominationRow[]> {
  return db.selectFrom('contest_nominations').selectAll().where('nominator_id', '=', chairId).orderBy('id', 'desc').execute()
}

/** Decides a pending nomination; undefined when it was not pending any more. */
export function decidePending(db: Db, id: number, values: Updateable<ContestNominationsTable>): Promise<NominationRow | undefined> {
  return db.updateTable('contest_nominations').set(values).where('id', '=', id).where('status', '=', 'pending').returningAll().executeTakeFirst()
}

/** A confirmed nomination whose entry is withdrawn becomes declined. */
export async function declineForEntry(db: Db, entryId: number, at: string): Promise<void> {
  await db.updateTable('contest_nominations').set({ status: 'declined', entry_id: null, decided_at: at }).where('entry_id', '=', entryId).execute()
}

/** Not withdrawn and addressed to this person: by account, or (no account named) by their phone in their township. */
export function nominationsAddressedTo(db: Db, user: { id: number; phone_lookup: string | null; region_code: string | null }): Promise<NominationRow[]> {
  return db
    .selectFrom('contest_nominations')
    .selectAll()
    .where('status', '!=', 'withdrawn')
    .where((eb) =>
      eb.or([
        eb('nominee_user_id', '=', user.id),
        ...(user.phone_lookup && user.region_code
          ? [eb.and([eb('nominee_user_id', 'is', null), eb('nominee_phone_lookup', '=', user.phone_lookup), eb('region_code', '=', user.region_code)])]
          : []),
      ]),
    )
    .orderBy('id', 'desc')
    .execute()
}

/** Registered people of a township but `exceptId`, optionally whose nickname contains `q` (at most 50). */
export function townshipPeople(db: Db, regionCode: string, exceptId: number, q?: string) {
  let query = db
    .selectFrom('users')
    .select(['id', 'nickname', 'deleted_at', 'role', 'region_code', 'phone_encrypted', 'registered_at'])
    .where('region_code', '=', regionCode)
    .where('registered_at', 'is not', null)
    .where('deleted_at', 'is', null)
    .where('id', '!=', exceptId)
  if (q) query = query.where(containsText('nickname', q))
  return query.orderBy('id').limit(50).execute()
}

/**
 * Account deletion: nominations naming the person (by account or phone) lose the name and phone
 * the chair typed, and a pending one is declined.
 */
export async function eraseNominee(db: Db, userId: number, phoneLookup: string | null, at: string): Promise<void> {
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

/** 举荐 of a contest still waiting for the nominee, oldest first (staff's view). */
export function pendingOfContest(db: Db, contestId: number): Promise<NominationRow[]> {
  return db.selectFrom('contest_nominations').selectAll().where('contest_id', '=', contestId).where('status', '=', 'pending').orderBy('id', 'asc').execute()
}

/** How many 举荐 wait in each contest (only those with any); `areaPattern` narrows to a staff area's contests. */
export function pendingCountsByContest(db: Db, areaPattern: string | null) {
  let query = db
    .selectFrom('contest_nominations as n')
    .innerJoin('contests as c', 'c.id', 'n.contest_id')
    .select(['n.contest_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('n.status', '=', 'pending')
    .groupBy('n.contest_id')
  if (areaPattern) query = query.where('c.region_code', 'like', areaPattern)
  return query.execute()
}
