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
import {
  ACHIEVEMENT_MESSAGES,
  CONTROL_MESSAGE,
  fitsLength,
  isPatentNo,
  isRecord,
  isVoiceId,
  isVoiceOnlyNeed,
  lengthMessage,
  limitBesideVoice,
  LISTING_LIMITS,
  normalizePatentNo,
  REVIEW_LIMITS,
  type Limit,
} from '../rules'
import { cleanText, hasControlChars } from '../text'
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

/**
 * Text a voice note may stand in for (a need asked by voice, a response by voice): control
 * characters and the type are checked here, the length by `lengthsBesideVoice` on the whole body,
 * which knows whether a voice note goes with it (common/rules isVoiceOnlyNeed).
 */
function besideVoice([min, max]: Limit, description: string) {
  return z
    .string()
    .overwrite(cleanText)
    .refine((s) => !hasControlChars(s), { message: CONTROL_MESSAGE })
    .meta({ minLength: 0, maxLength: max, description: `${min}–${max} 个字；${description}` })
}

/** The lengths of `fields` (path → limit), at least 0 when `voice(body)`: issues as text() words them. */
function lengthsBesideVoice(fields: Record<string, Limit>, voice: (body: Record<string, unknown>) => boolean) {
  return [
    (body: unknown, ctx: z.RefinementCtx) => {
      if (!isRecord(body)) return
      const spoken = voice(body)
      for (const [path, limit] of Object.entries(fields)) {
        const value = body[path]
        // Not text, or a control character: the field's own issue says so (and outranks a length, as in text()).
        if (typeof value !== 'string' || hasControlChars(value)) continue
        const own = limitBesideVoice(limit, spoken)
        if (!fitsLength(cleanText(value), own)) ctx.addIssue({ code: 'custom', path: [path], message: lengthMessage(own), input: value })
      }
    },
    // Also when another field is wrong: a blank form hears about every field at once.
    { when: () => true },
  ] as const
}

const VOICE_ONLY = '带语音的需求（voiceId）可为空，空标题由分类生成（语音求助·分类）'

const listingFields = {
  side: listingSide,
  title: besideVoice(LISTING_LIMITS.title, VOICE_ONLY),
  category,
  regionCode: townshipCode,
  description: besideVoice(LISTING_LIMITS.description, VOICE_ONLY),
  /** Ids from POST /api/uploads (photos already uploaded, checked and resized). */
  photoIds: z.array(z.number().int().positive()).max(LISTING_LIMITS.photos, { message: 'PHOTO_LIMIT' }).default([]),
  contact: contactInput,
  /** 向专家提问: the expert (their user id, from a 科创工作室) a need is put to. Needs only. */
  expertId: bodyId.nullable().default(null),
  /** A voice note from POST /api/uploads/voice. With one, a need may have no title or description. */
  voiceId: bodyId.nullable().default(null),
}

const listingLengths = lengthsBesideVoice({ title: LISTING_LIMITS.title, description: LISTING_LIMITS.description }, isVoiceOnlyNeed)

/** A 所能所需 post: a need or an offer, perhaps posted by a chair for a farmer (代发). */
const postInput = z
  .object({
    kind: z.literal('post').default('post'),
    ...listingFields,
    proxy: proxyInput.nullable().default(null),
    achievement: z.null({ error: ACHIEVEMENT_MESSAGES.onPost }).default(null),
  })
  .superRefine(...listingLengths)

/** A 科技成果: always an offer, posted by the expert themselves, with its own fields. */
const achievementInput = z
  .object({
    kind: z.literal('achievement'),
    ...listingFields,
    side: z.literal('offer', { error: ACHIEVEMENT_MESSAGES.side }),
    proxy: z.null({ error: ACHIEVEMENT_MESSAGES.proxy }).default(null),
    achievement: achievementFields,
  })
  .superRefine(...listingLengths)

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

/**
 * A voice note as views carry it (MP3, plays on the mini program and in browsers alike): null when
 * there is none, or none this viewer may hear yet. `id` is what an edit sends back as voiceId.
 */
export const voice = z.object({ id: z.number(), url: z.string(), durationMs: z.number() })
export type Voice = z.infer<typeof voice>

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
  /** 语音求助: heard by everyone once approved and passed by WeChat's audio check; before, by the owner and staff. */
  voice: voice.nullable(),
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
    /** A need said only by voice, titled from its category: the township's verified chair or staff of its area may write its title (PUT /api/listings/:id/title). */
    canRetitle: z.boolean(),
    /** A need whose 保姆单 (科服保姆's service record) the viewer reads: staff of its area, its county's 科服保姆, its township's verified chair. */
    readsTriage: z.boolean(),
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
    /** May be empty or left out when a voice note goes with it. */
    message: besideVoice(LISTING_LIMITS.response, '带语音（voiceId）时可为空或不填').default(''),
    /** A voice note from POST /api/uploads/voice (an expert's spoken answer). */
    voiceId: bodyId.nullable().default(null),
    /** How the owner can reach the responder once accepted; defaults to the phone bound in the profile. */
    phone: mobilePhone.optional(),
  })
  .superRefine(...lengthsBesideVoice({ message: LISTING_LIMITS.response }, (body) => isVoiceId(body.voiceId)))
  .meta({ examples: [{ message: '我是县畜牧站的兽医，可以上门看看牦牛的情况。', phone: '13900001111' }, { voiceId: 12 }] })

export const listingResponse = z.object({
  id: z.number(),
  listingId: z.number(),
  responder: person,
  /** Empty when the response is a voice note alone. */
  message: z.string(),
  /** An answer by voice: the owner hears it once WeChat's audio check passed, its responder at once. */
  voice: voice.nullable(),
  /** A note goes with it that WeChat has not finished checking: the owner is told it is on its way rather than shown an empty answer. */
  voicePending: z.boolean(),
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

/**
 * PUT /api/listings/:id/title: a need asked by voice gets a title from its category (语音求助·养殖);
 * staff of its area or the verified chair of its township put the herder's question into words.
 */
export const retitleInput = z.object({ title: text(...LISTING_LIMITS.title) }).meta({ examples: [{ title: '牦牛冬季掉膘，求补饲配方' }] })

export const rejectInput = z.object({ reason: text(...REVIEW_LIMITS.rejectReason) }).meta({ examples: [{ reason: '联系方式不完整，请补充后重新提交' }] })

export const upload = z.object({ id: z.number(), url: z.string(), thumbUrl: z.string() })

/** POST /api/uploads/voice: the note's id for a post or a response, where it plays, its length as the server measured it. */
export const voiceUpload = voice

export const match = listingSummary.extend({ score: z.number() })
export const matchList = z.object({ items: z.array(match) })

export const myResponse = z.object({
  id: z.number(),
  status: z.enum(RESPONSE_STATUSES),
  /** Empty when the answer is a voice note alone. */
  message: z.string(),
  /** Their answer by voice (they hear it before WeChat's audio check; gone if found risky). */
  voice: voice.nullable(),
  createdAt: z.string(),
  listing: listingSummary,
})
export const myResponseList = z.object({ items: z.array(myResponse) })
export type MyResponse = z.infer<typeof myResponse>
