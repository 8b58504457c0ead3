import type { z } from 'zod'
import { formatChinaDateTime } from '../../../../common/china-time'
import type { ListingEventKind } from '../../../../common/enums'
import type { AssignmentStatus, FollowupOutcome, FollowupRound, TriageState, UrgentReason } from '../../../../common/rules/triage'
import { FOLLOWUP_ROUNDS } from '../../../../common/rules/triage'
import type { assignInput, callInput, followupInput, keeperInput, triageQueueQuery } from '../../../../common/schemas/triage'
import type { Assignment, FollowupState, TriageCase, TriageItem, TriageQueue } from '../../../../common/schemas/triage'
import { isUniqueViolation } from '../../db/database'
import type { Deps } from '../../deps'
import { AppError, forbidden, notFound } from '../../errors'
import { assertNotRisky, SCENE } from '../../lib/content-check'
import { encodeCursor, pageNumber } from '../../lib/cursor'
import { recordAudit } from '../audit/audit.repository'
import { matchesFor } from '../listings/listings.matching'
import * as listings from '../listings/listings.repository'
import { toSummaries, voicesOf, voiceView } from '../listings/listings.view'
import { tellAssigned, tellEscalated } from '../messages/messages.events'
import { notify } from '../notifications/notifications.service'
import { getRegion, isCounty } from '../regions/regions.data'
import { claimVoice } from '../uploads/uploads.service'
import { displayName, findPeople, toPerson } from '../users/people'
import { assertInStaffArea } from '../users/staff-area'
import { isVerifiedChair } from '../users/roles'
import type { UserRow } from '../users/users.repository'
import { countiesIn, covers, readsRecord, requireTriager, triageAreas } from './triage.access'
import * as repo from './triage.repository'

// 科服保姆: the queue of needs that have no accepted answer, putting a need to experts with a
// deadline, 代为回复 (triage answers the farmer on the phone and records it), an expert declining
// with a reason, and 问题解决了吗. The clock's side (deadlines passing, follow-ups going out) is in
// triage.jobs.ts; the figures in triage.figures.ts.

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
  const [events, followups] = await Promise.all([listings.eventsOf(deps.db, listingId), repo.followupsOf(deps.db, listingId)])
  const actors = await findPeople(deps.db, events.map((e) => e.actor_id).filter((id): id is number => id !== null))
  return {
    ...item,
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
    suggestions: canTriage && c.state === 'open' ? await suggestExperts(deps, listingId) : [],
    viewer: { canTriage },
  }
}

/** Verified experts whose offers fit the need (the matching's), fewest open assignments first among equals. */
async function suggestExperts(deps: Deps, listingId: number) {
  const matches = await matchesFor(deps, listingId, null, 20)
  const picked = new Map<number, { why: string }>()
  for (const m of matches) {
    if (m.author.role === 'expert' && m.author.verified && !picked.has(m.author.id)) picked.set(m.author.id, { why: m.title })
  }
  const ids = [...picked.keys()].slice(0, 8)
  const [people, load] = await Promise.all([findPeople(deps.db, ids), repo.openAssignmentCounts(deps.db, ids)])
  return ids.map((id) => ({ expert: toPerson(people.get(id)!, deps.uploadUrl), why: picked.get(id)!.why, openAssignments: load.get(id) ?? 0 }))
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
  if (input.resolved) deps.feedCache.clear()
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
  return { ok: true }
}

/**
 * Who is told that a need of this township waits: its county's 科服保姆; where staff appointed none
 * yet, the staff of its county or prefecture (provincial staff read the queue, they are not paged).
 */
export async function keepersFor(db: Deps['db'], townshipCode: string): Promise<number[]> {
  const keepers = await repo.keepersOf(db, townshipCode.slice(0, 6))
  if (keepers.length) return keepers
  return repo.staffOf(db, [townshipCode.slice(0, 6), townshipCode.slice(0, 4)])
}

// ---- 问题解决了吗 ----

async function toFollowups(deps: Deps, rows: repo.FollowupRow[], ownVoice: boolean) {
  const voices = await voicesOf(deps, rows.map((f) => f.voice_id))
  return rows.map((f) => ({
    round: f.round,
    outcome: f.outcome as FollowupOutcome,
    note: f.note,
    voice: voiceView(deps, f.voice_id === null ? undefined : voices.get(f.voice_id), ownVoice),
    createdAt: f.created_at,
  }))
}

/** The round waiting for an answer: the latest sent for the current resolution and not yet answered. */
function askingRound(c: repo.CaseRow, answers: repo.FollowupRow[]): FollowupRound | null {
  if (c.state !== 'resolved' || !c.resolved_at) return null
  const sent = FOLLOWUP_ROUNDS.filter((r) => (r === 7 ? c.followup7_at : c.followup30_at) !== null)
  const open = sent.filter((r) => !answers.some((f) => f.round === r && f.resolved_at === c.resolved_at))
  return open.length ? open[open.length - 1] : null
}

async function ownFollowupCase(deps: Deps, user: UserRow, listingId: number) {
  const listing = await listings.findListing(deps.db, listingId)
  const c = await repo.findCase(deps.db, listingId)
  if (!listing || !c || listing.author_id !== user.id) throw notFound()
  return { listing, c }
}

