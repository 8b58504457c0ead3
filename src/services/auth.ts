import Taro from '@tarojs/taro'
import { PRIVACY_VERSION } from '../../common/enums'
import type { Session } from '../../common/schemas/auth'
import { request } from './http'
import { clearSession, saveSession } from './session'
import { visitorHeader } from '../utils/visitor'

/**
 * weapp: wx.login → our server exchanges the code; the consent just given travels with it, and
 * the phone's visitor id (the phone is the person's: their own share links opened here do not count).
 */
export async function loginWithWechat(): Promise<Session> {
  const { code } = await Taro.login()
  return signIn('/api/auth/login', { code })
}

/** Either way in: the consent version shown, and the phone's visitor id (X-Visitor-Id). */
async function signIn(path: string, data: Record<string, string>): Promise<Session> {
  const session = await request<Session>(path, { method: 'POST', data: { ...data, consentVersion: PRIVACY_VERSION }, headers: visitorHeader() })
  saveSession(session.token, session.user)
  return session
}

export interface DevUser {
  userKey: string
  label: string
}

/** H5 against the emulator only: the demo people one can sign in as. */
export async function listDevUsers(): Promise<DevUser[]> {
  const res = await request<{ users: DevUser[] }>('/api/auth/dev-users')
  return res.users
}

export function devLogin(userKey: string): Promise<Session> {
  return signIn('/api/auth/dev-login', { userKey })
}

export async function logout(): Promise<void> {
  try {
    await request('/api/auth/logout', { method: 'POST' })
  } finally {
    clearSession()
  }
}
