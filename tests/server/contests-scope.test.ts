// Staff granted an area (users.staff_region_code: a county or prefecture; null = the province) run
// only the contests inside it: create, edit, move the stage, list and advance entrants, award,
// publish. Provincial staff run every contest. As in tests/server/dashboard-auth.test.ts, the area
// is set directly in the database (there is no API that grants it yet).
import { expectError } from './listings-fixtures'
import { call, contestBody, createContest, moveStage, newPerson, signUp, useContestWorld } from './contests-fixtures'

const GANZI_COUNTY = '513328' // 甘孜县
const KANGDING_COUNTY = '513301' // 康定市, another county of the same prefecture
const GANZI_PREFECTURE = '5133'

type Auth = { authorization: string }
let countyStaff: Auth
let prefectureStaff: Auth

async function staffOf(area: string, nickname: string): Promise<Auth> {
  const person = await newPerson(w, 'farmer', undefined, nickname)
  await w.ctx.db.updateTable('users').set({ is_staff: 1, staff_region_code: area }).where('id', '=', person.id).execute()
  return person.auth
}

const county = (regionCode = GANZI_COUNTY) => contestBody({ level: 'county', regionCode })
const create = (who: Auth, body: Record<string, unknown>) => call(w, 'POST', '/api/staff/contests', who, body)

const w = useContestWorld()
beforeAll(async () => {
  countyStaff = await staffOf(GANZI_COUNTY, '甘孜县科协')
  prefectureStaff = await staffOf(GANZI_PREFECTURE, '甘孜州科协')
})

test('county staff create contests of their county only', async () => {
  expect((await create(countyStaff, county())).statusCode).toBe(201)
  expectError(await create(countyStaff, contestBody()), 403, 'FORBIDDEN') // the province
  expectError(await create(countyStaff, contestBody({ level: 'prefecture', regionCode: GANZI_PREFECTURE })), 403, 'FORBIDDEN')
  expectError(await create(countyStaff, county(KANGDING_COUNTY)), 403, 'FORBIDDEN')
  // Prefecture staff: the prefecture and its counties, not the province.
  expect((await create(prefectureStaff, contestBody({ level: 'prefecture', regionCode: GANZI_PREFECTURE }))).statusCode).toBe(201)
  expect((await create(prefectureStaff, county(KANGDING_COUNTY))).statusCode).toBe(201)
  expectError(await create(prefectureStaff, contestBody()), 403, 'FORBIDDEN')
  expectError(await create(prefectureStaff, contestBody({ level: 'prefecture', regionCode: '5101' })), 403, 'FORBIDDEN')
})

test('county staff cannot edit, stage, list, advance, award or publish a contest outside their county', async () => {
  const province = await createContest(w) // provincial staff (staff-sc) made it
  const kangding = await createContest(w, { level: 'county', regionCode: KANGDING_COUNTY })
  const entrant = await newPerson(w)
  const entryId = await signUp(w, entrant.auth, province)
  for (const id of [province, kangding]) {
    expectError(await call(w, 'PUT', `/api/staff/contests/${id}`, countyStaff, county()), 403, 'FORBIDDEN')
    expectError(await call(w, 'POST', `/api/staff/contests/${id}/stage`, countyStaff, { stage: 'preliminary' }), 403, 'FORBIDDEN')
    expectError(await call(w, 'GET', `/api/staff/contests/${id}/entries`, countyStaff), 403, 'FORBIDDEN')
    expectError(await call(w, 'POST', `/api/staff/contests/${id}/results`, countyStaff), 403, 'FORBIDDEN')
  }
  await moveStage(w, province, 'preliminary')
  expectError(await call(w, 'POST', `/api/staff/contests/${province}/entries/${entryId}/advance`, countyStaff, { stage: 'preliminary' }), 403, 'FORBIDDEN')
  expectError(await call(w, 'POST', `/api/staff/contests/${province}/entries/${entryId}/award`, countyStaff, { award: 'gold' }), 403, 'FORBIDDEN')
  // Nothing moved.
  const row = await w.ctx.db.selectFrom('contests').select(['stage', 'region_code']).where('id', '=', kangding).executeTakeFirstOrThrow()
  expect(row).toEqual({ stage: 'signup', region_code: KANGDING_COUNTY })
  const entry = await w.ctx.db.selectFrom('contest_entries').select(['stage_reached', 'award']).where('id', '=', entryId).executeTakeFirstOrThrow()
  expect(entry).toEqual({ stage_reached: 'signup', award: null })
})

test('county staff cannot move their own contest out of their county', async () => {
  const id = (await create(countyStaff, county())).json().id
  expectError(await call(w, 'PUT', `/api/staff/contests/${id}`, countyStaff, county(KANGDING_COUNTY)), 403, 'FORBIDDEN')
  expectError(await call(w, 'PUT', `/api/staff/contests/${id}`, countyStaff, contestBody()), 403, 'FORBIDDEN')
  const renamed = await call(w, 'PUT', `/api/staff/contests/${id}`, countyStaff, county())
  expect(renamed.statusCode).toBe(200)
  expect(renamed.json().regionCode).toBe(GANZI_COUNTY)
})

test('county staff run their county’s contest from sign-up to results; provincial staff may too', async () => {
  const id = (await create(countyStaff, county())).json().id
  const entrant = await newPerson(w)
  const entryId = await signUp(w, entrant.auth, id)
  const as = (who: Auth, method: 'GET' | 'POST', url: string, body?: unknown) => call(w, method, `/api/staff/contests/${id}${url}`, who, body)
  expect((await as(countyStaff, 'GET', '/entries')).json().items.map((e: { id: number }) => e.id)).toEqual([entryId])
  expect((await as(w.staff.auth, 'GET', '/entries')).statusCode).toBe(200)
  for (const stage of ['preliminary', 'semifinal', 'final']) {
    // Provincial staff move the stage, county staff advance the entrant: both are allowed.
    expect((await as(w.staff.auth, 'POST', '/stage', { stage })).statusCode).toBe(200)
    expect((await as(countyStaff, 'POST', `/entries/${entryId}/advance`, { stage })).statusCode).toBe(200)
  }
  expect((await as(countyStaff, 'POST', `/entries/${entryId}/award`, { award: 'gold' })).statusCode).toBe(200)
  expect((await as(prefectureStaff, 'POST', '/results')).statusCode).toBe(200)
})
