import { ROLES } from '../enums'
import { Problems, type FieldErrors, type FormOptions, type Limit } from './fields'

// A person's profile: what common/schemas/users.ts `profileUpdateBody` takes, as a rule the app
// checks before sending.

export const USER_LIMITS = {
  /** WeChat nicknames are at most 20 characters in practice; shown on one line everywhere. */
  nickname: [1, 20] as Limit,
  /** A person named in a form: a contact, a farmer posted for (代发), a nominee. */
  personName: [1, 20] as Limit,
} as const

/** PUT /api/users/me: nickname, role, township, and perhaps a contact phone. */
export function validateProfile(input: object, opts: FormOptions = {}): FieldErrors {
  const v = input as Record<string, unknown>
  const p = new Problems(opts.labels)
  p.text('nickname', v.nickname, USER_LIMITS.nickname, { code: 'NICKNAME_INVALID', singleLine: true })
  p.oneOf('role', v.role, ROLES, 'ROLE_INVALID')
  p.township('regionCode', v.regionCode)
  // Left out keeps the one on file; null removes it.
  if (v.contactPhone !== null) p.phone('contactPhone', v.contactPhone, true)
  return p.errors
}
