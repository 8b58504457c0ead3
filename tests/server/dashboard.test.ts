// The township dashboard's numbers against a data set with known answers (dashboard-fixtures.ts),
// on SQLite and on PostgreSQL (TEST_DB_URL): every count, every month (China time, including the
// rows that sit exactly on a China midnight), roles, children, targets and progress.
import { addMonths, chinaMonthOf } from '../../common/china-time'
import { DASHBOARD_METRICS } from '../../common/enums'
import type { Dashboard } from '../../common/schemas/dashboard'
import { useTestContext } from './helpers'
import {
  CHENGDU_STREET,
  dashboardUrl,
  GANZI_COUNTY,
  GANZI_PREFECTURE,
  KANGDING_COUNTY,
  MONTHS,
  seedDashboardData,
  T1,
  T2,
  viewers,
  type Auth,
  type Viewers,
} from './dashboard-fixtures'

let v: Viewers

async function dashboardOf(auth: Auth, query: Record<string, string> = {}): Promise<Dashboard> {
  const res = await ctx.app.inject({ method: 'GET', url: dashboardUrl(query), headers: auth })
  if (res.statusCode !== 200) throw new Error(`dashboard: ${res.statusCode} ${res.body}`)
  return res.json()
}

async function putTarget(auth: Auth, regionCode: string, metric: string, month: string, value: number) {
  const res = await ctx.app.inject({ method: 'PUT', url: '/api/staff/targets', headers: auth, payload: { regionCode, metric, month, value } })
  if (res.statusCode !== 200) throw new Error(`target: ${res.statusCode} ${res.body}`)
}

/** metric → [series, total] */
function table(d: Dashboard): Record<string, [number[], number]> {
  return Object.fromEntries(d.metrics.map((m) => [m.metric, [m.series, m.total]]))
}

const ctx = useTestContext()
beforeAll(async () => {
  await seedDashboardData(ctx.db)
  v = await viewers(ctx)
  // Targets: the county sets its townships' monthly targets; the province sets the county's.
  await putTarget(v.countyStaff.auth, T1, 'registrations', '2026-10', 4)
  await putTarget(v.countyStaff.auth, T1, 'registrations', '2026-12', 2)
  await putTarget(v.countyStaff.auth, T1, 'posts', '2026-11', 0)
  await putTarget(v.countyStaff.auth, T1, 'registrations', '2027-01', 9) // after the period
  await putTarget(v.countyStaff.auth, T2, 'registrations', '2026-11', 2)
  await putTarget(v.provinceStaff.auth, GANZI_COUNTY, 'registrations', '2026-09', 5)
}, 60_000)

describe('a verified chair sees their township (甘孜镇)', () => {
  let d: Dashboard
  beforeAll(async () => {
    d = await dashboardOf(v.chairT1.auth)
  })

  test('the area and the period, month by month in China time', () => {
    expect(d.area).toEqual({ code: T1, name: '甘孜镇', level: 'township', label: '甘孜藏族自治州 甘孜县 甘孜镇' })
    expect(d.scope.code).toBe(T1)
    expect(d.canEditTargets).toBe(false)
    expect(d.months).toEqual(MONTHS)
    expect(d.metrics.map((m) => m.metric)).toEqual([...DASHBOARD_METRICS])
  })

  test('every metric, every month', () => {
    expect(table(d)).toEqual({
      // Sep: 10 Sep + 00:00 1 Sep (China); Nov: 23:59:59.999 30 Nov; Dec: 00:30 1 Dec (China) + 2 Dec.
      registrations: [[2, 2, 1, 2], 7],
      // Published 15 Sep; published 00:00 1 Nov China (submitted in October). Pending, rejected, 科技成果 not.
      posts: [[1, 0, 1, 0], 2],
      // Including the 对接 on a 科技成果; the August one is before the period.
      responses: [[1, 1, 2, 0], 4],
      // An August post resolved in September; a November post resolved in December.
      resolved: [[1, 0, 0, 1], 2],
      contest_entries: [[0, 1, 0, 1], 2],
      // The withdrawn nomination is not counted.
      nominations: [[0, 1, 1, 0], 2],
      shares: [[2, 0, 1, 0], 3],
      share_registrations: [[0, 1, 0, 1], 2],
    })
  })

  test('registrations by role, and everyone registered to date', () => {
    expect(d.registrationsByRole).toEqual([
      { role: 'farmer', count: 4 },
      { role: 'chair', count: 1 },
      { role: 'volunteer', count: 1 },
      { role: 'expert', count: 1 },
      { role: 'other', count: 0 },
    ])
    // The 7 of the period and one from August; not the deleted account, not the one registered in January.
    expect(d.registeredToDate).toBe(8)
  })

  test('a township has no children', () => {
    expect(d.childLevel).toBeNull()
    expect(d.children).toEqual([])
  })

  test('targets set by the county, with progress', () => {
    expect(d.targets).toEqual([
      { month: '2026-10', metric: 'registrations', value: 4, actual: 2, progress: 0.5 },
      { month: '2026-11', metric: 'posts', value: 0, actual: 1, progress: null },
      { month: '2026-12', metric: 'registrations', value: 2, actual: 2, progress: 1 },
    ])
    const byMetric = Object.fromEntries(d.metrics.map((m) => [m.metric, m.target]))
    expect(byMetric.registrations).toEqual({ value: 6, actual: 4, progress: 0.6667, months: 2 })
    expect(byMetric.posts).toEqual({ value: 0, actual: 1, progress: null, months: 1 })
    expect(byMetric.responses).toBeNull()
  })

  test('asking for their own township by code gives the same answer', async () => {
    expect(await dashboardOf(v.chairT1.auth, { region: T1 })).toEqual(d)
  })

  test('a shorter period: only its months', async () => {
    const nov = await dashboardOf(v.chairT1.auth, { from: '2026-11', to: '2026-11' })
    expect(nov.months).toEqual(['2026-11'])
    expect(table(nov).registrations).toEqual([[1], 1])
    expect(table(nov).responses).toEqual([[2], 2])
    // To date = by the end of November: 8 minus the two December registrations.
    expect(nov.registeredToDate).toBe(6)
    expect(nov.targets).toEqual([{ month: '2026-11', metric: 'posts', value: 0, actual: 1, progress: null }])
  })
})

