import { randomBytes } from 'node:crypto'
import { SHARE_ATTRIBUTION_DAYS, type ShareChannel, type ShareTarget } from '../../../../common/enums'
import type { Leaderboard, LeaderboardScope, MyShares, Share, ShareCreate } from '../../../../common/schemas/sharing'
import { isUniqueViolation, type Db } from '../../db/database'
import type { Deps } from '../../deps'
import { AppError, badRequest } from '../../errors'
import { enforceRateLimit, hitRateLimit, type RateRule } from '../../lib/rate-limit'
import { getRegion, isCounty, townshipPath } from '../regions/regions.data'
import { avatarOf, displayName } from '../users/people'
import type { UserRow } from '../users/users.repository'
import { isInTalentPool } from '../contests/talents.repository'
import { targetName } from '../article-links/article-links.service'
import { findArticle } from '../news/news.repository'
import {
  creditOpen,
  findLiveShare,
  findOpen,
  findShareByCode,
  countSharesFor,
  findShareFor,
  foldVisitorOpens,
  hasVisitorOpens,
  insertOpen,
  insertRegistration,
  insertShare,
  insertVisitor,
  latestOpenOf,
  leaderboard,
  ownerOfVisitor,
  ranksOf,
  statsOf,
  touchOpen,
  type OpenRow,
  type ShareRow,
} from './sharing.repository'

// Sharing that counts. A share is a short random code naming the sharer and a page; it travels in
// the link (?s=<code>) or as the 小程序码's scene. The rules, all enforced here:
// - a person is their account ('u:<user id>') whenever the server can tell: signed in, or on a
//   phone known to be theirs. The app keeps a random visitor id for good and sends it (X-Visitor-Id)
//   with every open and whenever it signs in, shares or registers; the first account a signed-in
//   request ties a phone to keeps it (visitors). Otherwise the person is the phone
//   ('v:<visitor id>'), and when the phone turns out to be someone's, its opens become theirs
//   (foldVisitorOpens: one row per sharer and person, the sharer's own opens dropped);
// - an open is credited to the sharer once per person (one share_opens row per (sharer, person)),
//   never for the sharer's own share, nor from a phone known to be the sharer's; opening again
//   only moves the row's last_opened_at;
// - one address credits at most CREDITED_PER_ADDRESS new people to one sharer a day. Beyond that
//   an open is kept but not credited (credited 0): it still leads to a registration, it is no open
//   on the boards. Opens are also rate-limited per address and per person (429);
// - when a person registers (completes the profile the first time), the registration goes to the
//   sharer of their latest open in the SHARE_ATTRIBUTION_DAYS before it (last_opened_at) — once
//   per person (unique share_registrations.user_id), never to themselves.
// What no server can tell apart: one person with fresh visitor ids on many addresses. Opens can be
// inflated that way, by CREDITED_PER_ADDRESS a day for each address they control; registrations
// cannot (each needs a WeChat account), which is why they rank the boards first.

const DAY_MS = 86_400_000
const ATTRIBUTION_MS = SHARE_ATTRIBUTION_DAYS * DAY_MS
/** A township training on one Wi-Fi is many people behind one address: generous per IP. */
const OPENS_PER_IP: RateRule = { limit: 120, windowMs: 60 * 60_000 }
const OPENS_PER_VIEWER: RateRule = { limit: 30, windowMs: 60 * 60_000 }
/**
 * New people one address may credit to one sharer per day. Low, because the address is what a
 * forger of visitor ids cannot choose freely (behind TRUST_PROXY, and an IPv6 address counts as
 * its /64 — see addressKey); the rest of a training room on one Wi-Fi still brings its
 * registrations, which rank first.
 */
