import { z } from 'zod'
import {
  ACHIEVEMENT_STAGES,
  CATEGORIES,
  LISTING_EVENTS,
  LISTING_KINDS,
  LISTING_SIDES,
  LISTING_STATUSES,
  MAX_LISTING_PHOTOS,
  RESPONSE_STATUSES,
  ROLES,
  TRANSFER_MODES,
} from '../enums'
import { dbId, text } from './common'
import { regionCode, regionPath, townshipCode } from './regions'

// 科技所能所需. Contact details travel only in `contact` fields, which the server fills for the
// owner and for accepted parties and leaves null for everyone else.

export const mobilePhone = z.string().regex(/^1[3-9]\d{9}$/, { message: 'PHONE_INVALID' })
export const category = z.enum(CATEGORIES, { message: 'CATEGORY_INVALID' })
export const listingSide = z.enum(LISTING_SIDES)

export const contactInput = z.object({
  name: text(1, 20),
  phone: mobilePhone,
  /** e.g. "微信同号，晚上打" */
  note: text(0, 40).optional(),
})
export type ContactInput = z.infer<typeof contactInput>

/** A chair posting for a farmer (代发): who the farmer is and that they agreed. */
export const proxyInput = z.object({
  name: text(1, 20),
  phone: mobilePhone,
  regionCode: townshipCode,
  consent: z.literal(true, { message: 'PROXY_CONSENT_REQUIRED' }),
})

/**
 * A Chinese patent number (ZL + 8 or 12 digits + . + check digit; "ZL" and spaces optional) or a
 * plant-variety right (CNA + 8–9 digits + . + digit). Stored normalised: upper case, no spaces.
 */
export const patentNo = z
  .string()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .refine((s) => s === '' || /^(ZL)?(\d{8}|\d{12})\.[\dX]$/.test(s) || /^CNA\d{8,9}\.\d$/.test(s), { message: 'PATENT_NO_INVALID' })
  // An empty field means "no patent", as null does.
  .transform((s) => (s === '' ? null : s))

export const listingKind = z.enum(LISTING_KINDS)
export const achievementStage = z.enum(ACHIEVEMENT_STAGES)
export const transferMode = z.enum(TRANSFER_MODES)

/** What only a 科技成果 has. */
export const achievementFields = z.object({
  stage: achievementStage,
  transferMode,
  patentNo: patentNo.nullable().default(null),
  /** The institution that owns the achievement (单位). */
  institution: text(2, 50),
})
export type AchievementFields = z.infer<typeof achievementFields>

export const listingInput = z
  .object({
    kind: listingKind.default('post'),
    side: listingSide,
    title: text(4, 40),
    category,
    regionCode: townshipCode,
    description: text(10, 2000),
    /** Ids from POST /api/uploads (photos already uploaded, checked and resized). */
    photoIds: z.array(z.number().int().positive()).max(MAX_LISTING_PHOTOS, { message: 'PHOTO_LIMIT' }).default([]),
    contact: contactInput,
    proxy: proxyInput.nullable().default(null),
    /** Required for kind 'achievement', absent otherwise. */
    achievement: achievementFields.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'achievement') {
      if (!v.achievement) ctx.addIssue({ code: 'custom', path: ['achievement'], message: 'ACHIEVEMENT_FIELDS_REQUIRED' })
      if (v.side !== 'offer') ctx.addIssue({ code: 'custom', path: ['side'], message: '科技成果属于科技所能' })
      if (v.proxy) ctx.addIssue({ code: 'custom', path: ['proxy'], message: '科技成果不能代发' })
    } else if (v.achievement) {
      ctx.addIssue({ code: 'custom', path: ['achievement'], message: '只有科技成果需要填写成果信息' })
    }
  })
export type ListingInput = z.input<typeof listingInput>

/** A client-made key so a submit retried after a network failure creates one post. */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { message: 'IDEMPOTENCY_KEY_INVALID' })

