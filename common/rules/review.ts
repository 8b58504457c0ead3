import { Problems, type FieldErrors, type FormOptions, type Limit } from './fields'

// Staff review: the reason a post or a request is turned down, and what a person sends to have
// their role (乡镇科协主席, 科技工作者) verified. The schemas: common/schemas/listings.ts
// `rejectInput`, common/schemas/review.ts `verificationRequest`.

export const REVIEW_LIMITS = {
  rejectReason: [2, 200] as Limit,
  /** A note to staff (either role). */
  verificationNote: [0, 200] as Limit,
  /** A 科技工作者's 单位 and 职称. */
  institution: [2, 50] as Limit,
  jobTitle: [2, 30] as Limit,
  /** A chair's real name: 2 characters (王芳) up to long Tibetan names in Chinese (泽仁拉姆·格桑卓玛). */
  realName: [2, 20] as Limit,
  /** A chair's post (职务): 科协主席, 副主席, 科协主席（兼）… */
  post: [2, 20] as Limit,
} as const

/**
 * Days a proof photo is kept after the decision on its claim (approval or rejection); then the
 * retention job erases it and only the decision stays. The app tells applicants this number.
 * Why this long: server/src/modules/verifications/verifications.proofs.ts.
 */
export const PROOF_RETENTION_DAYS = 30

/**
 * What each verified role must send, and the message when it is missing: the one rule the server
 * answers VERIFICATION_DETAILS_REQUIRED with and the app's form checks. Staff decide on evidence:
 * a chair's real name and post against the appointment letter or work card in the photo; an
 * expert's institution and title against the certificate in theirs. (The schema cannot hold this
 * rule: the role is the person's, not the request's.)
 */
export const VERIFICATION_REQUIRED = {
  chair: { realName: '请填写真实姓名', post: '请填写职务，如：科协主席', proofId: '请上传任命文件或工作证的照片' },
  expert: { institution: '请填写单位', title: '请填写职称', proofId: '请上传职称证书或工作证的照片' },
} as const satisfies Record<string, Record<string, string>>

/** The fields `role` must send that `input` lacks, with their messages ({} when nothing is missing). */
export function missingVerificationDetails(role: string | null | undefined, input: object): FieldErrors {
  const required: Record<string, string> = VERIFICATION_REQUIRED[role as keyof typeof VERIFICATION_REQUIRED] ?? {}
  const v = input as Record<string, unknown>
  const missing: FieldErrors = {}
  for (const [field, message] of Object.entries(required)) {
    const value = v[field]
    if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) missing[field] = message
  }
  return missing
}

/** POST /api/reviews/…/reject and the verification queue: the reason staff give. */
export function validateRejectReason(input: object, opts: FormOptions = {}): FieldErrors {
  const p = new Problems(opts.labels)
  p.text('reason', (input as Record<string, unknown>).reason, REVIEW_LIMITS.rejectReason)
  return p.errors
}

/**
 * A request for verification. Given the person's `role`, what that role must send and did not is
 * named too (VERIFICATION_REQUIRED), as the server names it once the request passes the schema.
 */
export function validateVerification(input: object, opts: FormOptions & { role?: string | null } = {}): FieldErrors {
  const v = input as Record<string, unknown>
  const p = new Problems(opts.labels)
  p.text('note', v.note, REVIEW_LIMITS.verificationNote, { optional: true })
  p.text('realName', v.realName, REVIEW_LIMITS.realName, { optional: true, singleLine: true })
  p.text('post', v.post, REVIEW_LIMITS.post, { optional: true, singleLine: true })
  p.text('institution', v.institution, REVIEW_LIMITS.institution, { optional: true })
  p.text('title', v.title, REVIEW_LIMITS.jobTitle, { optional: true })
  if (v.proofId !== undefined) p.coercedId('proofId', v.proofId)
  if (!Object.keys(p.errors).length) return missingVerificationDetails(opts.role, v)
  return p.errors
}

/**
 * The reasons staff give most often, offered as one tap in the single and the bulk decision (staff
 * may still type their own). Worded for the person who reads them in 我的消息: what to do next.
 */
export const REJECT_REASON_TEMPLATES = ['联系方式不完整', '内容与科技服务无关', '信息重复', '请补充具体情况'] as const

/**
 * The most items one bulk decision may carry: a screenful of the queue (50 items a page). Each
 * item is its own transaction and may notify its author, so a call stays a few seconds at most.
 */
export const BULK_DECISION_MAX = 50
