// GET /api/dashboard/export and /api/dashboard/people/export: the dashboard and its 新注册的人 as a
// CSV file Excel opens as Chinese (UTF-8 with BOM, CRLF, quoted cells), where a name someone typed
// as a formula stays text, and nothing the page does not show (no phone). Authorised exactly like
// the dashboard. Runs on SQLite and PostgreSQL.
import { useTestContext } from './helpers'
import { expectError } from './listings-fixtures'
import { GANZI_COUNTY, PERIOD, seedDashboardData, T1, T2, viewers, type Auth, type Viewers } from './dashboard-fixtures'

let v: Viewers
let ids: Record<string, number>
const ctx = useTestContext()
beforeAll(async () => {
  ;({ ids } = await seedDashboardData(ctx.db))
  v = await viewers(ctx)
}, 60_000)

const BOM = '\uFEFF'
const get = (path: string, auth: Auth | undefined, query: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'GET', url: `/api/dashboard/${path}?${new URLSearchParams({ ...PERIOD, ...query })}`, headers: auth ?? {} })
const setName = (key: string, nickname: string) => ctx.db.updateTable('users').set({ nickname }).where('id', '=', ids[key]).execute()

test('新注册的人 as CSV: BOM, CRLF, a header, every person of the period newest first, in China time; quoting and formulas kept as text; no phone', async () => {
  await ctx.db.updateTable('users').set({ phone_encrypted: 'secret-cipher', phone_lookup: 'secret-lookup' }).where('id', '=', ids.u6).execute()
  await setName('u6', '=HYPERLINK("http://x.example","点我")')
  await setName('u4', '扎西,"老三"')
  await setName('u5', '+86 卓玛')
  await setName('u3', '@次仁')
  await setName('u2', '-1+1')

  const res = await get('people/export', v.chairT1.auth)
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
  expect(res.headers['cache-control']).toBe('private, no-store')
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="people-\d+\.csv"; filename\*=UTF-8''/)
  expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1])).toBe('甘孜镇-新注册的人.csv')

  const body = res.rawPayload.toString('utf8')
  expect(body.startsWith(BOM)).toBe(true)
  expect(body.endsWith('\r\n')).toBe(true)
  expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/) // every line ends in CRLF
  const lines = body.slice(1).split('\r\n').slice(0, -1)
  expect(lines[0]).toBe('姓名,乡镇,身份,注册时间')
  // The page's order and people (u6 u4 u5 u3 u2 u1 u7; see dashboard-people.test.ts), all of them at once.
  expect(lines).toHaveLength(1 + 7)
  expect(lines[1]).toBe(`"'=HYPERLINK(""http://x.example"",""点我"")",甘孜镇,农牧民,2026-12-02 11:00`)
  expect(lines[2]).toMatch(/^"扎西,""老三""",甘孜镇,/)
  expect(lines[3]).toMatch(/^'\+86 卓玛,甘孜镇,乡镇科协主席,/)
  expect(lines[4]).toMatch(/^'@次仁,/)
  expect(lines[5]).toMatch(/^'-1\+1,/)
  expect(body).not.toMatch(/secret|phone|openid|1[3-9]\d{9}/i)
})

test('the dashboard as CSV: the area, the period, each metric month by month with the same numbers as the page, and the townships of a county', async () => {
  const page = (await ctx.app.inject({ method: 'GET', url: `/api/dashboard?${new URLSearchParams({ ...PERIOD, region: GANZI_COUNTY })}`, headers: v.countyStaff.auth })).json()
  const res = await get('export', v.countyStaff.auth, { region: GANZI_COUNTY })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
  expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1])).toBe(`甘孜县-数据-${PERIOD.from}至${PERIOD.to}.csv`)
  const body = res.rawPayload.toString('utf8')
  expect(body.startsWith(BOM)).toBe(true)
  const lines = body.slice(1).split('\r\n')
  expect(lines[0]).toBe(`地区,${page.area.label}`)
  expect(lines[2]).toBe(`期末累计注册,${page.registeredToDate}`)
  const registrations = page.metrics.find((m: { metric: string }) => m.metric === 'registrations')
  expect(lines).toContain(`注册人数,${registrations.series.join(',')},${registrations.total},${registrations.target?.value ?? ''},${registrations.target?.actual ?? ''},${registrations.target ? `${Math.round(registrations.target.progress * 100)}%` : ''}`)
  expect(lines).toContain('乡镇,注册人数,注册目标,完成率')
  for (const child of page.children) expect(lines.some((l) => l.startsWith(`${child.name},${child.registrations},`))).toBe(true)
  expect(page.children.length).toBeGreaterThan(1)
})

test('authorised like the dashboard, for both files', async () => {
  for (const path of ['export', 'people/export']) {
    expectError(await get(path, undefined), 401, 'AUTH_REQUIRED')
    for (const who of [v.farmer, v.unverifiedChair, v.expert]) expectError(await get(path, who.auth), 403, 'FORBIDDEN')
    expectError(await get(path, v.chairT1.auth, { region: T2 }), 403, 'FORBIDDEN')
    expectError(await get(path, v.chairT1.auth, { region: GANZI_COUNTY }), 403, 'FORBIDDEN')
    expectError(await get(path, v.kangdingStaff.auth, { region: T1 }), 403, 'FORBIDDEN')
    expectError(await get(path, v.chairT1.auth, { from: '2026-12', to: '2026-01' }), 400, 'MONTH_RANGE_INVALID')
    expect((await get(path, v.countyStaff.auth, { region: T1 })).statusCode).toBe(200)
  }
})
