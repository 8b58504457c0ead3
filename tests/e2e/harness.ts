import { existsSync, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { IncomingMessage } from 'node:http'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { createTestContext, type TestContext } from '../server/helpers'
import { seedDemoData } from '../../server/src/seed/seed'

// Browser tests: Debian's Chromium on the real dist/h5 build, served by a real server (SQLite, the
// WeChat emulator) from the same origin, as a person on a phone would use the site. Build first:
//   TARO_APP_API_BASE= npx taro build --type h5
// Never let playwright fetch its own browser: only the system Chromium is used.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
export const H5_DIR = resolve(process.env.H5_DIST ?? resolve(__dirname, '../../dist/h5'))
export const RESULTS_DIR = resolve(__dirname, '../../test-results')

/** A mid-range Android phone held upright, in Chinese. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
}

export interface E2E {
  ctx: TestContext
  baseUrl: string
  browser: Browser
  /** Every request the server received (method + url), in order; tests may reset it. */
  requests: { method: string; url: string }[]
  /**
   * What the site's Content-Security-Policy blocked on any phone (securitypolicyviolation events
   * and Chromium's own console reports). close() fails the file when it is not empty.
   */
  cspViolations: string[]
  /**
   * A fresh phone: its own storage, nothing signed in, 中文 chosen on an earlier open (so a test
   * meets the page it opens, not the first open's language choice). `{ lang: null }`: a phone
   * opening the site for the first time.
   */
  newPhone(options?: { lang?: 'zh' | null }): Promise<{ context: BrowserContext; page: Page }>
  close(): Promise<void>
}

/**
 * Chromium's fake microphone, fed from a real recording (a 16-bit PCM WAV, looped), and the
 * permission prompt answered yes: getUserMedia records `wav` as if someone spoke it.
 */
export function fakeMicrophone(wav: string): string[] {
  return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`]
}

/**
 * `args`: more Chromium switches for this file's browser (e.g. fakeMicrophone()). `now`: the
 * server's clock (the seed's too), for a story that moves time and runs the scheduled jobs with
 * `ctx.app.scheduler.tick()`; the browser keeps its own clock.
 */
export async function startE2E(opts: { args?: string[]; now?: () => Date } = {}): Promise<E2E> {
  if (!existsSync(resolve(H5_DIR, 'index.html'))) {
    throw new Error(`No H5 build at ${H5_DIR}: run \`TARO_APP_API_BASE= npx taro build --type h5\` first`)
  }
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium`)
  const ctx = await createTestContext({}, { h5Dir: H5_DIR, now: opts.now })
  await seedDemoData(ctx.db, ctx.config.phoneEncryptionKey, opts.now?.() ?? new Date())
  const requests: E2E['requests'] = []
  // Counted at the HTTP server itself, so "no request reached the server" means exactly that.
  ctx.app.server.on('request', (req: IncomingMessage) => requests.push({ method: req.method ?? '', url: req.url ?? '' }))
  await ctx.app.listen({ port: 0, host: '127.0.0.1' })
  const address = ctx.app.server.address()
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...(opts.args ?? [])], headless: true })
  const contexts: BrowserContext[] = []
  const cspViolations: string[] = []
  mkdirSync(RESULTS_DIR, { recursive: true })

  return {
    ctx,
    baseUrl,
    browser,
    requests,
    cspViolations,
    async newPhone({ lang = 'zh' }: { lang?: 'zh' | null } = {}) {
      const context = await browser.newContext({ ...PHONE, baseURL: baseUrl })
      contexts.push(context)
      // The language chosen on an earlier open, as src/i18n keeps it (Taro H5: `{ data }` in
      // localStorage), marked as this default so inTibetan can replace it; a choice made on the
      // phone since (a reload) is kept.
      if (lang) {
        await context.addInitScript((l) => {
          if (!localStorage.getItem('ui.lang')) localStorage.setItem('ui.lang', JSON.stringify({ data: l, harnessDefault: true }))
        }, lang)
      }
      // Every page of this phone reports what the CSP blocked, before any of its own scripts run.
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`),
        )
      })
      context.on('console', (msg) => {
        const text = msg.text()
        if (/^CSP violation|Content Security Policy/.test(text)) cspViolations.push(text)
      })
      const page = await context.newPage()
      return { context, page }
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined)
      await browser.close().catch(() => undefined)
      await ctx.close()
      if (cspViolations.length) throw new Error(`The site's CSP blocked something:\n${[...new Set(cspViolations)].join('\n')}`)
    },
  }
}

