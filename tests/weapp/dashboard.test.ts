// 数据看板 on the real weapp build against a real server seeded like the demo: 格桑 (chair-ganzi,
// 甘孜镇) reads his township's numbers (registrations month by month against the county's targets,
// posts, 对接, roles) as text on the page; provincial staff go from the province into 甘孜州 and
// 甘孜县 through the ranking and back; staff set a target in 设置目标; a farmer is turned away;
// 我的 shows the entry only to those who may use it.
import { addMonths, chinaMonthOf, monthLabel } from '../../common/china-time'
import type { Dashboard } from '../../common/schemas/dashboard'
import { classesOf, useWeapp, signInDemo, type PageHandle } from './harness'

const weapp = useWeapp()
const PAGE = 'packages/dashboard/index'
const TARGETS = 'packages/dashboard/targets/index'
const MINE = 'pages/mine/index'

const lastDashboard = () => [...weapp.requests].reverse().find((r) => r.path.startsWith('/api/dashboard') && !r.path.startsWith('/api/dashboard/people'))
const tile = (page: PageHandle, metric: string) => page.all(`dashboard-tile--${metric}`)[0]
const tileValue = (page: PageHandle, metric: string) =>
  Array.from(tile(page, metric)?.querySelectorAll('*') ?? [])
    .find((el) => classesOf(el).includes('dashboard-tile__value'))
    ?.textContent?.trim()
/** The rows of the tables inside `root`, each as its cells' texts joined by '|'. */
const rowTexts = (root: Element) =>
  Array.from(root.querySelectorAll('*'))
    .filter((el) => classesOf(el).includes('dashboard-table__row'))
    .map((row) => Array.from(row.children).map((c) => c.textContent?.trim()).join('|'))

beforeEach(() => weapp.reset())

test("格桑 (verified chair of 甘孜镇) reads his township's numbers, month by month against the targets", async () => {
  await signInDemo(weapp, 'chair-ganzi')
  const page = await weapp.render(PAGE)
  await page.waitForText('甘孜藏族自治州 甘孜县 甘孜镇')
  await page.waitFor(() => tileValue(page, 'registrations'), 'tiles')
  // No region asked: the server picks the chair's own township.
  expect(lastDashboard()).toMatchObject({ method: 'GET', path: '/api/dashboard', status: 200 })
  const body = lastDashboard()!.body as Dashboard

  // The demo: 30 villagers over six months and 格桑 himself this month; a target of 6 a month.
  expect(tileValue(page, 'registrations')).toBe('31')
  // The tile says which months its target covers (issue 12): here all six.
  const first = addMonths(chinaMonthOf(), -5)
  const oneYear = first.slice(0, 4) === chinaMonthOf().slice(0, 4)
  const period = oneYear ? `${monthLabel(first)}–${monthLabel(chinaMonthOf())}` : `${monthLabel(first, true)}–${monthLabel(chinaMonthOf(), true)}`
  expect(tile(page, 'registrations')!.textContent).toContain(`${period}目标 36`)
  expect(tile(page, 'registrations')!.textContent).toContain('其间完成 31 · 86%')
  expect(page.one('dashboard__to-date').textContent?.trim()).toBe('31')
  for (const m of body.metrics) expect(tileValue(page, m.metric)).toBe(String(m.total))
  expect(tileValue(page, 'responses')).toBe('6')
  expect(tileValue(page, 'resolved')).toBe('4')

  // The registrations table: every month in China time, its count, target and completion.
  const now = chinaMonthOf()
  const months = [-5, -4, -3, -2, -1, 0].map((n) => addMonths(now, n))
  const registrations = [3, 5, 4, 8, 6, 5]
  const table = rowTexts(page.one('dashboard__registrations'))
  expect(table).toEqual([
    '月份|注册|目标|完成',
    ...months.map((m, i) => `${monthLabel(m, true)}|${registrations[i]}|6|${Math.round((registrations[i] / 6) * 100)}%`),
  ])
  // Posts, 对接 and 对接成功 per month, as the server counted them.
  const posts = body.metrics.find((m) => m.metric === 'posts')!.series
  const activity = rowTexts(page.one('dashboard__activity'))
  expect(activity[0]).toBe('月份|发布|对接|成功')
  expect(activity[1]).toBe(`${monthLabel(months[0], true)}|${posts[0]}|1|0`)
  expect(activity[activity.length - 1]).toBe(`合计|${posts.reduce((a, b) => a + b, 0)}|6|4`)

  // New registrations by role, every role listed.
  const roles = page.all('dashboard-role').map((el) => el.textContent?.replace(/\s+/g, ''))
  expect(roles).toHaveLength(5)
  const byRole = Object.fromEntries(body.registrationsByRole.map((r) => [r.role, r.count]))
  expect(roles[0]).toBe(`农牧民${byRole.farmer}`)
  expect(Object.values(byRole).reduce((a, b) => a + b, 0)).toBe(31)

  // A township has no ranking below it; a chair has no way up and no targets editor.
  expect(page.all('dashboard__children')).toEqual([])
  expect(page.all('dashboard__up')).toEqual([])
  expect(page.all('dashboard__targets')).toEqual([])
  // The charts are on Canvas 2D, with their legends as text.
  expect(page.text()).toContain('注册人数')
  expect(page.text()).toContain('目标')
})