const CREDITED_PER_ADDRESS: RateRule = { limit: 10, windowMs: DAY_MS }
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
  switch (target) {
    case 'article':
      return (await findArticle(db, id)) !== undefined
    case 'listing':
    case 'studio':
    case 'contest':
      // The same "exists and is public" as an article's link to it.
      return (await targetName(db, target, id)) !== undefined
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

/** What a code points at (a page opened from a 小程序码 only knows its scene); a deleted sharer's codes point nowhere. */
export async function getShare(db: Db, code: string): Promise<Share> {
  const row = await findLiveShare(db, code)
  if (!row) throw new AppError('SHARE_NOT_FOUND', 404)
  return toShare(row)
}

export interface Viewer {
  user: UserRow | null
  visitorId: string | null
  ip: string
}

/**
 * Ties the phone (its visitor id) to the signed-in person, unless it is someone's already (the
 * first account keeps it); a phone new to them brings its opens along. Answers whose phone it is.
 * Called on the signed-in requests that carry X-Visitor-Id: sign-in, sharing, opens and the profile.
 */
export async function rememberVisitor(deps: Pick<Deps, 'db' | 'now'>, userId: number, visitorId: string | null): Promise<number | null> {
  if (!visitorId) return null
  const { db } = deps
  // The tie is written (and visible) before the fold runs: an open of the phone written meanwhile is
  // either seen by the fold or sees the tie and folds itself (recordOpen). A fold that failed is
  // finished the next time the phone comes by.
  let owner = await ownerOfVisitor(db, visitorId)
  if (owner === null) owner = (await insertVisitor(db, visitorId, userId, deps.now().toISOString())) ? userId : await ownerOfVisitor(db, visitorId)
  if (owner !== null && (await hasVisitorOpens(db, visitorId))) await foldWithRetry(db, visitorId, owner)
  return owner
}

/** An open or another fold of the same person racing in trips a unique index: the next attempt sees it. */
async function foldWithRetry(db: Db, visitorId: string, userId: number): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await foldVisitorOpens(db, visitorId, userId)
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 2) throw err
    }
  }
}

/** Refused crediting: rolls back the transaction (and the hit on the address's allowance). */
class NotCredited extends Error {}

/**
 * Credits one open row, counting one new person for (address, sharer) today, in one transaction:
 * the row first (a replay of the same person waits on it, then finds it decided, and uses up no
 * allowance), then the allowance; over it, nothing changes.
 */
async function creditWithinAllowance(db: Db, openId: number, ip: string, sharerId: number, now: Date): Promise<boolean> {
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await creditOpen(trx, openId))) return false
      if (!(await hitRateLimit(trx, `share-open:credit:${sharerId}:${ip}`, CREDITED_PER_ADDRESS, now)).allowed) throw new NotCredited()
      return true
    })
  } catch (err) {
    if (err instanceof NotCredited) return false
    throw err
  }
}