export const listingQuery = z.object({
  /** 所能所需 posts by default; 'achievement' for 科技成果. */
  kind: listingKind.default('post'),
  side: listingSide.optional(),
  stage: achievementStage.optional(),
  category: category.optional(),
  /** A prefecture, county or township code: posts in that area. */
  region: regionCode.optional(),
  q: z.string().trim().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** Newest-first keyset cursor (browsing); ignored when searching. */
  before: dbId.optional(),
  /** Search results page (1-based), when `q` is given. */
  page: z.coerce.number().int().min(1).max(50).default(1),
})
export type ListingQuery = z.input<typeof listingQuery>

export const photo = z.object({ id: z.number(), url: z.string(), thumbUrl: z.string() })
export type Photo = z.infer<typeof photo>

export const person = z.object({
  id: z.number(),
  nickname: z.string(),
  avatarUrl: z.string().nullable(),
  role: z.enum(ROLES).nullable(),
  verified: z.boolean(),
})
export type Person = z.infer<typeof person>

export const contact = z.object({ name: z.string(), phone: z.string(), note: z.string().nullable() })
export type Contact = z.infer<typeof contact>

export const listingSummary = z.object({
  id: z.number(),
  kind: listingKind,
  side: listingSide,
  title: z.string(),
  category,
  region: regionPath,
  excerpt: z.string(),
  thumbUrl: z.string().nullable(),
  author: person,
  /** "由 甘孜镇科协 代发" when a chair posted for a farmer. */
  proxyLabel: z.string().nullable(),
  status: z.enum(LISTING_STATUSES),
  /** For a 科技成果: stage, transfer mode, patent number, institution; null for a post. */
  achievement: z.object({ stage: achievementStage, transferMode, patentNo: z.string().nullable(), institution: z.string() }).nullable(),
  responseCount: z.number(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
})
export type ListingSummary = z.infer<typeof listingSummary>

export const listingEvent = z.object({
  kind: z.enum(LISTING_EVENTS),
  at: z.string(),
  note: z.string().nullable(),
})

export const listing = listingSummary.extend({
  description: z.string(),
  photos: z.array(photo),
  /** For a 代发 post: the farmer's name (always shown) — their phone only as the contact. */
  proxyName: z.string().nullable(),
  /** Only for the owner and for accepted parties; null for everyone else. */
  contact: contact.nullable(),
  rejectReason: z.string().nullable(),
  timeline: z.array(listingEvent),
  /** What the viewer may do, so the app shows the right buttons. */
  viewer: z.object({
    isOwner: z.boolean(),
    canRespond: z.boolean(),
    /** The viewer's own response, if any. */
    response: z.object({ id: z.number(), status: z.enum(RESPONSE_STATUSES) }).nullable(),
  }),
})
export type Listing = z.infer<typeof listing>

export const listingPage = z.object({
  items: z.array(listingSummary),
  nextCursor: z.number().nullable(),
  /** For search: the next page number, or null. */
  nextPage: z.number().nullable(),
})
export type ListingPage = z.infer<typeof listingPage>

export const responseInput = z.object({
  message: text(2, 200),
  /** How the owner can reach the responder once accepted; defaults to the phone bound in the profile. */
  phone: mobilePhone.optional(),
})

export const listingResponse = z.object({
  id: z.number(),
  listingId: z.number(),
  responder: person,
  message: z.string(),
  status: z.enum(RESPONSE_STATUSES),
  /** The responder's contact: only for the owner once accepted, and for the responder. */
  contact: contact.nullable(),
  createdAt: z.string(),
  feedback: z.array(z.object({ fromOwner: z.boolean(), rating: z.number(), text: z.string(), at: z.string() })),
})
export type ListingResponse = z.infer<typeof listingResponse>

export const feedbackInput = z.object({ rating: z.number().int().min(1).max(5), text: text(0, 200) })

export const rejectInput = z.object({ reason: text(2, 200) })

export const upload = z.object({ id: z.number(), url: z.string(), thumbUrl: z.string() })

export const match = listingSummary.extend({ score: z.number() })
export const matchList = z.object({ items: z.array(match) })

export const myResponse = z.object({
  id: z.number(),
  status: z.enum(RESPONSE_STATUSES),
  message: z.string(),
  createdAt: z.string(),
  listing: listingSummary,
})
export const myResponseList = z.object({ items: z.array(myResponse) })
export type MyResponse = z.infer<typeof myResponse>
