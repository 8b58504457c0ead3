import type { Profile, ProfileUpdate } from '../../../../common/schemas/users'
import { maskPhone } from '../../../../common/format'
import type { Role } from '../../../../common/enums'
import { isUniqueViolation, nowIso } from '../../db/database'
import { newSessionToken } from '../../lib/crypto'
import { removeUpload } from '../../lib/images'
import type { Deps } from '../../deps'
import { assertTownship, townshipPath } from '../regions/regions.table'
import { eraseAuthor } from '../listings/listings.repository'
import { eraseContestant } from '../contests/contests.erase'
import { eraseSharing } from '../sharing/sharing.erase'
import { findUserByOpenid, insertConsent, insertUser, updateUser, type UserRow } from './users.repository'

export type UserDeps = Pick<Deps, 'db' | 'phoneCipher' | 'sessionDays' | 'uploadUrl' | 'uploadDir'>

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
    registered: row.registered_at !== null,
    consentVersion: row.consent_version,
    createdAt: row.created_at,
  }
}

/**
 * Signs in the person behind a WeChat openid, creating the account on first login. The consent
 * the person just gave is recorded in the same transaction, so no account exists without it.
 */
export async function signIn(
  deps: UserDeps,
  input: { openid: string; unionid?: string | null; consentVersion: string; channel: 'weapp' | 'h5' },
): Promise<{ token: string; expiresAt: string; user: UserRow }> {
  const attempt = () =>
    deps.db.transaction().execute(async (trx) => {
      const at = nowIso()
      let user = await findUserByOpenid(trx, input.openid)
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
        user = await updateUser(trx, user.id, { consent_version: input.consentVersion, consent_at: at })
        await insertConsent(trx, user.id, input.consentVersion, input.channel, at)
      }
      // Housekeeping on the way in: this person's expired sessions are of no use to anyone.
      await trx.deleteFrom('sessions').where('user_id', '=', user.id).where('expires_at', '<', at).execute()
      const { token, hash } = newSessionToken()
      const expiresAt = new Date(Date.now() + deps.sessionDays * 86_400_000).toISOString()
      await trx.insertInto('sessions').values({ token_hash: hash, user_id: user.id, created_at: at, expires_at: expiresAt }).execute()
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

export async function updateProfile(deps: UserDeps & Pick<Deps, 'now'>, user: UserRow, input: ProfileUpdate): Promise<UserRow> {
  assertTownship(input.regionCode)
  // A verified claim is about a role *somewhere*: a chair is chair of one township. Changing the
  // role, or a chair moving to another township, makes it a new claim for staff to verify.
  const claimChanged = input.role !== user.role || (input.role === 'chair' && input.regionCode !== user.region_code)
  return updateUser(deps.db, user.id, {
    nickname: input.nickname,
    role: input.role,
    region_code: input.regionCode,
    // A new role claim starts unverified; staff verify chairs and experts (a later capability).
    verification: claimChanged ? 'none' : user.verification,
    // On the app's clock: share attribution measures its 7-day window up to this instant.
    registered_at: user.registered_at ?? deps.now().toISOString(),
  })
}

export async function setPhone(deps: UserDeps, user: UserRow, phone: string): Promise<UserRow> {
  return updateUser(deps.db, user.id, {
    phone_encrypted: deps.phoneCipher.encrypt(phone),
    phone_lookup: deps.phoneCipher.lookup(phone),
  })
}

export async function setAvatar(deps: UserDeps, user: UserRow, path: string): Promise<UserRow> {
  const updated = await updateUser(deps.db, user.id, { avatar_path: path })
  if (user.avatar_path) await removeUpload(deps.uploadDir, user.avatar_path)
  return updated
}

/**
 * Deletes an account: personal data is erased (also the contacts in their posts and responses,
 * their contest entries and the nominations naming them; open posts close; their share opens no
 * longer say whose they were, their phones are forgotten and their share codes stop working), every
 * session revoked, staff rights and the dashboard area they were granted withdrawn, and the openid
 * freed so the same WeChat user can register afresh. The row stays so later records keep a valid
 * owner (and the opens and registrations counted for sharers stay counted).
 */
export async function deleteAccount(deps: UserDeps & Pick<Deps, 'feedCache'>, user: UserRow): Promise<void> {
  let uploads: { path: string; thumb_path: string }[] = []
  await deps.db.transaction().execute(async (trx) => {
    await eraseAuthor(trx, user.id, deps.phoneCipher.encrypt(''))
    await eraseContestant(trx, user.id, user.phone_lookup)
    await eraseSharing(trx, user.id)
    // What they told staff to be verified, and every photo they uploaded (certificates, posts).
    await trx.updateTable('verifications').set({ note: null, institution: null, title: null, certificate_upload_id: null }).where('user_id', '=', user.id).execute()
    uploads = await trx.selectFrom('uploads').select(['path', 'thumb_path']).where('owner_id', '=', user.id).execute()
    await trx.deleteFrom('uploads').where('owner_id', '=', user.id).execute()
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute()
    await trx.deleteFrom('consents').where('user_id', '=', user.id).execute()
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
      consent_version: null,
      consent_at: null,
      deleted_at: nowIso(),
    })
  })
  deps.feedCache.clear()
  const files = uploads.flatMap((u) => [u.path, u.thumb_path])
  if (user.avatar_path) files.push(user.avatar_path)
  await Promise.all(files.map((f) => removeUpload(deps.uploadDir, f)))
}
