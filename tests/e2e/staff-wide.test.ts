import { mkdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { PRIVACY_VERSION } from '../../common/enums'
import { claimBody, registerPerson } from '../server/listings-fixtures'
import { current, open, overflowing, signInAsDemo, snap, startE2E, type E2E } from './harness'

// Staff on a PC (issue 12): in a 1280×800 browser window the review queue is a grid of cards with
// filters (type, WeChat's check, region) and tick boxes; two ticked posts are rejected at once
// with a reason picked from the templates, and only they leave the queue. On the phone the same
// page keeps its one column without any of it. The dashboard's 导出 saves an Excel-readable CSV.
jest.setTimeout(180_000)

const STAFF = '省科协工作人员（成都市锦江区）'
const WIDE = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }
// Before/after pictures for the note (SHOT_SUFFIX=before with H5_DIST=/tmp/before/h5).
const SHOTS = process.env.SHOTS_DIR
const SUFFIX = process.env.SHOT_SUFFIX ?? 'after'

const POSTS = [
  { side: 'need', title: '青稞倒伏怎么预防', regionCode: '513328200' },
  { side: 'need', title: '牦牛冬季补饲配方求助', regionCode: '513328200' },
  { side: 'offer', title: '提供藏香猪养殖技术指导', regionCode: '513328200' },
  { side: 'need', title: '锦江区社区菜园滴灌咨询', regionCode: '510104022' },
] as const

let e2e: E2E
const ids: Record<string, number> = {}
const chairs: Record<string, number> = {}
beforeAll(async () => {
  e2e = await startE2E()
  const login = await e2e.ctx.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userKey: 'farmer-zhaxi', consentVersion: PRIVACY_VERSION } })
  for (const [i, p] of POSTS.entries()) {
    const res = await e2e.ctx.app.inject({
      method: 'POST',
      url: '/api/listings',
      headers: { authorization: `Bearer ${login.json().token}`, 'idempotency-key': `e2e-staff-wide-000${i}` },
      payload: { ...p, category: 'planting', description: `${p.title}：请有经验的老师帮忙看看，谢谢大家。`, contact: { name: '扎西', phone: '13800001003' } },
    })
    if (res.statusCode !== 201) throw new Error(`post: ${res.statusCode} ${res.body}`)
    ids[p.title] = res.json().id
  }  // Two chairs wait for verification, with real name, post and a photo of the appointment letter.
  for (const [nickname, region] of [['泽仁', '513328200'], ['卓玛', '513328100']]) {
    const chair = await registerPerson(e2e.ctx, 'chair', region, nickname)
    const res = await e2e.ctx.app.inject({ method: 'POST', url: '/api/verifications', headers: chair.auth, payload: await claimBody(e2e.ctx, chair.auth) })
    if (res.statusCode !== 201) throw new Error(`claim: ${res.statusCode} ${res.body}`)
    chairs[nickname] = chair.id
  }
})
afterAll(async () => {
  await e2e?.close()
})

async function shot(page: Page, name: string) {
  if (!SHOTS) return
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: resolve(SHOTS, `${name}-${SUFFIX}.png`) })
}

async function wideStaff(): Promise<Page> {
  const context = await e2e.browser.newContext({ ...WIDE, baseURL: e2e.baseUrl })
  const page = await context.newPage()
  await signInAsDemo(page, STAFF)
  return page
}

const card = (page: Page, title: string) => current(page).locator('.review-item').filter({ hasText: title })