export async function getFollowup(deps: Deps, user: UserRow, listingId: number): Promise<FollowupState> {
  const { listing, c } = await ownFollowupCase(deps, user, listingId)
  const answers = await repo.followupsOf(deps.db, listingId)
  const [summary] = await toSummaries(deps, [listing])
  return {
    listing: summary,
    asking: askingRound(c, answers),
    // Their own spoken answer: heard at once, as on every page.
    answers: await toFollowups(deps, answers, true),
  }
}

/** The farmer answers; 没有解决 reopens the need into triage (public again, at the top of its queue). */
export async function answerFollowup(deps: Deps, user: UserRow, listingId: number, input: z.output<typeof followupInput>): Promise<FollowupState> {
  const { listing, c } = await ownFollowupCase(deps, user, listingId)
  const round = askingRound(c, await repo.followupsOf(deps.db, listingId))
  if (round === null || !c.resolved_at) throw new AppError('FOLLOWUP_NOT_ASKED', 409)
  if (input.note) await assertNotRisky(deps, user.openid, SCENE.comment, input.note)
  const at = deps.now().toISOString()
  try {
    await deps.db.transaction().execute(async (trx) => {
      await claimVoice(trx, user, input.voiceId, deps.now())
      await trx
        .insertInto('triage_followups')
        .values({ listing_id: listingId, round, author_id: user.id, outcome: input.outcome, note: input.note || null, voice_id: input.voiceId, resolved_at: c.resolved_at!, created_at: at })
        .execute()
      await trx.updateTable('triage_cases').set({ outcome: input.outcome }).where('listing_id', '=', listingId).execute()
      await listings.addEvent(trx, listingId, 'followup', user.id, at, FOLLOWUP_WORDS[input.outcome])
      if (input.outcome === 'unsolved') {
        await listings.updateListing(trx, listingId, { status: 'published' }, at)
        await listings.addEvent(trx, listingId, 'reopened', user.id, at)
        await repo.reopenCase(trx, listingId, at)
        await tellEscalated(trx, await keepersFor(trx, listing.region_code), listing, '回访：问题没有解决', `followup:${listingId}:${round}:${c.resolved_at}`, at)
      }
    })
  } catch (err) {
    // The same answer sent twice (a retry from the 待发送 queue): the first one stands.
    if (!isUniqueViolation(err)) throw err
  }
  if (input.outcome === 'unsolved') deps.feedCache.clear()
  return getFollowup(deps, user, listingId)
}

const FOLLOWUP_WORDS: Record<FollowupOutcome, string> = { solved: '解决了', partial: '部分解决', unsolved: '没有解决' }

// ---- 科服保姆 appointments (staff) ----

export async function listKeepers(deps: Deps, staff: UserRow, county?: string) {
  const areas = await triageAreas(deps.db, staff)
  let q = deps.db.selectFrom('triage_keepers').selectAll().orderBy('county_code').orderBy('appointed_at')
  if (county) {
    assertInStaffArea(staff, county)
    q = q.where('county_code', '=', county)
  }
  const rows = (await q.execute()).filter((r) => covers(areas, r.county_code))
  const people = await findPeople(deps.db, rows.map((r) => r.user_id))
  return {
    items: rows
      .filter((r) => people.get(r.user_id) && !people.get(r.user_id)!.deleted_at)
      .map((r) => ({ user: toPerson(people.get(r.user_id)!, deps.uploadUrl), county: { code: r.county_code, name: getRegion(r.county_code)?.name ?? '' }, appointedAt: r.appointed_at })),
  }
}

/** Staff appoint a registered person (found by the phone they bound) 科服保姆 of a county in their area. */
export async function appointKeeper(deps: Deps, staff: UserRow, input: z.output<typeof keeperInput>) {
  if (!isCounty(input.countyCode)) throw new AppError('REGION_INVALID', 400)
  assertInStaffArea(staff, input.countyCode)
  const person = await deps.db
    .selectFrom('users')
    .selectAll()
    .where('phone_lookup', '=', deps.phoneCipher.lookup(input.phone))
    .where('deleted_at', 'is', null)
    .where('registered_at', 'is not', null)
    .executeTakeFirst()
  if (!person) throw new AppError('KEEPER_NOT_FOUND', 404)
  // The 我的 page offers 分诊 to everyone registered but farmers (sparing herders a request): a
  // farmer appointed would never find the queue.
  if (person.role === 'farmer') throw new AppError('KEEPER_IS_FARMER', 409)
  const at = deps.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('triage_keepers')
      .values({ user_id: person.id, county_code: input.countyCode, appointed_by: staff.id, appointed_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'county_code']).doNothing())
      .execute()
    await recordAudit(trx, { actorId: staff.id, action: 'triage.appoint', targetType: 'user', targetId: person.id, details: { county: input.countyCode }, reason: null, at })
  })
  return listKeepers(deps, staff, input.countyCode)
}

export async function removeKeeper(deps: Deps, staff: UserRow, userId: number, county: string) {
  assertInStaffArea(staff, county)
  const at = deps.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom('triage_keepers').where('user_id', '=', userId).where('county_code', '=', county).executeTakeFirst()
    if (Number(res.numDeletedRows) === 0) throw notFound()
    await recordAudit(trx, { actorId: staff.id, action: 'triage.dismiss', targetType: 'user', targetId: userId, details: { county }, reason: null, at })
  })
  return listKeepers(deps, staff, county)
}

