import { SICHUAN_CODE } from '../../../../common/schemas/regions'
import { forbidden } from '../../errors'
import { isTownship } from '../regions/regions.data'
import type { UserRow } from './users.repository'

// What a person may do beyond what anyone registered may: a township chair staff verified (举荐
// for contests, their township's dashboard), and staff with the area they were granted.

/**
 * Registered: the profile was completed (PUT /api/users/me sets registered_at and the township
 * together). Deleting an account clears region_code, so both are asked. 403 PROFILE_INCOMPLETE.
 */
export function requireRegistered(user: Pick<UserRow, 'registered_at' | 'region_code'>): void {
  if (!user.registered_at || !user.region_code) throw forbidden('PROFILE_INCOMPLETE')
}

type ChairFields = Pick<UserRow, 'role' | 'verification' | 'region_code'>

/** A chair staff verified, of the (existing) township in their profile. */
export function isVerifiedChair<U extends ChairFields>(user: U): user is U & { region_code: string } {
  return user.role === 'chair' && user.verification === 'verified' && isTownship(user.region_code)
}

/**
 * The area a staff member works for: users.staff_region_code (a prefecture or county), or the whole
 * province ('51') when none is set; null for everyone else.
 */
export function staffScope(user: Pick<UserRow, 'is_staff' | 'staff_region_code'>): string | null {
  if (user.is_staff !== 1) return null
  return user.staff_region_code ?? SICHUAN_CODE
}

/** Region codes nest by prefix: 51 ⊃ 5133 ⊃ 513328 ⊃ 513328100. */
export function isWithin(scope: string, code: string): boolean {
  return code.startsWith(scope)
}
