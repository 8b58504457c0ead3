import { URGENT_REASON_LABELS } from '../../../../common/rules/triage'
import type { Deps } from '../../deps'
import * as listings from '../listings/listings.repository'
import { tellEscalated, tellFollowup } from '../messages/messages.events'
import { notify } from '../notifications/notifications.service'
import { displayName } from '../users/people'
import { findUserById } from '../users/users.repository'
import { keepersFor } from './triage.keepers'
import * as repo from './triage.repository'

// The clock's side of 科服保姆, run by the scheduler (server/src/jobs): a need nobody answered in
// time and an assignment past its deadline come back to the top of the queue and the county's
// 科服保姆 are told; 7 and 30 days after a resolution the farmer is asked 问题解决了吗.
//
// Once, however many instances or runs: the scheduler runs a job on one instance at a time, and
// every change here is a conditional UPDATE whose row count decides whether this run tells anyone
// (a second run finds nothing left to change); the messages carry a dedupe key besides.

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Rows one run handles per kind; the rest wait for the next run (every few minutes). */
const BATCH = 500

type JobDeps = Pick<Deps, 'db' | 'config' | 'wechat' | 'now' | 'feedCache'>

/** Needs with no answer after TRIAGE_UNANSWERED_HOURS and no expert still within a deadline. */
async function escalateUnanswered(deps: JobDeps, now: Date): Promise<number> {
  const at = now.toISOString()
  const before = new Date(now.getTime() - deps.config.triage.unansweredHours * HOUR).toISOString()
  const due = await deps.db
    .selectFrom('triage_cases as c')
    .select(['c.listing_id'])
    .where('c.state', '=', 'open')
    .where('c.first_response_at', 'is', null)
    .where('c.urgent_at', 'is', null)
    .where('c.published_at', '<=', before)
    // A need back in review after an edit waits there, not in the queue (nor in this batch).
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('listings as l').select('l.id').whereRef('l.id', '=', 'c.listing_id').where('l.status', '=', 'published')),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('triage_assignments as a').select('a.id').whereRef('a.listing_id', '=', 'c.listing_id').where('a.status', '=', 'open'))),
    )
    .orderBy('c.published_at')
    .limit(BATCH)
    .execute()
  let told = 0
  for (const { listing_id: id } of due) {
    const listing = await listings.findListing(deps.db, id)
    if (!listing) continue
    await deps.db.transaction().execute(async (trx) => {
      // A case escalated once stays at the top (urgent_at set) until someone acts: not escalated again.
      if (!(await repo.markUrgent(trx, id, 'unanswered', at))) return
      // No note: the step's label says it, in the reader's language (a note is shown as written).
      await listings.addEvent(trx, id, 'escalated', null, at)
      await tellEscalated(trx, await keepersFor(trx, listing.region_code), listing, URGENT_REASON_LABELS.unanswered, `case:${id}:unanswered:${listing.published_at}`, at)
      told++
    })
    deps.feedCache.changed({ listings: [id], searchesHold: true }) // 已加急 on its timeline
  }
  return told
}

/** Assignments past their deadline with no answer: overdue, once each; their need back on top. */
async function escalateOverdue(deps: JobDeps, now: Date): Promise<number> {
  const at = now.toISOString()
  const due = await deps.db
    .selectFrom('triage_assignments')
    .selectAll()
    .where('status', '=', 'open')
    .where('due_at', '<=', at)
    .orderBy('due_at')
    .limit(BATCH)
    .execute()
  let told = 0
  for (const a of due) {
    const listing = await listings.findListing(deps.db, a.listing_id)
    if (!listing) continue
    const expert = await findUserById(deps.db, a.expert_id)
    await deps.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('triage_assignments')
        .set({ status: 'overdue', decided_at: at })
        .where('id', '=', a.id)
        .where('status', '=', 'open')
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) === 0) return
      const c = await repo.findCase(trx, a.listing_id)
      // The need was answered or taken up meanwhile: the lapse is recorded, nobody is paged.
      if (!c || c.state !== 'open' || listing.status !== 'published') return
      // The note is a person's name (shown as written, like every name): who let the deadline pass.
      const note = displayName(expert)
      await repo.markUrgent(trx, a.listing_id, 'overdue', at)
      await listings.addEvent(trx, a.listing_id, 'escalated', null, at, note)
      await tellEscalated(trx, await keepersFor(trx, listing.region_code), listing, URGENT_REASON_LABELS.overdue, `assignment:${a.id}:overdue`, at)
      told++
    })
    deps.feedCache.changed({ listings: [a.listing_id], searchesHold: true })
  }
  return told
}

/** Escalations of one run: "unanswered 3, overdue 1". */
export async function runEscalations(deps: JobDeps, now: Date): Promise<string> {
  const overdue = await escalateOverdue(deps, now)
  const unanswered = await escalateUnanswered(deps, now)
  return `unanswered ${unanswered}, overdue ${overdue}`
}

/**
 * 问题解决了吗, 7 and 30 days after the current resolution, once each. A need found 30 days past
 * without its 7-day question (the service was down) gets only the 30-day one.
 */
export async function runFollowups(deps: JobDeps, now: Date): Promise<string> {
  const at = now.toISOString()
  let sent = 0
  for (const round of [30, 7] as const) {
    const column = round === 7 ? 'followup7_at' : 'followup30_at'
    const before = new Date(now.getTime() - round * DAY).toISOString()
    const due = await deps.db
      .selectFrom('triage_cases')
      .select(['listing_id', 'resolved_at'])
      .where('state', '=', 'resolved')
      .where('resolved_at', '<=', before)
      .where(column, 'is', null)
      .orderBy('resolved_at')
      .limit(BATCH)
      .execute()
    for (const c of due) {
      const listing = await listings.findListing(deps.db, c.listing_id)
      if (!listing) continue
      const claimed = await deps.db.transaction().execute(async (trx) => {
        const res = await trx
          .updateTable('triage_cases')
          .set(round === 30 ? { followup30_at: at, followup7_at: (eb) => eb.fn.coalesce('followup7_at', eb.val(at)) } : { followup7_at: at })
          .where('listing_id', '=', c.listing_id)
          .where('state', '=', 'resolved')
          .where(column, 'is', null)
          .executeTakeFirst()
        if (Number(res.numUpdatedRows) === 0) return false
        await tellFollowup(trx, listing, `followup:${listing.id}:${round}:${c.resolved_at}`, at)
        return true
      })
      if (!claimed) continue
      sent++
      await notify(deps, listing.author_id, 'followup', `packages/triage/followup/index?id=${listing.id}`, {
        thing1: listing.title,
        thing2: '问题解决了吗？点这里告诉我们',
      })
    }
  }
  return `sent ${sent}`
}
