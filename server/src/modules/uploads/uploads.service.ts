import { MAX_ID } from '../../../../common/schemas/common'
import { nowIso, type Db } from '../../db/database'
import type { Deps } from '../../deps'
import { badRequest } from '../../errors'
import { removeUpload, saveResizedImage } from '../../lib/images'
import type { UserRow } from '../users/users.repository'

// msg_sec_check / media_check_async scene 3 = 论坛 (public posts).
export const POST_SCENE = 3

/**
 * A photo for a post: stored as a 1280 px copy and a 360 px thumbnail, then handed to WeChat's
 * asynchronous image check. Until the result is pushed back it is 'pending', and only 'pass'
 * photos are ever shown to the public.
 */
export async function saveUpload(deps: Deps, user: UserRow, input: Buffer) {
  const path = await saveResizedImage(input, deps.uploadDir, 'photos', { width: 1280, height: 1280, fit: 'inside' })
  const thumbPath = await saveResizedImage(input, deps.uploadDir, 'thumbs', { width: 360, height: 360 })
  const row = await deps.db
    .insertInto('uploads')
    .values({ owner_id: user.id, path, thumb_path: thumbPath, created_at: nowIso() })
    .returning(['id', 'path', 'thumb_path'])
    .executeTakeFirstOrThrow()
  // WeChat fetches the image from our public URL; the result arrives later by push. If WeChat
  // cannot take the check now, the photo is not kept: an unchecked photo could never be shown,
  // and the app tells the person to try again.
  let traceId: string
  try {
    ;({ traceId } = await deps.wechat.mediaCheckAsync({
      openid: user.openid,
      scene: POST_SCENE,
      mediaUrl: absoluteUrl(deps, deps.uploadUrl(path)),
      mediaType: 'image',
    }))
  } catch (err) {
    await deps.db.deleteFrom('uploads').where('id', '=', row.id).execute()
    await Promise.all([path, thumbPath].map((p) => removeUpload(deps.uploadDir, p)))
    throw err
  }
  await deps.db.updateTable('uploads').set({ trace_id: traceId }).where('id', '=', row.id).execute()
  return { id: row.id, url: deps.uploadUrl(row.path), thumbUrl: deps.uploadUrl(row.thumb_path) }
}

/**
 * Photos someone attaches to what they publish (a post, a contest entry): each once, their own
 * uploads, never a verification certificate (those are for staff only), not a photo of another post
 * (`listingId`: the post being edited keeps its own) and, with `refuseRisky`, none that WeChat's
 * image check found risky. 400 PHOTO_INVALID otherwise.
 */
export async function assertUsablePhotos(
  db: Db,
  owner: UserRow,
  photoIds: number[],
  opts: { listingId?: number | null; refuseRisky?: boolean } = {},
): Promise<void> {
  if (new Set(photoIds).size !== photoIds.length) throw badRequest('PHOTO_INVALID', { photoIds: '照片重复' })
  if (!photoIds.length) return
  const invalid = () => badRequest('PHOTO_INVALID', { photoIds: '照片不存在或已被使用' })
  // Checked before querying: PostgreSQL refuses a parameter beyond int4 outright (→ 500).
  if (photoIds.some((id) => id > MAX_ID)) throw invalid()
  const rows = await db.selectFrom('uploads').select(['id', 'listing_id', 'check_status']).where('owner_id', '=', owner.id).where('id', 'in', photoIds).execute()
  const certificates = new Set(
    (await db.selectFrom('verifications').select('certificate_upload_id as id').where('certificate_upload_id', 'in', photoIds).execute()).map((r) => r.id),
  )
  const listingId = opts.listingId ?? null
  const usable = rows.filter(
    (r) => (r.listing_id === null || r.listing_id === listingId) && !(opts.refuseRisky && r.check_status === 'risky') && !certificates.has(r.id),
  )
  if (usable.length !== photoIds.length) throw invalid()
}

function absoluteUrl(deps: Deps, url: string): string {
  if (/^https?:\/\//.test(url)) return url
  return `${deps.config.publicUrl ?? `http://${deps.config.host}:${deps.config.port}`}${url}`
}

/** A media-check result from WeChat's push. Unknown trace ids are ignored (not ours, or replayed). */
export async function applyMediaCheck(deps: Pick<Deps, 'db' | 'feedCache'>, traceId: string, suggest: string): Promise<boolean> {
  const status = suggest === 'pass' ? 'pass' : 'risky' // 'review' images are not shown either
  const res = await deps.db.updateTable('uploads').set({ check_status: status }).where('trace_id', '=', traceId).executeTakeFirst()
  const changed = Number(res.numUpdatedRows) > 0
  // The feed's cached first pages carry each post's thumbnail: a photo that just passed (or was
  // found risky) must show (or vanish) there now, not when the cache entry expires.
  if (changed) deps.feedCache.clear()
  return changed
}