test('the other township of the county (来马镇), as county staff see it', async () => {
  const d = await dashboardOf(v.countyStaff.auth, { region: T2 })
  expect(d.area.label).toBe('甘孜藏族自治州 甘孜县 来马镇')
  expect(d.scope).toEqual({ code: GANZI_COUNTY, name: '甘孜县', level: 'county', label: '甘孜藏族自治州 甘孜县' })
  expect(d.canEditTargets).toBe(true)
  expect(table(d)).toEqual({
    // 23:00 on 31 Dec in China is still December.
    registrations: [[1, 0, 1, 1], 3],
    posts: [[0, 0, 0, 1], 1],
    responses: [[0, 0, 0, 1], 1],
    resolved: [[0, 0, 0, 0], 0],
    contest_entries: [[0, 0, 1, 0], 1],
    nominations: [[0, 0, 0, 1], 1],
    shares: [[0, 1, 0, 0], 1],
    share_registrations: [[0, 0, 1, 0], 1],
  })
  expect(d.registrationsByRole.filter((r) => r.count)).toEqual([
    { role: 'farmer', count: 1 },
    { role: 'volunteer', count: 1 },
    { role: 'other', count: 1 },
  ])
  expect(d.registeredToDate).toBe(3)
  expect(d.targets).toEqual([{ month: '2026-11', metric: 'registrations', value: 2, actual: 1, progress: 0.5 }])
})

describe('county staff see the county (甘孜县) and its 21 townships', () => {
  let d: Dashboard
  beforeAll(async () => {
    d = await dashboardOf(v.countyStaff.auth)
  })

  test('the county by default, every metric', () => {
    expect(d.area).toEqual({ code: GANZI_COUNTY, name: '甘孜县', level: 'county', label: '甘孜藏族自治州 甘孜县' })
    expect(table(d)).toEqual({
      registrations: [[3, 2, 2, 3], 10],
      posts: [[1, 0, 1, 1], 3],
      responses: [[1, 1, 2, 1], 5],
      resolved: [[1, 0, 0, 1], 2],
      contest_entries: [[0, 1, 1, 1], 3],
      nominations: [[0, 1, 1, 1], 3],
      shares: [[2, 1, 1, 0], 4],
      share_registrations: [[0, 1, 1, 1], 3],
    })
    expect(d.registeredToDate).toBe(11)
    expect(d.registrationsByRole).toEqual([
      { role: 'farmer', count: 5 },
      { role: 'chair', count: 1 },
      { role: 'volunteer', count: 2 },
      { role: 'expert', count: 1 },
      { role: 'other', count: 1 },
    ])
    // The province's target for the county.
    expect(d.targets).toEqual([{ month: '2026-09', metric: 'registrations', value: 5, actual: 3, progress: 0.6 }])
  })

  test('children: every township, most registrations first, with their registration targets', () => {
    expect(d.childLevel).toBe('township')
    expect(d.children).toHaveLength(21)
    expect(d.children[0]).toEqual({ code: T1, name: '甘孜镇', registrations: 7, target: 6, progress: 0.6667 })
    expect(d.children[1]).toEqual({ code: T2, name: '来马镇', registrations: 3, target: 2, progress: 0.5 })
    const rest = d.children.slice(2)
    expect(rest.every((c) => c.registrations === 0 && c.target === null && c.progress === null)).toBe(true)
    // Ties in code order.
    expect(rest.map((c) => c.code)).toEqual([...rest.map((c) => c.code)].sort())
    expect(d.children.reduce((s, c) => s + c.registrations, 0)).toBe(10)
  })
})

