import { sql } from 'kysely'
import type { z } from 'zod'
import { formatChinaDateTime } from '../../../../common/china-time'
import type { ListingEventKind } from '../../../../common/enums'
import type { AssignmentStatus, FollowupOutcome, TriageState, UrgentReason } from '../../../../common/rules/triage'
import type { assignInput, callInput, triageQueueQuery } from '../../../../common/schemas/triage'
import type { Assignment, TriageCase, TriageItem, TriageQueue } from '../../../../common/schemas/triage'
import type { Deps } from '../../deps'
import { AppError, forbidden, notFound } from '../../errors'
import { assertNotRisky, SCENE } from '../../lib/content-check'
import { encodeCursor, pageNumber } from '../../lib/cursor'
import { matchesFor } from '../listings/listings.matching'
import * as listings from '../listings/listings.repository'
import { toSummaries } from '../listings/listings.view'
import { tellAssigned, tellEscalated } from '../messages/messages.events'
import { notify } from '../notifications/notifications.service'
import { regionName } from '../regions/regions.data'
import { displayName, findPeople, toPerson } from '../users/people'
import { isVerifiedChair } from '../users/roles'
import type { UserRow } from '../users/users.repository'
import { countiesIn, covers, readsRecord, requireTriager, triageAreas } from './triage.access'
import { toFollowups } from './triage.followups'
import { keepersFor } from './triage.keepers'
import * as repo from './triage.repository'

// 科服保姆: the queue of needs that have no accepted answer, putting a need to experts with a
// deadline, 代为回复 (triage answers the farmer on the phone and records it), an expert declining
// with a reason. Beside it: 问题解决了吗 (triage.followups.ts), the 科服保姆 themselves
// (triage.keepers.ts), the clock's side — deadlines passing, follow-ups going out —
// (triage.jobs.ts) and the figures (triage.figures.ts).

const QUEUE_PAGES = 100

// ---- reading ----

async function toItems(deps: Deps, cases: repo.CaseRow[]): Promise<TriageItem[]> {
  const ids = cases.map((c) => c.listing_id)
  const [rows, assignments] = await Promise.all([listings.findListingsByIds(deps.db, ids), repo.assignmentsOf(deps.db, ids)])
  const people = await findPeople(deps.db, [...rows.map((r) => r.author_id), ...assignments.map((a) => a.expert_id)])
  const summaries = new Map((await toSummaries(deps, rows, people)).map((s) => [s.id, s]))
  return cases
    .filter((c) => summaries.has(c.listing_id))
    .map((c) => ({
      listing: summaries.get(c.listing_id)!,
      state: c.state as TriageState,
      urgent: c.urgent_at ? { since: c.urgent_at, reason: c.urgent_reason as UrgentReason } : null,
      publishedAt: c.published_at,
      firstResponseAt: c.first_response_at,
      assignments: assignments.filter((a) => a.listing_id === c.listing_id).map((a) => toAssignment(deps, a, people)),
    }))
}

function toAssignment(deps: Deps, a: repo.AssignmentRow, people: Map<number, UserRow>): Assignment {
  return {
    id: a.id,
    expert: toPerson(people.get(a.expert_id)!, deps.uploadUrl),
    status: a.status as AssignmentStatus,
    assignedAt: a.assigned_at,
    dueAt: a.due_at,
    declineReason: a.decline_reason,
  }
}

/** The open needs the caller triages (or those of one county in it), urgent first, then oldest. */
export async function getQueue(deps: Deps, user: UserRow, query: z.output<typeof triageQueueQuery>): Promise<TriageQueue> {
  const areas = await requireTriager(deps.db, user)
  let within: string[] | null = areas.includes('51') ? null : areas
  if (query.region) {
    if (!covers(areas, query.region)) throw forbidden()
    within = [query.region]
  }
  const pageNo = pageNumber({ cursor: query.cursor, page: 1 }, QUEUE_PAGES)
  const rows = await repo.queue(deps.db, within, query.limit + 1, (pageNo - 1) * query.limit)
  const more = rows.length > query.limit && pageNo < QUEUE_PAGES
  return { items: await toItems(deps, rows.slice(0, query.limit)), next: more ? encodeCursor({ p: pageNo + 1 }) : null, areas: countiesIn(areas) }
}

/** What the 我的 page offers: the 分诊 entry where they triage, the figures where they may read them. */
export async function triageMe(deps: Deps, user: UserRow) {
  const areas = await triageAreas(deps.db, user)
  return { areas: countiesIn(areas), figures: areas.length > 0 || isVerifiedChair(user) }
}

