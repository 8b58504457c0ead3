import type { Verification } from '../../../../common/schemas/review'
import { VERIFIED_ROLES, type Role, type VerificationStatus } from '../../../../common/enums'
import { needsVerificationDetails, VERIFICATION_DETAILS_MESSAGES } from '../../../../common/rules'
import type { Selectable } from 'kysely'
import { nowIso, type VerificationsTable } from '../../db/database'
import type { Deps } from '../../deps'
import { AppError, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { notify } from '../notifications/notifications.service'
import { markAttached } from '../uploads/uploads.service'
import { townshipPath } from '../regions/regions.table'
import { findPeople, toPerson } from '../users/people'
import { requireRegistered } from '../users/roles'
import { assertInStaffArea, staffAreaPattern } from '../users/staff-area'
import type { UserRow } from '../users/users.repository'

// Staff verification of role claims: a 乡镇科协主席 or 科技工作者 chosen at registration is a claim
// until staff confirm it. users.verification mirrors the latest decision for quick checks.
type Row = Selectable<VerificationsTable>

async function toViews(deps: Deps, rows: Row[]): Promise<Verification[]> {
  const people = await findPeople(deps.db, rows.map((r) => r.user_id))
  const certificateIds = rows.map((r) => r.certificate_upload_id).filter((id): id is number => id !== null)
  const certificates = new Map(
    certificateIds.length
      ? (await deps.db.selectFrom('uploads').select(['id', 'path']).where('id', 'in', certificateIds).execute()).map((u) => [u.id, u.path])
      : [],
  )
  return rows.map((r) => {
    const user = people.get(r.user_id)!
    return {
      id: r.id,
      user: toPerson(user, deps.uploadUrl),
      role: r.role as Role,
      note: r.note,
      institution: r.institution,
      title: r.title,
      certificateUrl: r.certificate_upload_id && certificates.has(r.certificate_upload_id) ? deps.uploadUrl(certificates.get(r.certificate_upload_id)!) : null,
      status: r.status as VerificationStatus,
      reason: r.reason,
      region: user.region_code ? (townshipPath(user.region_code) ?? null) : null,
      createdAt: r.created_at,
      decidedAt: r.decided_at,
    }
  })
}

export interface VerificationInput {
  note?: string
  institution?: string
  title?: string
  certificateId?: number
}

export async function requestVerification(deps: Deps, user: UserRow, input: VerificationInput): Promise<Verification> {
  requireRegistered(user)
  if (!user.role || !VERIFIED_ROLES.includes(user.role as Role) || user.verification === 'verified') throw new AppError('VERIFICATION_NOT_NEEDED', 409)
  if (user.verification === 'pending') throw new AppError('VERIFICATION_PENDING', 409)
  if (needsVerificationDetails(user.role, input)) throw new AppError('VERIFICATION_DETAILS_REQUIRED', 400, { ...VERIFICATION_DETAILS_MESSAGES })
  if (input.certificateId !== undefined) {
    const own = await deps.db
      .selectFrom('uploads')
      .select('id')
      .where('id', '=', input.certificateId)
      .where('owner_id', '=', user.id)
      .where('listing_id', 'is', null)
      .executeTakeFirst()
    if (!own) throw new AppError('PHOTO_INVALID', 400, { certificateId: '证书照片不存在，请重新上传' })
  }
  const row = await deps.db.transaction().execute(async (trx) => {
    // Claim the pending state first, guarded by the state read above: of two requests at once (a
    // double tap on submit) only one finds the person not yet pending; the other adds nothing.
    const claimed = await trx
      .updateTable('users')
      .set({ verification: 'pending', updated_at: nowIso() })
      .where('id', '=', user.id)
      .where('role', '=', user.role!)
      .where('verification', 'not in', ['pending', 'verified'])
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) === 0) throw new AppError('VERIFICATION_PENDING', 409)
    if (input.certificateId !== undefined) await markAttached(trx, user.id, [input.certificateId], deps.now(), 'certificateId')
    return trx
      .insertInto('verifications')
      .values({
        user_id: user.id,
        role: user.role!,
        note: input.note || null,
        institution: input.institution ?? null,
        title: input.title ?? null,
        certificate_upload_id: input.certificateId ?? null,
        status: 'pending',
        created_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
  })
  return (await toViews(deps, [row]))[0]
}

export async function myVerification(deps: Deps, user: UserRow): Promise<Verification | null> {
  const row = await deps.db.selectFrom('verifications').selectAll().where('user_id', '=', user.id).orderBy('id', 'desc').executeTakeFirst()
  return row ? (await toViews(deps, [row]))[0] : null
}

/** The staff queue: claims of people whose township lies in the staff member's area (staff-area.ts). */
export async function listVerifications(deps: Deps, staff: UserRow, status: VerificationStatus): Promise<Verification[]> {
  let q = deps.db.selectFrom('verifications').selectAll().where('status', '=', status)
  const area = staffAreaPattern(staff)
  if (area) {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('users').select('users.id').whereRef('users.id', '=', 'verifications.user_id').where('users.region_code', 'like', area)),
    )
  }
  return toViews(deps, await q.orderBy('id').limit(100).execute())
}

/**
 * Approves or rejects a claim; only staff whose area holds the claimant's township (403 FORBIDDEN),
 * since a verified chair gets to nominate for contests and sees their township's dashboard.
 */
export async function decideVerification(deps: Deps, staff: UserRow, id: number, decision: { approve: boolean; reason?: string }) {
  const row = await deps.db
    .selectFrom('verifications')
    .innerJoin('users', 'users.id', 'verifications.user_id')
    .selectAll('verifications')
    .select('users.region_code')
    .where('verifications.id', '=', id)
    .executeTakeFirst()
  if (!row) throw notFound()
  assertInStaffArea(staff, row.region_code)
  const status = decision.approve ? 'verified' : 'rejected'
  const area = staffAreaPattern(staff)
  const decidedAt = nowIso()
  const done = await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('verifications')
      .set({ status, reason: decision.reason ?? null, reviewer_id: staff.id, decided_at: decidedAt })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) return false
    // Only if the person still claims the role they asked about (they may have changed it since),
    // and still lives inside this staff member's area (checked on the row as it is written).
    let mirror = trx.updateTable('users').set({ verification: status, updated_at: nowIso() }).where('id', '=', row.user_id).where('role', '=', row.role)
    if (area) mirror = mirror.where('region_code', 'like', area)
    await mirror.execute()
    await recordAudit(trx, {
      actorId: staff.id,
      action: decision.approve ? 'verification.approve' : 'verification.reject',
      targetType: 'verification',
      targetId: id,
      details: { userId: row.user_id, role: row.role },
      reason: decision.reason ?? null,
      at: decidedAt,
    })
    return true
  })
  if (!done) throw new AppError('ALREADY_REVIEWED', 409)
  deps.feedCache.clear() // the 已认证 badge shows on their posts
  await notify(deps, row.user_id, 'review', 'pages/mine/index', {
    thing1: '身份认证',
    phrase2: decision.approve ? '审核通过' : '未通过',
    thing3: decision.approve ? '已获得认证标识' : (decision.reason ?? '请补充材料后重新申请'),
  })
}
