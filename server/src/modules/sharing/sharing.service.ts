import { randomBytes } from 'node:crypto'
import { SHARE_ATTRIBUTION_DAYS, type ShareChannel, type ShareTarget } from '../../../../common/enums'
import type { Leaderboard, LeaderboardScope, MyShares, Share, ShareCreate } from '../../../../common/schemas/sharing'
import { isUniqueViolation, type Db } from '../../db/database'
import type { Deps } from '../../deps'
import { AppError, badRequest } from '../../errors'
import { enforceRateLimit } from '../../lib/rate-limit'
import { getRegion, isCounty, townshipPath } from '../regions/regions.table'
import type { UserRow } from '../users/users.repository'
import { isInTalentPool } from '../contests/talents.service'
import {
  claimVisitor,
  findShareByCode,
  countSharesFor,
  findShareFor,
  hasOpenFrom,
  insertOpen,
  insertShare,
  leaderboard,
  ownerOfVisitor,
  rankIn,
  statsOf,
  type ShareRow,
} from './sharing.repository'

// Sharing that counts. A share is a short random code naming the sharer and a page; it travels in
// the link (?s=<code>) or as the 小程序码's scene. The rules, all enforced here:
// - an open is credited to the sharer once per person (unique (sharer_id, viewer_key)), never for
//   the sharer's own share; a person is 'u:<user id>' when signed in, 'v:<visitor id>' (a random
//   id the phone keeps) before they have an account;
// - when a person registers (completes the profile the first time), the registration goes to the
//   sharer of their most recent credited open in the SHARE_ATTRIBUTION_DAYS before it — once per
//   person (unique share_registrations.user_id), never to themselves;
// - opens are rate-limited per IP address and per viewer, so nobody mints opens by the thousand.
// What no server can tell apart: one person with many fresh visitor ids on many addresses. Opens
// can be inflated that way within the rate limits; registrations cannot (each needs a WeChat account).

const ATTRIBUTION_MS = SHARE_ATTRIBUTION_DAYS * 86_400_000
/** A township training on one Wi-Fi is many people behind one address: generous per IP. */
const OPENS_PER_IP = { limit: 120, windowMs: 60 * 60_000 }
const OPENS_PER_VIEWER = { limit: 30, windowMs: 60 * 60_000 }
const BOARD_SIZE = 50
const CODES_PER_PAGE = 3

/** Where each shareable thing lives in the app (a 小程序码's page: no leading '/', no query). */
export const SHARE_PAGES: Record<ShareTarget, string> = {
  article: 'packages/news/article/index',
  listing: 'packages/listings/detail/index',
  studio: 'packages/studio/index',
  contest: 'packages/contests/detail/index',
  talent: 'packages/contests/talent/index',
}

/** 16 URL-safe characters (96 random bits): fits a scene (≤ 32) and cannot be guessed. */
function newCode(): string {
  return randomBytes(12).toString('base64url')
}

function toShare(row: ShareRow): Share {
  return { code: row.code, target: row.target as ShareTarget, targetId: row.target_id, channel: row.channel as ShareChannel }
}

/** Whether what is shared exists and is public. */
async function shareTargetExists(db: Db, target: ShareTarget, id: number): Promise<boolean> {
  const found = async (q: { executeTakeFirst(): Promise<unknown> }) => (await q.executeTakeFirst()) !== undefined
  switch (target) {
    case 'article':
      return found(db.selectFrom('articles').select('id').where('id', '=', id))
    case 'listing':
      return found(db.selectFrom('listings').select('id').where('id', '=', id).where('status', 'in', ['published', 'resolved']))
    case 'studio':
      return found(
        db.selectFrom('users').select('id').where('id', '=', id).where('role', '=', 'expert').where('registered_at', 'is not', null).where('deleted_at', 'is', null),
      )
    case 'contest':
      return found(db.selectFrom('contests').select('id').where('id', '=', id))
    case 'talent':
      // A 乡土人才库 page is a person's (talentPath(userId)), public only while they are in the pool.
      return isInTalentPool(db, id)
  }
}

/**
 * The signed-in person's code for sharing a page on a channel: the same code every time. A code
 * the app proposes (it already put it into a Moments link) is kept when it is free.
 */
