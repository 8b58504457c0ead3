import type { Page } from 'playwright-core'
import { current, open, startE2E, waitForRoute, type E2E } from './harness'

// A tap on a page whose code is not loaded yet, without a network (issue 12, defect 9). Before, the
// router's "Loading chunk … failed" went uncaught, the tab highlight moved and the old page
// stayed. Now a notice says the network is down with 重试, and the page opens by itself when the
// browser is back online (or on 重试).
jest.setTimeout(90_000)

const SHOTS = process.env.SHOTS_DIR
let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

const notice = (page: Page) => page.locator('#page-code-offline')
/** The script files the page has fetched so far. */
const scripts = (page: Page) => page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => /\.js(\?|$)/.test(n)))

test('offline tap on 科技资讯: the notice with 重试, no uncaught error, and the page opens when the network returns', async () => {
  const { context, page } = await e2e.newPhone()
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  await open(page, '/pages/index/index')
  const before = new Set(await scripts(page))

  await context.setOffline(true)
  await page.locator('.weui-tabbar__item').filter({ hasText: '科技资讯' }).tap()
  await notice(page).getByText('网络不通，页面没有打开').waitFor({ timeout: 10_000 })
  const retry = notice(page).getByRole('button', { name: '重试' })
  await retry.waitFor()
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/offline-tap-after.png` })
  expect(errors.filter((e) => /chunk/i.test(e))).toEqual([])
  // The notice covers the screen: the half-switched state underneath cannot be tapped into.
  const box = await notice(page).boundingBox()
  expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 })

  // 重试 while still offline: the notice stays (and says so again).
  await retry.tap()
  await notice(page).getByRole('button', { name: '重试' }).waitFor()
  expect(await notice(page).isVisible()).toBe(true)

  // Back online: the browser's `online` event retries by itself.
  await context.setOffline(false)
  const news = await waitForRoute(page, '/pages/news/index')
  await news.locator('.article-card').first().waitFor()
  expect(await notice(page).count()).toBe(0)
  // The tab's code really was fetched only now (it is not in the home page's bundle).
  expect((await scripts(page)).filter((s) => !before.has(s)).length).toBeGreaterThan(0)
  expect(errors).toEqual([])
})

test('a page’s code that failed for another reason opens on 重试', async () => {
  const { page } = await e2e.newPhone()
  await open(page, '/pages/index/index')
  // The listings tab's code is cut off by the line (a dropped 2G connection) while the browser still says online.
  const loaded = new Set(await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name)))
  let dropping = true
  let dropped = 0
  await page.route(/\/(js|css)\/[^/]+\.(js|css)$/, (route) =>
    dropping && !loaded.has(route.request().url()) ? (dropped++, route.abort('connectionreset')) : route.continue(),
  )
  await page.locator('.weui-tabbar__item').filter({ hasText: '所能所需' }).tap()
  await notice(page).getByRole('button', { name: '重试' }).waitFor({ timeout: 10_000 })
  expect(dropped).toBeGreaterThan(0)
  dropping = false
  await notice(page).getByRole('button', { name: '重试' }).tap()
  await waitForRoute(page, '/pages/listings/index')
  expect(await notice(page).count()).toBe(0)
  expect(await current(page).isVisible()).toBe(true)
})

test('going back while the notice shows gives that page up: it never opens later over the page gone back to', async () => {
  const { context, page } = await e2e.newPhone()
  const home = await open(page, '/pages/index/index')
  await context.setOffline(true)
  // 科技成果: a subpackage page whose code the home page has not loaded.
  await home.locator('.home__entry').filter({ hasText: '科技成果' }).first().tap()
  await notice(page).getByRole('button', { name: '重试' }).waitFor({ timeout: 10_000 })

  await page.goBack()
  await notice(page).waitFor({ state: 'detached' })
  await waitForRoute(page, '/pages/index/index')

  // Online again, and on to 科技资讯 (code fetched now): 科技成果 never opened on the way.
  await context.setOffline(false)
  await page.locator('.weui-tabbar__item').filter({ hasText: '科技资讯' }).tap()
  const news = await waitForRoute(page, '/pages/news/index')
  await news.locator('.article-card').first().waitFor()
  expect(await page.locator('.taro_page[id*="achievements"], [class*="achievements"]').count()).toBe(0)
  expect(page.url()).toContain('/pages/news/index')
})