// Taro's H5 router slides a new page in over ~300 ms: the page element gets taro_page_show, then
// taro_page_stationed when the slide is over; the page it covers gets taro_page_shade. The
// current page is the visible, stationed, unshaded one.
const CURRENT = '.taro_page.taro_page_stationed:not(.taro_page_shade):visible'

/** The page on top, once it has finished sliding in. */
export function current(page: Page): Locator {
  return page.locator(CURRENT).last()
}

/** Waits until the route (e.g. '/pages/mine/index') is on top and has stopped moving. */
export async function waitForRoute(page: Page, route: string, timeout = 15_000): Promise<Locator> {
  await page.waitForFunction(
    (r) => {
      if (!location.hash.replace(/^#/, '').split('?')[0].endsWith(r)) return false
      const onScreen = [...document.querySelectorAll<HTMLElement>('.taro_page')].filter((el) => {
        const box = el.getBoundingClientRect()
        return el.checkVisibility() && box.right > 0 && box.left < innerWidth
      })
      // Exactly one page on screen (a page sliding out over a tab page still counts), and it is ours.
      if (onScreen.length !== 1) return false
      const top = onScreen[0]
      const want = r.replace(/^\//, '')
      if (!(top.id || '').split('?')[0].endsWith(want)) return false
      if (!top.classList.contains('taro_page_stationed') || top.classList.contains('taro_page_shade')) return false
      // Settled: no transform in progress and the page covers the screen from its left edge.
      const still = top.getBoundingClientRect().left === 0 && ['none', 'matrix(1, 0, 0, 1, 0, 0)'].includes(getComputedStyle(top).transform)
      // Taro's rem script (index.html) sizes <html> from min(width, height) of <html> itself; the
      // resize event Chromium fires right after load sees an empty page and sets 20px until its
      // own 500 ms re-check. Wait for the steady value so sizes and screenshots are the real ones.
      const box = document.documentElement.getBoundingClientRect()
      const rem = Math.min(40, Math.max(20, (40 * Math.min(box.width, box.height || box.width)) / 750))
      return still && Math.abs(parseFloat(document.documentElement.style.fontSize) - rem) < 0.01
    },
    route,
    { timeout },
  )
  return current(page)
}

/** Opens a route directly, as a link or a reload would (hash router). */
export async function open(page: Page, route: string): Promise<Locator> {
  await page.goto(`/#${route}`)
  return waitForRoute(page, route.split('?')[0])
}

/** Taps the visible element on the current page that shows exactly this text. */
export async function tapText(page: Page, text: string | RegExp): Promise<void> {
  const target = current(page).getByText(text, { exact: typeof text === 'string' }).first()
  await target.waitFor({ state: 'visible' })
  await target.tap()
}

/** Taps a tab of the bottom tab bar. */
export async function tapTab(page: Page, label: string, route: string): Promise<Locator> {
  await page.locator('.weui-tabbar__item').filter({ hasText: label }).tap()
  return waitForRoute(page, route)
}

/** Saves a full-page screenshot to test-results/<name>.png. */
export async function snap(page: Page, name: string): Promise<string> {
  // Let CSS transitions (a switch's knob, a toast fading in) finish so the picture is the end state.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), null, {
      timeout: 2_000,
    })
    .catch(() => undefined)
  const path = resolve(RESULTS_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

/** Chinese text check: the UI must never show English words or stack traces to a person. */
export function looksEnglish(text: string): boolean {
  return /[A-Za-z]{4,}|at \S+ \(|Error:|undefined|null|NaN|\{"/.test(text)
}

/**
 * Elements of the current page that stick out past the right edge of the screen (text cut off
 * on a phone); returns a short description of each, [] when the page fits.
 */
export async function overflowing(page: Page): Promise<string[]> {
  return current(page).evaluate((root) => {
    const out: string[] = []
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      const box = el.getBoundingClientRect()
      if (box.width === 0 || !el.checkVisibility()) continue
      if (box.right > innerWidth + 1 || box.left < -1) {
        out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} [${Math.round(box.left)}, ${Math.round(box.right)}] ${(el.textContent ?? '').slice(0, 20)}`)
      }
    }
    return out
  })
}

/**
 * Signs a phone in as one of the demo people through the H5 demo login, as a person would:
 * 我的 → 微信一键登录 → 同意并继续 → the person's button. Resolves with 我的, signed in.
 */
export async function signInAsDemo(page: Page, label: string): Promise<Locator> {
  await open(page, '/pages/mine/index')
  await tapText(page, '微信一键登录')
  await waitForRoute(page, '/packages/account/login/index')
  await tapText(page, '同意并继续')
  await tapText(page, label)
  const mine = await waitForRoute(page, '/pages/mine/index')
  await mine.locator('.mine__name').waitFor()
  return mine
}

/** Answers the open Taro.showModal dialog by tapping its button with exactly this text. */
export async function answerModal(page: Page, button: string): Promise<void> {
  const btn = page.locator('.taro__modal .taro-model__btn:visible').getByText(button, { exact: true })
  await btn.waitFor({ state: 'visible' })
  await btn.tap()
  await page.locator('.taro__modal .taro-model__btn:visible').first().waitFor({ state: 'hidden' })
}

/** The listing card (in a list under `root`) that shows exactly this title. */
export function cardWithTitle(root: Locator, title: string): Locator {
  return root.locator('.listing-card').filter({ has: root.page().getByText(title, { exact: true }) })
}

/** The text of the page on screen. */
export async function pageText(page: Page): Promise<string> {
  return current(page).innerText()
}

/**
 * Puts a phone in Tibetan before its first page loads, as a phone that chose བོད་ཡིག earlier would
 * be: the choice and the catalog the server serves (GET /api/i18n/bo) in the app's storage
 * (Taro H5 keeps `{ data }` in localStorage), so the app starts in Tibetan without asking.
 */
export async function inTibetan(e2e: E2E, context: BrowserContext): Promise<void> {
  const res = await fetch(`${e2e.baseUrl}/api/i18n/bo`)
  if (!res.ok) throw new Error(`GET /api/i18n/bo answered ${res.status}`)
  const catalog = await res.json()
  await context.addInitScript((served) => {
    const kept = localStorage.getItem('ui.lang')
    if (kept && !kept.includes('"harnessDefault"')) return // chosen on this phone since (a reload keeps the choice)
    localStorage.setItem('ui.lang', JSON.stringify({ data: 'bo' }))
    localStorage.setItem('i18n.bo', JSON.stringify({ data: served }))
  }, catalog)
}

/**
 * In Tibetan, the text on screen that is Chinese but not someone's own words: text nodes holding
 * Han characters outside any `[data-ugc]` element (titles, names, messages and place names people
 * or the server wrote are marked so). `root`: the page on screen (default) or another part.
 * Answers each offending text once, trimmed, so a failing test names the words left in Chinese.
 */
export async function hanOutsideUserContent(page: Page, root: Locator = current(page)): Promise<string[]> {
  return root.evaluate((el) => {
    const found = new Set<string>()
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? ''
      if (!/[\u4e00-\u9fa5]/.test(text)) continue
      const parent = node.parentElement
      if (!parent || parent.closest('[data-ugc], script, style')) continue
      found.add(text.trim())
    }
    return [...found]
  })
}