export async function createShare(deps: Pick<Deps, 'db' | 'now'>, user: UserRow, input: ShareCreate): Promise<Share> {
  const { db } = deps
  if (!(await shareTargetExists(db, input.target, input.targetId))) throw new AppError('SHARE_TARGET_NOT_FOUND', 404)
  const same = (row: ShareRow) =>
    row.sharer_id === user.id && row.target === input.target && row.target_id === input.targetId && row.channel === input.channel
  const insert = (code: string) =>
    insertShare(db, {
      code,
      sharer_id: user.id,
      target: input.target,
      target_id: input.targetId,
      channel: input.channel,
      region_code: user.region_code,
      created_at: deps.now().toISOString(),
    })

  // Only Moments needs a code made by the app (onShareTimeline answers before any request could);
  // a phone that lost its storage makes a new one for a page it shared before, so a few codes per
  // page are kept, no more (each code is a row: nobody mints codes by the thousand).
  if (input.code && input.channel === 'timeline') {
    const taken = await findShareByCode(db, input.code)
    if (taken && same(taken)) return toShare(taken)
    if (!taken && (await countSharesFor(db, user.id, input.target, input.targetId, input.channel)) < CODES_PER_PAGE) {
      try {
        return toShare(await insert(input.code))
      } catch (err) {
        if (!isUniqueViolation(err)) throw err
        const raced = await findShareByCode(db, input.code)
        if (raced && same(raced)) return toShare(raced)
      }
    }
    // Someone else's code (a one-in-2^96 clash, or a forged one): answer this person's own.
  }
  const existing = await findShareFor(db, user.id, input.target, input.targetId, input.channel)
  if (existing) return toShare(existing)
  for (let attempt = 0; ; attempt++) {
    try {
      return toShare(await insert(newCode()))
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 2) throw err
    }
  }
}

/** What a code points at (a page opened from a 小程序码 only knows its scene). */
export async function getShare(db: Db, code: string): Promise<Share> {
  const row = await findShareByCode(db, code)
  if (!row) throw new AppError('SHARE_NOT_FOUND', 404)
  return toShare(row)
}

export interface Viewer {
  user: UserRow | null
  visitorId: string | null
  ip: string
}

/** Someone opened a shared page: credit the sharer if this person has not counted for them before. */
export async function recordOpen(deps: Pick<Deps, 'db' | 'now'>, code: string, viewer: Viewer): Promise<{ credited: boolean }> {
  const { db } = deps
  const now = deps.now()
  await enforceRateLimit(db, `share-open:ip:${viewer.ip}`, OPENS_PER_IP, now)
  const share = await findShareByCode(db, code)
  if (!share) throw new AppError('SHARE_NOT_FOUND', 404)
  const visitorKey = viewer.visitorId ? `v:${viewer.visitorId}` : null
  let viewerKey: string
  let viewerId: number | null
  if (viewer.user) {
    viewerKey = `u:${viewer.user.id}`
    viewerId = viewer.user.id
    // The phone's visitor opens are this person's too (so they never count twice for a sharer).
    if (visitorKey) await claimVisitor(db, visitorKey, viewerId)
  } else if (visitorKey) {
    viewerKey = visitorKey
    viewerId = await ownerOfVisitor(db, visitorKey)
  } else {
    return { credited: false }
  }
  await enforceRateLimit(db, `share-open:viewer:${viewerKey}`, OPENS_PER_VIEWER, now)
  if (viewerId === share.sharer_id) return { credited: false }
  const keys = visitorKey && visitorKey !== viewerKey ? [viewerKey, visitorKey] : [viewerKey]
  if (await hasOpenFrom(db, share.sharer_id, keys, viewerId)) return { credited: false }
  try {
    await insertOpen(db, { share_id: share.id, sharer_id: share.sharer_id, viewer_key: viewerKey, viewer_id: viewerId, created_at: now.toISOString() })
    return { credited: true }
  } catch (err) {
    // The same person's open racing in twice: the unique index keeps one.
    if (isUniqueViolation(err)) return { credited: false }
    throw err
  }
}

/** The phone's visitor id, sent by the app as X-Visitor-Id with the registration (PUT /api/users/me). */
export function visitorIdOf(headers: Record<string, string | string[] | undefined>): string | null {
  const value = headers['x-visitor-id']
  return typeof value === 'string' && VISITOR_ID.test(value) ? value : null
}
const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/

