import { PROOF_RETENTION_DAYS } from '../../../../common/rules'
import type { Deps } from '../../deps'
import { forbidden, notFound } from '../../errors'
import { JPEG, newImageKey, resizeImage } from '../../lib/images'
import { PRIVATE_PREFIX, type StoredObject } from '../../storage/storage'
import { recordAudit } from '../audit/audit.repository'
import { listForDeletion, removeFiles } from '../uploads/file-deletions'
import { deleteUpload, insertUpload } from '../uploads/uploads.repository'
import { staffCovers } from '../users/staff-area'
import type { UserRow } from '../users/users.repository'
import * as repo from './verifications.repository'

// Proof photos: the appointment letter, work card or certificate a person sends to be verified.
// They show a real name, often an ID-card-like document, so they are private from upload to
// erasure: stored under proofs/ (never served by /uploads/ nor given a public URL, never sent to
// WeChat's image check, which fetches by public URL), read only through GET
// /api/verifications/:id/proof by the applicant and staff whose area holds the claimant, each read
// written to the audit log, and erased PROOF_RETENTION_DAYS after the claim is decided.

/**
 * PROOF_RETENTION_DAYS (common/rules): how long a proof photo outlives the decision on its claim
 * (approval or rejection). Long enough
 * for the person to ask why, for a second look by the county or province and for a complaint
 * about a wrong decision; after that the decision (role, status, reason, who decided, when) is the
 * record and the document is no longer needed. A proof reused for a new claim after a rejection
 * stays while that claim is pending or recently decided.
 */
export { PROOF_RETENTION_DAYS }
const DAY_MS = 24 * 60 * 60 * 1000
const BATCH = 200

/** Stores a proof photo (1600 px, readable print on a letter) and a thumbnail, both private; no media check. */
export async function saveProof(deps: Deps, user: UserRow, input: Buffer): Promise<{ id: number }> {
  const photo = await resizeImage(input, { width: 1600, height: 1600, fit: 'inside' })
  const thumb = await resizeImage(photo, { width: 360, height: 360 })
  const path = newImageKey(`${PRIVATE_PREFIX}full`)
  const thumbPath = newImageKey(`${PRIVATE_PREFIX}thumbs`)
  // As saveUpload: the row first (unattached, so the sweep removes it if the files never arrive).
  const row = await insertUpload(deps.db, { owner_id: user.id, path, thumb_path: thumbPath, created_at: deps.now().toISOString(), kind: 'proof' })
  const stored = await Promise.allSettled([deps.storage.put(path, photo, JPEG), deps.storage.put(thumbPath, thumb, JPEG)])
  const failed = stored.find((r) => r.status === 'rejected')
  if (failed) {
    await deps.db.transaction().execute(async (trx) => {
      await deleteUpload(trx, row.id)
      await listForDeletion(trx, [path, thumbPath], deps.now())
    })
    await removeFiles(deps, [path, thumbPath])
    throw failed.reason
  }
  return { id: row.id }
}

/**
 * The proof photo of claim `id` for `viewer`: the applicant, or staff whose area holds the
 * claimant's township (the staff who may decide it). Anyone else: 404 NOT_FOUND (a stranger
 * learns nothing), staff of another area: 403 FORBIDDEN as for deciding. Each read is audited.
 */
export async function openProof(deps: Deps, viewer: UserRow, id: number, size: 'full' | 'thumb'): Promise<StoredObject> {
  const row = await repo.findWithRegion(deps.db, id)
  if (!row) throw notFound()
  const applicant = row.user_id === viewer.id
  if (!applicant && !staffCovers(viewer, row.region_code)) throw viewer.is_staff ? forbidden() : notFound()
  const upload = row.proof_upload_id === null ? undefined : await repo.proofFiles(deps.db, row.proof_upload_id)
  if (!upload) throw notFound()
  const object = await deps.storage.get(size === 'thumb' ? upload.thumb_path : upload.path)
  if (!object) throw notFound()
  try {
    await recordAudit(deps.db, {
      actorId: viewer.id,
      action: 'verification.proof_view',
      targetType: 'verification',
      targetId: id,
      details: { userId: row.user_id, by: applicant ? 'applicant' : 'staff', size },
      at: deps.now(),
    })
  } catch (err) {
    // Not logged, not shown: let the store's handle go before failing.
    object.body.destroy()
    throw err
  }
  return object
}

/**
 * The retention job: erases the proof photos of claims decided more than PROOF_RETENTION_DAYS
 * ago — the upload rows and files go, the claim keeps its decision and `proof_erased_at` — and
 * moves proofs sent before migration 016 (ordinary photo keys) under the private prefix. Safe to
 * run twice and beside requests: each erasure re-checks its conditions as it writes. Returns how
 * many proofs it erased.
 */
export async function runProofRetention(deps: Pick<Deps, 'db' | 'storage'>, now: Date): Promise<number> {
  await relocateLegacyProofs(deps, now)
  return eraseExpiredProofs(deps, now)
}

export async function eraseExpiredProofs(deps: Pick<Deps, 'db' | 'storage'>, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - PROOF_RETENTION_DAYS * DAY_MS).toISOString()
  const at = now.toISOString()
  let erased = 0
  for (;;) {
    const done = await deps.db.transaction().execute(async (trx) => {
      const uploadIds = await repo.expiredProofIds(trx, cutoff, BATCH)
      if (!uploadIds.length) return { count: 0, keys: [] as string[] }
      const claims = await repo.releaseExpiredProofs(trx, uploadIds, cutoff, at)
      const keys = await repo.deleteUnreferencedProofs(trx, uploadIds)
      await listForDeletion(trx, keys, now)
      for (const claim of claims) {
        await recordAudit(trx, {
          actorId: null,
          action: 'verification.proof_erase',
          targetType: 'verification',
          targetId: claim.id,
          details: { userId: claim.user_id, retentionDays: PROOF_RETENTION_DAYS },
          at,
        })
      }
      return { count: uploadIds.length, keys }
    })
    await removeFiles(deps, done.keys)
    erased += done.count
    if (done.count < BATCH) return erased
  }
}

/** Certificates sent before proofs were private: copied under proofs/, their public keys removed. */
async function relocateLegacyProofs(deps: Pick<Deps, 'db' | 'storage'>, now: Date): Promise<void> {
  for (const upload of await repo.legacyProofs(deps.db, BATCH)) {
    const moved = { path: newImageKey(`${PRIVATE_PREFIX}full`), thumb_path: newImageKey(`${PRIVATE_PREFIX}thumbs`) }
    for (const [from, to] of [
      [upload.path, moved.path],
      [upload.thumb_path, moved.thumb_path],
    ]) {
      const object = await deps.storage.get(from)
      const chunks: Buffer[] = []
      if (object) for await (const chunk of object.body) chunks.push(Buffer.from(chunk))
      // A file already gone is moved as nothing: the row must still stop pointing at a public key.
      if (object) await deps.storage.put(to, Buffer.concat(chunks), object.contentType)
    }
    // The row points at the copies, and the public keys are listed for deletion, in one step; a
    // row erased or moved meanwhile keeps its state and the copies go instead.
    const unused = await deps.db.transaction().execute(async (trx) => {
      const keys = (await repo.moveProof(trx, upload.id, upload.path, moved)) ? [upload.path, upload.thumb_path] : [moved.path, moved.thumb_path]
      await listForDeletion(trx, keys, now)
      return keys
    })
    await removeFiles(deps, unused)
  }
}
