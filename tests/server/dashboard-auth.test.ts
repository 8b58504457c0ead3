// Who may see which dashboard, and who may set which targets: a chair sees only their township,
// county staff only their county, provincial staff everything, nobody else anything. Targets:
// staff only, inside their area, whole numbers 0–1,000,000, one per area, metric and month.
import { expectError } from './listings-fixtures'
import { useTestContext } from './helpers'
import {
  CHENGDU_STREET,
  dashboardUrl,
  GANZI_COUNTY,
  GANZI_PREFECTURE,
  KANGDING_COUNTY,
  KANGDING_STREET,
  seedDashboardData,
  T1,
  T2,
  viewers,
  type Auth,
  type Viewers,
} from './dashboard-fixtures'

let v: Viewers

const ctx = useTestContext()
beforeAll(async () => {
  await seedDashboardData(ctx.db)
  v = await viewers(ctx)
}, 60_000)

const get = (auth: Auth | undefined, query: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'GET', url: dashboardUrl(query), headers: auth ?? {} })
const put = (auth: Auth | undefined, payload: Record<string, unknown>) =>
  ctx.app.inject({ method: 'PUT', url: '/api/staff/targets', headers: auth ?? {}, payload })
const list = (auth: Auth | undefined, query: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'GET', url: `/api/staff/targets?${new URLSearchParams(query)}`, headers: auth ?? {} })

