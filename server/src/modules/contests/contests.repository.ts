import { sql, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely'
import type { Insertable, Updateable } from 'kysely'
import type { ContestEntriesTable, ContestNominationsTable, ContestsTable, Database, Db, UploadsTable } from '../../db/database'

// Row access for contests, entries and nominations. Functions take `db` first (a transaction
// works too). Rules live in the services; row → view mapping in contests.view.ts.

export type ContestRow = Selectable<ContestsTable>
export type EntryRow = Selectable<ContestEntriesTable>
export type NominationRow = Selectable<ContestNominationsTable>
export type UploadRow = Selectable<UploadsTable>

export function findContest(db: Db, id: number): Promise<ContestRow | undefined> {
  return db.selectFrom('contests').selectAll().where('id', '=', id).executeTakeFirst()
}

export function insertContest(db: Db, values: Insertable<ContestsTable>): Promise<ContestRow> {
  return db.insertInto('contests').values(values).returningAll().executeTakeFirstOrThrow()
}

export function updateContest(db: Db, id: number, values: Updateable<ContestsTable>): Promise<ContestRow> {
  return db.updateTable('contests').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

/** Moves the stage from `from` to `to`; undefined when it is no longer `from` (someone else moved it). */
export function moveStageFrom(db: Db, id: number, from: string, to: string, at: string): Promise<ContestRow | undefined> {
  return db.updateTable('contests').set({ stage: to, updated_at: at }).where('id', '=', id).where('stage', '=', from).returningAll().executeTakeFirst()
}

/** Finishes a contest in its final with results not yet out; undefined when it is not (any more). */
export function finishWithResults(db: Db, id: number, at: string): Promise<ContestRow | undefined> {
  return db
    .updateTable('contests')
    .set({ stage: 'finished', results_published_at: at, updated_at: at })
    .where('id', '=', id)
    .where('stage', '=', 'final')
    .where('results_published_at', 'is', null)
    .returningAll()
    .executeTakeFirst()
}

/**
 * The popular award goes to the finalist(s) with the most votes (ties share it; nobody when no one
 * voted) among those whose account still exists; answers that count of votes.
 */
export async function awardPopular(db: Db, contestId: number, at: string): Promise<number> {
  // A finalist who deleted their account keeps the votes others cast, but not the award.
  const present = (eb: ExpressionBuilder<Database, 'contest_entries'>) =>
    eb.exists(eb.selectFrom('users').select('users.id').whereRef('users.id', '=', 'contest_entries.user_id').where('users.deleted_at', 'is', null))
  const top = await db
    .selectFrom('contest_entries')
    .select((eb) => eb.fn.max('vote_count').as('max'))
    .where('contest_id', '=', contestId)
    .where('stage_reached', '=', 'final')
    .where(present)
    .executeTakeFirst()
  const max = Number(top?.max ?? 0)
  await db.updateTable('contest_entries').set({ popular_award: 0 }).where('contest_id', '=', contestId).execute()
  if (max > 0) {
    await db
      .updateTable('contest_entries')
      .set({ popular_award: 1, updated_at: at })
      .where('contest_id', '=', contestId)
      .where('stage_reached', '=', 'final')
      .where('vote_count', '=', max)
      .where(present)
      .execute()
  }
  return max
}

/** The 大赛 open for sign-up at `at` that closes first (the importer suggests linking it). */
export function openForSignup(db: Db, at: string) {
  return db
    .selectFrom('contests')
    .select(['id', 'name'])
    .where('kind', '=', 'contest')
    .where('stage', '=', 'signup')
    .where('signup_ends_at', '>', at)
    .orderBy('signup_ends_at')
    .orderBy('id')
    .executeTakeFirst()
}

export function latestFair(db: Db) {
  return db.selectFrom('contests').select(['id', 'name']).where('kind', '=', 'fair').orderBy('id', 'desc').executeTakeFirst()
}

export function newestContests(db: Db, limit: number) {
  return db.selectFrom('contests').select(['id', 'name', 'kind', 'stage']).orderBy('id', 'desc').limit(limit).execute()
}

/** Newest first; `stage` 'open' is every contest not finished, 'past' the finished ones; `before` is the keyset cursor. */
export function listContests(db: Db, filter: { kind?: string; stage?: string }, limit: number, before?: number): Promise<ContestRow[]> {
  let q = db.selectFrom('contests').selectAll()
  if (filter.kind) q = q.where('kind', '=', filter.kind)
  if (filter.stage === 'open') q = q.where('stage', '!=', 'finished')
  if (filter.stage === 'past') q = q.where('stage', '=', 'finished')
  if (before) q = q.where('id', '<', before)
  return q.orderBy('id', 'desc').limit(limit).execute()
}

export function findContestsByIds(db: Db, ids: number[]): Promise<ContestRow[]> {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('contests').selectAll().where('id', 'in', [...new Set(ids)]).execute()
}

export function findEntry(db: Db, id: number): Promise<EntryRow | undefined> {
  return db.selectFrom('contest_entries').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findEntriesByIds(db: Db, ids: number[]): Promise<EntryRow[]> {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('contest_entries').selectAll().where('id', 'in', [...new Set(ids)]).execute()
}

/** A person's entry in a contest (at most one: unique index). */
export function findEntryOf(db: Db, contestId: number, userId: number): Promise<EntryRow | undefined> {
  return db.selectFrom('contest_entries').selectAll().where('contest_id', '=', contestId).where('user_id', '=', userId).executeTakeFirst()
}

/** A person's entries in the given contests. */
export function entriesOfUser(db: Db, userId: number, contestIds?: number[]): Promise<EntryRow[]> {
  let q = db.selectFrom('contest_entries').selectAll().where('user_id', '=', userId)
  if (contestIds) {
    if (!contestIds.length) return Promise.resolve([])
    q = q.where('contest_id', 'in', contestIds)
  }
  return q.orderBy('id', 'desc').execute()
}

/** Number of entries per contest. */
export async function entryCounts(db: Db, contestIds: number[]): Promise<Map<number, number>> {
  if (!contestIds.length) return new Map()
  const rows = await db
    .selectFrom('contest_entries')
    .select(['contest_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('contest_id', 'in', contestIds)
    .groupBy('contest_id')
    .execute()
  return new Map(rows.map((r) => [r.contest_id, Number(r.n)]))
}

/** Finalists (stage_reached 'final') of a contest, most votes first. */
export function finalistsOf(db: Db, contestId: number): Promise<EntryRow[]> {
  return db
    .selectFrom('contest_entries')
    .selectAll()
    .where('contest_id', '=', contestId)
    .where('stage_reached', '=', 'final')
    .orderBy('vote_count', 'desc')
    .orderBy('id')
    .execute()
}

export type ContestLinkTarget = 'contest' | 'contest_nominate'

/**
 * Articles linked to the contest (its page and its nomination page), newest first, once each with
 * the link's target — 'contest' when the article has both (that is the link staff set on the contest).
 */
export async function articlesOf(db: Db, contestId: number) {
  const rows = await db
    .selectFrom('article_links as l')
    .innerJoin('articles as a', 'a.id', 'l.article_id')
    .select(['a.id', 'a.title', 'a.published_on', 'l.target'])
    .where('l.target', 'in', ['contest', 'contest_nominate'])
    .where('l.target_id', '=', contestId)
    .orderBy('a.published_on', 'desc')
    .orderBy('a.id', 'desc')
    .execute()
  const byId = new Map<number, (typeof rows)[number] & { target: ContestLinkTarget }>()
  for (const r of rows) {
    const seen = byId.get(r.id)
    if (!seen || r.target === 'contest') byId.set(r.id, { ...r, target: r.target as ContestLinkTarget })
  }
  return [...byId.values()]
}

export function voteOf(db: Db, contestId: number, voterId: number) {
  return db.selectFrom('contest_votes').select('entry_id').where('contest_id', '=', contestId).where('voter_id', '=', voterId).executeTakeFirst()
}

export function findNomination(db: Db, id: number): Promise<NominationRow | undefined> {
  return db.selectFrom('contest_nominations').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Uploads by id; `publicOnly` keeps those WeChat's image check passed, otherwise all but risky. */
export async function uploadsByIds(db: Db, ids: number[], publicOnly: boolean): Promise<Map<number, UploadRow>> {
  if (!ids.length) return new Map()
  let q = db.selectFrom('uploads').selectAll().where('id', 'in', [...new Set(ids)])
  q = publicOnly ? q.where('check_status', '=', 'pass') : q.where('check_status', '!=', 'risky')
  return new Map((await q.execute()).map((u) => [u.id, u]))
}

/** Escapes LIKE wildcards so a search for "50%" means those characters (used with `escape '\'`). */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * `column` contains `q` (wildcards in q taken literally), case-insensitively on both databases.
 * SQLite has no default LIKE escape character, hence the explicit ESCAPE.
 */
export function containsText(column: string, q: string) {
  return sql<SqlBool>`lower(${sql.ref(column)}) like lower(${likePattern(q)}) escape '\\'`
}
