import type { Insertable, Selectable } from 'kysely'
import type { Db, VerificationsTable } from '../../db/database'

// The verifications table: role claims and staff decisions. Only this module writes it; the
// users.verification mirror is written through users.repository.

export type VerificationRow = Selectable<VerificationsTable>

export function insertVerification(db: Db, values: Insertable<VerificationsTable>): Promise<VerificationRow> {
  return db.insertInto('verifications').values(values).returningAll().executeTakeFirstOrThrow()
}

/** A person's latest claim, if any. */
export function latestOf(db: Db, userId: number): Promise<VerificationRow | undefined> {
  return db.selectFrom('verifications').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').executeTakeFirst()
}

/** Claims in `status`, oldest first; `area` (a LIKE pattern) keeps those of people whose township lies in it. */
export function listByStatus(db: Db, status: string, area: string | null, limit: number): Promise<VerificationRow[]> {
  let q = db.selectFrom('verifications').selectAll().where('status', '=', status)
  if (area) {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('users').select('users.id').whereRef('users.id', '=', 'verifications.user_id').where('users.region_code', 'like', area)),
    )
  }
  return q.orderBy('id').limit(limit).execute()
}

/** A claim with the claimant's current township (staff areas are decided on it). */
export function findWithRegion(db: Db, id: number): Promise<(VerificationRow & { region_code: string | null }) | undefined> {
  return db
    .selectFrom('verifications')
    .innerJoin('users', 'users.id', 'verifications.user_id')
    .selectAll('verifications')
    .select('users.region_code')
    .where('verifications.id', '=', id)
    .executeTakeFirst()
}

/** Records a decision on a claim still pending; false when another decision came first. */
export async function decidePending(
  db: Db,
  id: number,
  decision: { status: 'verified' | 'rejected'; reason: string | null; reviewerId: number; at: string },
): Promise<boolean> {
  const res = await db
    .updateTable('verifications')
    .set({ status: decision.status, reason: decision.reason, reviewer_id: decision.reviewerId, decided_at: decision.at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return Number(res.numUpdatedRows) > 0
}

/** Which of `uploadIds` are certificates of some claim (never shown on a post or an entry). */
export async function certificateIdsAmong(db: Db, uploadIds: number[]): Promise<Set<number>> {
  if (!uploadIds.length) return new Set()
  const rows = await db.selectFrom('verifications').select('certificate_upload_id as id').where('certificate_upload_id', 'in', uploadIds).execute()
  return new Set(rows.map((r) => r.id).filter((id): id is number => id !== null))
}

/** What staff verified about a person as an expert (their latest verified expert claim, not an older claim of another role). */
export function verifiedExpertDetails(db: Db, userId: number): Promise<{ institution: string | null; title: string | null } | undefined> {
  return db
    .selectFrom('verifications')
    .select(['institution', 'title'])
    .where('user_id', '=', userId)
    .where('role', '=', 'expert')
    .where('status', '=', 'verified')
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/** Account deletion: what the person told staff goes; the claims and decisions stay as records. */
export async function eraseVerificationsOf(db: Db, userId: number): Promise<void> {
  await db.updateTable('verifications').set({ note: null, institution: null, title: null, certificate_upload_id: null }).where('user_id', '=', userId).execute()
}
