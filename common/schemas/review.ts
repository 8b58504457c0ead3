import { z } from 'zod'
import { CATEGORIES, LISTING_KINDS, LISTING_SIDES, ROLES, VERIFICATION_STATUSES } from '../enums'
import { BULK_DECISION_MAX, REVIEW_LIMITS } from '../rules'
import { dbId, text } from './common'
import { listingSummary, person, rejectInput, voice } from './listings'
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
  /** WeChat's text check said 'review', or its audio check found the voice note risky: look closer. */
  flagged: z.boolean(),
  photos: z.array(z.object({ url: z.string(), thumbUrl: z.string(), check: z.enum(['pending', 'pass']) })),
  /** 语音求助: staff listen before approving; `check` is WeChat's audio check so far (a risky note is not offered). */
  voice: voice.extend({ check: z.enum(['pending', 'pass']) }).nullable(),
  submittedAt: z.string(),
})
export type ReviewItem = z.infer<typeof reviewItem>
export const reviewQueue = z.object({ items: z.array(reviewItem) })

export const reviewParams = z.object({ kind: reviewKind, id: dbId })

/**
 * What a person sends to have their role verified: the fields VERIFICATION_REQUIRED
 * (common/rules/review.ts) names for their role, with a proof photo uploaded first to
 * POST /api/verifications/proofs (private: only staff deciding the claim and the person see it).
 */
export const verificationRequest = z
  .object({
    note: text(...REVIEW_LIMITS.verificationNote).optional(),
    /** A chair's real name and post (职务). */
    realName: text(...REVIEW_LIMITS.realName, { singleLine: true }).optional(),
    post: text(...REVIEW_LIMITS.post, { singleLine: true }).optional(),
    /** An expert's institution and title. */
    institution: text(...REVIEW_LIMITS.institution).optional(),
    title: text(...REVIEW_LIMITS.jobTitle).optional(),
    /** The id POST /api/verifications/proofs answered: appointment letter, work card or certificate. */
    proofId: dbId.optional(),
  })
  .meta({
    description:
      '乡镇科协主席须填写 realName、post 并附任命文件或工作证照片 proofId；科技工作者须填写 institution、title 并附证书照片 proofId（否则 VERIFICATION_DETAILS_REQUIRED）',
    examples: [
      { realName: '泽仁卓玛', post: '科协主席', proofId: 7, note: '甘孜县呷拉乡' },
      { institution: '四川省农业科学院', title: '副研究员', proofId: 8 },
    ],
  })

export type VerificationRequest = z.infer<typeof verificationRequest>

/** An uploaded proof photo: its id for the request. No URL: it is never public. */
export const proofUpload = z.object({ id: z.number() })

export const verification = z.object({
  id: z.number(),
  user: person,
  role: z.enum(ROLES),
  note: z.string().nullable(),
  realName: z.string().nullable(),
  post: z.string().nullable(),
  institution: z.string().nullable(),
  title: z.string().nullable(),
  /**
   * The proof photo's authorised address (GET, with the session): only the person and staff
   * deciding the claim get the image. Null once erased (proofErasedAt) or when none was sent.
   */
  proofUrl: z.string().nullable(),
  proofErasedAt: z.string().nullable(),
  status: z.enum(VERIFICATION_STATUSES),
  reason: z.string().nullable(),
  region: regionPath.nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
})
export type Verification = z.infer<typeof verification>
export const verificationList = z.object({ items: z.array(verification) })
export const verificationQuery = z.object({ status: z.enum(VERIFICATION_STATUSES).default('pending') })
export const proofQuery = z.object({ size: z.enum(['full', 'thumb']).default('full') })

/**
 * A bulk decision (POST /api/staff/review/bulk, /api/staff/verifications/bulk): the same decision
 * for up to BULK_DECISION_MAX items, a rejection with one reason for all. Each item is decided
 * exactly as its single-item route decides it, on its own: one item decided meanwhile or outside
 * the staff member's area never holds back the others.
 */
const bulkDecision = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }),
  z.object({ decision: z.literal('reject'), reason: rejectInput.shape.reason }),
])
const bulkItems = <T extends z.ZodType>(item: T) =>
  z.array(item).min(1, { message: '请至少选择一项' }).max(BULK_DECISION_MAX, { message: `一次最多处理 ${BULK_DECISION_MAX} 项` })

export const reviewBulkInput = z
  .object({ items: bulkItems(z.object({ kind: reviewKind, id: dbId })) })
  .and(bulkDecision)
  .meta({ examples: [{ items: [{ kind: 'listing', id: 12 }, { kind: 'listing', id: 15 }], decision: 'reject', reason: '联系方式不完整' }] })
export type ReviewBulkInput = z.infer<typeof reviewBulkInput>

export const verificationBulkInput = z
  .object({ ids: bulkItems(dbId) })
  .and(bulkDecision)
  .meta({ examples: [{ ids: [3, 4], decision: 'approve' }] })
export type VerificationBulkInput = z.infer<typeof verificationBulkInput>

/**
 * What happened to each item, in the order sent: done (decided now), already (someone decided it
 * first), forbidden (outside the staff member's area), missing (no such item).
 */
export const BULK_OUTCOMES = ['done', 'already', 'forbidden', 'missing'] as const
export type BulkOutcome = (typeof BULK_OUTCOMES)[number]
export const reviewBulkResult = z.object({ items: z.array(z.object({ kind: reviewKind, id: z.number(), outcome: z.enum(BULK_OUTCOMES) })) })
export type ReviewBulkResult = z.infer<typeof reviewBulkResult>
export const verificationBulkResult = z.object({ items: z.array(z.object({ id: z.number(), outcome: z.enum(BULK_OUTCOMES) })) })
export type VerificationBulkResult = z.infer<typeof verificationBulkResult>
