import Taro from '@tarojs/taro'
import { PRIVACY_VERSION } from '../../common/enums'
import type { Profile } from '../../common/schemas/users'
import { request } from './http'
import { saveUser } from './session'
import { LOGIN_URL } from '../utils/routes'

// The privacy guide changed since the signed-in person agreed to it (their profile says
// consentRequired, or the server answered CONSENT_REQUIRED): the login page shows the guide again
// in its "renew" mode, and agreeing records the new version without signing in anew.
export const RENEW_CONSENT_URL = `${LOGIN_URL}?renew=1`

/** The consent page is open, or on its way: from navigateTo until that page closes (consentPageClosed). */
let asking = false

/**
 * Opens the consent page once, however many requests answered CONSENT_REQUIRED at the same time.
 * Asking stays true until the page closes, not until navigateTo answers: H5's router answers when
 * the address changes, before the page is among getCurrentPages(), and a late answer in between
 * stacked a second consent page — agreeing then went back to the first one (consent.test).
 */
export function askConsentAgain(): void {
  const pages = Taro.getCurrentPages()
  const current = pages[pages.length - 1]?.route ?? ''
  if (asking || current.includes(LOGIN_URL.slice(1))) return
  asking = true
  Taro.navigateTo({ url: RENEW_CONSENT_URL }).catch(() => {
    asking = false
  })
}

/** The consent page closed (agreed, declined or left): the next CONSENT_REQUIRED opens it again. */
export function consentPageClosed(): void {
  asking = false
}

export async function agreeToPrivacy(): Promise<Profile> {
  const me = await request<Profile>('/api/users/me/consent', {
    method: 'POST',
    data: { consentVersion: PRIVACY_VERSION, channel: process.env.TARO_ENV === 'weapp' ? 'weapp' : 'h5' },
  })
  saveUser(me)
  return me
}
