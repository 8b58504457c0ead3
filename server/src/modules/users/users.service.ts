import type { Profile, ProfileUpdate } from '../../../../common/schemas/users'
import { maskPhone } from '../../../../common/format'
import { PRIVACY_VERSION, type Role } from '../../../../common/enums'
import { isUniqueViolation, type Db } from '../../db/database'
import { newSessionToken } from '../../lib/crypto'
import { JPEG, newImageKey, resizeImage } from '../../lib/images'
import type { FastifyBaseLogger } from 'fastify'
import type { Deps } from '../../deps'
import { assertNotRisky, SCENE } from '../../lib/content-check'
import { unauthorized } from '../../errors'
import { listForDeletion, removeFiles, unlistForDeletion } from '../uploads/file-deletions'
import { deleteUploadsOf } from '../uploads/uploads.repository'
import { eraseVerificationsOf } from '../verifications/verifications.repository'
import { assertTownship, townshipPath } from '../regions/regions.data'
import { eraseAuthor } from '../listings/listings.repository'
import { eraseContestant } from '../contests/contests.erase'
import { eraseSharing } from '../sharing/sharing.erase'
import { deleteStudioProfile } from '../studios/studios.repository'
import { eraseMessagesOf } from '../messages/messages.repository'
import { eraseTriageOf } from '../triage/triage.repository'
import { tellWaitingNominations } from '../messages/messages.events'
import { creditRegistration, rememberVisitor } from '../sharing/sharing.service'
import { deleteUserSessions, insertSession } from '../auth/sessions.repository'
import { deleteConsents, findUserByOpenid, insertConsent, insertUser, lockAvatar, updateUser, type UserRow } from './users.repository'

export type UserDeps = Pick<Deps, 'db' | 'phoneCipher' | 'sessionDays' | 'uploadUrl' | 'storage'>

/** Where a request came from: the phone's visitor id (X-Visitor-Id) and the request's log. */
export interface Origin {
  visitorId: string | null
  log: Pick<FastifyBaseLogger, 'error'>
}

export function toProfile(row: UserRow, deps: Pick<UserDeps, 'phoneCipher' | 'uploadUrl'>): Profile {
  return {
    id: row.id,
    nickname: row.nickname,
    avatarUrl: row.avatar_path ? deps.uploadUrl(row.avatar_path) : null,
    role: (row.role as Role | null) ?? null,
    verification: row.verification as Profile['verification'],
    isStaff: row.is_staff === 1,
    region: row.region_code ? (townshipPath(row.region_code) ?? null) : null,
    phoneMasked: row.phone_encrypted ? maskPhone(deps.phoneCipher.decrypt(row.phone_encrypted)) : null,
    contactPhone: row.contact_phone_encrypted ? deps.phoneCipher.decrypt(row.contact_phone_encrypted) : null,
    registered: row.registered_at !== null,
    consentVersion: row.consent_version,
    consentRequired: row.consent_version !== PRIVACY_VERSION,
    createdAt: row.created_at,
  }
}

/**
 * Signs in the person behind a WeChat openid, creating the account on first login. The consent
 * the person just gave is recorded in the same transaction, so no account exists without it.
 */
export async function signIn(
  deps: UserDeps & Pick<Deps, 'now'>,
  input: { openid: string; unionid?: string | null; consentVersion: string; channel: 'weapp' | 'h5' },
): Promise<{ token: string; expiresAt: string; user: UserRow }> {
  const attempt = () =>
    deps.db.transaction().execute(async (trx) => {
      const at = deps.now().toISOString()
      let user = await findUserByOpenid(trx, input.openid)
      const created = !user
      if (!user) {
        user = await insertUser(trx, {
          openid: input.openid,
          unionid: input.unionid ?? null,
          consent_version: input.consentVersion,
          consent_at: at,
          created_at: at,
          updated_at: at,
        })
        await insertConsent(trx, user.id, input.consentVersion, input.channel, at)
      } else if (user.consent_version !== input.consentVersion) {
        user = await updateUser(trx, user.id, { consent_version: input.consentVersion, consent_at: at }, at)
        await insertConsent(trx, user.id, input.consentVersion, input.channel, at)
      }
      const { token, hash } = newSessionToken()
      const expiresAt = new Date(Date.parse(at) + deps.sessionDays * 86_400_000).toISOString()
      await insertSession(trx, { token_hash: hash, user_id: user.id, created_at: at, expires_at: expiresAt }, created)
      return { token, expiresAt, user }
    })
  try {
    return await attempt()
  } catch (err) {
    // Two first logins of the same person raced: the other one created the account; use it.
    if (isUniqueViolation(err)) return attempt()
    throw err
  }
}

