import type { Deps } from '../../deps'
import { dueForDeletion, unlistForDeletion } from './file-deletions.repository'

// Stored files leave in two steps: their keys are listed in `file_deletions` in the same
// transaction that stops the database from referring to them, then removed from the store and
// struck off the list. A crash, or the store being unreachable, between the two leaves the key
// listed for purgeFileDeletions (run by the uploads sweep) to retry; a file is never forgotten.

export { listForDeletion, unlistForDeletion } from './file-deletions.repository'

/**
 * Removes listed keys from the store now, striking off each the store confirmed. A key the store
 * could not remove stays listed for the next purge; how many were removed is returned.
 */
export async function removeFiles(deps: Pick<Deps, 'db' | 'storage'>, keys: string[]): Promise<number> {
  const removed: string[] = []
  await Promise.all(
    keys.map(async (key) => {
      try {
        await deps.storage.delete(key)
        removed.push(key)
      } catch {
        // Stays listed; purgeFileDeletions tries again.
      }
    }),
  )
  await unlistForDeletion(deps.db, removed)
  return removed.length
}

/** Removes every listed key that is due; returns how many the store confirmed. */
export async function purgeFileDeletions(deps: Pick<Deps, 'db' | 'storage'>, now: Date, batch = 500): Promise<number> {
  let total = 0
  for (;;) {
    const due = await dueForDeletion(deps.db, now, batch)
    const removed = await removeFiles(deps, due)
    total += removed
    // A short page is the last; a page the store refused entirely is left for the next run.
    if (due.length < batch || removed === 0) return total
  }
}
