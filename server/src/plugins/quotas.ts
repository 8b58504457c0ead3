import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { addressKey, enforceRateLimit, hitRateLimit, peekRateLimit, type RateRule } from '../lib/rate-limit'
import { rateLimited } from '../errors'

// Quotas on every costly write, in one table: what a route may cost one person (or, before login,
// one address) per hour and per day. A request over quota answers 429 RATE_LIMITED with
// Retry-After (see enforceRateLimit). Counts live in the shared rate_limits table, so every
// instance sees the same count. They are taken after the body validated (preHandler): a form sent
// with a mistake does not eat the person's quota.
//
// The numbers are sized for the heaviest honest use we know — a township chair posting needs for
// a room of herders on a training day, staff approving a morning's queue — with room to spare,
// and far below what a script does (the test that found this made 500 posts in 1.7 s).
//
// Every write route must be listed here or in EXEMPT (tests/server/quotas.test.ts checks the
// routing table), so a new route cannot slip in unmetered.

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

type Per = 'user' | 'address'
interface QuotaRule extends RateRule {
  per: Per
  /**
   * Counted only when the route refuses the request (a 4xx answer other than 429), after it has
   * answered; the request is refused up front once the refusals fill the window.
   */
  refusedOnly?: true
}

const perUser = (limit: number, windowMs: number): QuotaRule => ({ per: 'user', limit, windowMs })

export const QUOTAS = {
  // Before login there is only the address, and a training day puts a whole room behind one venue
  // Wi-Fi address: 2,000 people logging in within seconds (bench/burst.mjs). So an address is
  // limited in the codes WeChat REFUSES, not in logins: an accepted code is one wx.login on one
  // phone, issued only by WeChat, so a script has none to flood with, and each account keeps at
  // most MAX_SESSIONS_PER_USER sessions. A script sending made-up or replayed codes is refused
  // (429, without asking WeChat) after 60 in a minute; a room's occasional expired code is far below.
  login: [{ per: 'address', limit: 60, windowMs: MINUTE, refusedOnly: true }],
  profile: [perUser(20, HOUR)],
  avatar: [perUser(10, HOUR)],
  /** getuserphonenumber is a WeChat call per request. */
  phone: [perUser(10, HOUR)],
  /** Photos: resized twice and sent to WeChat's image check each. */
  upload: [perUser(60, HOUR), perUser(300, DAY)],
  /** Voice notes (issue 13): stored as sent (≤ 1 MB) and sent to WeChat's audio check each; a re-recorded question is a new note. */
  voice: [perUser(60, HOUR), perUser(200, DAY)],
  /** New posts and achievements and their edits: a content check each and an item in staff's queue. */
  post: [perUser(30, HOUR), perUser(100, DAY)],
  /** Responses and feedback: a content check and a message to the post's owner each. */
  response: [perUser(30, HOUR), perUser(100, DAY)],
  /** Accepting, closing, resolving: cheap, but each notifies someone. */
  'listing-state': [perUser(120, HOUR)],
  verification: [perUser(5, HOUR)],
  /** Contest sign-ups, their edits and withdrawals. */
  entry: [perUser(20, HOUR)],
  /** 举荐 by chairs and the nominee's answers. */
  nomination: [perUser(60, HOUR)],
  /** A share code per share: a row each, and posters call getwxacodeunlimit. */
  share: [perUser(120, HOUR)],
  /** Staff decisions (review, verification, contests, links, targets). */
  'staff-decision': [perUser(600, HOUR)],
  /** Bulk decisions: up to BULK_DECISION_MAX items a call, each notifying its author. */
  'staff-bulk': [perUser(20, HOUR), perUser(100, DAY)],
  /** Newspaper import: pages of text through the splitter. */
  'staff-import': [perUser(60, HOUR)],
  /** Marking 我的消息 read: one cheap update each, but a loop of them is still writes. */
  'messages-read': [perUser(300, HOUR)],
  /** 科服保姆's work: assigning (a message and a subscribe message per expert), 代为回复 (a content check), declining. */
  triage: [perUser(300, HOUR)],
} satisfies Record<string, QuotaRule[]>

