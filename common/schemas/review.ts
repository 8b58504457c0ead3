import { z } from 'zod'
import { CATEGORIES, LISTING_KINDS, LISTING_SIDES, ROLES, VERIFICATION_STATUSES } from '../enums'
import { dbId } from './common'
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
export const verificationRequest = z.object({
  note: z.string().trim().max(200).optional(),
  institution: z.string().trim().min(2).max(50).optional(),
  title: z.string().trim().min(2).max(30).optional(),
  /** An upload id (POST /api/uploads) of a certificate photo. */
  certificateId: dbId.optional(),
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
