import { MAX_ID } from '../../../../common/schemas/common'
import { ERROR_MESSAGES } from '../../../../common/errors'
import type { Db } from '../../db/database'
import type { Deps } from '../../deps'
import { badRequest } from '../../errors'
import { SCENE } from '../../lib/content-check'
import { JPEG, newImageKey, resizeImage } from '../../lib/images'
import { mp3DurationMs, VOICE_MIME } from '../../lib/audio'
import { randomUUID } from 'node:crypto'
import type { UserRow } from '../users/users.repository'
import { listForDeletion, removeFiles } from './file-deletions'
import * as repo from './uploads.repository'
import { postsWithVoice, returnVoiceOnlyToReview } from '../listings/listings.repository'
import { studioWithPhoto } from '../studios/studios.repository'

/**
 * A photo for a post: stored as a 1280 px copy and a 360 px thumbnail, then handed to WeChat's
 * asynchronous image check. Until the result is pushed back it is 'pending', and only 'pass'
 * photos are ever shown to the public. It stays unattached (swept after a day: uploads.sweep.ts)
 * until a post, an entry or a verification takes it.
 */
export async function saveUpload(deps: Deps, user: UserRow, input: Buffer) {
  const photo = await resizeImage(input, { width: 1280, height: 1280, fit: 'inside' })
  // From the 1280 px copy, not the original: one full decode per upload instead of two.
  const thumb = await resizeImage(photo, { width: 360, height: 360 })
  const path = newImageKey('photos')
  const thumbPath = newImageKey('thumbs')
  // The row first, then the files: a crash in between leaves an unattached row whose keys the
  // sweep removes, never a file no row knows about.
  const row = await repo.insertUpload(deps.db, { owner_id: user.id, path, thumb_path: thumbPath, created_at: deps.now().toISOString() })
  // Nothing refers to the row yet: if storing or WeChat fails, the row and whatever was stored go.
  const discard = async () => {
    await deps.db.transaction().execute(async (trx) => {
      await repo.deleteUpload(trx, row.id)
      await listForDeletion(trx, [path, thumbPath], deps.now())
    })
    await removeFiles(deps, [path, thumbPath])
  }
  // Both writes settle before any cleanup, so a write still under way cannot land after it.
  const stored = await Promise.allSettled([deps.storage.put(path, photo, JPEG), deps.storage.put(thumbPath, thumb, JPEG)])
  const failed = stored.find((r) => r.status === 'rejected')
  if (failed) {
    await discard()
    throw failed.reason
  }
  // WeChat fetches the image from our public URL; the result arrives later by push. If WeChat
  // cannot take the check now, the photo is not kept: an unchecked photo could never be shown,
  // and the app tells the person to try again.
  await startMediaCheck(deps, user, row.id, path, 'image', discard)
  return { id: row.id, url: deps.uploadUrl(row.path), thumbUrl: deps.uploadUrl(row.thumb_path) }
}

/**
 * Marks the owner's uploads as part of something (a post, an achievement, a contest entry, a
 * verification), in the caller's transaction, before that something refers to them. An upload
 * the sweep removed meanwhile is not there to mark: 400 PHOTO_INVALID, and the caller's
 * transaction rolls back, rather than a post pointing at a photo that is gone.
 */
export async function markAttached(db: Db, ownerId: number, uploadIds: number[], at: Date, field = 'photoIds'): Promise<void> {
  if (!uploadIds.length) return
  if ((await repo.markAttached(db, ownerId, uploadIds, at.toISOString())) !== new Set(uploadIds).size) throw badRequest('PHOTO_INVALID', { [field]: '照片不存在或已过期，请重新上传' })
}

/**
 * Photos someone attaches to what they publish (a post, a contest entry): each once, their own
 * uploads, never a verification's proof (kind 'proof': for staff only), not a photo of another post
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
  const rows = await repo.ownUploads(db, owner.id, photoIds)
  const listingId = opts.listingId ?? null
  const usable = rows.filter(
    (r) => (r.listing_id === null || r.listing_id === listingId) && !(opts.refuseRisky && r.check_status === 'risky') && r.kind === 'photo',
  )
  if (usable.length !== photoIds.length) throw invalid()
}

function absoluteUrl(deps: Deps, url: string): string {
  if (/^https?:\/\//.test(url)) return url
  return `${deps.config.publicUrl ?? `http://${deps.config.host}:${deps.config.port}`}${url}`
}

/**
 * A voice note (issue 13): the MP3 as the phone encoded it (both clients send MP3, so nothing is
 * transcoded), its length measured from its frames, then WeChat's asynchronous audio check, as a
 * photo's. It is stored once; the row's thumb_path repeats the key so every path that lists an
 * upload's files (the sweep, account deletion) lists it without knowing about voice.
 */