export type QuotaName = keyof typeof QUOTAS

/** Write routes (METHOD + path as registered, no trailing slash) and what they cost. */
export const ROUTE_QUOTAS: Record<string, QuotaName> = {
  'POST /api/auth/login': 'login',
  'POST /api/auth/dev-login': 'login',
  'PUT /api/users/me': 'profile',
  'POST /api/users/me/consent': 'profile',
  'POST /api/users/me/avatar': 'avatar',
  'POST /api/users/me/phone': 'phone',
  // An expert's studio: profile text, checked by WeChat like a nickname.
  'PUT /api/studios/me': 'profile',
  'POST /api/uploads': 'upload',
  'POST /api/uploads/voice': 'voice',
  'POST /api/listings': 'post',
  'PUT /api/listings/:id': 'post',
  'POST /api/listings/:id/responses': 'response',
  'POST /api/listings/:id/responses/:responseId/feedback': 'response',
  'POST /api/listings/:id/responses/:responseId/accept': 'listing-state',
  'PUT /api/listings/:id/title': 'listing-state',
  'POST /api/listings/:id/close': 'listing-state',
  'POST /api/listings/:id/resolve': 'listing-state',
  'POST /api/verifications': 'verification',
  'POST /api/verifications/proofs': 'upload',
  'POST /api/contests/:id/entries': 'entry',
  'PUT /api/contests/:id/entries/mine': 'entry',
  'DELETE /api/contests/:id/entries/mine': 'entry',
  'POST /api/contests/:id/nominations': 'nomination',
  'POST /api/nominations/:id/confirm': 'nomination',
  'POST /api/nominations/:id/decline': 'nomination',
  'DELETE /api/nominations/:id': 'nomination',
  'POST /api/shares': 'share',
  'POST /api/staff/review/:kind/:id/approve': 'staff-decision',
  'POST /api/staff/review/:kind/:id/reject': 'staff-decision',
  'POST /api/staff/verifications/:id/approve': 'staff-decision',
  'POST /api/staff/verifications/:id/reject': 'staff-decision',
  // Up to BULK_DECISION_MAX items a call, each its own decision: its own quota, sized to a day of
  // ticking screenfuls (20 calls an hour is 1,000 items, more than a province's queue).
  'POST /api/staff/review/bulk': 'staff-bulk',
  'POST /api/staff/verifications/bulk': 'staff-bulk',
  'POST /api/staff/contests': 'staff-decision',
  'PUT /api/staff/contests/:id': 'staff-decision',
  'POST /api/staff/contests/:id/stage': 'staff-decision',
  'POST /api/staff/contests/:id/results': 'staff-decision',
  'POST /api/staff/contests/:id/entries/:entryId/advance': 'staff-decision',
  'POST /api/staff/contests/:id/entries/:entryId/award': 'staff-decision',
  'PUT /api/staff/news/:id/links': 'staff-decision',
  'PUT /api/staff/targets': 'staff-decision',
  'POST /api/staff/news': 'staff-import',
  'POST /api/staff/news/preview': 'staff-import',
  'POST /api/messages/:id/read': 'messages-read',
  'POST /api/messages/read': 'messages-read',
  'POST /api/triage/cases/:id/assign': 'triage',
  'POST /api/triage/cases/:id/call': 'triage',
  'POST /api/triage/assignments/:id/decline': 'triage',
  // 问题解决了吗: a content check of the note, and 没有解决 pages the county's 科服保姆.
  'POST /api/triage/followups/:id': 'response',
  'POST /api/staff/triage/keepers': 'staff-decision',
  'DELETE /api/staff/triage/keepers/:county/:userId': 'staff-decision',
}

/** Write routes deliberately without a quota here, and why ('*' stands for every method). */
export const EXEMPT: Record<string, string> = {
  '* /api/auth/dev-*': 'outside the emulator it only answers DEV_LOGIN_DISABLED',
  'POST /api/auth/logout': 'ends a session; costs one delete',
  'DELETE /api/users/me': 'once per account; must always be possible',
  'POST /api/contests/:id/votes': 'limited per person and per address in votes.service.ts',
  'POST /api/shares/:code/opens': 'limited per address and per viewer in sharing.service.ts',
  'POST /api/wechat/push': "WeChat's signed message push, not a person",
}

