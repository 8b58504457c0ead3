// Staff see the 举荐 that wait for the nominee's answer (issue 12: contest management said
// "0 人参赛" while chairs had put people forward). GET /api/staff/contests/:id/nominations lists
// them with who nominated whom; GET /api/staff/contests/nominations/pending counts them per
// contest for the list. Same area rule as the entrants; nobody but staff.
import { useTestContext } from './helpers'
import { expectError, registerPerson, useWorld } from './listings-fixtures'
import { call, contestBody, GANZI_TOWN, nominationBody, TestClock } from './contests-fixtures'

const GANZI_COUNTY = '513328' // 甘孜县
const KANGDING_COUNTY = '513301' // 康定市

type Auth = { authorization: string }
// The demo world only (its chair 格桑 of 甘孜镇 is verified by the seed), on the contests' clock.
const clock = new TestClock()
const ctx = useTestContext({}, { now: clock.now })
const w = useWorld(ctx, clock.now)
const newPerson = (role: string, regionCode: string, nickname: string) => registerPerson(ctx, role, regionCode, nickname)
const createContest = async (overrides: Record<string, unknown> = {}) => {
  const res = await call(w, 'POST', '/api/staff/contests', w.staff.auth, contestBody(overrides))
  expect(res.statusCode).toBe(201)
  return res.json().id as number
}
let contestId: number
let quietContest: number
let kangdingStaff: Auth
let ganziStaff: Auth

async function staffOf(area: string, nickname: string): Promise<Auth> {
  const person = await newPerson('farmer', GANZI_TOWN, nickname)
  await ctx.db.updateTable('users').set({ is_staff: 1, staff_region_code: area }).where('id', '=', person.id).execute()
  return person.auth
}

beforeAll(async () => {
  contestId = await createContest({ level: 'county', regionCode: GANZI_COUNTY })
  quietContest = await createContest()
  kangdingStaff = await staffOf(KANGDING_COUNTY, '康定市科协')
  ganziStaff = await staffOf(GANZI_COUNTY, '甘孜县科协')
  const nominate = (nominee: Record<string, unknown>) => call(w, 'POST', `/api/contests/${contestId}/nominations`, w.verifiedChair.auth, nominationBody(nominee))
  expect((await nominate({ name: '卓玛', phone: '13812340101', regionCode: GANZI_TOWN })).statusCode).toBe(201)
  const person = await newPerson('farmer', GANZI_TOWN, '扎西')
  expect((await nominate({ userId: person.id })).statusCode).toBe(201)
})

test('the contest has no entrant yet, and staff see the two 举荐 waiting, with who put them forward', async () => {
  const entries = await call(w, 'GET', `/api/staff/contests/${contestId}/entries`, w.staff.auth)
  expect(entries.json().items).toEqual([])
  const res = await call(w, 'GET', `/api/staff/contests/${contestId}/nominations`, w.staff.auth)
  expect(res.statusCode).toBe(200)
  const list = res.json()
  expect(list.pending).toBe(2)
  expect(list.items.map((n: { nomineeName: string }) => n.nomineeName)).toEqual(['卓玛', '扎西'])
  expect(list.items[0]).toMatchObject({ status: 'pending', nominatorName: '格桑', nominatorTownship: '甘孜镇', nomineePhoneMasked: '138****0101', regionName: '甘孜藏族自治州 甘孜县 甘孜镇' })
  expect(JSON.stringify(list)).not.toContain('13812340101')
})

test('the contest list gets the count per contest; a contest without 举荐 is left out', async () => {
  const res = await call(w, 'GET', '/api/staff/contests/nominations/pending', w.staff.auth)
  expect(res.statusCode).toBe(200)
  const items = res.json().items as Array<{ contestId: number; pending: number }>
  expect(items.find((i) => i.contestId === contestId)).toEqual({ contestId, pending: 2 })
  expect(items.find((i) => i.contestId === quietContest)).toBeUndefined()
})

test('a confirmed or declined 举荐 no longer waits', async () => {
  const row = await ctx.db.selectFrom('contest_nominations').select('id').where('contest_id', '=', contestId).where('nominee_name', '=', '扎西').executeTakeFirstOrThrow()
  await ctx.db.updateTable('contest_nominations').set({ status: 'declined' }).where('id', '=', row.id).execute()
  const list = (await call(w, 'GET', `/api/staff/contests/${contestId}/nominations`, ganziStaff)).json()
  expect(list).toMatchObject({ pending: 1, items: [{ nomineeName: '卓玛' }] })
})

test('staff of another area and non-staff are refused; the counts stay inside the area', async () => {
  expectError(await call(w, 'GET', `/api/staff/contests/${contestId}/nominations`, kangdingStaff), 403, 'FORBIDDEN')
  expectError(await call(w, 'GET', `/api/staff/contests/${contestId}/nominations`, w.verifiedChair.auth), 403, 'FORBIDDEN')
  expect((await call(w, 'GET', `/api/staff/contests/${contestId}/nominations`)).statusCode).toBe(401)
  expectError(await call(w, 'GET', '/api/staff/contests/nominations/pending', w.verifiedChair.auth), 403, 'FORBIDDEN')
  const kangding = (await call(w, 'GET', '/api/staff/contests/nominations/pending', kangdingStaff)).json()
  expect(kangding.items).toEqual([])
})