/**
 * Called when a person completes their profile for the first time: credits the registration to
 * the sharer of their most recent open within SHARE_ATTRIBUTION_DAYS before it (inclusive), if any.
 * `visitorId` is the phone's id from before the person had an account.
 */
export async function creditRegistration(db: Db, user: UserRow, visitorId: string | null): Promise<boolean> {
  if (!user.registered_at) return false
  if (visitorId) await claimVisitor(db, `v:${visitorId}`, user.id)
  const registeredAt = user.registered_at
  const since = new Date(Date.parse(registeredAt) - ATTRIBUTION_MS).toISOString()
  const open = await db
    .selectFrom('share_opens as o')
    .innerJoin('users as s', 's.id', 'o.sharer_id')
    .select(['o.share_id', 'o.sharer_id'])
    .where('o.viewer_id', '=', user.id)
    .where('o.sharer_id', '!=', user.id)
    .where('s.deleted_at', 'is', null)
    .where('o.created_at', '>=', since)
    .where('o.created_at', '<=', registeredAt)
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .executeTakeFirst()
  if (!open) return false
  try {
    await db
      .insertInto('share_registrations')
      .values({ user_id: user.id, sharer_id: open.sharer_id, share_id: open.share_id, created_at: registeredAt })
      .execute()
    return true
  } catch (err) {
    if (isUniqueViolation(err)) return false
    throw err
  }
}

/** The volunteer's own numbers and places. */
export async function myShares(db: Db, user: UserRow): Promise<MyShares> {
  const stats = await statsOf(db, user.id)
  const county = user.region_code && user.region_code.length >= 6 ? (getRegion(user.region_code.slice(0, 6)) ?? null) : null
  const ranked = stats.shares > 0 && !!user.region_code
  const me = { id: user.id, registrations: stats.registrations, opens: stats.opens }
  const [countyRank, provinceRank] = ranked
    ? await Promise.all([county ? rankIn(db, county.code, me) : Promise.resolve(null), rankIn(db, '51', me)])
    : [null, null]
  return { ...stats, rank: { county: countyRank, province: provinceRank }, county }
}

/** 智慧科普传播员 of a county (the viewer's own unless named) or the province. */
export async function getLeaderboard(
  deps: Pick<Deps, 'db' | 'uploadUrl'>,
  user: UserRow,
  scope: LeaderboardScope,
  region: string | undefined,
): Promise<Leaderboard> {
  let code: string
  if (scope === 'province') code = '51'
  else {
    const wanted = region ?? user.region_code?.slice(0, 6)
    if (!wanted) return { scope, region: null, items: [] }
    if (!isCounty(wanted)) throw badRequest('REGION_INVALID', { region: '请选择四川省内的县（市、区）' })
    code = wanted
  }
  const rows = await leaderboard(deps.db, code, BOARD_SIZE)
  return {
    scope,
    region: getRegion(code) ?? null,
    items: rows.map((r, i) => {
      const path = r.region_code ? townshipPath(r.region_code) : undefined
      return {
        rank: i + 1,
        nickname: r.nickname ?? '微信用户',
        avatarUrl: r.avatar_path ? deps.uploadUrl(r.avatar_path) : null,
        place: path ? `${path.county.name} ${path.township.name}` : '',
        registrations: r.registrations,
        opens: r.opens,
        isMe: r.id === user.id,
      }
    }),
  }
}

/** A 小程序码 per code never changes: kept in memory so WeChat is asked once per code per instance. */
const POSTER_CACHE_MAX = 200
const posterCache = new Map<string, Buffer>()

export async function posterCode(deps: Pick<Deps, 'db' | 'wechat'>, code: string): Promise<Buffer> {
  const cached = posterCache.get(code)
  if (cached) return cached
  const share = await getShare(deps.db, code)
  const image = await deps.wechat.getUnlimitedQrCode({ scene: share.code, page: SHARE_PAGES[share.target], width: 430 })
  if (posterCache.size >= POSTER_CACHE_MAX) posterCache.delete(posterCache.keys().next().value!)
  posterCache.set(code, image)
  return image
}