describe('GET /api/dashboard: who sees what', () => {
  test('signed out: 401', async () => {
    expectError(await get(undefined), 401, 'AUTH_REQUIRED')
    expectError(await get({ authorization: `Bearer ${'x'.repeat(43)}` }), 401, 'SESSION_EXPIRED')
  })

  test('a farmer, an unverified chair and a verified expert: 403', async () => {
    for (const who of [v.farmer, v.unverifiedChair, v.expert]) {
      expectError(await get(who.auth), 403, 'FORBIDDEN')
      expectError(await get(who.auth, { region: T1 }), 403, 'FORBIDDEN')
    }
  })

  test("a chair cannot see another township's figures, nor the county's, nor the province's", async () => {
    expect((await get(v.chairT1.auth, { region: T1 })).statusCode).toBe(200)
    for (const region of [T2, GANZI_COUNTY, GANZI_PREFECTURE, '51', CHENGDU_STREET, '513328999']) {
      const res = await get(v.chairT1.auth, { region })
      expectError(res, 403, 'FORBIDDEN')
      // Nothing about the other area leaks into the refusal.
      expect(res.body).not.toMatch(/来马镇|甘孜县|registrations/)
    }
    // The other chair likewise, the other way round.
    expectError(await get(v.chairT2.auth, { region: T1 }), 403, 'FORBIDDEN')
    expect((await get(v.chairT2.auth)).json().area.code).toBe(T2)
  })

  test('a chair whose verification is taken back, or who moves township, loses or changes their view', async () => {
    const chair = v.chairT2
    await ctx.db.updateTable('users').set({ verification: 'none' }).where('id', '=', chair.id).execute()
    expectError(await get(chair.auth), 403, 'FORBIDDEN')
    await ctx.db.updateTable('users').set({ verification: 'verified', region_code: T1 }).where('id', '=', chair.id).execute()
    expect((await get(chair.auth)).json().area.code).toBe(T1)
    expectError(await get(chair.auth, { region: T2 }), 403, 'FORBIDDEN')
    await ctx.db.updateTable('users').set({ region_code: T2 }).where('id', '=', chair.id).execute()
  })

  test('county staff see their county and its townships, not another county, the prefecture or the province', async () => {
    for (const region of [GANZI_COUNTY, T1, T2]) expect((await get(v.countyStaff.auth, { region })).statusCode).toBe(200)
    for (const region of [KANGDING_COUNTY, KANGDING_STREET, GANZI_PREFECTURE, '51', CHENGDU_STREET]) {
      expectError(await get(v.countyStaff.auth, { region }), 403, 'FORBIDDEN')
    }
    // Staff of 康定市 cannot look into 甘孜县.
    for (const region of [GANZI_COUNTY, T1]) expectError(await get(v.kangdingStaff.auth, { region }), 403, 'FORBIDDEN')
    expect((await get(v.kangdingStaff.auth)).json().area.code).toBe(KANGDING_COUNTY)
  })

  test('prefecture staff see the prefecture and everything in it', async () => {
    for (const region of [GANZI_PREFECTURE, GANZI_COUNTY, KANGDING_COUNTY, T1, KANGDING_STREET]) {
      expect((await get(v.prefectureStaff.auth, { region })).statusCode).toBe(200)
    }
    for (const region of ['51', '5101', CHENGDU_STREET]) expectError(await get(v.prefectureStaff.auth, { region }), 403, 'FORBIDDEN')
  })

  test('provincial staff see everything; a code that names no area is refused as such', async () => {
    for (const region of ['51', '5101', GANZI_COUNTY, CHENGDU_STREET]) expect((await get(v.provinceStaff.auth, { region })).statusCode).toBe(200)
    expectError(await get(v.provinceStaff.auth, { region: '513328999' }), 400, 'REGION_INVALID')
    expectError(await get(v.provinceStaff.auth, { region: '5199' }), 400, 'REGION_INVALID')
  })

  test('a staff member who is also a verified chair keeps the staff view', async () => {
    const both = v.countyStaff
    await ctx.db.updateTable('users').set({ role: 'chair', verification: 'verified' }).where('id', '=', both.id).execute()
    expect((await get(both.auth)).json().area.code).toBe(GANZI_COUNTY)
    await ctx.db.updateTable('users').set({ role: 'other', verification: 'none' }).where('id', '=', both.id).execute()
  })

  test('bad parameters', async () => {
    const staff = v.provinceStaff.auth
    expectError(await get(staff, { region: '12345' }), 400, 'REGION_INVALID')
    expectError(await get(staff, { region: "51' or 1=1 --" }), 400, 'REGION_INVALID')
    for (const month of ['2026-13', '2026-1', '26-01', '2026-00', '1999-12', '2026-01-01']) {
      expectError(await get(staff, { from: month, to: '2026-12' }), 400, 'VALIDATION_FAILED')
    }
    // From after to; more than 24 months.
    expectError(await get(staff, { from: '2026-12', to: '2026-11' }), 400, 'MONTH_RANGE_INVALID')
    expectError(await get(staff, { from: '2024-12', to: '2026-12' }), 400, 'MONTH_RANGE_INVALID')
    // Only `from`: the period runs to this month, so a future `from` is refused too.
    expectError(await ctx.app.inject({ method: 'GET', url: '/api/dashboard?from=2099-01', headers: staff }), 400, 'MONTH_RANGE_INVALID')
    // Ranges whose edges fall outside the months the dashboard can name: 400, not a 500.
    expectError(await ctx.app.inject({ method: 'GET', url: '/api/dashboard?to=2099-12', headers: staff }), 400, 'MONTH_RANGE_INVALID')
    expectError(await ctx.app.inject({ method: 'GET', url: '/api/dashboard?to=2000-03', headers: staff }), 400, 'MONTH_RANGE_INVALID')
  })
})