export async function saveVoice(deps: Deps, user: UserRow, input: Buffer) {
  const durationMs = mp3DurationMs(input)
  const path = `voices/${randomUUID()}.mp3`
  const row = await repo.insertUpload(deps.db, { owner_id: user.id, path, thumb_path: path, created_at: deps.now().toISOString(), kind: 'voice', duration_ms: durationMs })
  const discard = async () => {
    await deps.db.transaction().execute(async (trx) => {
      await repo.deleteUpload(trx, row.id)
      await listForDeletion(trx, [path], deps.now())
    })
    await removeFiles(deps, [path])
  }
  try {
    await deps.storage.put(path, input, VOICE_MIME)
  } catch (err) {
    await discard()
    throw err
  }
  await startMediaCheck(deps, user, row.id, path, 'audio', discard)
  return { id: row.id, url: deps.uploadUrl(path), durationMs }
}

/**
 * A voice note someone attaches (to a post or a response), in the caller's transaction: their own,
 * never used before, not found risky. `current` is the note the thing already holds (an edit that
 * keeps it claims nothing). 400 VOICE_NOT_USABLE otherwise, and the caller's transaction rolls back.
 */
export async function claimVoice(db: Db, owner: UserRow, voiceId: number | null, at: Date, current: number | null = null): Promise<void> {
  if (voiceId === null || voiceId === current) return
  if (!(await repo.claimVoice(db, owner.id, voiceId, at.toISOString()))) throw badRequest('VOICE_NOT_USABLE', { voiceId: ERROR_MESSAGES.VOICE_NOT_USABLE })
}

/** A note a post or a response no longer holds: unattached again, the sweep removes it with its file. */
export async function releaseVoice(db: Db, owner: UserRow, voiceId: number | null): Promise<void> {
  if (voiceId !== null) await repo.detachUpload(db, owner.id, voiceId)
}

/** A media-check result from WeChat's push. Unknown trace ids are ignored (not ours, or replayed). */
export async function applyMediaCheck(deps: Pick<Deps, 'db' | 'feedCache' | 'storage' | 'now'>, traceId: string, suggest: string): Promise<boolean> {
  const status = suggest === 'pass' ? 'pass' : 'risky' // 'review' images are not shown either
  const changed = await repo.setCheckStatus(deps.db, traceId, status)
  if (!changed) return false
  // The feed's cached pages and cards carry each post's thumbnail, and a post's kept public page its
  // photos and voice note: a photo or note that just passed (or was found risky) must show (or
  // vanish) there now, not when the cache entry expires.
  const holders = changed.kind === 'voice' ? await postsWithVoice(deps.db, changed.id) : []
  deps.feedCache.changed({ listings: changed.listing_id === null ? holders : [changed.listing_id, ...holders], searchesHold: true })
  // A studio's photo likewise (a visitor's kept studio page).
  const studio = changed.kind === 'photo' && changed.listing_id === null ? await studioWithPhoto(deps.db, changed.id) : null
  if (studio !== null) deps.feedCache.studioChanged(studio)
  // A risky voice note is never heard again, not even by someone who kept its address: the file
  // goes now (a photo's stays for its thumbnail key; no view hands either out).
  if (status === 'risky' && changed.kind === 'voice') {
    deps.feedCache.changed({ listings: await returnVoiceOnlyToReview(deps.db, changed.id, deps.now().toISOString()) })
    await listForDeletion(deps.db, [changed.path], deps.now())
    await removeFiles(deps, [changed.path])
  }
  return true
}

/**
 * Asks WeChat to check an upload (scene 论坛 for photos and notes alike: an upload does not know
 * yet what will take it) and keeps the trace id its push will name. If WeChat cannot take the
 * check now, the upload goes (`discard`): unchecked, it could never be shown or heard.
 */
async function startMediaCheck(deps: Deps, user: UserRow, id: number, path: string, mediaType: 'image' | 'audio', discard: () => Promise<void>): Promise<void> {
  let traceId: string
  try {
    ;({ traceId } = await deps.wechat.mediaCheckAsync({ openid: user.openid, scene: SCENE.post, mediaUrl: absoluteUrl(deps, deps.uploadUrl(path)), mediaType }))
  } catch (err) {
    await discard()
    throw err
  }
  await repo.setTraceId(deps.db, id, traceId)
}
