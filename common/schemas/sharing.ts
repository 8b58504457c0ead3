import { z } from 'zod'
import { SHARE_CHANNELS, SHARE_TARGETS } from '../enums'
import { bodyId } from './common'
import { region } from './regions'

// Sharing that counts (issue 6, functions 5 and 6).
// The app imports TYPES ONLY from this file (zod must not enter the mini program bundle).

// ---------------------------------------------------------------- shares

/** Random, URL- and 小程序码-scene-safe (getwxacodeunlimit: ≤ 32 characters). */
export const SHARE_CODE_PATTERN = /^[A-Za-z0-9_-]{8,32}$/
export const shareCode = z.string().regex(SHARE_CODE_PATTERN, { message: 'SHARE_NOT_FOUND' })
export const shareCodeParam = z.object({ code: shareCode })

export const shareTarget = z.enum(SHARE_TARGETS)
export const shareChannel = z.enum(SHARE_CHANNELS)

export const shareCreateBody = z.object({
  target: shareTarget,
  targetId: bodyId,
  channel: shareChannel,
  /**
   * A code the app already put into a link (onShareTimeline must answer at once, before any
   * request could return); the server keeps it when it is free.
   */
  code: z.string().regex(SHARE_CODE_PATTERN).optional(),
}).meta({ examples: [{ target: 'listing', targetId: 3, channel: 'chat' }] })
export type ShareCreate = z.infer<typeof shareCreateBody>

export const shareResponse = z.object({
  code: z.string(),
  target: shareTarget,
  targetId: z.number(),
  channel: shareChannel,
})
export type Share = z.infer<typeof shareResponse>

/** A random id the app keeps in the phone's storage for good; it travels as X-Visitor-Id. */
export const visitorId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/)
/** Earlier builds sent the visitor id in the body; X-Visitor-Id wins when both are there. No body is fine. */
export const shareOpenBody = z
  .object({ visitorId: visitorId.optional() })
  .nullish()
  .meta({ examples: [{ visitorId: 'k3J9xQ2mZ7pL0aB4' }] })
export const shareOpenResponse = z.object({
  /**
   * Whether this open counted for the sharer (false: their own share or phone, this person counted
   * already, the address brought its share of new people today, or no viewer).
   */
  credited: z.boolean(),
})

export const shareStats = z.object({ shares: z.number(), opens: z.number(), registrations: z.number() })

export const myShares = shareStats.extend({
  /** Places among 智慧科普传播员 (registrations, then opens); null when not ranked there. */
  rank: z.object({ county: z.number().nullable(), province: z.number().nullable() }),
  county: region.nullable(),
})
export type MyShares = z.infer<typeof myShares>

/** What one shared page brought: the people who first came through it, and who registered after. */
export const sharedPageResult = z.object({
  target: z.enum(SHARE_TARGETS),
  targetId: z.number(),
  /** The article's title, the post's, the contest's name, the expert's or talent's name; 已删除 when gone. */
  title: z.string(),
  opens: z.number(),
  registrations: z.number(),
})
export const shareResults = z.object({
  /** Every page the volunteer shared, the ones that brought registrations, then opens, first. */
  pages: z.array(sharedPageResult),
  /** The last six months in China time, oldest first, with months that brought nothing. */
  months: z.array(z.object({ month: z.string(), opens: z.number(), registrations: z.number() })),
})
export type ShareResults = z.infer<typeof shareResults>
export type SharedPageResult = z.infer<typeof sharedPageResult>

export const LEADERBOARD_SCOPES = ['county', 'province'] as const
export type LeaderboardScope = (typeof LEADERBOARD_SCOPES)[number]

export const leaderboardQuery = z.object({
  scope: z.enum(LEADERBOARD_SCOPES).default('county'),
  /** A county code (6 digits) for scope=county; the viewer's own county when left out. */
  region: z.string().regex(/^51(\d{4})?$/, { message: 'REGION_INVALID' }).optional(),
})

export const leaderboardEntry = shareStats.omit({ shares: true }).extend({
  rank: z.number(),
  nickname: z.string(),
  avatarUrl: z.string().nullable(),
  /** 甘孜县 来马镇 */
  place: z.string(),
  isMe: z.boolean(),
})
export const leaderboardResponse = z.object({
  scope: z.enum(LEADERBOARD_SCOPES),
  region: region.nullable(),
  items: z.array(leaderboardEntry),
})
export type Leaderboard = z.infer<typeof leaderboardResponse>
export type LeaderboardEntry = z.infer<typeof leaderboardEntry>