describe('targets', () => {
  const body = (o: Record<string, unknown> = {}) => ({ regionCode: T1, metric: 'registrations', month: '2026-10', value: 30, ...o })

  test('signed out 401; chairs, farmers and experts 403', async () => {
    expectError(await put(undefined, body()), 401, 'AUTH_REQUIRED')
    expectError(await list(undefined), 401, 'AUTH_REQUIRED')
    for (const who of [v.chairT1, v.farmer, v.expert]) {
      expectError(await put(who.auth, body()), 403, 'FORBIDDEN')
      expectError(await list(who.auth), 403, 'FORBIDDEN')
    }
  })

  test('county staff set targets for their county and its townships, and change them (one row per area, metric, month)', async () => {
    let res = await put(v.countyStaff.auth, body())
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ regionCode: T1, regionLabel: '甘孜县 甘孜镇', metric: 'registrations', month: '2026-10', value: 30 })
    res = await put(v.countyStaff.auth, body({ value: 40 }))
    expect(res.json().value).toBe(40)
    expect((await put(v.countyStaff.auth, body({ regionCode: GANZI_COUNTY, metric: 'posts', value: 12 }))).json().regionLabel).toBe('甘孜县')
    const rows = await ctx.db.selectFrom('targets').selectAll().where('region_code', '=', T1).where('metric', '=', 'registrations').where('month', '=', '2026-10').execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ value: 40, set_by: v.countyStaff.id })
    // The dashboard measures against it.
    const d = (await get(v.chairT1.auth)).json()
    expect(d.targets).toEqual([{ month: '2026-10', metric: 'registrations', value: 40, actual: 2, progress: 0.05 }])
  })

  test('outside their area: 403, and nothing is written', async () => {
    for (const regionCode of [KANGDING_COUNTY, KANGDING_STREET, GANZI_PREFECTURE, '51', CHENGDU_STREET]) {
      expectError(await put(v.countyStaff.auth, body({ regionCode })), 403, 'FORBIDDEN')
    }
    expectError(await put(v.kangdingStaff.auth, body()), 403, 'FORBIDDEN')
    const count = await ctx.db.selectFrom('targets').select((eb) => eb.fn.countAll().as('n')).where('region_code', 'in', [KANGDING_COUNTY, KANGDING_STREET, GANZI_PREFECTURE, '51', CHENGDU_STREET]).executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(0)
  })

  test('values 0 and 1,000,000 are taken; anything else is refused', async () => {
    expect((await put(v.provinceStaff.auth, body({ regionCode: '51', value: 0 }))).statusCode).toBe(200)
    expect((await put(v.provinceStaff.auth, body({ regionCode: '51', value: 1_000_000 }))).json().value).toBe(1_000_000)
    for (const value of [-1, 1_000_001, 1.5, '10', null, 2 ** 53]) {
      const res = await put(v.provinceStaff.auth, body({ value }))
      expectError(res, 400, 'VALIDATION_FAILED')
      expect(res.json().fields).toHaveProperty('value')
    }
    expectError(await put(v.provinceStaff.auth, body({ metric: 'visits' })), 400, 'VALIDATION_FAILED')
    for (const month of ['2026-13', '2026/10', '', '1999-01']) expectError(await put(v.provinceStaff.auth, body({ month })), 400, 'VALIDATION_FAILED')
    expectError(await put(v.provinceStaff.auth, body({ regionCode: '1234' })), 400, 'REGION_INVALID')
    expectError(await put(v.provinceStaff.auth, body({ regionCode: '513328999' })), 400, 'REGION_INVALID')
    const { value: _omit, ...noValue } = body()
    expectError(await put(v.provinceStaff.auth, noValue), 400, 'VALIDATION_FAILED')
  })

  test('listing: the area and everything inside it, within the staff member’s area only', async () => {
    await put(v.countyStaff.auth, body({ regionCode: T2, month: '2026-11', value: 5 }))
    await put(v.kangdingStaff.auth, body({ regionCode: KANGDING_STREET, month: '2026-11', value: 7 }))

    const county = (await list(v.countyStaff.auth)).json()
    expect(county.area.code).toBe(GANZI_COUNTY)
    expect(county.items.map((t: any) => [t.regionCode, t.metric, t.month, t.value])).toEqual([
      [GANZI_COUNTY, 'posts', '2026-10', 12],
      [T1, 'registrations', '2026-10', 40],
      [T2, 'registrations', '2026-11', 5],
    ])
    const t2 = (await list(v.countyStaff.auth, { region: T2 })).json()
    expect(t2.items.map((t: any) => t.regionCode)).toEqual([T2])
    expect((await list(v.countyStaff.auth, { from: '2026-11', to: '2026-11' })).json().items).toHaveLength(1)
    expectError(await list(v.countyStaff.auth, { region: KANGDING_COUNTY }), 403, 'FORBIDDEN')
    expectError(await list(v.countyStaff.auth, { region: '51' }), 403, 'FORBIDDEN')
    expectError(await list(v.countyStaff.auth, { from: '2026-12', to: '2026-11' }), 400, 'MONTH_RANGE_INVALID')

    // The province sees all of them, 康定's included.
    const province = (await list(v.provinceStaff.auth)).json()
    expect(province.items.map((t: any) => t.regionCode)).toEqual(expect.arrayContaining(['51', GANZI_COUNTY, T1, T2, KANGDING_STREET]))
  })
})