/** The key a route is listed under: 'POST /api/listings' (no trailing slash). */
export function routeKey(method: string, url: string): string {
  return `${method} ${url.length > 1 ? url.replace(/\/$/, '') : url}`
}

/**
 * Counts one hit of `name` for the request's person (or address) and refuses it over quota.
 * `multiplier` is config.quotaMultiplier (QUOTA_MULTIPLIER).
 */
export async function enforceQuota(
  db: Parameters<typeof enforceRateLimit>[0],
  name: QuotaName,
  request: Pick<FastifyRequest, 'ip' | 'user'>,
  now: Date,
  multiplier = 1,
): Promise<void> {
  for (const rule of QUOTAS[name] as QuotaRule[]) {
    const [key, limited] = ruleKey(name, rule, request, multiplier)
    if (!rule.refusedOnly) {
      await enforceRateLimit(db, key, limited, now)
      continue
    }
    const { allowed, resetAt } = await peekRateLimit(db, key, limited, now)
    if (!allowed) throw rateLimited(Math.ceil((resetAt.getTime() - now.getTime()) / 1000))
  }
}

/** Counts a refused request of `name` against its refusedOnly rules (the route has answered it). */
export async function countRefused(
  db: Parameters<typeof hitRateLimit>[0],
  name: QuotaName,
  request: Pick<FastifyRequest, 'ip' | 'user'>,
  now: Date,
  multiplier = 1,
): Promise<void> {
  for (const rule of QUOTAS[name] as QuotaRule[]) {
    if (rule.refusedOnly) await hitRateLimit(db, ...ruleKey(name, rule, request, multiplier), now)
  }
}

function ruleKey(name: QuotaName, rule: QuotaRule, request: Pick<FastifyRequest, 'ip' | 'user'>, multiplier: number): [string, RateRule] {
  // A per-person rule on a route someone reaches signed out falls back to their address.
  const who = rule.per === 'user' && request.user ? `user:${request.user.id}` : `ip:${addressKey(request.ip)}`
  const limit = Math.max(1, Math.round(rule.limit * multiplier))
  return [`quota:${name}:${rule.windowMs}:${who}`, { limit, windowMs: rule.windowMs }]
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export default fp<{ now: () => Date; multiplier: number }>(async (app, { now, multiplier }) => {
  // The requests the quota hook let through (refusedOnly rules count only their refusals).
  const admitted = new WeakSet<FastifyRequest>()
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const key = routeKey(method, route.url)
      const name = ROUTE_QUOTAS[key]
      if (!name) {
        // A new write route must say what it may cost: the app refuses to start otherwise.
        if (WRITES.has(method) && !EXEMPT[key] && !EXEMPT[routeKey('*', route.url)])
          throw new Error(`${key} has no quota: list it in ROUTE_QUOTAS or EXEMPT (server/src/plugins/quotas.ts)`)
        continue
      }
      const hook = async (request: FastifyRequest) => {
        await enforceQuota(app.db, name, request, now(), multiplier)
        admitted.add(request)
      }
      route.preHandler = [...[route.preHandler ?? []].flat(), hook]
      if ((QUOTAS[name] as QuotaRule[]).some((r) => r.refusedOnly)) {
        // As the answer leaves (before it is sent, so the address's next request sees the count):
        // a request the quota let through and the route then refused counts (a body refused by
        // validation never got that far and cost nothing; a 5xx is ours).
        const counted = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
          if (admitted.has(request) && reply.statusCode >= 400 && reply.statusCode < 500) {
            await countRefused(app.db, name, request, now(), multiplier).catch((err) => request.log.error({ err }, 'counting a refused request failed'))
          }
          return payload
        }
        route.onSend = [...[route.onSend ?? []].flat(), counted]
      }
    }
  })
})
