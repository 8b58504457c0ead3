import type { Verification, VerificationRequest } from '../../../../common/schemas/review'
import { VERIFIED_ROLES, type Role, type VerificationStatus } from '../../../../common/enums'
import { missingVerificationDetails } from '../../../../common/rules'
import type { Deps } from '../../deps'
import { AppError, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { notify } from '../notifications/notifications.service'
import { tellVerified } from '../messages/messages.events'
import { findOwnProof } from '../uploads/uploads.repository'
import { markAttached } from '../uploads/uploads.service'
import { townshipPath } from '../regions/regions.data'
import { findPeople, toPerson } from '../users/people'
import { requireRegistered } from '../users/roles'
import { assertInStaffArea, staffAreaPattern } from '../users/staff-area'
import { claimVerificationPending, setVerification, type UserRow } from '../users/users.repository'
import * as repo from './verifications.repository'

// Staff verification of role claims: a 乡镇科协主席 or 科技工作者 chosen at registration is a claim
// until staff confirm it. users.verification mirrors the latest decision for quick checks.
type Row = repo.VerificationRow

async function toViews(deps: Deps, rows: Row[]): Promise<Verification[]> {
  const people = await findPeople(deps.db, rows.map((r) => r.user_id))
  return rows.map((r) => {
    const user = people.get(r.user_id)!
    return {
      id: r.id,
      user: toPerson(user, deps.uploadUrl),
      role: r.role as Role,
      note: r.note,
      realName: r.real_name,
      post: r.post,
      institution: r.institution,
      title: r.title,
      // The authorised route, never the store's key (verifications.proofs.ts).
      proofUrl: r.proof_upload_id === null ? null : `/api/verifications/${r.id}/proof`,
      proofErasedAt: r.proof_erased_at,
      status: r.status as VerificationStatus,
      reason: r.reason,
      region: user.region_code ? (townshipPath(user.region_code) ?? null) : null,
      createdAt: r.created_at,
      decidedAt: r.decided_at,
    }
  })
}

export async function requestVerification(deps: Deps, user: UserRow, input: VerificationRequest): Promise<Verification> {
  requireRegistered(user)
  if (!user.role || !VERIFIED_ROLES.includes(user.role as Role) || user.verification === 'verified') throw new AppError('VERIFICATION_NOT_NEEDED', 409)
  if (user.verification === 'pending') throw new AppError('VERIFICATION_PENDING', 409)
  const missing = missingVerificationDetails(user.role, input)
  if (Object.keys(missing).length) throw new AppError('VERIFICATION_DETAILS_REQUIRED', 400, missing)
  // Only the person's own proof upload (POST /api/verifications/proofs), never a public photo.
  if (input.proofId !== undefined && !(await findOwnProof(deps.db, user.id, input.proofId))) {
    throw new AppError('PHOTO_INVALID', 400, { proofId: '证明照片不存在或已过期，请重新上传' })
  }
  const now = deps.now()
  const at = now.toISOString()
  const row = await deps.db.transaction().execute(async (trx) => {
    // Claim the pending state first, guarded by the state read above: of two requests at once (a
    // double tap on submit) only one finds the person not yet pending; the other adds nothing.
    if (!(await claimVerificationPending(trx, user.id, user.role!, at))) throw new AppError('VERIFICATION_PENDING', 409)
    if (input.proofId !== undefined) await markAttached(trx, user.id, [input.proofId], now, 'proofId')
    return repo.insertVerification(trx, {
      user_id: user.id,
      role: user.role!,
      note: input.note || null,
      real_name: input.realName ?? null,
      post: input.post ?? null,
      institution: input.institution ?? null,
      title: input.title ?? null,
      proof_upload_id: input.proofId ?? null,
      status: 'pending',
      created_at: at,
    })
  })
  return (await toViews(deps, [row]))[0]
}

export async function myVerification(deps: Deps, user: UserRow): Promise<Verification | null> {
  const row = await repo.latestOf(deps.db, user.id)
  return row ? (await toViews(deps, [row]))[0] : null
}

/** The staff queue: claims of people whose township lies in the staff member's area (staff-area.ts). */
export async function listVerifications(deps: Deps, staff: UserRow, status: VerificationStatus): Promise<Verification[]> {
  return toViews(deps, await repo.listByStatus(deps.db, status, staffAreaPattern(staff), 100))
}

/**
 * Approves or rejects a claim; only staff whose area holds the claimant's township (403 FORBIDDEN),
 * since a verified chair gets to nominate for contests and sees their township's dashboard.
 */
export async function decideVerification(deps: Deps, staff: UserRow, id: number, decision: { approve: boolean; reason?: string }) {
  const row = await repo.findWithRegion(deps.db, id)
  if (!row) throw notFound()
  assertInStaffArea(staff, row.region_code)
  const status = decision.approve ? 'verified' : 'rejected'
  const area = staffAreaPattern(staff)
  const decidedAt = deps.now().toISOString()
  const done = await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.decidePending(trx, id, { status, reason: decision.reason ?? null, reviewerId: staff.id, at: decidedAt }))) return false
    // Only if the person still claims the role they asked about (they may have changed it since),
    // and still lives inside this staff member's area (checked on the row as it is written).
    await setVerification(trx, row.user_id, row.role, status, area, decidedAt)
    await recordAudit(trx, {
      actorId: staff.id,
      action: decision.approve ? 'verification.approve' : 'verification.reject',
      targetType: 'verification',
      targetId: id,
      details: { userId: row.user_id, role: row.role },
      reason: decision.reason ?? null,
      at: decidedAt,
    })
    await tellVerified(trx, { id, user_id: row.user_id, role: row.role }, decision, decidedAt)
    return true
  })
  if (!done) throw new AppError('ALREADY_REVIEWED', 409)
  deps.feedCache.changed({ authors: [row.user_id] }) // the 已认证 badge shows on their posts
  await notify(deps, row.user_id, 'review', 'pages/mine/index', {
    thing1: '身份认证',
    phrase2: decision.approve ? '审核通过' : '未通过',
    thing3: decision.approve ? '已获得认证标识' : (decision.reason ?? '请补充材料后重新申请'),
  })
}
