import type { Db } from '../../db/database'

// The file_deletions table: stored keys waiting to be removed from the store (file-deletions.ts).

/** Lists keys for removal from `notBefore` on (in the caller's transaction). A key listed twice stays once. */
export async function listForDeletion(db: Db, keys: string[], notBefore: Date): Promise<void> {
  if (!keys.length) return
  const at = notBefore.toISOString()
  await db
    .insertInto('file_deletions')
    // Once each: PostgreSQL refuses one statement touching a row twice (a voice note's key is both its path and thumb_path).
    .values([...new Set(keys)].map((key) => ({ key, not_before: at })))
    .onConflict((oc) => oc.column('key').doUpdateSet({ not_before: at }))
    .execute()
}

/** Strikes keys off the list: the database refers to them again (an avatar now in the profile), or the store removed them. */
export async function unlistForDeletion(db: Db, keys: string[]): Promise<void> {
  if (keys.length) await db.deleteFrom('file_deletions').where('key', 'in', keys).execute()
}

/** Up to `limit` keys due by `now`, the longest-waiting first. */
export async function dueForDeletion(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('file_deletions').select('key').where('not_before', '<=', now.toISOString()).orderBy('not_before').limit(limit).execute()
  return rows.map((r) => r.key)
}
