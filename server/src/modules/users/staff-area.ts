import { SICHUAN_CODE } from '../../../../common/schemas/regions'
import { forbidden } from '../../errors'
import { isWithin, staffScope } from './roles'
import type { UserRow } from './users.repository'

// Staff granted an area (users.staff_region_code, a prefecture or county) see and decide only the
// people and posts inside it: verification claims (the claimant's township), the post review queue
// and any post not yet public or its unchecked photos (the post's township), contests and their
// entrants (the contest's region). Provincial staff are not limited at all — also not by a row
// without a region, which no county or prefecture staff member sees.

/**
 * A `like` pattern for region_code that keeps a query inside the staff member's area (codes are
 * digits and nest by prefix, 5133 ⊃ 513328 ⊃ 513328100), or null when they are not limited.
 */
export function staffAreaPattern(staff: UserRow): string | null {
  const scope = staffScope(staff)
  if (!scope) throw forbidden() // not staff (the routes' requireStaff stops them first)
  return scope === SICHUAN_CODE ? null : `${scope}%`
}

/**
 * Whether `viewer` is staff whose area holds `regionCode`: the one rule for everything non-public
 * staff get to see or decide (a pending post, its unchecked photos, a claim, a contest's entrants).
 * Staff outside the area are treated like anybody else.
 */
export function staffCovers(viewer: Pick<UserRow, 'is_staff' | 'staff_region_code'> | null, regionCode: string | null): boolean {
  const scope = viewer ? staffScope(viewer) : null
  if (scope === SICHUAN_CODE) return true
  return !!scope && !!regionCode && isWithin(scope, regionCode)
}

/** 403 FORBIDDEN unless `regionCode` lies inside the staff member's area (for staff-only routes). */
export function assertInStaffArea(staff: UserRow, regionCode: string | null): void {
  if (!staffCovers(staff, regionCode)) throw forbidden()
}
