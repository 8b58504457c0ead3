import { ROLE_LABELS, type Role } from '../../../../common/enums'
import type { MessageKind, MessageTarget } from '../../../../common/rules/messages'
import type { Db } from '../../db/database'
import { nominationsAddressedTo } from '../contests/nominations.repository'
import { findContestsByIds, type NominationRow } from '../contests/contests.repository'
import { getRegion } from '../regions/regions.data'
import { insertMessage, registeredWithPhone } from './messages.repository'
import { findUserById } from '../users/users.repository'

// The moments a person is told something in 我的消息 — the same moments notify() sends a subscribe
// message for. Each takes the event's own transaction (`db`) and its instant (`at`), so the message
// is written exactly when the event is, and never when it rolls back.

interface NewMessage {
  to: number
  kind: MessageKind
  target: { type: MessageTarget; id: number }
  subject: string
  /** The person who caused it: never told of their own act. */
  actorId?: number | null
  actorName?: string | null
  reason?: string | null
  dedupeKey?: string
}

export async function addMessage(db: Db, m: NewMessage, at: string): Promise<void> {
  if (m.actorId !== undefined && m.actorId !== null && m.actorId === m.to) return
  await insertMessage(db, {
    recipient_id: m.to,
    kind: m.kind,
    target_type: m.target.type,
    target_id: m.target.id,
    actor_id: m.actorId ?? null,
    subject: m.subject,
    actor_name: m.actorName ?? null,
    reason: m.reason ?? null,
    dedupe_key: m.dedupeKey ?? null,
    created_at: at,
    read_at: null,
  })
}

type Listing = { id: number; title: string; author_id: number }
type Person = { id: number; nickname: string | null }

/** Someone answered a need or an offer: its author is told. */
export function tellResponse(db: Db, listing: Listing, responder: Person, at: string) {
  return addMessage(db, {
    to: listing.author_id,
    kind: 'listing.response',
    target: { type: 'listing', id: listing.id },
    subject: listing.title,
    actorId: responder.id,
    actorName: responder.nickname ?? '微信用户',
  }, at)
}

/** The author accepted a response: the responder is told (once, however many taps reached us at once). */
export function tellAccepted(db: Db, listing: Listing, response: { id: number; responder_id: number }, at: string) {
  return addMessage(db, {
    to: response.responder_id,
    dedupeKey: `response:${response.id}:accepted`,
    kind: 'listing.accepted',
    target: { type: 'listing', id: listing.id },
    subject: listing.title,
    actorId: listing.author_id,
  }, at)
}

/** 向专家提问: a need put to an expert was published; the expert is told who asks what. */
export async function tellAsked(db: Db, listing: Listing & { addressed_to: number | null }, at: string) {
  if (listing.addressed_to === null) return
  const author = await findUserById(db, listing.author_id)
  await addMessage(db, {
    to: listing.addressed_to,
    dedupeKey: `listing:${listing.id}:asked`,
    kind: 'listing.asked',
    target: { type: 'listing', id: listing.id },
    subject: listing.title,
    actorId: listing.author_id,
    actorName: author?.nickname ?? null,
  }, at)
}

/** Staff approved or rejected a post: its author is told, with the reason. */
export function tellReviewed(db: Db, listing: Listing, decision: { approve: true } | { approve: false; reason: string }, at: string) {
  return addMessage(db, {
    to: listing.author_id,
    kind: decision.approve ? 'listing.approved' : 'listing.rejected',
    target: { type: 'listing', id: listing.id },
    subject: listing.title,
    reason: decision.approve ? null : decision.reason,
  }, at)
}

/** Staff decided a verification: the applicant is told, with the reason. */
export function tellVerified(db: Db, v: { id: number; user_id: number; role: string }, decision: { approve: boolean; reason?: string }, at: string) {
  return addMessage(db, {
    to: v.user_id,
    kind: decision.approve ? 'verification.approved' : 'verification.rejected',
    target: { type: 'verification', id: v.id },
    subject: ROLE_LABELS[v.role as Role] ?? v.role,
    reason: decision.approve ? null : (decision.reason ?? null),
  }, at)
}

const townshipOffice = (regionCode: string) => `${getRegion(regionCode)?.name ?? '乡镇'}科协`

