import type { Page } from 'playwright-core'
import { current, signInAsDemo, snap, startE2E, tapText, waitForRoute, type E2E } from './harness'

// 数据看板 on the H5 build: 格桑, the verified chair of 甘孜镇, opens his township's dashboard from
// 我的 and sees the same numbers the server counts, with the charts actually drawn on the canvas;
// 省科协 staff start at the province and drill down to 甘孜州 → 甘孜县 → 甘孜镇 by tapping.
jest.setTimeout(180_000)

const STAFF = '省科协工作人员（成都市锦江区）'
const CHAIR = '格桑（乡镇科协主席，甘孜县甘孜镇，已认证）'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

/** How many pixels of the chart's canvas are not transparent: > 0 once bars and axes are drawn. */
async function paintedPixels(page: Page, selector: string): Promise<number> {
  return page.locator(`${selector} canvas`).first().evaluate((el) => {
    const canvas = el as HTMLCanvasElement
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
    let n = 0
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++
    return n
  })
}

/** paintedPixels once the chart has drawn (it draws after its node is measured), or 0 after 10 s. */
async function painted(page: Page, selector: string): Promise<number> {
  for (const started = Date.now(); Date.now() - started < 10_000; await page.waitForTimeout(200)) {
    const n = await paintedPixels(page, selector)
    if (n > 0) return n
  }
  return 0
}

async function apiDashboard(page: Page, query = '', path = '/api/dashboard'): Promise<any> {
  return page.evaluate(async (url) => {
    const raw = JSON.parse(localStorage.getItem('session.token') ?? 'null')
    const res = await fetch(url, { headers: { authorization: `Bearer ${raw?.data ?? raw}` } })
    return res.json()
  }, `${path}${query}`)
}

test('a chair sees his township against its targets, drawn and in numbers', async () => {
  const { page } = await e2e.newPhone()
  const mine = await signInAsDemo(page, CHAIR)
  await mine.locator('.mine__dashboard').getByText('本乡镇数据看板').tap()
  const board = await waitForRoute(page, '/packages/dashboard/index')
  await board.locator('.dashboard__area').getByText('甘孜藏族自治州 甘孜县 甘孜镇', { exact: true }).waitFor()

  const expected = await apiDashboard(page)
  expect(expected.area.code).toBe('513328100')
  const registrations = expected.metrics.find((m: { metric: string }) => m.metric === 'registrations')
  // The demo township has villagers registering over the months and a county target.
  expect(registrations.total).toBeGreaterThan(0)
  expect(registrations.target).not.toBeNull()
  const tile = board.locator('.dashboard-tile--registrations')
  await tile.locator('.dashboard-tile__value').getByText(String(registrations.total), { exact: true }).waitFor()
  await tile.getByText(`目标 ${registrations.target.value}`, { exact: false }).waitFor()
  // Every month's number in the table under the chart is the server's.
  const cells = await board.locator('.dashboard__registrations .dashboard-table__row[data-month] .dashboard-table__cell:nth-child(2)').allInnerTexts()
  expect(cells.map(Number)).toEqual(registrations.series)
  // The charts are pictures, not empty boxes.
  expect(await painted(page, '.dashboard__registrations')).toBeGreaterThan(500)
  expect(await painted(page, '.dashboard__activity')).toBeGreaterThan(500)
  // This month's 科服保姆 figures of his township, the server's, with the way to the full page.
  const triage = await apiDashboard(page, `?region=${expected.area.code}`, '/api/triage/figures')
  const summary = board.locator('.dashboard__triage-summary')
  await summary.waitFor()
  expect(await summary.getAttribute('data-region')).toBe('513328100')
  expect(await summary.locator('.dashboard__triage-figures').innerText()).toMatch(new RegExp(`^需求 ${triage.figures.needs} · 已回应 ${triage.figures.answered} · `))
  // A township has no children to rank, and a chair sets no targets.
  expect(await board.locator('.dashboard__children').count()).toBe(0)
  expect(await board.locator('.dashboard__targets').count()).toBe(0)
  await snap(page, 'dashboard-1-chair')
})

test('staff drill down from the province to a township by tapping the ranking', async () => {
  const { page } = await e2e.newPhone()
  const mine = await signInAsDemo(page, STAFF)
  await mine.locator('.mine__dashboard').getByText('数据看板').tap()
  let board = await waitForRoute(page, '/packages/dashboard/index')
  await board.locator('.dashboard__area').getByText('四川省', { exact: true }).waitFor()
  await board.locator('.dashboard__targets').waitFor()
  await snap(page, 'dashboard-2-province')

  for (const [code, label] of [
    ['5133', '甘孜藏族自治州'],
    ['513328', '甘孜藏族自治州 甘孜县'],
    ['513328100', '甘孜藏族自治州 甘孜县 甘孜镇'],
  ]) {
    await board.locator(`.dashboard-child[data-code="${code}"]`).tap()
    board = current(page)
    await board.locator('.dashboard__area').getByText(label, { exact: true }).waitFor()
  }
  // Staff see the same township figures the chair sees.
  const township = await apiDashboard(page, '?region=513328100')
  const total = township.metrics.find((m: { metric: string }) => m.metric === 'registrations').total
  await board.locator('.dashboard-tile--registrations .dashboard-tile__value').getByText(String(total), { exact: true }).waitFor()
  await tapText(page, '返回上一级')
  await current(page).locator('.dashboard__area').getByText('甘孜藏族自治州 甘孜县', { exact: true }).waitFor()
})
