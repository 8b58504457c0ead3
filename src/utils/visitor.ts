import Taro from '@tarojs/taro'

// A random id this phone keeps while nobody is signed in on it, so an open of a shared page can be
// credited to the sharer before the reader has an account, and their registration later too (it
// travels with the registration as X-Visitor-Id). Made only when a shared link is opened.
const KEY = 'share.visitor'
const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** `length` characters of [A-Za-z0-9]: codes and ids nobody can guess (≈ 5.95 bits a character). */
export function randomId(length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += CHARS[Math.floor(Math.random() * CHARS.length)]
  return out
}

export function visitorId(create: boolean): string | null {
  const existing = Taro.getStorageSync(KEY) as string
  if (existing) return existing
  if (!create) return null
  const id = randomId(22)
  Taro.setStorageSync(KEY, id)
  return id
}

/** The header the registration carries (PUT /api/users/me); empty when the phone has no visitor id. */
export function visitorHeader(): Record<string, string> {
  const id = visitorId(false)
  return id ? { 'X-Visitor-Id': id } : {}
}
