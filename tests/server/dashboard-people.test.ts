// GET /api/dashboard/people: who registered in an area during the period, newest first, so a chair
// can follow up (issue 12) — name, township, role, date; never a phone. Authorised exactly like
// the dashboard: a verified chair their township, staff their area, nobody else.
import { useTestContext } from './helpers'
import { expectError } from './listings-fixtures'
import { GANZI_COUNTY, KANGDING_STREET, PERIOD, seedDashboardData, T1, T2, viewers, type Auth, type Viewers } from './dashboard-fixtures'

let v: Viewers
let ids: Record<string, number>
const ctx = useTestContext()
beforeAll(async () => {
  ;({ ids } = await seedDashboardData(ctx.db))
  v = await viewers(ctx)
}, 60_000)

const people = (auth: Auth | undefined, query: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'GET', url: `/api/dashboard/people?${new URLSearchParams({ ...PERIOD, ...query })}`, headers: auth ?? {} })
const nameOf = async (id: number) => (await ctx.db.selectFrom('users').select('nickname').where('id', '=', id).executeTakeFirstOrThrow()).nickname

test('a verified chair pages through who registered in the township in the period, newest first, without phones', async () => {
  await ctx.db.updateTable('users').set({ phone_encrypted: 'secret-cipher', phone_lookup: 'secret-lookup' }).where('id', '=', ids.u6).execute()
  const first = await people(v.chairT1.auth, { limit: '5' })
  expect(first.statusCode).toBe(200)
  expect(first.headers['cache-control']).toBe('private, no-store')
  const page1 = first.json()
  // u1–u7 registered in Sep–Dec (China time); u8 (Aug), u10 (Jan), u11 (never) and the deleted u9 do not count.
  expect(page1.total).toBe(7)
  const expected = await Promise.all(['u6', 'u4', 'u5', 'u3', 'u2'].map((k) => nameOf(ids[k])))
  expect(page1.items.map((p: { name: string }) => p.name)).toEqual(expected)
  expect(page1.items[0]).toEqual({ name: expected[0], place: '甘孜镇', role: 'farmer', registeredAt: '2026-12-02T03:00:00.000Z' })
  expect(page1.items[2].role).toBe('chair')
  expect(JSON.stringify(page1)).not.toMatch(/phone|secret|openid/i)
  const page2 = (await people(v.chairT1.auth, { limit: '5', cursor: page1.next })).json()
  expect(page2.items.map((p: { name: string }) => p.name)).toEqual(await Promise.all([nameOf(ids.u1), nameOf(ids.u7)]))
  expect(page2.next).toBeNull()
})

test('the period is the dashboard’s: one month shows that month only', async () => {
  const nov = (await people(v.chairT1.auth, { from: '2026-11', to: '2026-11' })).json()
  expect(nov.items.map((p: { name: string }) => p.name)).toEqual([await nameOf(ids.u5)])
})

test('authorised like the dashboard', async () => {
  expectError(await people(undefined), 401, 'AUTH_REQUIRED')
  for (const who of [v.farmer, v.unverifiedChair, v.expert]) expectError(await people(who.auth), 403, 'FORBIDDEN')
  expectError(await people(v.chairT1.auth, { region: T2 }), 403, 'FORBIDDEN')
  expectError(await people(v.chairT1.auth, { region: GANZI_COUNTY }), 403, 'FORBIDDEN')
  expectError(await people(v.kangdingStaff.auth, { region: T1 }), 403, 'FORBIDDEN')
  expect((await people(v.countyStaff.auth, { region: T1 })).json().total).toBe(7)
  // County staff see the county: both townships (T2: v1, v2, v3) and none of 康定.
  const county = (await people(v.countyStaff.auth, { limit: '50' })).json()
  expect(county.total).toBe(10)
  expect(county.items.every((p: { place: string }) => p.place !== '' && !p.place.includes(KANGDING_STREET))).toBe(true)
  expectError(await people(v.chairT1.auth, { cursor: 'not-a-cursor' }), 400, 'CURSOR_INVALID')
})