/** A signed-in person agrees to the current privacy guide again (it changed since they last did). */
export async function agreeToPrivacy(deps: Pick<Deps, 'db' | 'now'>, user: UserRow, version: string, channel: 'weapp' | 'h5'): Promise<UserRow> {
  if (user.consent_version === version) return user
  const at = deps.now().toISOString()
  return deps.db.transaction().execute(async (trx) => {
    await insertConsent(trx, user.id, version, channel, at)
    return updateUser(trx, user.id, { consent_version: version, consent_at: at }, at)
  })
}

/**
 * PUT /api/users/me: the profile's nickname, role and township. Completing it the first time is
 * registering: the registration is credited to the volunteer whose share led here (a failure there
 * is logged, never the person's problem).
 */
export async function updateProfile(deps: UserDeps & Pick<Deps, 'now' | 'wechat' | 'feedCache'>, user: UserRow, input: ProfileUpdate, origin: Origin): Promise<UserRow> {
  // A wrong township is refused before spending a WeChat call on the nickname.
  assertTownship(input.regionCode)
  // Nicknames are public text: WeChat requires them to be checked.
  await assertNotRisky(deps, user.openid, SCENE.profile, input.nickname, { nickname: '昵称含有不适宜的内容' })
  // A verified claim is about a role *somewhere*: a chair is chair of one township. Changing the
  // role, or a chair moving to another township, makes it a new claim for staff to verify.
  const claimChanged = input.role !== user.role || (input.role === 'chair' && input.regionCode !== user.region_code)
  const at = deps.now().toISOString()
  const save = async (db: Db) => {
    const updated = await updateUser(db, user.id, {
      nickname: input.nickname,
      role: input.role,
      region_code: input.regionCode,
      ...(input.contactPhone === undefined ? {} : { contact_phone_encrypted: input.contactPhone === null ? null : deps.phoneCipher.encrypt(input.contactPhone) }),
      // A new role claim starts unverified; staff verify chairs and experts (a later capability).
      verification: claimChanged ? 'none' : user.verification,
      // On the app's clock: share attribution measures its 7-day window up to this instant.
      registered_at: user.registered_at ?? at,
    }, at)
    // Registered, or moved to the township of a 举荐 made by their phone: now they see it, and are told.
    await tellWaitingNominations(db, updated, at)
    return updated
  }
  // Only a phone WeChat vouched for (phone_lookup, which this save leaves as it is) can have a 举荐
  // waiting. Without one the save is one statement, atomic alone: no begin and commit, two of a
  // registration's round trips to PostgreSQL on a training day (bench/burst.mjs). (A phone vouched
  // for at this very moment still has its 举荐 told, by save, outside a transaction.)
  const updated = user.phone_lookup ? await deps.db.transaction().execute(save) : await save(deps.db)
  // Their name and role show on the cards of their posts.
  deps.feedCache.changed({ authors: [user.id] })
  // The phone (X-Visitor-Id) is the person's either way.
  const attribution = !user.registered_at ? creditRegistration(deps, updated, origin.visitorId) : rememberVisitor(deps, user.id, origin.visitorId)
  await attribution.catch((err) => origin.log.error({ err }, 'share attribution failed'))
  return updated
}

/** The phone number WeChat vouches for (getPhoneNumber's one-time code), stored encrypted. */
export async function setPhone(deps: UserDeps & Pick<Deps, 'now' | 'wechat'>, user: UserRow, code: string): Promise<UserRow> {
  const { purePhoneNumber: phone } = await deps.wechat.getPhoneNumber(code)
  const at = deps.now().toISOString()
  return deps.db.transaction().execute(async (trx) => {
    const updated = await updateUser(trx, user.id, {
      phone_encrypted: deps.phoneCipher.encrypt(phone),
      phone_lookup: deps.phoneCipher.lookup(phone),
    }, at)
    // A 举荐 made by this phone in their township is theirs to see from now on: they are told.
    await tellWaitingNominations(trx, updated, at)
    return updated
  })
}

/** How long a new avatar may take from being stored to being in the profile before it counts as abandoned. */
const AVATAR_SAVE_GRACE_MS = 60 * 60 * 1000

