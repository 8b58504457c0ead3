import Taro from '@tarojs/taro'

// A random id this phone keeps for good (made the first time it is needed, kept in storage), so
// sharing can tell people apart: it travels as X-Visitor-Id with every open of a shared page, and
// with signing in, sharing and the profile, which tell the server whose phone it is. Then an open
// is credited to the sharer before the reader has an account (and their registration later), a
// person counts once whether signed in or not, and a sharer's own phone opening their link does
// not count for them.
const KEY = 'share.visitor'
const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** `length` characters of [A-Za-z0-9]: codes and ids nobody can guess (≈ 5.95 bits a character). */
export function randomId(length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += CHARS[Math.floor(Math.random() * CHARS.length)]
  return out
}

/** This phone's visitor id, made and stored on first use. */
export function visitorId(): string {
  const existing = Taro.getStorageSync(KEY) as string
  if (existing) return existing
  const id = randomId(22)
  Taro.setStorageSync(KEY, id)
  return id
}

/** The header that carries it (opens, sign-in, sharing, PUT /api/users/me). */
export function visitorHeader(): Record<string, string> {
  return { 'X-Visitor-Id': visitorId() }
}
