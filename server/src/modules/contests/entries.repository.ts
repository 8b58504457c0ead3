import type { Insertable, Updateable } from 'kysely'
import { isPostgres, type ContestEntriesTable, type Db } from '../../db/database'
import type { EntryRow } from './contests.repository'

// Row access for entrants (contest_entries) and the popular vote (contest_votes). Functions take
// `db` first (a transaction works too); conditional writes answer undefined or false when the row
// was no longer in the state read. Reads shared with the contest pages are in contests.repository.

export function insertEntryRow(db: Db, values: Insertable<ContestEntriesTable>): Promise<EntryRow> {
  return db.insertInto('contest_entries').values(values).returningAll().executeTakeFirstOrThrow()
}

export function updateEntry(db: Db, id: number, values: Updateable<ContestEntriesTable>): Promise<EntryRow> {
  return db.updateTable('contest_entries').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

export async function deleteEntry(db: Db, id: number): Promise<void> {
  await db.deleteFrom('contest_entries').where('id', '=', id).execute()
}

/** A contest's entrants in sign-up order, optionally only those who reached `stage`. */
export function entriesOf(db: Db, contestId: number, stage?: string): Promise<EntryRow[]> {
  let q = db.selectFrom('contest_entries').selectAll().where('contest_id', '=', contestId)
  if (stage) q = q.where('stage_reached', '=', stage)
  return q.orderBy('id').execute()
}

/** Moves an entrant from `from` to `to`; undefined when they are not at `from` (any more). */
export function advanceFrom(db: Db, id: number, from: string, to: string, at: string): Promise<EntryRow | undefined> {
  return db.updateTable('contest_entries').set({ stage_reached: to, updated_at: at }).where('id', '=', id).where('stage_reached', '=', from).returningAll().executeTakeFirst()
}

/** Sets an entrant's award; undefined when the entry is gone. */
export function setAward(db: Db, id: number, award: string | null, awardName: string | null, at: string): Promise<EntryRow | undefined> {
  return db.updateTable('contest_entries').set({ award, award_name: awardName, updated_at: at }).where('id', '=', id).returningAll().executeTakeFirst()
}

/**
 * Inside a transaction: true when the contest's results are not out, and then (on PostgreSQL) the
 * contest row stays share-locked until the transaction ends — see whileUnpublished in entries.service.
 */
export async function lockUnpublished(trx: Db, contestId: number): Promise<boolean> {
  let open = trx.selectFrom('contests').select('id').where('id', '=', contestId).where('results_published_at', 'is', null)
  if (isPostgres(trx)) open = open.forShare()
  return !!(await open.executeTakeFirst())
}

/** As lockUnpublished, and the contest is in its final: the popular vote is open. */
export async function lockVoteOpen(trx: Db, contestId: number): Promise<boolean> {
  let open = trx.selectFrom('contests').select('id').where('id', '=', contestId).where('stage', '=', 'final').where('results_published_at', 'is', null)
  if (isPostgres(trx)) open = open.forShare()
  return !!(await open.executeTakeFirst())
}

/** Records a vote; false when this voter already voted in the contest (the unique index decides). */
export async function insertVote(db: Db, contestId: number, entryId: number, voterId: number, at: string): Promise<boolean> {
  const inserted = await db
    .insertInto('contest_votes')
    .values({ contest_id: contestId, entry_id: entryId, voter_id: voterId, created_at: at })
    .onConflict((oc) => oc.columns(['contest_id', 'voter_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return !!inserted
}

/** Adds one to an entry's vote count in the same statement (no lost update); answers the new count. */
export async function countVote(db: Db, entryId: number): Promise<number> {
  const row = await db
    .updateTable('contest_entries')
    .set((eb) => ({ vote_count: eb('vote_count', '+', 1) }))
    .where('id', '=', entryId)
    .returning('vote_count')
    .executeTakeFirstOrThrow()
  return Number(row.vote_count)
}

/** Account deletion: what the person wrote about themselves and their photos leave their entries. */
export async function eraseEntriesOf(db: Db, userId: number, at: string): Promise<void> {
  await db
    .updateTable('contest_entries')
    .set({ title: '已注销用户的项目', description: '', photo_ids: '[]', updated_at: at })
    .where('user_id', '=', userId)
    .execute()
}
