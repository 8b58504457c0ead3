import type { Profile, ProfileUpdate } from '../../common/schemas/users'
import { request, upload } from './http'
import { clearSession, getCachedUser, saveUser } from './session'
import { dropOutboxOf } from './outbox'
import { dropOfflineGroup } from './offline-cache'
import { visitorHeader } from '../utils/visitor'

export async function fetchMe(): Promise<Profile> {
  const me = await request<Profile>('/api/users/me')
  saveUser(me)
  return me
}

export async function updateProfile(input: ProfileUpdate): Promise<Profile> {
  // The phone's visitor id: the first completed profile is a registration, credited to the
  // volunteer whose share was opened on this phone (or by this person) before it.
  const me = await request<Profile>('/api/users/me', { method: 'PUT', data: input, headers: visitorHeader() })
  saveUser(me)
  return me
}

export async function uploadAvatar(filePath: string): Promise<Profile> {
  const me = await upload<Profile>('/api/users/me/avatar', filePath)
  saveUser(me)
  return me
}

export async function bindPhone(code: string): Promise<Profile> {
  const me = await request<Profile>('/api/users/me/phone', { method: 'POST', data: { code } })
  saveUser(me)
  return me
}

/** The account and what the phone kept of it: its 待发送 items and its 我的发布 kept for offline reading. */
export async function deleteAccount(): Promise<void> {
  const me = getCachedUser()
  await request('/api/users/me', { method: 'DELETE' })
  if (me) dropOutboxOf(me.id)
  dropOfflineGroup('mine')
  clearSession()
}
