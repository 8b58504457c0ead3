import { sql, type Selectable } from 'kysely'
import { chinaMonthOf } from '../../../../common/china-time'
import type { UrgentReason } from '../../../../common/rules/triage'
import type { Db, TriageAssignmentsTable, TriageCasesTable, TriageFollowupsTable } from '../../db/database'
import { codeRange } from '../regions/regions.data'

export type CaseRow = Selectable<TriageCasesTable>
export type AssignmentRow = Selectable<TriageAssignmentsTable>
export type FollowupRow = Selectable<TriageFollowupsTable>

export const minutesBetween = (from: string, to: string) => Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000))

// ---- a case's life, written in the transaction of the event that moves it ----
// queue_rank is kept with state and urgent_at by these functions only: 0 open and urgent, 1 open,
// null not open.

/** Off the top of the queue (still in it while open). */
const CALM = { urgent_at: null, urgent_reason: null, queue_rank: sql<number | null>`case when state = 'open' then 1 end` }

/** A need became public: it is a case from now on (re-approval after an edit keeps its case). */
export async function openCase(db: Db, listing: { id: number; region_code: string }, publishedAt: string): Promise<void> {
  await db
    .insertInto('triage_cases')
    .values({ listing_id: listing.id, region_code: listing.region_code, month: chinaMonthOf(publishedAt), published_at: publishedAt, state: 'open', queue_rank: 1 })
    .onConflict((oc) => oc.column('listing_id').doUpdateSet({ region_code: listing.region_code }))
    .execute()
}

/**
 * The need got an answer (a response, or triage's 代为回复): the first one sets the figures' clock;
 * any takes it off the top of the queue.
 */
export async function markAnswered(db: Db, listingId: number, at: string): Promise<void> {
  const c = await findCase(db, listingId)
  if (!c) return
  await db
    .updateTable('triage_cases')
    .set({
      ...CALM,
      ...(c.first_response_at ? {} : { first_response_at: at, first_response_minutes: minutesBetween(c.published_at, at) }),
    })
    .where('listing_id', '=', listingId)
    .execute()
}

/** An assigned expert answered: their assignment is done (also when answered after its deadline). */
export async function markAssignmentAnswered(db: Db, listingId: number, expertId: number, at: string): Promise<void> {
  await db
    .updateTable('triage_assignments')
    .set({ status: 'answered', decided_at: at })
    .where('listing_id', '=', listingId)
    .where('expert_id', '=', expertId)
    .where('status', 'in', ['open', 'overdue'])
    .execute()
}

export async function setCaseState(db: Db, listingId: number, state: 'accepted' | 'resolved' | 'closed', at: string): Promise<void> {
  await db
    .updateTable('triage_cases')
    .set({
      state,
      urgent_at: null,
      urgent_reason: null,
      queue_rank: null,
      ...(state === 'accepted' ? { accepted_at: at } : {}),
      // A new resolution: its own 7- and 30-day questions.
      ...(state === 'resolved' ? { resolved_at: at, followup7_at: null, followup30_at: null } : {}),
    })
    .where('listing_id', '=', listingId)
    .execute()
}

/** Back to the top of the queue, for `reason`; false when it already was (or is not open). */
export async function markUrgent(db: Db, listingId: number, reason: UrgentReason, at: string): Promise<boolean> {
  const res = await db
    .updateTable('triage_cases')
    .set({ urgent_at: at, urgent_reason: reason, queue_rank: 0 })
    .where('listing_id', '=', listingId)
    .where('state', '=', 'open')
    .where('urgent_at', 'is', null)
    .executeTakeFirst()
  return Number(res.numUpdatedRows) > 0
}

/** 没有解决: the need is open again, at the top of its queue; its resolution no longer counts. */
export async function reopenCase(db: Db, listingId: number, at: string): Promise<void> {
  await db
    .updateTable('triage_cases')
    .set({ state: 'open', urgent_at: at, urgent_reason: 'reopened', queue_rank: 0, resolved_at: null, accepted_at: null })
    .where('listing_id', '=', listingId)
    .execute()
}

/** Triage acted (assigned experts): off the top until a deadline passes. */
export async function calmCase(db: Db, listingId: number): Promise<void> {
  await db.updateTable('triage_cases').set(CALM).where('listing_id', '=', listingId).execute()
}

export function findCase(db: Db, listingId: number): Promise<CaseRow | undefined> {
  return db.selectFrom('triage_cases').selectAll().where('listing_id', '=', listingId).executeTakeFirst()
}

export function findCases(db: Db, listingIds: number[]): Promise<CaseRow[]> {
  if (!listingIds.length) return Promise.resolve([])
  return db.selectFrom('triage_cases').selectAll().where('listing_id', 'in', listingIds).execute()
}

// ---- the queue ----

