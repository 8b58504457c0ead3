// The demo data (npm run seed / npm start) gives the demo chair and provincial staff a dashboard
// worth opening, stays out of every other feature's way, and can be seeded again without change.
import { PRIVACY_VERSION } from '../../common/enums'
import type { Dashboard } from '../../common/schemas/dashboard'
import { seedDemoData } from '../../server/src/seed/seed'
import { DEMO_LISTINGS } from '../../server/src/seed/demo-listings'
import { DEMO_VILLAGER_PREFIX } from '../../server/src/seed/demo-dashboard'
import { useTestContext } from './helpers'

const auth: Record<string, { authorization: string }> = {}

/**
 * The demo and the app stand at 00:00:30 on the 1st of a month in China: the current month is
 * 30 seconds old (UTC still shows the day before), the instant where a month's edge shows first.
 */
const FIXED = new Date('2026-12-01T00:00:30+08:00')
const THIS_MONTH = '2026-12'

const ctx = useTestContext({}, { now: () => FIXED })
beforeAll(async () => {
  await seedDemoData(ctx.db, ctx.config.phoneEncryptionKey, FIXED)
  for (const userKey of ['chair-ganzi', 'staff-sc', 'farmer-zhaxi']) {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userKey, consentVersion: PRIVACY_VERSION } })
    auth[userKey] = { authorization: `Bearer ${res.json().token}` }
  }
}, 60_000)

const dashboard = async (who: string, query = ''): Promise<Dashboard> => {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/dashboard${query}`, headers: auth[who] })
  expect(res.statusCode).toBe(200)
  return res.json()
}
const metric = (d: Dashboard, name: string) => d.metrics.find((m) => m.metric === name)!

test("格桑 (chair-ganzi) sees 甘孜镇's last six months: registrations every month against the county's targets", async () => {
  const d = await dashboard('chair-ganzi')
  expect(d.area.label).toBe('甘孜藏族自治州 甘孜县 甘孜镇')
  expect(d.months[5]).toBe(THIS_MONTH)
  // 30 villagers over six months, and 格桑 himself (seeded today).
  expect(metric(d, 'registrations').series).toEqual([3, 5, 4, 8, 6, 5])
  const demoPosts = DEMO_LISTINGS.filter((l) => l.regionCode === '513328100' && !l.achievement).length
  expect(metric(d, 'posts').series).toEqual([1, 1, 1, 1, 1, 1 + demoPosts])
  expect(metric(d, 'responses').total).toBe(6)
  expect(metric(d, 'resolved').total).toBe(4)
  expect(d.targets.filter((t) => t.metric === 'registrations').map((t) => t.value)).toEqual([6, 6, 6, 6, 6, 6])
  expect(metric(d, 'registrations').target).toMatchObject({ value: 36, actual: 31, months: 6 })
  expect(metric(d, 'posts').target).toMatchObject({ value: 4, months: 2 })
})

test('省科协小王 (staff-sc) sees the province, 甘孜州 first, and can open 甘孜县 with its townships', async () => {
  const province = await dashboard('staff-sc')
  expect(province.area.code).toBe('51')
  expect(province.canEditTargets).toBe(true)
  expect(province.children[0]).toMatchObject({ code: '5133', name: '甘孜藏族自治州' })
  const county = await dashboard('staff-sc', '?region=513328')
  expect(county.children.slice(0, 4).map((c) => c.name)).toEqual(['甘孜镇', '来马镇', '查龙镇', '呷拉乡'])
  expect(county.targets.map((t) => t.value)).toEqual([20, 20, 20])
})

test('the demo villagers and their resolved posts stay out of the feed, search and sign-in', async () => {
  const feed = await ctx.app.inject({ method: 'GET', url: '/api/listings?limit=50' })
  const titles: string[] = feed.json().items.map((i: { title: string }) => i.title)
  expect(titles.sort()).toEqual(DEMO_LISTINGS.filter((l) => !l.achievement).map((l) => l.title).sort())
  const villager = await ctx.db.selectFrom('users').select('openid').where('openid', 'like', `${DEMO_VILLAGER_PREFIX}%`).executeTakeFirstOrThrow()
  expect(villager.openid.startsWith('dev:')).toBe(false)
  // A farmer still has no dashboard.
  expect((await ctx.app.inject({ method: 'GET', url: '/api/dashboard', headers: auth['farmer-zhaxi'] })).statusCode).toBe(403)
})

test('seeding again changes nothing, and keeps a target staff have changed', async () => {
  const count = async (table: 'users' | 'listings' | 'listing_responses' | 'listing_events' | 'targets') =>
    Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const put = await ctx.app.inject({
    method: 'PUT',
    url: '/api/staff/targets',
    headers: auth['staff-sc'],
    payload: { regionCode: '513328100', metric: 'registrations', month: THIS_MONTH, value: 9 },
  })
  expect(put.statusCode).toBe(200)
  const before = await Promise.all((['users', 'listings', 'listing_responses', 'listing_events', 'targets'] as const).map(count))
  await seedDemoData(ctx.db, ctx.config.phoneEncryptionKey, FIXED)
  expect(await Promise.all((['users', 'listings', 'listing_responses', 'listing_events', 'targets'] as const).map(count))).toEqual(before)
  const d = await dashboard('chair-ganzi')
  expect(d.targets.find((t) => t.month === THIS_MONTH && t.metric === 'registrations')!.value).toBe(9)
})
