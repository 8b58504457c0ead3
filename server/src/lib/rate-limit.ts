import { isIPv6 } from 'node:net'
import { sql } from 'kysely'
import type { Db } from '../db/database'
import { rateLimited } from '../errors'

// Fixed-window rate limiting on the rate_limits table, so every server instance shares the count
// (an in-memory limiter would let a client spread its requests over instances). One row per key;
// each hit is ONE upsert statement (insert … on conflict(key) do update … returning), which is
// atomic on SQLite and PostgreSQL alike: 50 concurrent hits count 50, none is lost.
//
// Keys name what is limited and for whom, e.g. 'vote:user:12', 'vote:ip:1.2.3.4'. Rows are
// overwritten in place when their window has passed, so the table holds one row per key; keys
// that are not hit again (addresses and visitors come and go) are pruned by the scheduled job
// 'rate-limits.prune' (server/src/jobs), which deletes every row whose window started over
// RATE_LIMIT_PRUNE_AFTER_MS ago. No rule may have a longer window (its count would be lost);
// hitRateLimit refuses one.

/** Rows whose window started longer ago than this are deleted (longer than any rule's window). */
export const RATE_LIMIT_PRUNE_AFTER_MS = 2 * 86_400_000

export interface RateRule {
  /** At most `limit` hits… */
  limit: number
  /** …per window of this many milliseconds. */
  windowMs: number
}

export interface RateResult {
  allowed: boolean
  /** Hits counted in the current window, this one included. */
  hits: number
  /** When the current window ends (the caller may tell the client to retry then). */
  resetAt: Date
}

/** Counts one hit for `key` at `now` and says whether it is within the rule. */
export async function hitRateLimit(db: Db, key: string, rule: RateRule, now: Date): Promise<RateResult> {
  if (rule.windowMs > RATE_LIMIT_PRUNE_AFTER_MS) throw new Error(`rate limit window of ${rule.windowMs} ms outlasts pruning`)
  const at = now.toISOString()
  // A row whose window started at or before this instant is stale: its window is over.
  const staleBefore = new Date(now.getTime() - rule.windowMs).toISOString()
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: at, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        // Both expressions read the row as it was before this update (SQL semantics on both databases).
        hits: sql<number>`case when rate_limits.window_start <= ${staleBefore} then 1 else rate_limits.hits + 1 end`,
        window_start: sql<string>`case when rate_limits.window_start <= ${staleBefore} then excluded.window_start else rate_limits.window_start end`,
      }),
    )
    .returning(['hits', 'window_start'])
    .executeTakeFirstOrThrow()
  const hits = Number(row.hits)
  return { allowed: hits <= rule.limit, hits, resetAt: new Date(Date.parse(row.window_start) + rule.windowMs) }
}

/**
 * Whether one more hit of `key` would be within the rule at `now`, without counting it (a read, no
 * write): for rules that count only some outcomes, decided after the request (hitRateLimit then).
 */
export async function peekRateLimit(db: Db, key: string, rule: RateRule, now: Date): Promise<RateResult> {
  const row = await db.selectFrom('rate_limits').select(['hits', 'window_start']).where('key', '=', key).executeTakeFirst()
  const live = row && Date.parse(row.window_start) > now.getTime() - rule.windowMs
  const hits = live ? Number(row.hits) : 0
  return { allowed: hits < rule.limit, hits, resetAt: new Date((live ? Date.parse(row.window_start) : now.getTime()) + rule.windowMs) }
}

/** Counts a hit and refuses it with 429 RATE_LIMITED (and when to retry) when over the rule. */
export async function enforceRateLimit(db: Db, key: string, rule: RateRule, now: Date): Promise<void> {
  const result = await hitRateLimit(db, key, rule, now)
  if (!result.allowed) throw rateLimited(Math.ceil((result.resetAt.getTime() - now.getTime()) / 1000))
}

/** The scheduled sweep: deletes rows whose window started before `before`; returns how many. */
export async function pruneRateLimits(db: Db, before: Date): Promise<number> {
  const res = await db.deleteFrom('rate_limits').where('window_start', '<', before.toISOString()).executeTakeFirst()
  return Number(res.numDeletedRows)
}

/**
 * The part of a client address that names one subscriber, for keys such as 'vote:ip:…'. An IPv4
 * address (also written IPv4-mapped, ::ffff:1.2.3.4) is itself; an IPv6 address is its /64,
 * because a phone on a Chinese mobile network is given a whole /64 and may use any address in it.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped) return mapped[1]
  if (!isIPv6(ip)) return ip
  const [head, tail] = ip.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = tail !== undefined && tail !== '' ? tail.split(':') : []
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`
}