/**
 * One invitation per nomination: a withdrawn one put forward again (same row, new created_at) is a
 * new invitation, while the several moments a phone-named nominee may be reached are one.
 */
const invitationKey = (n: NominationRow) => `nomination:${n.id}:${n.created_at}`

function invite(db: Db, to: number, n: NominationRow, contestName: string, at: string) {
  return addMessage(db, {
    to,
    kind: 'nomination.received',
    target: { type: 'nomination', id: n.id },
    subject: contestName,
    actorId: n.nominator_id,
    // The township's 科协, as the subscribe message and the invitation page name the nominator.
    actorName: townshipOffice(n.region_code),
    dedupeKey: invitationKey(n),
  }, at)
}

/**
 * A chair nominated someone. Named by account: that person is told now. Named by phone: every
 * registered person of the nomination's township who bound that phone — exactly who can see it in
 * 举荐邀请 (nominations.service isAddressedTo); anyone else is told when they become able to see
 * it (tellWaitingNominations). Nothing of this reaches the chair's answer.
 */
export async function tellNominated(db: Db, n: NominationRow, contest: { name: string }, at: string): Promise<void> {
  const to = n.nominee_user_id !== null
    ? [n.nominee_user_id]
    : n.nominee_phone_lookup
      ? await registeredWithPhone(db, n.nominee_phone_lookup, n.region_code)
      : []
  for (const id of to) await invite(db, id, n, contest.name, at)
}

/**
 * A person just became able to see nominations made by phone (they registered, bound their phone
 * or moved to the nomination's township): the pending ones they have not been told of yet.
 */
export async function tellWaitingNominations(db: Db, user: { id: number; phone_lookup: string | null; region_code: string | null; registered_at: string | null; deleted_at: string | null }, at: string): Promise<void> {
  if (!user.registered_at || user.deleted_at || !user.phone_lookup || !user.region_code) return
  const waiting = (await nominationsAddressedTo(db, user)).filter((n) => n.status === 'pending' && n.nominee_user_id === null)
  if (!waiting.length) return
  const contests = new Map((await findContestsByIds(db, [...new Set(waiting.map((n) => n.contest_id))])).map((c) => [c.id, c.name]))
  for (const n of waiting) await invite(db, user.id, n, contests.get(n.contest_id) ?? '乡土人才大赛', at)
}

/** The nominee confirmed or declined: the chair is told. */
export function tellNominationAnswered(db: Db, n: NominationRow, contest: { name: string }, nominee: { id: number; nickname: string | null }, confirmed: boolean, at: string) {
  return addMessage(db, {
    to: n.nominator_id,
    kind: confirmed ? 'nomination.confirmed' : 'nomination.declined',
    target: { type: 'nomination', id: n.id },
    subject: contest.name,
    actorId: nominee.id,
    // The name the chair knows them by: the one typed when nominating.
    actorName: n.nominee_name || nominee.nickname,
  }, at)
}

// ---- 科服保姆 (triage) ----

/** Triage put a need to an expert: they are told, once per assignment. */
export function tellAssigned(db: Db, listing: Listing, assignment: { id: number; expert_id: number; assigned_by: number }, at: string) {
  return addMessage(db, {
    to: assignment.expert_id,
    dedupeKey: `assignment:${assignment.id}`,
    kind: 'triage.assigned',
    target: { type: 'listing', id: listing.id },
    subject: listing.title,
    // Named by the office, not the volunteer's nickname (the app's stand-in: 科服保姆).
    actorId: assignment.assigned_by,
  }, at)
}

/**
 * A need waits (no answer in time, an expert overdue or declining, 没有解决): its county's 科服保姆
 * are told. `key` names the occasion, so an occasion is told once however often the job runs.
 */
export async function tellEscalated(db: Db, keeperIds: number[], listing: Listing, reason: string, key: string, at: string) {
  for (const to of keeperIds) {
    await addMessage(db, { to, dedupeKey: key, kind: 'triage.escalated', target: { type: 'triage_case', id: listing.id }, subject: listing.title, reason }, at)
  }
}

/** 问题解决了吗: the need's author is asked, once per round of a resolution. */
export function tellFollowup(db: Db, listing: Listing, key: string, at: string) {
  return addMessage(db, { to: listing.author_id, dedupeKey: key, kind: 'triage.followup', target: { type: 'followup', id: listing.id }, subject: listing.title }, at)
}