test('at 1280×800 the review queue is a grid with filters; two ticked posts are rejected at once with a template reason', async () => {
  const page = await wideStaff()
  const queue = await open(page, '/packages/staff/review/index')
  for (const p of POSTS) await card(page, p.title).waitFor()
  await shot(page, 'staff-review-1280')

  // A grid: the cards share rows (several columns), each far narrower than the window.
  const boxes = await queue.locator('.review-item').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((b) => ({ left: Math.round(b.left), top: Math.round(b.top), width: b.width })))
  expect(new Set(boxes.map((b) => b.left)).size).toBeGreaterThanOrEqual(3)
  expect(Math.max(...boxes.map((b) => b.width))).toBeLessThan(500)
  expect(boxes.filter((b) => b.top === boxes[0].top).length).toBeGreaterThanOrEqual(3)
  expect(await overflowing(page)).toEqual([])

  // Filters: by region (锦江区 holds one of ours), by type (科技所能), and back to 全部.
  const filters = queue.locator('.staff-filters')
  await filters.getByText('锦江区', { exact: true }).click()
  await expect(card(page, '锦江区社区菜园滴灌咨询').isVisible()).resolves.toBe(true)
  await card(page, '青稞倒伏怎么预防').waitFor({ state: 'detached' })
  await filters.locator('.staff-filter').filter({ hasText: '地区' }).getByText('全部', { exact: true }).click()
  await filters.getByText('科技所能', { exact: true }).click()
  await card(page, '牦牛冬季补饲配方求助').waitFor({ state: 'detached' })
  expect(await card(page, '提供藏香猪养殖技术指导').isVisible()).toBe(true)
  await filters.locator('.staff-filter').filter({ hasText: '类型' }).getByText('全部', { exact: true }).click()
  await card(page, '青稞倒伏怎么预防').waitFor()

  // Tick two, reject them with one template reason.
  await card(page, '青稞倒伏怎么预防').locator('.select-box').click()
  await card(page, '牦牛冬季补饲配方求助').locator('.select-box').click()
  expect(await card(page, '青稞倒伏怎么预防').locator('.select-box').getAttribute('aria-checked')).toBe('true')
  const bar = queue.locator('.bulk-bar')
  await bar.getByText(/^已选 2 \/ \d+ 条$/).waitFor()
  await bar.getByText('批量驳回', { exact: true }).click()
  await bar.locator('.reason-templates__chip').getByText('信息重复', { exact: true }).click()
  expect(await bar.locator('.bulk-bar__input textarea').inputValue()).toBe('信息重复')
  await shot(page, 'staff-review-1280-bulk-reject')
  await bar.getByText('确认驳回 2 条', { exact: true }).click()
  await card(page, '青稞倒伏怎么预防').waitFor({ state: 'detached' })
  await card(page, '牦牛冬季补饲配方求助').waitFor({ state: 'detached' })
  await page.getByText('已处理 2 条').first().waitFor()

  const rows = await e2e.ctx.db.selectFrom('listings').select(['id', 'status', 'reject_reason']).where('id', 'in', Object.values(ids)).execute()
  const byTitle = Object.fromEntries(Object.entries(ids).map(([title, id]) => [title, rows.find((r) => Number(r.id) === id)]))
  expect(byTitle['青稞倒伏怎么预防']).toMatchObject({ status: 'rejected', reject_reason: '信息重复' })
  expect(byTitle['牦牛冬季补饲配方求助']).toMatchObject({ status: 'rejected', reject_reason: '信息重复' })
  expect(byTitle['提供藏香猪养殖技术指导']).toMatchObject({ status: 'pending' })
  expect(byTitle['锦江区社区菜园滴灌咨询']).toMatchObject({ status: 'pending' })

  // The single decision offers the same templates.
  const single = card(page, '提供藏香猪养殖技术指导')
  await single.locator('.decision__reject').click()
  await single.locator('.reason-templates__chip').getByText('联系方式不完整', { exact: true }).click()
  expect(await single.locator('.decision-form__input textarea').inputValue()).toBe('联系方式不完整')
  await single.locator('.decision__cancel').click()

  await page.context().close()
})

