import { SICHUAN_CODE } from '../../../../common/schemas/regions'
import { forbidden } from '../../errors'
import { isWithin, staffScope } from './roles'
import type { UserRow } from './users.repository'

// Staff granted an area (users.staff_region_code, a prefecture or county) see and decide only the
// people and posts inside it: verification claims (the claimant's township) and the post review
// queue (the post's township). Provincial staff are not limited at all — also not by a row without
// a region, which no county or prefecture staff member sees.

/**
 * A `like` pattern for region_code that keeps a query inside the staff member's area (codes are
 * digits and nest by prefix, 5133 ⊃ 513328 ⊃ 513328100), or null when they are not limited.
 */
export function staffAreaPattern(staff: UserRow): string | null {
  const scope = staffScope(staff)
  if (!scope) throw forbidden() // not staff (the routes' requireStaff stops them first)
  return scope === SICHUAN_CODE ? null : `${scope}%`
}

/** 403 FORBIDDEN unless `regionCode` lies inside the staff member's area. */
export function assertInStaffArea(staff: UserRow, regionCode: string | null): void {
  const scope = staffScope(staff)
  if (scope === SICHUAN_CODE) return
  if (!scope || !regionCode || !isWithin(scope, regionCode)) throw forbidden()
}