/** 保姆单: the case as triage, the township's chair and the staff of its area read it. */
export async function getCase(deps: Deps, user: UserRow, listingId: number): Promise<TriageCase> {
  const c = await repo.findCase(deps.db, listingId)
  if (!c) throw notFound()
  const areas = await triageAreas(deps.db, user)
  if (!readsRecord(user, areas, c.region_code)) throw notFound()
  const canTriage = covers(areas, c.region_code)
  const [item] = await toItems(deps, [c])
  if (!item) throw notFound()
  const [events, followups, listing] = await Promise.all([
    listings.eventsOf(deps.db, listingId),
    repo.followupsOf(deps.db, listingId),
    listings.findListing(deps.db, listingId),
  ])
  const actors = await findPeople(deps.db, events.map((e) => e.actor_id).filter((id): id is number => id !== null))
  return {
    ...item,
    // 代为回复 means phoning the farmer: those who triage the need see how to reach them (the post's
    // contact, and the farmer a chair posted for), as a response's accepted helper would.
    contact: canTriage && listing ? contactOf(deps, listing) : null,
    acceptedAt: c.accepted_at,
    resolvedAt: c.resolved_at,
    outcome: c.outcome as FollowupOutcome | null,
    events: events.map((e) => ({
      kind: e.kind as ListingEventKind,
      at: e.created_at,
      actorName: e.actor_id === null ? null : displayName(actors.get(e.actor_id)),
      note: e.note,
    })),
    // Triage hears a spoken answer once WeChat's audio check passed it, like anyone else's voice.
    followups: await toFollowups(deps, followups, false),
    suggestions: canTriage && c.state === 'open' ? await suggestExperts(deps, listingId, item.assignments) : [],
    viewer: { canTriage },
  }
}

function contactOf(deps: Deps, l: listings.ListingRow) {
  return {
    name: l.contact_name,
    phone: deps.phoneCipher.decrypt(l.contact_phone_encrypted),
    note: l.contact_note,
    farmer: l.proxy_name && l.proxy_phone_encrypted ? { name: l.proxy_name, phone: deps.phoneCipher.decrypt(l.proxy_phone_encrypted) } : null,
  }
}

/**
 * Verified experts whose offers fit the need (the matching's), with how many needs each holds
 * now; an expert who declined this need is not suggested again.
 */
async function suggestExperts(deps: Deps, listingId: number, assignments: Assignment[]) {
  const matches = await matchesFor(deps, listingId, null, 20)
  const declined = new Set(assignments.filter((a) => a.status === 'declined').map((a) => a.expert.id))
  const picked = new Map<number, { why: string }>()
  for (const m of matches) {
    if (m.author.role === 'expert' && m.author.verified && !picked.has(m.author.id) && !declined.has(m.author.id)) picked.set(m.author.id, { why: m.title })
  }
  const ids = [...picked.keys()].slice(0, 8)
  const [people, load] = await Promise.all([findPeople(deps.db, ids), repo.openAssignmentCounts(deps.db, ids)])
  return ids.map((id) => ({ expert: toPerson(people.get(id)!, deps.uploadUrl), why: picked.get(id)!.why, openAssignments: load.get(id) ?? 0 }))
}

/**
 * Any verified expert, found by a part of their name or the whole phone they bound: triage may know
 * the right person (the one a declining expert recommends) where the matching finds nobody. `why`
 * says where they are.
 */
export async function findExperts(deps: Deps, user: UserRow, q: string) {
  await requireTriager(deps.db, user)
  let query = deps.db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'expert')
    .where('verification', '=', 'verified')
    .where('deleted_at', 'is', null)
  query = /^1\d{10}$/.test(q)
    ? query.where('phone_lookup', '=', deps.phoneCipher.lookup(q))
    : // A name's own % or _ is a character, not a wildcard (ESCAPE: SQLite has no default escape).
      query.where(sql<boolean>`nickname like ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`)
  const ids = (await query.orderBy('id').limit(10).execute()).map((r) => r.id)
  const [people, load] = await Promise.all([findPeople(deps.db, ids), repo.openAssignmentCounts(deps.db, ids)])
  return {
    items: ids.map((id) => {
      const p = people.get(id)!
      return { expert: toPerson(p, deps.uploadUrl), why: p.region_code ? regionName(p.region_code.slice(0, 6)) : '', openAssignments: load.get(id) ?? 0 }
    }),
  }
}

/** An expert's assignments, newest first (what 科服保姆 asked them to answer). */
export async function myAssignments(deps: Deps, user: UserRow) {
  const rows = await repo.assignmentsFor(deps.db, user.id, 50)
  const summaries = new Map((await toSummaries(deps, await listings.findListingsByIds(deps.db, [...new Set(rows.map((r) => r.listing_id))]))).map((s) => [s.id, s]))
  return {
    items: rows
      .filter((r) => summaries.has(r.listing_id))
      .map((r) => ({ id: r.id, status: r.status as AssignmentStatus, assignedAt: r.assigned_at, dueAt: r.due_at, declineReason: r.decline_reason, listing: summaries.get(r.listing_id)! })),
  }
}

// ---- acting ----