test('at 1280×800 the verification queue shows claims side by side; one ticked claim is approved from the bar', async () => {
  const page = await wideStaff()
  const queue = await open(page, '/packages/staff/verifications/index')
  const claim = (name: string) => queue.locator('.verification-item').filter({ has: page.locator('.verification-item__name').getByText(name, { exact: true }) })
  await claim('泽仁').waitFor()
  await claim('卓玛').waitFor()
  await shot(page, 'staff-verifications-1280')
  const [a, b] = await Promise.all([claim('泽仁').boundingBox(), claim('卓玛').boundingBox()])
  expect(a!.y).toBe(b!.y) // one row, two columns
  expect(b!.x).toBeGreaterThan(a!.x + a!.width)
  expect(a!.width).toBeGreaterThan(500) // room for the claim beside its proof photo
  expect(await overflowing(page)).toEqual([])
  await queue.locator('.staff-filters').getByText('乡镇科协主席', { exact: true }).click()
  await claim('卓玛').locator('.select-box').click()
  await queue.locator('.bulk-bar').getByText('批量通过', { exact: true }).click()
  await claim('卓玛').waitFor({ state: 'detached' })
  const rows = await e2e.ctx.db.selectFrom('users').select(['id', 'verification']).where('id', 'in', Object.values(chairs)).execute()
  expect(Object.fromEntries(rows.map((r) => [Number(r.id), r.verification]))).toEqual({ [chairs['卓玛']]: 'verified', [chairs['泽仁']]: 'pending' })
  await page.context().close()
})

test('on the phone the queue keeps its one column: no tick boxes, filters or bulk bar', async () => {
  const { page } = await e2e.newPhone()
  await signInAsDemo(page, STAFF)
  const queue = await open(page, '/packages/staff/review/index')
  const one = card(page, '提供藏香猪养殖技术指导')
  await one.waitFor()
  const box = (await one.boundingBox())!
  // One card across the screen (the page's side margins only).
  expect(box.width).toBeGreaterThan(390 * 0.85)
  expect(await queue.locator('.select-box').first().isVisible()).toBe(false)
  expect(await queue.locator('.bulk-bar').isVisible()).toBe(false)
  expect(await queue.locator('.staff-filters').isVisible()).toBe(false)
  expect(await overflowing(page)).toEqual([])
  await snap(page, 'staff-wide-phone-review')
})

test('the dashboard’s 导出 saves the people list as a CSV Excel reads (BOM, CRLF, header)', async () => {
  const page = await wideStaff()
  const board = await open(page, '/packages/dashboard/index')
  await board.locator('.dashboard__area').waitFor()
  await shot(page, 'dashboard-1280')
  const [download] = await Promise.all([page.waitForEvent('download'), board.getByText('导出新注册的人', { exact: true }).click()])
  expect(download.suggestedFilename()).toMatch(/^四川省-新注册的人-\d{4}-\d{2}至\d{4}-\d{2}\.csv$/)
  const file = readFileSync((await download.path())!, 'utf8')
  expect(file.startsWith('\uFEFF姓名,乡镇,身份,注册时间\r\n')).toBe(true)
  const [data] = await Promise.all([page.waitForEvent('download'), board.getByText('导出数据', { exact: true }).click()])
  expect(readFileSync((await data.path())!, 'utf8')).toMatch(/^\uFEFF地区,四川省\r\n期间,/)
  await page.context().close()
})

test('on the phone in 长辈模式 the two 导出 buttons keep their labels whole and inside the screen', async () => {
  const { page } = await e2e.newPhone()
  const mine = await signInAsDemo(page, STAFF)
  await mine.locator('.mine__elder-switch').tap()
  await mine.locator('.shell--elder').waitFor()
  const board = await open(page, '/packages/dashboard/index')
  await board.locator('.shell--elder .dashboard__export').waitFor()
  const lines = await board.locator('.dashboard__export .btn').evaluateAll((els) =>
    els.map((el) => {
      const range = document.createRange()
      range.selectNodeContents(el)
      return { text: el.textContent?.trim(), lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size }
    }),
  )
  expect(lines).toEqual([
    { text: '导出数据', lines: 1 },
    { text: '导出新注册的人', lines: 1 },
  ])
  expect(await overflowing(page)).toEqual([])
  await snap(page, 'staff-wide-phone-dashboard-elder')
})