/**
 * A new avatar (256×256). The file replaced is the one the profile held at the moment of the swap
 * (read under a row lock on PostgreSQL; SQLite writes one transaction at a time), so of two uploads
 * at once the first's file is removed by the second and nothing is left behind. The new file is
 * listed for deletion until the profile refers to it, in case this request dies in between.
 */
export async function setAvatar(deps: UserDeps & Pick<Deps, 'now' | 'feedCache'>, user: UserRow, image: Buffer): Promise<UserRow> {
  const bytes = await resizeImage(image, { width: 256, height: 256 })
  const key = newImageKey('avatars')
  await listForDeletion(deps.db, [key], new Date(deps.now().getTime() + AVATAR_SAVE_GRACE_MS))
  await deps.storage.put(key, bytes, JPEG)
  const swapped = await deps.db.transaction().execute(async (trx) => {
    const before = await lockAvatar(trx, user.id)
    // The account was deleted while the image was processed: nothing may refer to the file.
    if (before.deleted_at) return null
    const updated = await updateUser(trx, user.id, { avatar_path: key }, deps.now().toISOString())
    await unlistForDeletion(trx, [key])
    if (before.avatar_path) await listForDeletion(trx, [before.avatar_path], deps.now())
    return { updated, replaced: before.avatar_path }
  })
  if (!swapped) {
    await removeFiles(deps, [key])
    throw unauthorized()
  }
  deps.feedCache.changed({ authors: [user.id] }) // their avatar shows on the cards of their posts
  if (swapped.replaced) await removeFiles(deps, [swapped.replaced])
  return swapped.updated
}

/**
 * Deletes an account: personal data is erased (also the contacts in their posts and responses,
 * their contest entries and the nominations naming them; open posts close; their share opens no
 * longer say whose they were, their phones are forgotten and their share codes stop working), every
 * session revoked, staff rights and the dashboard area they were granted withdrawn, and the openid
 * freed so the same WeChat user can register afresh. The row stays so later records keep a valid
 * owner (and the opens and registrations counted for sharers stay counted).
 */
export async function deleteAccount(deps: UserDeps & Pick<Deps, 'feedCache' | 'contestCache' | 'now'>, user: UserRow): Promise<void> {
  // Every stored file of the person: the avatar the profile holds now (an avatar upload finishing
  // meanwhile waits for this row, then sees the account deleted) and every upload — post photos,
  // thumbnails, certificates, contest photos. Listed for deletion in the same transaction.
  const at = deps.now().toISOString()
  const files = await deps.db.transaction().execute(async (trx) => {
    const { avatar_path: avatar } = await lockAvatar(trx, user.id)
    await eraseAuthor(trx, user.id, deps.phoneCipher.encrypt(''), at)
    await eraseContestant(trx, user.id, user.phone_lookup, at)
    await eraseSharing(trx, user.id)
    // 我的消息: theirs go, and their name leaves the messages they caused others.
    await eraseMessagesOf(trx, user.id)
    // 科服保姆: their answers' words to 问题解决了吗, their open needs in the queue, their appointments.
    await eraseTriageOf(trx, user.id)
    // What they told staff to be verified, and every photo they uploaded (proofs, posts).
    await eraseVerificationsOf(trx, user.id, at)
    // Their studio's words go; its photo is among their uploads.
    await deleteStudioProfile(trx, user.id)
    const uploads = await deleteUploadsOf(trx, user.id)
    await deleteUserSessions(trx, user.id)
    await deleteConsents(trx, user.id)
    await updateUser(trx, user.id, {
      openid: `deleted:${user.id}`,
      unionid: null,
      nickname: null,
      avatar_path: null,
      role: null,
      verification: 'none',
      is_staff: 0,
      staff_region_code: null,
      region_code: null,
      phone_encrypted: null,
      phone_lookup: null,
      contact_phone_encrypted: null,
      consent_version: null,
      consent_at: null,
      deleted_at: at,
    }, at)
    const files = uploads.concat(avatar ? [avatar] : [])
    await listForDeletion(trx, files, deps.now())
    return files
  })
  deps.feedCache.changed({ authors: [user.id] })
  // Their name and face leave a contest's final at once, even for visitors.
  deps.contestCache.changed()
  // Gone from the store now; any the store could not remove stay listed for the sweep to retry.
  await removeFiles(deps, files)
}
