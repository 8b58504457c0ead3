import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scryptSync } from 'node:crypto'

// Phone numbers are personal data: stored encrypted (AES-256-GCM) and, to find a person by phone
// (nominations by a chair, later), as a keyed hash. Both keys derive from one configured secret.
export interface PhoneCipher {
  encrypt(phone: string): string
  decrypt(stored: string): string
  lookup(phone: string): string
}

export function createPhoneCipher(secret: string): PhoneCipher {
  const encKey = scryptSync(secret, 'tianfu-phone-enc', 32)
  const macKey = scryptSync(secret, 'tianfu-phone-mac', 32)
  return {
    encrypt(phone) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', encKey, iv)
      const data = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')
    },
    decrypt(stored) {
      const raw = Buffer.from(stored, 'base64')
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12))
      decipher.setAuthTag(raw.subarray(12, 28))
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
    },
    lookup(phone) {
      return createHmac('sha256', macKey).update(phone).digest('base64url')
    },
  }
}

/** A bearer token for the app, and the hash we keep of it. */
export function newSessionToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashToken(token) }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}