test('provincial staff go from the province into 甘孜州 and 甘孜县 through the ranking, and back up', async () => {
  await signInDemo(weapp, 'staff-sc')
  const page = await weapp.render(PAGE)
  await page.waitFor(() => page.one('dashboard__area').textContent?.trim() === '四川省', '四川省')
  expect(page.text()).toContain('各市（州）注册排名')
  const first = page.all('dashboard-child')[0]
  expect(first.textContent?.replace(/\s+/g, '')).toMatch(/^1甘孜藏族自治州\d+人›$/)
  expect(page.all('dashboard-child')).toHaveLength(21)

  page.tap(first)
  await page.waitFor(() => page.one('dashboard__area').textContent?.trim() === '甘孜藏族自治州', '甘孜州')
  expect(lastDashboard()!.path).toBe('/api/dashboard?region=5133')
  await page.waitFor(() => page.all('dashboard-child').length === 18, '18 counties')
  page.tap(page.all('dashboard-child').find((el) => el.textContent?.includes('甘孜县'))!)
  await page.waitFor(() => page.one('dashboard__area').textContent?.trim() === '甘孜藏族自治州 甘孜县', '甘孜县')
  expect(page.text()).toContain('各乡镇（街道）注册排名')
  const towns = page.all('dashboard-child').slice(0, 2).map((el) => el.textContent?.replace(/\s+/g, ''))
  expect(towns[0]).toMatch(/^1甘孜镇目标36·完成86%31人›$/)
  expect(towns[1]).toMatch(/^2来马镇目标9·完成/)

  page.tap(page.byText('返回上一级'))
  await page.waitFor(() => page.one('dashboard__area').textContent?.trim() === '甘孜藏族自治州', 'back to 甘孜州')
  page.tap(page.byText('设置目标'))
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: '/packages/dashboard/targets/index?region=5133' }])
})

