import { SEED_ARTICLES } from '../../server/src/seed/articles'
import { open, startE2E, waitForRoute, type E2E } from './harness'

// The server pre-renders the home page's first screen into index.html, so a phone on 2G sees the
// newspaper before the app's scripts arrive. It must hand over to the app cleanly and never show
// on a link to another page.
jest.setTimeout(60_000)

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

test('shows the latest articles before any script runs, then hands over to the app', async () => {
  const { context, page } = await e2e.newPhone()
  // Hold every script back: what shows now is the HTML alone.
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  await context.route('**/js/**', async (route) => {
    await held
    await route.continue()
  })
  await page.goto('/', { waitUntil: 'commit' })
  const snapshot = page.locator('#first-screen')
  await snapshot.getByText('天府科技云', { exact: true }).waitFor()
  await snapshot.getByText(SEED_ARTICLES[0].title, { exact: true }).waitFor()

  release()
  const home = await waitForRoute(page, '/pages/index/index')
  await home.locator('.article-card__title').first().waitFor()
  await expect(snapshot.count()).resolves.toBe(0)
  // One hero on screen, the app's.
  await expect(page.getByText('四川省科协 · 科技服务直达乡村', { exact: true }).count()).resolves.toBe(1)
})

test('a link to an article never flashes the home page’s first screen', async () => {
  const { page } = await e2e.newPhone()
  const id = (await e2e.ctx.db.selectFrom('articles').select('id').orderBy('id').executeTakeFirstOrThrow()).id
  await page.goto(`/#/packages/news/article/index?id=${id}`, { waitUntil: 'commit' })
  await page.waitForSelector('#first-screen', { state: 'attached' })
  await expect(page.locator('#first-screen').isVisible()).resolves.toBe(false)
  await open(page, `/packages/news/article/index?id=${id}`)
})

test('runs under the site’s CSP with nothing blocked, and a blocked script would be caught', async () => {
  const { page } = await e2e.newPhone()
  const home = await open(page, '/pages/index/index')
  await home.locator('.article-card__title').first().waitFor()
  const header = (await page.request.get('/')).headers()['content-security-policy']
  expect(header).toContain("frame-ancestors 'none'")
  expect(e2e.cspViolations).toEqual([])

  // An injected inline script is refused, and the harness hears of it (so the check above can fail).
  const reported = Promise.all([
    page.waitForEvent('console', (msg) => msg.text().startsWith('CSP violation')),
    page.waitForEvent('console', (msg) => msg.text().includes('Content Security Policy')),
  ])
  await page.evaluate(() => {
    const s = document.createElement('script')
    s.textContent = 'window.__injected = true'
    document.body.append(s)
  })
  await reported
  expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined()
  expect(e2e.cspViolations.join('\n')).toMatch(/script-src/)
  e2e.cspViolations.length = 0
})


test('the app takes over from the first screen without moving the page (CLS ≤ 0.1)', async () => {
  const { context, page } = await e2e.newPhone()
  // Every layout shift from the first paint on, as Chromium reports it (Core Web Vitals' CLS sums them).
  await context.addInitScript(() => {
    const w = window as unknown as { __cls: number; __lastShift: number }
    w.__cls = 0
    w.__lastShift = 0
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
        if (e.hadRecentInput) continue
        w.__cls += e.value
        w.__lastShift = performance.now()
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })
  // As on a slow link: the first screen is painted before the app's scripts arrive.
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  await context.route('**/js/**', async (route) => {
    await held
    await route.continue()
  })
  await page.goto('/', { waitUntil: 'commit' })
  await page.locator('#first-screen').getByText(SEED_ARTICLES[0].title, { exact: true }).waitFor()
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  release()
  const home = await waitForRoute(page, '/pages/index/index')
  await home.locator('.article-card__title').first().waitFor()
  // Settled: nothing has moved for a second.
  await page.waitForFunction(() => performance.now() - (window as unknown as { __lastShift: number }).__lastShift > 1000, null, { polling: 100 })
  const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls)
  console.log(`home page CLS: ${cls.toFixed(3)}`)
  expect(cls).toBeLessThanOrEqual(0.1)
})

test('on the home route the page’s own code and its latest articles are asked for beside the app’s scripts, and used; a link elsewhere asks for neither', async () => {
  // The scripts index.html names (the app's entry): held back, so what is asked for meanwhile was
  // asked for by the page itself, not by the app (config/h5 HomePreload).
  const html = await (await e2e.newPhone()).page.request.get('/').then((r) => r.text())
  const entry = [...html.matchAll(/<script defer="defer" src="([^"]+)"/g)].map((m) => m[1])
  expect(entry.length).toBeGreaterThan(0)

  const { context, page } = await e2e.newPhone()
  const asked: string[] = []
  page.on('request', (r) => {
    const url = new URL(r.url())
    asked.push(url.pathname + url.search)
  })
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  await context.route((url) => entry.includes(url.pathname), async (route) => {
    await held
    await route.continue()
  })
  await page.goto('/', { waitUntil: 'commit' })
  // The page's files are asked for first, then its articles: all while the app's scripts are held.
  await page.waitForRequest((r) => r.url().endsWith('/api/news?limit=3'))
  expect(asked.filter((p) => /^\/js\/.*\.js$/.test(p) && !entry.includes(p)).length).toBeGreaterThan(0)

  release()
  const home = await waitForRoute(page, '/pages/index/index')
  await home.locator('.article-card__title').first().waitFor()
  // The app took the answer already on its way: one request for the articles, not two.
  expect(asked.filter((p) => p === '/api/news?limit=3')).toHaveLength(1)

  const other = await e2e.newPhone()
  const elsewhere: string[] = []
  other.page.on('request', (r) => elsewhere.push(new URL(r.url()).pathname + new URL(r.url()).search))
  await open(other.page, '/pages/news/index')
  expect(elsewhere).not.toContain('/api/news?limit=3')
})
