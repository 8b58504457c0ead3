import type { StaffNominationCounts, StaffNominationList } from '../../../../common/schemas/nominations-staff'
import type { Deps } from '../../deps'
import { getRegion } from '../regions/regions.data'
import { displayName, findPeople } from '../users/people'
import { staffAreaPattern } from '../users/staff-area'
import type { UserRow } from '../users/users.repository'
import { loadStaffContest } from './contests.service'
import { toNominationViews } from './contests.view'
import * as repo from './nominations.repository'

// Staff running a contest see the 举荐 still waiting for the nominee's answer: they are not
// entrants yet (a nomination becomes an entry only when the nominee confirms), so the entrant
// count alone said "0 人参赛" while chairs had put people forward. Who nominated whom, from which
// township, and since when — so staff can ask the chair to follow up. Same area rule as entrants.

export async function pendingNominations(deps: Deps, staff: UserRow, contestId: number): Promise<StaffNominationList> {
  await loadStaffContest(deps, staff, contestId)
  const rows = await repo.pendingOfContest(deps.db, contestId)
  const [views, chairs] = await Promise.all([toNominationViews(deps, rows), findPeople(deps.db, rows.map((r) => r.nominator_id))])
  const items = views.map((v, i) => {
    const chair = chairs.get(rows[i].nominator_id)
    return { ...v, nominatorName: displayName(chair), nominatorTownship: chair?.region_code ? (getRegion(chair.region_code)?.name ?? '') : '' }
  })
  return { items, pending: items.length }
}

/** For the contest list: how many 举荐 wait in each contest of the staff member's area (only those with any). */
export async function pendingNominationCounts(deps: Deps, staff: UserRow): Promise<StaffNominationCounts> {
  const rows = await repo.pendingCountsByContest(deps.db, staffAreaPattern(staff))
  return { items: rows.map((r) => ({ contestId: r.contest_id, pending: Number(r.n) })) }
}
