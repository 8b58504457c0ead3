import { z } from 'zod'
import {
  ACHIEVEMENT_STAGES,
  CATEGORIES,
  LISTING_EVENTS,
  LISTING_KINDS,
  LISTING_SIDES,
  LISTING_STATUSES,
  RESPONSE_STATUSES,
  ROLES,
  TRANSFER_MODES,
} from '../enums'
import { ACHIEVEMENT_MESSAGES, isPatentNo, LISTING_LIMITS, normalizePatentNo, REVIEW_LIMITS } from '../rules'
import { bodyId, cursorParam, dbId, mobilePhone, page, text } from './common'
import { regionCode, regionPath, townshipCode } from './regions'

// 科技所能所需. Contact details travel only in `contact` fields, which the server fills for the
// owner and for accepted parties and leaves null for everyone else.

export const category = z.enum(CATEGORIES, { message: 'CATEGORY_INVALID' })
export const listingSide = z.enum(LISTING_SIDES)

export const contactInput = z.object({
  name: text(...LISTING_LIMITS.contactName),
  phone: mobilePhone,
  /** e.g. "微信同号，晚上打" */
  note: text(...LISTING_LIMITS.contactNote).optional(),
})
export type ContactInput = z.infer<typeof contactInput>

/** A chair posting for a farmer (代发): who the farmer is and that they agreed. */
export const proxyInput = z.object({
  name: text(...LISTING_LIMITS.proxyName),
  phone: mobilePhone,
  regionCode: townshipCode,
  consent: z.literal(true, { message: 'PROXY_CONSENT_REQUIRED' }),
})

/** A patent or plant-variety number (common/rules/listings.ts `isPatentNo`), stored normalised. */
export const patentNo = z
  .string()
  .max(LISTING_LIMITS.patentNoMax, { message: 'PATENT_NO_INVALID' })
  .transform(normalizePatentNo)
  .refine((s) => s === '' || isPatentNo(s), { message: 'PATENT_NO_INVALID' })
  // An empty field means "no patent", as null does.
  .transform((s) => (s === '' ? null : s))

export const listingKind = z.enum(LISTING_KINDS)
export const achievementStage = z.enum(ACHIEVEMENT_STAGES)
export const transferMode = z.enum(TRANSFER_MODES)

/** What only a 科技成果 has. Missing (or null) on an achievement → ACHIEVEMENT_FIELDS_REQUIRED. */
export const achievementFields = z.object(
  {
    stage: achievementStage,
    transferMode,
    patentNo: patentNo.nullable().default(null),
    /** The institution that owns the achievement (单位). */
    institution: text(...LISTING_LIMITS.institution),
  },
  { error: (issue) => (issue.input === undefined || issue.input === null ? 'ACHIEVEMENT_FIELDS_REQUIRED' : undefined) },
)
export type AchievementFields = z.infer<typeof achievementFields>

const listingFields = {
  side: listingSide,
  title: text(...LISTING_LIMITS.title),
  category,
  regionCode: townshipCode,
  description: text(...LISTING_LIMITS.description),
  /** Ids from POST /api/uploads (photos already uploaded, checked and resized). */
  photoIds: z.array(z.number().int().positive()).max(LISTING_LIMITS.photos, { message: 'PHOTO_LIMIT' }).default([]),
  contact: contactInput,
  /** 向专家提问: the expert (their user id, from a 科创工作室) a need is put to. Needs only. */
  expertId: bodyId.nullable().default(null),
}

/** A 所能所需 post: a need or an offer, perhaps posted by a chair for a farmer (代发). */
const postInput = z.object({
  kind: z.literal('post').default('post'),
  ...listingFields,
  proxy: proxyInput.nullable().default(null),
  achievement: z.null({ error: ACHIEVEMENT_MESSAGES.onPost }).default(null),
})

/** A 科技成果: always an offer, posted by the expert themselves, with its own fields. */
const achievementInput = z.object({
  kind: z.literal('achievement'),
  ...listingFields,
  side: z.literal('offer', { error: ACHIEVEMENT_MESSAGES.side }),
  proxy: z.null({ error: ACHIEVEMENT_MESSAGES.proxy }).default(null),
  achievement: achievementFields,
})