/** The case, for someone who triages its area, still open (in the queue). */
async function openCaseFor(deps: Deps, user: UserRow, listingId: number) {
  const c = await repo.findCase(deps.db, listingId)
  const areas = await triageAreas(deps.db, user)
  // Another county's need does not exist for this 科服保姆.
  if (!c || !covers(areas, c.region_code)) throw notFound()
  const listing = await listings.findListing(deps.db, listingId)
  // Nobody triages their own need (it would count in the figures as answered by its asker).
  if (listing?.author_id === user.id) throw forbidden()
  if (!listing || c.state !== 'open' || listing.status !== 'published') throw new AppError('TRIAGE_CLOSED', 409)
  return { c, listing }
}

export async function assign(deps: Deps, user: UserRow, listingId: number, input: z.output<typeof assignInput>): Promise<TriageCase> {
  const { listing } = await openCaseFor(deps, user, listingId)
  const ids = [...new Set(input.expertIds)]
  const experts = await findPeople(deps.db, ids)
  for (const id of ids) {
    const e = experts.get(id)
    if (!e || e.deleted_at || e.role !== 'expert' || e.verification !== 'verified' || e.id === listing.author_id) throw new AppError('ASSIGNEE_NOT_EXPERT', 400)
  }
  const now = deps.now()
  const at = now.toISOString()
  const due = new Date(now.getTime() + deps.config.triage.answerHours * 3_600_000).toISOString()
  const made = await deps.db.transaction().execute(async (trx) => {
    // An expert already asked and not yet answering is not asked twice.
    const open = new Set((await repo.assignmentsOf(trx, [listingId])).filter((a) => a.status === 'open').map((a) => a.expert_id))
    const fresh = ids.filter((id) => !open.has(id))
    const rows = []
    for (const expertId of fresh) {
      const row = await trx
        .insertInto('triage_assignments')
        .values({ listing_id: listingId, expert_id: expertId, assigned_by: user.id, assigned_at: at, due_at: due, status: 'open', decline_reason: null, decided_at: null })
        .returningAll()
        .executeTakeFirstOrThrow()
      await tellAssigned(trx, listing, row, at)
      rows.push(row)
    }
    if (rows.length) {
      await listings.addEvent(trx, listingId, 'assigned', user.id, at, rows.map((r) => displayName(experts.get(r.expert_id))).join('、'))
      // Handled: off the top of the queue until the deadline passes.
      await repo.calmCase(trx, listingId)
    }
    return rows
  })
  // Every step of a need's care is on its public timeline.
  if (made.length) deps.feedCache.changed({ listings: [listingId], searchesHold: true })
  for (const row of made) {
    await notify(deps, row.expert_id, 'triage', `packages/listings/detail/index?id=${listingId}`, {
      thing1: listing.title,
      thing2: '科服保姆请您解答',
      time3: formatChinaDateTime(due, now),
    })
  }
  return getCase(deps, user, listingId)
}

/** 代为回复: triage reached the farmer by phone; what they said is recorded (and counts as the first answer). */
export async function recordCall(deps: Deps, user: UserRow, listingId: number, input: z.output<typeof callInput>): Promise<TriageCase> {
  await openCaseFor(deps, user, listingId)
  await assertNotRisky(deps, user.openid, SCENE.comment, input.note)
  const at = deps.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    await listings.addEvent(trx, listingId, 'called', user.id, at, input.note)
    await repo.markAnswered(trx, listingId, at)
    if (input.resolved) {
      await listings.updateListing(trx, listingId, { status: 'resolved' }, at)
      await listings.addEvent(trx, listingId, 'resolved', user.id, at)
      await repo.setCaseState(trx, listingId, 'resolved', at)
    }
  })
  deps.feedCache.changed({ listings: [listingId] })
  return getCase(deps, user, listingId)
}

/** The assigned expert cannot help: they say why, and the need goes back to the top of its queue. */
export async function declineAssignment(deps: Deps, user: UserRow, assignmentId: number, reason: string): Promise<{ ok: true }> {
  const a = await repo.findAssignment(deps.db, assignmentId)
  if (!a || a.expert_id !== user.id) throw notFound()
  if (a.status !== 'open') throw new AppError('ASSIGNMENT_CLOSED', 409)
  const listing = await listings.findListing(deps.db, a.listing_id)
  if (!listing) throw notFound()
  const at = deps.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('triage_assignments')
      .set({ status: 'declined', decline_reason: reason, decided_at: at })
      .where('id', '=', assignmentId)
      .where('status', '=', 'open')
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw new AppError('ASSIGNMENT_CLOSED', 409)
    await listings.addEvent(trx, a.listing_id, 'assignment_declined', user.id, at, reason)
    if (await repo.markUrgent(trx, a.listing_id, 'declined', at)) {
      await tellEscalated(trx, await keepersFor(trx, listing.region_code), listing, `${displayName(user)}婉拒：${reason}`, `assignment:${a.id}:declined`, at)
    }
  })
  deps.feedCache.changed({ listings: [a.listing_id], searchesHold: true })
  return { ok: true }
}
