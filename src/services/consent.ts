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

let asking = false

/** Opens the consent page once, however many requests answered CONSENT_REQUIRED at the same time. */
export function askConsentAgain(): void {
  const pages = Taro.getCurrentPages()
  const current = pages[pages.length - 1]?.route ?? ''
  if (asking || current.includes(LOGIN_URL.slice(1))) return
  asking = true
  Taro.navigateTo({ url: RENEW_CONSENT_URL }).finally(() => {
    asking = false
  })
}

export async function agreeToPrivacy(): Promise<Profile> {
  const me = await request<Profile>('/api/users/me/consent', {
    method: 'POST',
    data: { consentVersion: PRIVACY_VERSION, channel: process.env.TARO_ENV === 'weapp' ? 'weapp' : 'h5' },
  })
  saveUser(me)
  return me
}