/** Someone opened a shared page: credit the sharer if this person has not counted for them before. */
export async function recordOpen(deps: Pick<Deps, 'db' | 'now'>, code: string, viewer: Viewer): Promise<{ credited: boolean }> {
  const { db } = deps
  const now = deps.now()
  const at = now.toISOString()
  await enforceRateLimit(db, `share-open:ip:${viewer.ip}`, OPENS_PER_IP, now)
  const share = await findLiveShare(db, code)
  if (!share) throw new AppError('SHARE_NOT_FOUND', 404)
  const { visitorId } = viewer
  // The person, when the server can tell (their account), and whose phone this is.
  let personId: number | null
  let phoneOwner: number | null
  if (viewer.user) {
    personId = viewer.user.id
    phoneOwner = await rememberVisitor(deps, personId, visitorId)
  } else if (visitorId) {
    personId = phoneOwner = await ownerOfVisitor(db, visitorId)
  } else {
    return { credited: false }
  }
  const viewerKey = personId !== null ? `u:${personId}` : `v:${visitorId}`
  await enforceRateLimit(db, `share-open:viewer:${viewerKey}`, OPENS_PER_VIEWER, now)
  if (personId === share.sharer_id || phoneOwner === share.sharer_id) return { credited: false }

  const existing = await findOpen(db, share.sharer_id, viewerKey)
  if (existing) {
    // Opened again: the registration window runs from now. Counted already, unless an address's
    // allowance left it out before and this address has room today.
    await touchOpen(db, existing.id, at)
    if (existing.credited) return { credited: false }
    return { credited: await creditWithinAllowance(db, existing.id, viewer.ip, share.sharer_id, now) }
  }
  let opened: { row: OpenRow; credited: boolean }
  try {
    // One transaction: the same person's replays racing in wait on this row's unique key, then
    // fail on it, having used up none of the address's allowance.
    opened = await db.transaction().execute(async (trx) => {
      const inserted = await insertOpen(trx, {
        share_id: share.id,
        sharer_id: share.sharer_id,
        viewer_key: viewerKey,
        viewer_id: personId,
        created_at: at,
        last_opened_at: at,
        credited: 0,
      })
      const allowed = (await hitRateLimit(trx, `share-open:credit:${share.sharer_id}:${viewer.ip}`, CREDITED_PER_ADDRESS, now)).allowed
      if (allowed) await creditOpen(trx, inserted.id)
      return { row: inserted, credited: allowed }
    })
  } catch (err) {
    // The same person's open racing in twice: the unique index keeps one.
    if (isUniqueViolation(err)) return { credited: false }
    throw err
  }
  if (personId === null) {
    // The phone may have become someone's while this was written (the fold ran before the row
    // existed): fold it now, so the person still has one row per sharer.
    const owner = await ownerOfVisitor(db, visitorId!)
    if (owner !== null) {
      await foldWithRetry(db, visitorId!, owner)
      // Still credited if this row is the one the person kept (none is kept for the sharer's own phone).
      return { credited: opened.credited && (await findOpen(db, share.sharer_id, `u:${owner}`))?.id === opened.row.id }
    }
  }
  return { credited: opened.credited }
}

/** The phone's visitor id: X-Visitor-Id, sent by the app with opens, sign-in, sharing and the profile. */
export function visitorIdOf(headers: Record<string, string | string[] | undefined>): string | null {
  const value = headers['x-visitor-id']
  return typeof value === 'string' && VISITOR_ID.test(value) ? value : null
}
const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/

/**
 * Called when a person completes their profile for the first time (registered_at, on the app's
 * clock): credits the registration to the sharer of their latest open within
 * SHARE_ATTRIBUTION_DAYS before it (inclusive), if any. `visitorId` is the phone's: its opens from
 * before the person had an account become theirs first.
 */
export async function creditRegistration(deps: Pick<Deps, 'db' | 'now'>, user: UserRow, visitorId: string | null): Promise<boolean> {
  if (!user.registered_at) return false
  const { db } = deps
  await rememberVisitor(deps, user.id, visitorId)
  const registeredAt = user.registered_at
  const since = new Date(Date.parse(registeredAt) - ATTRIBUTION_MS).toISOString()
  const open = await latestOpenOf(db, user.id, since, new Date(registeredAt).toISOString())
  if (!open) return false
  return insertRegistration(db, { user_id: user.id, sharer_id: open.sharer_id, share_id: open.share_id, created_at: registeredAt })
}

/** The volunteer's own numbers and places. */
export async function myShares(db: Db, user: UserRow): Promise<MyShares> {
  const stats = await statsOf(db, user.id)
  const county = user.region_code && user.region_code.length >= 6 ? (getRegion(user.region_code.slice(0, 6)) ?? null) : null
  const ranked = stats.shares > 0 && !!user.region_code
  const me = { id: user.id, registrations: stats.registrations, opens: stats.opens }
  const rank = ranked ? await ranksOf(db, county?.code ?? null, me) : { county: null, province: null }
  return { ...stats, rank, county }
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
        nickname: displayName(r),
        avatarUrl: avatarOf(deps, r),
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
  // Looked up every time (one indexed read): a deleted sharer's code has no poster, cached or not.
  const share = await getShare(deps.db, code)
  const cached = posterCache.get(code)
  if (cached) return cached
  const image = await deps.wechat.getUnlimitedQrCode({ scene: share.code, page: SHARE_PAGES[share.target], width: 430 })
  if (posterCache.size >= POSTER_CACHE_MAX) posterCache.delete(posterCache.keys().next().value!)
  posterCache.set(code, image)
  return image
}