test('staff set a target for a township of their area in 设置目标', async () => {
  const staff = await signInDemo(weapp, 'staff-sc')
  const page = await weapp.render(TARGETS, { region: '513328' })
  await page.waitForText('甘孜藏族自治州 甘孜县')
  // The county's own targets and its townships' are listed.
  await page.waitFor(() => page.all('targets-item').length > 0, 'existing targets')
  await page.waitFor(() => page.allByText('甘孜镇').length > 0, 'township chips')

  page.tap(page.byText('甘孜镇'))
  page.tap(page.byText('分享带来注册'))
  const next = addMonths(chinaMonthOf(), 1)
  page.tap(page.byText(monthLabel(next, true)))
  page.type(page.one('targets__value'), '1.5')
  page.tap(page.byText('保存目标'))
  await page.waitForText('请填写 0–1000000 的整数')
  expect(weapp.requests.filter((r) => r.method === 'PUT')).toEqual([])

  page.type(page.one('targets__value'), '12')
  page.tap(page.byText('保存目标'))
  await page.waitFor(() => weapp.requests.find((r) => r.method === 'PUT'), 'PUT')
  expect(weapp.requests.find((r) => r.method === 'PUT')).toMatchObject({
    path: '/api/staff/targets',
    status: 200,
    data: { regionCode: '513328100', metric: 'share_registrations', month: next, value: 12 },
  })
  await page.waitFor(() => weapp.toasts.some((t) => t.title === '目标已保存'), 'toast')
  await page.waitFor(() => page.all('targets-item').some((el) => el.textContent?.includes('分享带来注册')), 'listed')
  const row = await weapp.ctx.db.selectFrom('targets').selectAll().where('region_code', '=', '513328100').where('metric', '=', 'share_registrations').executeTakeFirstOrThrow()
  expect(row).toMatchObject({ month: next, value: 12, set_by: staff.id })
})

test('a farmer is turned away by the server; 我的 offers the dashboard only to chairs and staff', async () => {
  await signInDemo(weapp, 'farmer-zhaxi')
  const page = await weapp.render(PAGE)
  await page.waitForText('数据看板仅供已认证的乡镇科协主席和科协工作人员使用')
  expect(lastDashboard()!.status).toBe(403)
  expect(page.text()).not.toMatch(/注册人数|\d+ 人/)
  let mine = await weapp.render(MINE)
  await mine.waitForText('我的发布')
  expect(mine.all('mine__dashboard')).toEqual([])
  mine.unload()

  await weapp.reset()
  await signInDemo(weapp, 'chair-ganzi')
  mine = await weapp.render(MINE)
  await mine.waitForText('本乡镇数据看板')
  mine.tap(mine.one('mine__dashboard'))
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: '/packages/dashboard/index' }])
})

test('a target set for only some months says which, and what was done in them; the chair pages through who registered (issue 12)', async () => {
  // Only the last two months keep their target of 6: the period's 31 must not read against 12.
  const now = chinaMonthOf()
  const last2 = [addMonths(now, -1), now]
  await weapp.ctx.db.deleteFrom('targets').where('region_code', '=', '513328100').where('metric', '=', 'registrations').where('month', 'not in', last2).execute()
  await signInDemo(weapp, 'chair-ganzi')
  const page = await weapp.render(PAGE)
  await page.waitFor(() => tileValue(page, 'registrations'), 'tiles')
  const body = lastDashboard()!.body as Dashboard
  const reg = body.metrics.find((m) => m.metric === 'registrations')!
  expect(reg.target).toMatchObject({ value: 12, months: 2 })
  const label = last2[0].slice(0, 4) === last2[1].slice(0, 4) ? `${monthLabel(last2[0])}–${monthLabel(last2[1])}` : `${monthLabel(last2[0], true)}–${monthLabel(last2[1], true)}`
  const text = tile(page, 'registrations')!.textContent!
  expect(text).toContain(`${label}目标 12`)
  expect(text).toContain(`其间完成 ${reg.target!.actual} · ${Math.round((reg.target!.actual / 12) * 100)}%`)

  // 新注册的人: names, township, role and date, 20 at a time; never a phone.
  await page.waitForText('新注册的人（31 人）')
  expect(page.all('dashboard-person')).toHaveLength(20)
  expect(page.all('dashboard-person')[0].textContent).toMatch(/甘孜镇 · .+ · \d{4}年\d{1,2}月\d{1,2}日注册/)
  page.tap(page.one('dashboard-people__more'))
  await page.waitFor(() => page.all('dashboard-person').length === 31, 'the second page')
  expect(page.all('dashboard-people__more')).toEqual([])
  expect(page.one('dashboard__people').textContent).not.toMatch(/1\d{10}|\*{4}/)
  expect(weapp.requests.filter((r) => r.path.startsWith('/api/dashboard/people')).map((r) => r.status)).toEqual([200, 200])
})
