// A key the server uses to recognise a retried POST (Idempotency-Key): made once per draft and
// kept with it, so tapping 提交 again after a dropped answer returns the post already created.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** 32 url-safe random characters (192 bits); the server scopes keys to their author as well. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(32)
  // H5 has Web Crypto; the WeChat JS engine has no synchronous crypto (wx.getRandomValues is
  // async), and Math.random is enough for a key that only has to differ between one person's drafts.
  const webCrypto = typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function' ? crypto : null
  if (webCrypto) webCrypto.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  return Array.from(bytes, (b) => ALPHABET[b & 63]).join('')
}
