import { SICHUAN_CODE } from '../../../../common/schemas/regions'
import type { Db } from '../../db/database'
import { forbidden } from '../../errors'
import { countiesOf, getRegion, isCounty, prefectures } from '../regions/regions.data'
import { isVerifiedChair, isWithin, staffScope } from '../users/roles'
import type { UserRow } from '../users/users.repository'
import { findCase, keeperCounties } from './triage.repository'

// Who triages what. Staff triage their area (users.staff_region_code; the whole province when
// unset); a 科服保姆 the counties staff appointed them to. The 保姆单 of a need is read by those, and
// by the verified chair of the need's township (who answers for their villages' needs).

/** The region prefixes the person triages: ['51'] for provincial staff; [] for anyone else. */
export async function triageAreas(db: Db, user: UserRow): Promise<string[]> {
  const scope = staffScope(user)
  const counties = user.deleted_at ? [] : await keeperCounties(db, user.id)
  if (scope === SICHUAN_CODE) return [SICHUAN_CODE]
  const areas = scope ? [scope] : []
  // A county a staff member's own area already holds adds nothing.
  for (const c of counties) if (!areas.some((a) => isWithin(a, c))) areas.push(c)
  return areas
}

export function covers(areas: string[], regionCode: string): boolean {
  return areas.some((a) => isWithin(a, regionCode))
}

/** 403 FORBIDDEN unless the person triages somewhere; returns where. */
export async function requireTriager(db: Db, user: UserRow): Promise<string[]> {
  const areas = await triageAreas(db, user)
  if (!areas.length) throw forbidden()
  return areas
}

/** The counties the areas hold, for the queue's filter (provincial staff: every county). */
export function countiesIn(areas: string[]) {
  const out = new Map<string, { code: string; name: string }>()
  for (const a of areas) {
    const counties = a === SICHUAN_CODE ? prefectures().flatMap((p) => countiesOf(p.code) ?? []) : a.length === 4 ? (countiesOf(a) ?? []) : isCounty(a) ? [getRegion(a)!] : []
    for (const c of counties) out.set(c.code, { code: c.code, name: c.name })
  }
  return [...out.values()]
}

/** Reads the 保姆单: those who triage its area, and the verified chair of its township. */
export function readsRecord(user: UserRow, areas: string[], regionCode: string): boolean {
  return covers(areas, regionCode) || (isVerifiedChair(user) && user.region_code === regionCode)
}

/** Whether a need's page links its 保姆单 for this viewer: it is a case, and they read its record. */
export async function readsTriageRecord(db: Db, user: UserRow, listing: { id: number; region_code: string }): Promise<boolean> {
  // Asked on every need's page a signed-in person opens: most are farmers, who are never
  // 科服保姆 (KEEPER_IS_FARMER), so they cost no query.
  if (user.role === 'farmer' && user.is_staff !== 1) return false
  if (!readsRecord(user, await triageAreas(db, user), listing.region_code)) return false
  return !!(await findCase(db, listing.id))
}
