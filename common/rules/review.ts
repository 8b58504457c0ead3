import { Problems, type FieldErrors, type FormOptions, type Limit } from './fields'

// Staff review: the reason a post or a request is turned down, and what a person sends to have
// their role (乡镇科协主席, 科技工作者) verified. The schemas: common/schemas/listings.ts
// `rejectInput`, common/schemas/review.ts `verificationRequest`.

export const REVIEW_LIMITS = {
  rejectReason: [2, 200] as Limit,
  /** A chair's note to staff. */
  verificationNote: [0, 200] as Limit,
  /** A 科技工作者's 单位 and 职称. */
  institution: [2, 50] as Limit,
  jobTitle: [2, 30] as Limit,
} as const

/**
 * A 科技工作者 is verified against an institution and a title (staff check them), so both are
 * required of them; a chair's township is already in the profile. The server answers
 * VERIFICATION_DETAILS_REQUIRED with these messages.
 */
export const VERIFICATION_DETAILS_MESSAGES = { institution: '请填写单位', title: '请填写职称' } as const

export function needsVerificationDetails(role: string | null | undefined, input: { institution?: unknown; title?: unknown }): boolean {
  return role === 'expert' && (!input.institution || !input.title)
}

/** POST /api/reviews/…/reject and the verification queue: the reason staff give. */
export function validateRejectReason(input: object, opts: FormOptions = {}): FieldErrors {
  const p = new Problems(opts.labels)
  p.text('reason', (input as Record<string, unknown>).reason, REVIEW_LIMITS.rejectReason)
  return p.errors
}

/**
 * A request for verification. Given the person's `role`, an expert's missing institution or title
 * is named too, as the server names it once the request passes the schema.
 */
export function validateVerification(input: object, opts: FormOptions & { role?: string | null } = {}): FieldErrors {
  const v = input as Record<string, unknown>
  const p = new Problems(opts.labels)
  p.text('note', v.note, REVIEW_LIMITS.verificationNote, { optional: true })
  p.text('institution', v.institution, REVIEW_LIMITS.institution, { optional: true })
  p.text('title', v.title, REVIEW_LIMITS.jobTitle, { optional: true })
  if (v.certificateId !== undefined) p.coercedId('certificateId', v.certificateId)
  if (!Object.keys(p.errors).length && needsVerificationDetails(opts.role, v)) return { ...VERIFICATION_DETAILS_MESSAGES }
  return p.errors
}
