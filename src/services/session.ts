import Taro from '@tarojs/taro'
import type { Profile } from '../../common/schemas/users'

// The session token and the last known profile, kept in storage so a relaunch stays signed in.
const TOKEN_KEY = 'session.token'
const USER_KEY = 'session.user'
export const SESSION_EVENT = 'session:change'
/** The privacy guide changed since the signed-in person agreed: the app shows it again (app.ts). */
export const CONSENT_EVENT = 'session:consent-required'

export function getToken(): string | null {
  return (Taro.getStorageSync(TOKEN_KEY) as string) || null
}

export function getCachedUser(): Profile | null {
  return (Taro.getStorageSync(USER_KEY) as Profile) || null
}

export function saveSession(token: string, user: Profile): void {
  Taro.setStorageSync(TOKEN_KEY, token)
  saveUser(user)
}

export function saveUser(user: Profile): void {
  Taro.setStorageSync(USER_KEY, user)
  Taro.eventCenter.trigger(SESSION_EVENT, user)
  if (user.consentRequired) Taro.eventCenter.trigger(CONSENT_EVENT)
}

export function clearSession(): void {
  Taro.removeStorageSync(TOKEN_KEY)
  Taro.removeStorageSync(USER_KEY)
  Taro.eventCenter.trigger(SESSION_EVENT, null)
}
