import { z } from 'zod'
import { consentVersion, profile } from './users'

export const loginBody = z.object({
  /** wx.login code (valid 5 minutes, single use). */
  code: z.string().min(1).max(128),
  /** The privacy guide version the user agreed to right before logging in (the current one). */
  consentVersion,
}).meta({ examples: [{ code: '0a3bC1ll2Xk9Ga0xKq3l2ZpQ0u3bC1lq', consentVersion: '2026-11-01' }] })

export const devLoginBody = z.object({
  /** A demo user's key from GET /api/auth/dev-users, or a new key to create a fresh user. */
  userKey: z.string().regex(/^[a-z0-9-]{1,40}$/),
  consentVersion,
}).meta({ examples: [{ userKey: 'farmer', consentVersion: '2026-11-01' }] })

export const sessionResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: profile,
})
export type Session = z.infer<typeof sessionResponse>

export const devUsersResponse = z.object({
  users: z.array(z.object({ userKey: z.string(), label: z.string() })),
})
