import { studio, type StudioUpdate } from '../../../../common/schemas/studios'
import { CATEGORIES, type Category } from '../../../../common/enums'
import type { Deps } from '../../deps'
import { AppError, forbidden } from '../../errors'
import { assertNotRisky, SCENE } from '../../lib/content-check'
import * as listings from '../listings/listings.repository'
import { cards, jsonWithCards } from '../listings/listings.cards'
import { townshipPath } from '../regions/regions.data'
import { detachUpload } from '../uploads/uploads.repository'
import { assertUsablePhotos, markAttached } from '../uploads/uploads.service'
import { toPerson } from '../users/people'
import { requireRegistered } from '../users/roles'
import { findUserById, lockAvatar, type UserRow } from '../users/users.repository'
import { verifiedExpertDetails } from '../verifications/verifications.repository'
import { findStudioPage, findStudioProfile, saveStudioProfile } from './studios.repository'

const SHOWN = 50

function parseFields(json: string): Category[] {
  const parsed: unknown = JSON.parse(json)
  return Array.isArray(parsed) ? parsed.filter((c): c is Category => (CATEGORIES as readonly unknown[]).includes(c)) : []
}

const studioFields = studio.omit({ offers: true, achievements: true })

/**
 * A 科技工作者's studio page, as the JSON sent (Studio); anyone may open it (it is shared to chats
 * and Moments). Its photo shows once WeChat's image check passed it, as a post's photos do; the
 * expert (`viewer`) sees their own while it is being checked; no one sees one found risky.
 */
export async function getStudio(deps: Deps, userId: number, viewer: UserRow | null = null): Promise<string> {
  const user = await findUserById(deps.db, userId)
  if (!user || user.deleted_at || user.role !== 'expert' || !user.registered_at) throw new AppError('NOT_A_STUDIO', 404)
  // Offers and achievements are read separately, each with its own limit: one list of both would
  // let a long run of offers crowd every achievement out of the page.
  const [offerRows, achievementRows, verified, resolvedCount, profile] = await Promise.all([
    listings.publicOffersOf(deps.db, userId, 'post', SHOWN),
    listings.publicOffersOf(deps.db, userId, 'achievement', SHOWN),
    user.verification === 'verified' ? verifiedExpertDetails(deps.db, userId) : undefined,
    listings.resolvedCountOf(deps.db, userId),
    findStudioPage(deps.db, userId),
  ])
  const [offers, achievements] = await Promise.all([cards(deps, offerRows.map((r) => r.id)), cards(deps, achievementRows.map((r) => r.id))])
  const counts = new Map<Category, number>()
  for (const p of [...achievementRows, ...offerRows]) counts.set(p.category as Category, (counts.get(p.category as Category) ?? 0) + 1)
  const chosen = profile ? parseFields(profile.fields) : []
  const fields = studioFields.encode({
    person: toPerson(user, deps.uploadUrl),
    region: user.region_code ? (townshipPath(user.region_code) ?? null) : null,
    institution: verified?.institution ?? null,
    title: verified?.title ?? null,
    intro: profile?.intro ?? '',
    photo:
      profile?.photo_upload_id && profile.path && profile.thumb_path && photoShown(profile.check_status, viewer?.id === userId)
        ? { id: profile.photo_upload_id, url: deps.uploadUrl(profile.path), thumbUrl: deps.uploadUrl(profile.thumb_path) }
        : null,
    fields: chosen.length ? chosen : [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c),
    resolvedCount,
  })
  return jsonWithCards(fields, { offers, achievements })
}

function photoShown(checkStatus: string | null, ownStudio: boolean): boolean {
  return checkStatus === 'pass' || (ownStudio && checkStatus !== 'risky')
}

/** A studio's page as a visitor not signed in is shown it, kept a few seconds (FeedCache.studio). */
export function publicStudioJson(deps: Deps, userId: number): Promise<string> {
  return deps.feedCache.studio(userId, () => getStudio(deps, userId))
}

/**
 * An expert writes their studio: the introduction (public text, so WeChat checks it), a photo of
 * their own and their fields. A replaced photo is let go (the upload sweep removes it). Any
 * registered 科技工作者 may, verified or not: the page says which.
 */
export async function updateStudio(deps: Deps, user: UserRow, input: StudioUpdate): Promise<string> {
  requireRegistered(user)
  if (user.role !== 'expert') throw forbidden('STUDIO_NOT_EXPERT')
  if (input.photoId !== null) await assertUsablePhotos(deps.db, user, [input.photoId], { refuseRisky: true })
  if (input.intro) await assertNotRisky(deps, user.openid, SCENE.profile, input.intro, { intro: '介绍含有不适宜的内容' })
  const at = deps.now()
  await deps.db.transaction().execute(async (trx) => {
    // The person's row lock orders two saves of one studio (and an account deletion) on PostgreSQL.
    const { deleted_at } = await lockAvatar(trx, user.id)
    if (deleted_at) throw new AppError('NOT_A_STUDIO', 404)
    const before = await findStudioProfile(trx, user.id)
    if (input.photoId !== null) await markAttached(trx, user.id, [input.photoId], at, 'photoId')
    const old = before?.photo_upload_id ?? null
    if (old !== null && old !== input.photoId) await detachUpload(trx, user.id, old)
    await saveStudioProfile(trx, {
      user_id: user.id,
      intro: input.intro,
      photo_upload_id: input.photoId,
      fields: JSON.stringify(input.fields),
      updated_at: at.toISOString(),
    })
  })
  deps.feedCache.studioChanged(user.id)
  return getStudio(deps, user.id, user)
}
