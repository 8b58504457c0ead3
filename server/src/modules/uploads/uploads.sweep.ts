import type { Deps } from '../../deps'
import { listForDeletion, purgeFileDeletions } from './file-deletions'
import { deleteUnattachedBefore } from './uploads.repository'

/** An upload nothing took within this long is abandoned (a post given up, a photo replaced in the form). */
export const UNATTACHED_TTL_MS = 24 * 60 * 60 * 1000
const BATCH = 200

/**
 * Removes uploads never attached to a post, an entry or a verification within a day of their
 * upload — the rows and their files — and retries file deletions that failed before. Safe to run
 * on several instances at once and beside requests attaching photos: each row goes in one
 * conditional delete, and markAttached refuses a photo that is gone. Returns how many uploads it
 * removed. Called by the scheduled jobs (server/src/jobs).
 */
export async function sweepUnattachedUploads(deps: Pick<Deps, 'db' | 'storage'>, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - UNATTACHED_TTL_MS).toISOString()
  let swept = 0
  for (;;) {
    const rows = await deps.db.transaction().execute(async (trx) => {
      const gone = await deleteUnattachedBefore(trx, cutoff, BATCH)
      await listForDeletion(trx, gone.flatMap((r) => [r.path, r.thumb_path]), now)
      return gone
    })
    swept += rows.length
    if (rows.length < BATCH) break
  }
  await purgeFileDeletions(deps, now)
  return swept
}