/** A post or a 科技成果, told apart by `kind` (a post when left out). */
export const listingInput = z
  .discriminatedUnion('kind', [postInput, achievementInput])
  .meta({
    description: 'kind 为 post（默认）时 achievement 须为空；为 achievement 时 side 须为 offer、不能代发，并须填写 achievement',
    examples: [
      {
        kind: 'post',
        side: 'need',
        title: '牦牛冬季补饲技术求助',
        category: 'breeding',
        regionCode: '513328200',
        description: '家里三十头牦牛，入冬后掉膘厉害，想请专家指导补饲配方和圈舍保暖。',
        photoIds: [],
        contact: { name: '扎西', phone: '13800001234', note: '晚上打' },
      },
      {
        kind: 'achievement',
        side: 'offer',
        title: '高原青稞抗倒伏新品种',
        category: 'planting',
        regionCode: '513328200',
        description: '适合海拔三千米以上种植，亩产提高一成，已在甘孜县试种三年。',
        contact: { name: '李建国', phone: '13712340011' },
        achievement: { stage: 'pilot', transferMode: 'license', patentNo: 'ZL202110123456.7', institution: '四川省农业科学院' },
      },
    ],
  })
/** What a form fills, whichever the kind (the schema above is stricter: `kind` decides the rest). */
export type ListingInput = Omit<z.input<typeof postInput>, 'kind' | 'achievement'> & {
  kind?: z.infer<typeof listingKind>
  achievement?: z.input<typeof achievementFields> | null
}

/** A client-made key so a submit retried after a network failure creates one post. */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { message: 'IDEMPOTENCY_KEY_INVALID' })

/** Search ranks a bounded window of matches (server listings.search.ts): no page beyond this. */
export const SEARCH_PAGE_MAX = 50

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
  /** The previous page's `next` (browsing and search alike). */
  cursor: cursorParam,
  /** Compatibility (remove 2027-03-01): the newest-first keyset id older builds send; ignored when searching. */
  before: dbId.optional(),
  /** Compatibility (remove 2027-03-01): the search results page (1-based) older builds send with `q`. */
  page: z.coerce.number().int().min(1).max(SEARCH_PAGE_MAX).default(1),
})
/** GET /api/listings/mine: the caller's own posts, newest first. */
export const myListingsQuery = z.object({
  cursor: cursorParam,
  /** Compatibility (remove 2027-03-01): the id of the last post shown. */
  before: dbId.optional(),
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
  /** 向专家提问: the expert this need was put to (their studio is askedExpert.id); null for other posts. */
  askedExpert: person.nullable(),
  /** Only for the owner and for accepted parties; null for everyone else. */
  contact: contact.nullable(),
  rejectReason: z.string().nullable(),
  timeline: z.array(listingEvent),
  /** What the viewer may do, so the app shows the right buttons. */
  viewer: z.object({
    isOwner: z.boolean(),
    canRespond: z.boolean(),
    /**
     * The owner's buttons (common/rules listingActions): edit, close, mark resolved. Always false
     * for anyone else, so the app need not know which statuses allow what.
     */
    canEdit: z.boolean(),
    canClose: z.boolean(),
    canResolve: z.boolean(),
    /** The viewer's own response, if any. */
    response: z.object({ id: z.number(), status: z.enum(RESPONSE_STATUSES) }).nullable(),
  }),
})
export type Listing = z.infer<typeof listing>

export const listingPage = page(listingSummary).extend({
  /** Compatibility (remove 2027-03-01): older builds read these instead of `next`. Browsing: the last id shown. */
  nextCursor: z.number().nullable(),
  /** Compatibility (remove 2027-03-01): for search, the next page number. */
  nextPage: z.number().nullable(),
})
export type ListingPage = z.infer<typeof listingPage>

export const responseInput = z
  .object({
    message: text(...LISTING_LIMITS.response),
    /** How the owner can reach the responder once accepted; defaults to the phone bound in the profile. */
    phone: mobilePhone.optional(),
  })
  .meta({ examples: [{ message: '我是县畜牧站的兽医，可以上门看看牦牛的情况。', phone: '13900001111' }] })

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

export const feedbackInput = z
  .object({ rating: z.number().int().min(LISTING_LIMITS.rating[0]).max(LISTING_LIMITS.rating[1]), text: text(...LISTING_LIMITS.feedback) })
  .meta({ examples: [{ rating: 5, text: '专家来得很及时，问题解决了。' }] })

export const rejectInput = z.object({ reason: text(...REVIEW_LIMITS.rejectReason) }).meta({ examples: [{ reason: '联系方式不完整，请补充后重新提交' }] })

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
