import { z } from 'zod'
import { ROLES } from '../enums'
import { regionPath, townshipCode } from './regions'

// Nickname: WeChat nicknames are at most 20 characters in practice; count code points so an emoji is one.
export const nickname = z
  .string()
  .trim()
  .refine((s) => {
    const n = Array.from(s).length
    // No control characters (newlines, tabs…): a nickname is shown on one line everywhere.
    return n >= 1 && n <= 20 && !/\p{Cc}/u.test(s)
  }, { message: 'NICKNAME_INVALID' })

export const role = z.enum(ROLES, { message: 'ROLE_INVALID' })

export const profileUpdateBody = z.object({
  nickname,
  role,
  regionCode: townshipCode,
})
export type ProfileUpdate = z.infer<typeof profileUpdateBody>

export const phoneBody = z.object({ code: z.string().min(1).max(128) })

const verificationState = z.enum(['none', 'pending', 'verified', 'rejected'])

export const profile = z.object({
  id: z.number(),
  nickname: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  role: role.nullable(),
  /** Whether the role claim (chair/expert) has been verified by staff. */
  verification: verificationState,
  isStaff: z.boolean(),
  region: regionPath.nullable(),
  /** Masked for display: 138****1234. The full number is never sent back. */
  phoneMasked: z.string().nullable(),
  registered: z.boolean(),
  consentVersion: z.string().nullable(),
  createdAt: z.string(),
})
export type Profile = z.infer<typeof profile>