test('prefecture staff see 甘孜州 and its counties', async () => {
  const d = await dashboardOf(v.prefectureStaff.auth)
  expect(d.area).toEqual({ code: GANZI_PREFECTURE, name: '甘孜藏族自治州', level: 'prefecture', label: '甘孜藏族自治州' })
  expect(table(d).registrations).toEqual([[3, 3, 2, 3], 11])
  expect(d.childLevel).toBe('county')
  expect(d.children.slice(0, 2)).toEqual([
    { code: GANZI_COUNTY, name: '甘孜县', registrations: 10, target: 5, progress: 0.6 },
    { code: KANGDING_COUNTY, name: '康定市', registrations: 1, target: null, progress: null },
  ])
  expect(d.children).toHaveLength(18)
})

describe('provincial staff see everything', () => {
  test('the province by default: every metric, the prefectures', async () => {
    const d = await dashboardOf(v.provinceStaff.auth)
    expect(d.area).toEqual({ code: '51', name: '四川省', level: 'province', label: '四川省' })
    expect(table(d)).toEqual({
      registrations: [[3, 4, 3, 3], 13],
      posts: [[1, 0, 2, 1], 4],
      responses: [[1, 1, 3, 1], 6],
      resolved: [[1, 0, 1, 1], 3],
      contest_entries: [[0, 1, 2, 1], 4],
      nominations: [[0, 1, 1, 1], 3],
      // The share without a township counts nowhere.
      shares: [[2, 1, 1, 1], 5],
      // The credit for the since-deleted account counts nowhere.
      share_registrations: [[0, 2, 1, 1], 4],
    })
    expect(d.registeredToDate).toBe(14)
    expect(d.childLevel).toBe('prefecture')
    expect(d.children).toHaveLength(21)
    expect(d.children.slice(0, 2).map((c) => [c.code, c.name, c.registrations])).toEqual([
      [GANZI_PREFECTURE, '甘孜藏族自治州', 11],
      ['5101', '成都市', 2],
    ])
  })

  test('any area inside: a township in Chengdu', async () => {
    const d = await dashboardOf(v.provinceStaff.auth, { region: CHENGDU_STREET })
    expect(d.area.label).toBe('成都市 锦江区 春熙路街道')
    expect(table(d).registrations).toEqual([[0, 1, 1, 0], 2])
    expect(table(d).resolved).toEqual([[0, 0, 1, 0], 1])
  })
})

test('the default period is the last six months, ending with this month in China time', async () => {
  const d = await dashboardOf(v.chairT1.auth, { from: '', to: '' }).catch(() => undefined)
  // Empty strings are not months: the app leaves the parameters out instead.
  expect(d).toBeUndefined()
  const res = await ctx.app.inject({ method: 'GET', url: '/api/dashboard', headers: v.chairT1.auth })
  expect(res.statusCode).toBe(200)
  expect(res.headers['cache-control']).toBe('private, no-store')
  const now = chinaMonthOf(new Date())
  const body: Dashboard = res.json()
  expect(body.months).toEqual([-5, -4, -3, -2, -1, 0].map((n) => addMonths(now, n)))
  expect(body.metrics.every((m) => m.series.length === 6)).toBe(true)
})

test('a month that nobody has reached yet counts nothing, and a long period is allowed up to 24 months', async () => {
  const d = await dashboardOf(v.chairT1.auth, { from: '2025-01', to: '2026-12' })
  expect(d.months).toHaveLength(24)
  expect(table(d).registrations[1]).toBe(8) // everyone in T1 from Jan 2025 to Dec 2026
  const future = await dashboardOf(v.chairT1.auth, { from: '2027-02', to: '2027-03' })
  expect(future.metrics.every((m) => m.total === 0)).toBe(true)
})