/**
 * `prefixes`: region codes the caller triages (null: the whole province). Urgent first, then
 * oldest: (queue_rank, published_at) is an index's order, so the province's first page stops after
 * a page of rows instead of sorting every open case.
 */
export function queue(db: Db, prefixes: string[] | null, limit: number, offset: number): Promise<CaseRow[]> {
  let q = db
    .selectFrom('triage_cases as c')
    .selectAll('c')
    .where('c.queue_rank', 'in', [0, 1])
    // An edit sends a public need back to review: it leaves the queue until approved again. Asked
    // per row (not a join), so the planner walks the cases in queue order and stops at a page.
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('listings as l').select('l.id').whereRef('l.id', '=', 'c.listing_id').where('l.status', '=', 'published')),
    )
  // Ranges, not LIKE: PostgreSQL uses the index for a range whatever the collation.
  if (prefixes) {
    q = q.where((eb) =>
      eb.or(
        prefixes.map((p) => {
          const [from, to] = codeRange(p)
          return eb.and([eb('c.region_code', '>=', from), eb('c.region_code', '<', to)])
        }),
      ),
    )
  }
  return q.orderBy('c.queue_rank').orderBy('c.published_at').orderBy('c.listing_id').limit(limit).offset(offset).execute()
}

// ---- assignments ----

export function assignmentsOf(db: Db, listingIds: number[]): Promise<AssignmentRow[]> {
  if (!listingIds.length) return Promise.resolve([])
  return db.selectFrom('triage_assignments').selectAll().where('listing_id', 'in', listingIds).orderBy('id').execute()
}

export function findAssignment(db: Db, id: number): Promise<AssignmentRow | undefined> {
  return db.selectFrom('triage_assignments').selectAll().where('id', '=', id).executeTakeFirst()
}

export function assignmentsFor(db: Db, expertId: number, limit: number): Promise<AssignmentRow[]> {
  return db.selectFrom('triage_assignments').selectAll().where('expert_id', '=', expertId).orderBy('id', 'desc').limit(limit).execute()
}

/** How many open assignments each expert has now (to spread the work). */
export async function openAssignmentCounts(db: Db, expertIds: number[]): Promise<Map<number, number>> {
  if (!expertIds.length) return new Map()
  const rows = await db
    .selectFrom('triage_assignments')
    .select(['expert_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('expert_id', 'in', expertIds)
    .where('status', '=', 'open')
    .groupBy('expert_id')
    .execute()
  return new Map(rows.map((r) => [r.expert_id, Number(r.n)]))
}

// ---- 科服保姆 ----

export function keeperCounties(db: Db, userId: number): Promise<string[]> {
  return db.selectFrom('triage_keepers').select('county_code').where('user_id', '=', userId).orderBy('county_code').execute().then((r) => r.map((x) => x.county_code))
}

/** The keepers of a county: who is told a need there waits. */
export function keepersOf(db: Db, countyCode: string): Promise<number[]> {
  return db
    .selectFrom('triage_keepers as k')
    .innerJoin('users as u', 'u.id', 'k.user_id')
    .select('k.user_id')
    .where('k.county_code', '=', countyCode)
    .where('u.deleted_at', 'is', null)
    .execute()
    .then((r) => r.map((x) => x.user_id))
}

/** Staff granted exactly these areas (a county, its prefecture). */
export function staffOf(db: Db, areas: string[]): Promise<number[]> {
  return db
    .selectFrom('users')
    .select('id')
    .where('is_staff', '=', 1)
    .where('staff_region_code', 'in', areas)
    .where('deleted_at', 'is', null)
    .execute()
    .then((r) => r.map((x) => x.id))
}

// ---- follow-ups ----

export function followupsOf(db: Db, listingId: number): Promise<FollowupRow[]> {
  return db.selectFrom('triage_followups').selectAll().where('listing_id', '=', listingId).orderBy('id').execute()
}

/**
 * Deleting an account: the notes and voice notes they gave as answers to 问题解决了吗 go (the outcome
 * stays: it holds no words of theirs); their open needs, which close with the account, leave the
 * queue; they are nobody's 科服保姆 any more. Before their uploads are deleted (voice_id).
 */
export async function eraseTriageOf(db: Db, userId: number): Promise<void> {
  await db.updateTable('triage_followups').set({ note: null, voice_id: null }).where('author_id', '=', userId).execute()
  await db
    .updateTable('triage_cases')
    .set({ state: 'closed', urgent_at: null, urgent_reason: null, queue_rank: null })
    .where('state', '=', 'open')
    .where('listing_id', 'in', (eb) => eb.selectFrom('listings').select('id').where('author_id', '=', userId))
    .execute()
  await db.deleteFrom('triage_keepers').where('user_id', '=', userId).execute()
}
