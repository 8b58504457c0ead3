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

/**
 * Account deletion: what the person told staff goes (their proof photos go with their uploads);
 * the claims and decisions stay as records.
 */
export async function eraseVerificationsOf(db: Db, userId: number, at: string): Promise<void> {
  await db
    .updateTable('verifications')
    .set({ note: null, institution: null, title: null, real_name: null, post: null })
    .where('user_id', '=', userId)
    .execute()
  await db.updateTable('verifications').set({ proof_upload_id: null, proof_erased_at: at }).where('user_id', '=', userId).where('proof_upload_id', 'is not', null).execute()
}

/** The stored keys of a proof upload. */
export function proofFiles(db: Db, uploadId: number) {
  return db.selectFrom('uploads').select(['path', 'thumb_path']).where('id', '=', uploadId).where('kind', '=', 'proof').executeTakeFirst()
}

/**
 * Proof uploads whose every claim was decided before `cutoff` (none pending, none decided since):
 * a proof reused for a new claim after a rejection stays with that claim.
 */
export async function expiredProofIds(db: Db, cutoff: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('verifications as v')
    .select('v.proof_upload_id as id')
    .distinct()
    .where('v.proof_upload_id', 'is not', null)
    .where('v.status', '!=', 'pending')
    .where('v.decided_at', '<', cutoff)
    .where(({ not, exists, selectFrom, or }) =>
      not(
        exists(
          selectFrom('verifications as w')
            .select('w.id')
            .whereRef('w.proof_upload_id', '=', 'v.proof_upload_id')
            .where((w) => or([w('w.status', '=', 'pending'), w('w.decided_at', '>=', cutoff)])),
        ),
      ),
    )
    .limit(limit)
    .execute()
  return rows.map((r) => r.id).filter((id): id is number => id !== null)
}

/** Claims decided before `cutoff` let go of these proofs (asked again as written); returns the claims. */
export function releaseExpiredProofs(db: Db, uploadIds: number[], cutoff: string, at: string) {
  return db
    .updateTable('verifications')
    .set({ proof_upload_id: null, proof_erased_at: at })
    .where('proof_upload_id', 'in', uploadIds)
    .where('status', '!=', 'pending')
    .where('decided_at', '<', cutoff)
    .returning(['id', 'user_id'])
    .execute()
}

/** Deletes those of the proof uploads no claim refers to any more; returns their stored keys. */
export async function deleteUnreferencedProofs(db: Db, uploadIds: number[]): Promise<string[]> {
  const rows = await db
    .deleteFrom('uploads')
    .where('id', 'in', uploadIds)
    .where('kind', '=', 'proof')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('verifications').select('verifications.id').whereRef('verifications.proof_upload_id', '=', 'uploads.id'))))
    .returning(['path', 'thumb_path'])
    .execute()
  return rows.flatMap((r) => [r.path, r.thumb_path])
}

/** Proofs still under a public key (sent as certificates before migration 016). */
export function legacyProofs(db: Db, limit: number) {
  return db.selectFrom('uploads').select(['id', 'path', 'thumb_path']).where('kind', '=', 'proof').where('path', 'not like', 'proofs/%').orderBy('id').limit(limit).execute()
}

/** Points a proof at its private copies, if it still has the key it was copied from. */
export async function moveProof(db: Db, id: number, fromPath: string, to: { path: string; thumb_path: string }): Promise<boolean> {
  const res = await db.updateTable('uploads').set(to).where('id', '=', id).where('path', '=', fromPath).executeTakeFirst()
  return Number(res.numUpdatedRows) > 0
}
