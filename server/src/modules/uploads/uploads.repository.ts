import type { Selectable } from 'kysely'
import type { Db, UploadsTable } from '../../db/database'

// The uploads table; its only writer. Reading photos for display is done by the listings and
// contests repositories.

export type UploadRow = Selectable<UploadsTable>

export function insertUpload(db: Db, values: { owner_id: number; path: string; thumb_path: string; created_at: string; kind?: 'photo' | 'proof' | 'voice'; duration_ms?: number }) {
  return db.insertInto('uploads').values(values).returning(['id', 'path', 'thumb_path']).executeTakeFirstOrThrow()
}

export async function deleteUpload(db: Db, id: number): Promise<void> {
  await db.deleteFrom('uploads').where('id', '=', id).execute()
}

export async function setTraceId(db: Db, id: number, traceId: string): Promise<void> {
  await db.updateTable('uploads').set({ trace_id: traceId }).where('id', '=', id).execute()
}

/** Places uploads on a post in the given order (listing_id, position); uploads no longer listed are detached. */
export async function placeOnListing(db: Db, listingId: number, uploadIds: number[]): Promise<void> {
  await db.updateTable('uploads').set({ listing_id: null }).where('listing_id', '=', listingId).execute()
  for (const [position, id] of uploadIds.entries()) {
    await db.updateTable('uploads').set({ listing_id: listingId, position }).where('id', '=', id).execute()
  }
}

/** WeChat's media-check verdict for the upload with `traceId`; null when no upload has it, else its kind and key. */
export async function setCheckStatus(db: Db, traceId: string, status: 'pass' | 'risky'): Promise<{ id: number; kind: string; path: string; listing_id: number | null } | null> {
  const row = await db.updateTable('uploads').set({ check_status: status }).where('trace_id', '=', traceId).returning(['id', 'kind', 'path', 'listing_id']).executeTakeFirst()
  return row ?? null
}

/**
 * Claims the owner's voice note `id` for a post or a response (in the caller's transaction): only a
 * note never attached, so one note is never on two things. On PostgreSQL a second claim waits for
 * the first's row lock and then finds it attached. False when it is not the owner's, not a voice
 * note, gone (swept) or already used.
 */
export async function claimVoice(db: Db, ownerId: number, id: number, at: string): Promise<boolean> {
  const res = await db
    .updateTable('uploads')
    .set({ attached_at: at })
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .where('kind', '=', 'voice')
    .where('attached_at', 'is', null)
    .where('check_status', '!=', 'risky')
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

/** Voice notes by id, with what a view needs (check status, length, key). */
export function voicesByIds(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('uploads').select(['id', 'path', 'check_status', 'duration_ms']).where('id', 'in', ids).where('kind', '=', 'voice').execute()
}

/** Marks the owner's uploads attached (the first time only); returns how many of them exist. */
export async function markAttached(db: Db, ownerId: number, uploadIds: number[], at: string): Promise<number> {
  const res = await db
    .updateTable('uploads')
    // coalesce keeps the first attachment's time (the sweep only asks whether there was one).
    .set((eb) => ({ attached_at: eb.fn.coalesce('attached_at', eb.val(at)) }))
    .where('owner_id', '=', ownerId)
    .where('id', 'in', uploadIds)
    .executeTakeFirst()
  return Number(res.numUpdatedRows)
}

/** The owner's uploads among `ids`, with what decides whether they may go on a post. */
export function ownUploads(db: Db, ownerId: number, ids: number[]) {
  return db.selectFrom('uploads').select(['id', 'listing_id', 'check_status', 'kind']).where('owner_id', '=', ownerId).where('id', 'in', ids).execute()
}

/** The owner's proof upload `id` (what a verification may take as its evidence). */
export function findOwnProof(db: Db, ownerId: number, id: number) {
  return db.selectFrom('uploads').select('id').where('id', '=', id).where('owner_id', '=', ownerId).where('kind', '=', 'proof').where('listing_id', 'is', null).executeTakeFirst()
}

/** Stored keys of uploads by id. */
export async function pathsOf(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map()
  const rows = await db.selectFrom('uploads').select(['id', 'path']).where('id', 'in', ids).execute()
  return new Map(rows.map((u) => [u.id, u.path]))
}

/**
 * Deletes up to `limit` uploads never attached and created before `cutoff`; returns their keys.
 * The conditions are asked again on each row: on PostgreSQL a row attached while this waited for
 * its lock is re-checked against them, and kept.
 */
export function deleteUnattachedBefore(db: Db, cutoff: string, limit: number) {
  return db
    .deleteFrom('uploads')
    .where('id', 'in', (eb) =>
      eb.selectFrom('uploads').select('id').where('attached_at', 'is', null).where('created_at', '<', cutoff).orderBy('created_at').limit(limit),
    )
    .where('attached_at', 'is', null)
    .where('created_at', '<', cutoff)
    .returning(['path', 'thumb_path'])
    .execute()
}

/** Account deletion: every upload of the person goes (post photos, thumbnails, proof photos, contest photos, voice notes); returns their keys. */
export async function deleteUploadsOf(db: Db, ownerId: number): Promise<string[]> {
  // Their voice notes are referred to by their posts and responses (migration 019): those keep their words, lose the note.
  const voices = db.selectFrom('uploads').select('id').where('owner_id', '=', ownerId).where('kind', '=', 'voice')
  await db.updateTable('listings').set({ voice_id: null }).where('voice_id', 'in', voices).execute()
  await db.updateTable('listing_responses').set({ voice_id: null }).where('voice_id', 'in', voices).execute()
  const rows = await db.deleteFrom('uploads').where('owner_id', '=', ownerId).returning(['path', 'thumb_path']).execute()
  // A voice note's one key is in both columns.
  return [...new Set(rows.flatMap((u) => [u.path, u.thumb_path]))]
}

/** An upload its owner stopped using (a replaced studio photo): unattached again, the sweep removes it. */
export async function detachUpload(db: Db, ownerId: number, id: number): Promise<void> {
  await db.updateTable('uploads').set({ attached_at: null }).where('id', '=', id).where('owner_id', '=', ownerId).execute()
}
