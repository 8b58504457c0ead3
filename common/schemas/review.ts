import { z } from 'zod'
import { CATEGORIES, LISTING_KINDS, LISTING_SIDES, ROLES, VERIFICATION_STATUSES } from '../enums'
import { REVIEW_LIMITS } from '../rules'
import { dbId, text } from './common'
import { listingSummary, person } from './listings'
import { regionPath } from './regions'

// Staff work queues. One review mechanism for everything people publish: `kind` names what is
// reviewed (posts now; achievements join later) so the queue, the decision and the notice are
// one piece of code.
const REVIEW_KINDS = ['listing'] as const
const reviewKind = z.enum(REVIEW_KINDS)
export type ReviewKind = z.infer<typeof reviewKind>

export const reviewItem = z.object({
  kind: reviewKind,
  id: z.number(),
  title: z.string(),
  side: z.enum(LISTING_SIDES).nullable(),
  /** A 所能所需 post or a 科技成果 (with its stage, transfer mode, patent number, institution). */
  listingKind: z.enum(LISTING_KINDS),
  achievement: listingSummary.shape.achievement,
  category: z.enum(CATEGORIES),
  region: regionPath,
  description: z.string(),
  author: person,
  proxyLabel: z.string().nullable(),
  proxyName: z.string().nullable(),
  /** WeChat's text check said 'review': look closer. */
  flagged: z.boolean(),
  photos: z.array(z.object({ url: z.string(), thumbUrl: z.string(), check: z.enum(['pending', 'pass']) })),
  submittedAt: z.string(),
})
export type ReviewItem = z.infer<typeof reviewItem>
export const reviewQueue = z.object({ items: z.array(reviewItem) })

export const reviewParams = z.object({ kind: reviewKind, id: dbId })

/** A 科技工作者 gives institution and title (and may add a certificate photo); a chair a note. */
export const verificationRequest = z
  .object({
    note: text(...REVIEW_LIMITS.verificationNote).optional(),
    institution: text(...REVIEW_LIMITS.institution).optional(),
    title: text(...REVIEW_LIMITS.jobTitle).optional(),
    /** An upload id (POST /api/uploads) of a certificate photo. */
    certificateId: dbId.optional(),
  })
  .meta({
    description: '科技工作者须填写 institution 与 title（否则 VERIFICATION_DETAILS_REQUIRED），可附证书照片；乡镇科协主席填写 note 即可',
    examples: [{ institution: '四川省农业科学院', title: '副研究员', certificateId: 7 }, { note: '甘孜县呷拉乡科协主席，电话见个人资料' }],
  })

export const verification = z.object({
  id: z.number(),
  user: person,
  role: z.enum(ROLES),
  note: z.string().nullable(),
  institution: z.string().nullable(),
  title: z.string().nullable(),
  /** Only for the person and staff. */
  certificateUrl: z.string().nullable(),
  status: z.enum(VERIFICATION_STATUSES),
  reason: z.string().nullable(),
  region: regionPath.nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
})
export type Verification = z.infer<typeof verification>
export const verificationList = z.object({ items: z.array(verification) })
export const verificationQuery = z.object({ status: z.enum(VERIFICATION_STATUSES).default('pending') })
