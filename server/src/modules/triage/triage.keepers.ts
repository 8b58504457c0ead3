import type { z } from 'zod'
import type { keeperInput } from '../../../../common/schemas/triage'
import type { Deps } from '../../deps'
import { AppError, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { getRegion, isCounty } from '../regions/regions.data'
import { findPeople, toPerson } from '../users/people'
import { assertInStaffArea } from '../users/staff-area'
import type { UserRow } from '../users/users.repository'
import { covers, triageAreas } from './triage.access'
import * as repo from './triage.repository'

// 科服保姆: the volunteers (or chairs, or staff) staff appoint to a county, who triage its needs and
// are told when one waits.

/**
 * Who is told that a need of this township waits: its county's 科服保姆; where staff appointed none
 * yet, the staff of its county or prefecture (provincial staff read the queue, they are not paged).
 */
export async function keepersFor(db: Deps['db'], townshipCode: string): Promise<number[]> {
  const keepers = await repo.keepersOf(db, townshipCode.slice(0, 6))
  if (keepers.length) return keepers
  return repo.staffOf(db, [townshipCode.slice(0, 6), townshipCode.slice(0, 4)])
}

export async function listKeepers(deps: Deps, staff: UserRow, county?: string) {
  const areas = await triageAreas(deps.db, staff)
  let q = deps.db.selectFrom('triage_keepers').selectAll().orderBy('county_code').orderBy('appointed_at')
  if (county) {
    assertInStaffArea(staff, county)
    q = q.where('county_code', '=', county)
  }
  const rows = (await q.execute()).filter((r) => covers(areas, r.county_code))
  const people = await findPeople(deps.db, rows.map((r) => r.user_id))
  return {
    items: rows
      .filter((r) => people.get(r.user_id) && !people.get(r.user_id)!.deleted_at)
      .map((r) => ({ user: toPerson(people.get(r.user_id)!, deps.uploadUrl), county: { code: r.county_code, name: getRegion(r.county_code)?.name ?? '' }, appointedAt: r.appointed_at })),
  }
}

/** Staff appoint a registered person (found by the phone they bound) 科服保姆 of a county in their area. */
export async function appointKeeper(deps: Deps, staff: UserRow, input: z.output<typeof keeperInput>) {
  if (!isCounty(input.countyCode)) throw new AppError('REGION_INVALID', 400)
  assertInStaffArea(staff, input.countyCode)
  const person = await deps.db
    .selectFrom('users')
    .selectAll()
    .where('phone_lookup', '=', deps.phoneCipher.lookup(input.phone))
    .where('deleted_at', 'is', null)
    .where('registered_at', 'is not', null)
    .executeTakeFirst()
  if (!person) throw new AppError('KEEPER_NOT_FOUND', 404)
  // The 我的 page offers 分诊 to everyone registered but farmers (sparing herders a request): a
  // farmer appointed would never find the queue.
  if (person.role === 'farmer') throw new AppError('KEEPER_IS_FARMER', 409)
  const at = deps.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('triage_keepers')
      .values({ user_id: person.id, county_code: input.countyCode, appointed_by: staff.id, appointed_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'county_code']).doNothing())
      .execute()
    await recordAudit(trx, { actorId: staff.id, action: 'triage.appoint', targetType: 'user', targetId: person.id, details: { county: input.countyCode }, reason: null, at })
  })
  return listKeepers(deps, staff, input.countyCode)
}

export async function removeKeeper(deps: Deps, staff: UserRow, userId: number, county: string) {
  assertInStaffArea(staff, county)
  const at = deps.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom('triage_keepers').where('user_id', '=', userId).where('county_code', '=', county).executeTakeFirst()
    if (Number(res.numDeletedRows) === 0) throw notFound()
    await recordAudit(trx, { actorId: staff.id, action: 'triage.dismiss', targetType: 'user', targetId: userId, details: { county }, reason: null, at })
  })
  return listKeepers(deps, staff, county)
}
