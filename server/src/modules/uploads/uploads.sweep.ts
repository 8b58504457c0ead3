import type { Deps } from '../../deps'
import { listForDeletion, purgeFileDeletions } from './file-deletions'

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
      const gone = await trx
        .deleteFrom('uploads')
        .where('id', 'in', (eb) =>
          eb.selectFrom('uploads').select('id').where('attached_at', 'is', null).where('created_at', '<', cutoff).orderBy('created_at').limit(BATCH),
        )
        // Again on the row itself: on PostgreSQL a row attached while this waited for its lock is
        // re-checked against these, and kept.
        .where('attached_at', 'is', null)
        .where('created_at', '<', cutoff)
        .returning(['path', 'thumb_path'])
        .execute()
      await listForDeletion(trx, gone.flatMap((r) => [r.path, r.thumb_path]), now)
      return gone
    })
    swept += rows.length
    if (rows.length < BATCH) break
  }
  await purgeFileDeletions(deps, now)
  return swept
}
