import type { Page } from 'playwright-core'
import { open, snap, startE2E, type E2E } from './harness'

// The Tibetan font on H5 (issue 13): a phone in Chinese never downloads it; choosing བོད་ཡིག loads
// our subset of Noto Serif Tibetan from /fonts/ (FontFace, document.fonts), the pages use it, and
// it stacks consonants: སྒྲ is one column as wide as ས and much taller, not three letters in a row.
// Debian's Chromium here has no Tibetan font of its own (as many old Android phones), so without
// ours nothing would stack.
jest.setTimeout(120_000)

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

const fontRequests = () => e2e.requests.filter((r) => r.url.startsWith('/fonts/'))

/** Whether a FontFace named Tibetan is in document.fonts and loaded. */
const tibetanFace = (page: Page) =>
  page.evaluate(() => [...(document.fonts as unknown as Iterable<FontFace>)].some((f) => f.family.replace(/"/g, '') === 'Tibetan' && f.status === 'loaded'))

/** Ink box of text drawn in `family` at 64 px (canvas metrics: the glyphs themselves, not the line). */
const ink = (page: Page, text: string, family: string) =>
  page.evaluate(
    ([t, f]) => {
      const ctx = document.createElement('canvas').getContext('2d')!
      ctx.font = `64px ${f}`
      const m = ctx.measureText(t)
      return { width: m.actualBoundingBoxLeft + m.actualBoundingBoxRight, height: m.actualBoundingBoxAscent + m.actualBoundingBoxDescent }
    },
    [text, family] as const,
  )

test('in Chinese no Tibetan font is fetched; choosing བོད་ཡིག loads it and stacks render', async () => {
  const { page } = await e2e.newPhone()
  const from = e2e.requests.length
  await page.goto('/')
  // The first open asks the language; a phone that has chosen already does it under 我的.
  const first = page.locator('.lang-choice--first')
  await page.locator('.lang-choice--first, .home__entries').first().waitFor({ state: 'visible', timeout: 15_000 })
  const choice = (await first.isVisible()) ? first : (await open(page, '/pages/mine/index')).locator('.lang-choice')
  expect(e2e.requests.slice(from).filter((r) => r.url.startsWith('/fonts/'))).toEqual([])
  expect(await tibetanFace(page)).toBe(false)

  await choice.locator('[data-lang="bo"]').tap()
  await page.waitForFunction(
    () => [...(document.fonts as unknown as Iterable<FontFace>)].some((f) => f.family.replace(/"/g, '') === 'Tibetan' && f.status === 'loaded'),
    null,
    { timeout: 15_000 },
  )
  expect(await page.evaluate(() => document.fonts.check('16px Tibetan', 'བོད'))).toBe(true)
  // WOFF2 is the browser's choice; the URL carries the font's version (cached for a year).
  const fetched = fontRequests().map((r) => r.url)
  expect(fetched.length).toBeGreaterThan(0)
  expect(fetched.every((u) => /^\/fonts\/tibetan\.woff2\?v=[0-9a-f]{10}$/.test(u))).toBe(true)

  // The pages ask for it first.
  await page.locator('.lang-bo').first().waitFor({ state: 'attached' })
  const firstFamily = (el: Element) => getComputedStyle(el).fontFamily.split(',')[0].replace(/"/g, '').trim()
  expect(await page.locator('.shell.lang-bo').first().evaluate(firstFamily)).toBe('Tibetan')
  // Taro's tab bar lies outside the pages, under a `body` rule of Taro's own.
  expect(await page.locator('.weui-tabbar__label').first().evaluate(firstFamily)).toBe('Tibetan')

  // A stack (ས over ྒ over ྲ) is one column: about as wide as ས alone and far taller.
  const letter = await ink(page, 'ས', 'Tibetan')
  const stack = await ink(page, 'སྒྲ', 'Tibetan')
  expect(letter.width).toBeGreaterThan(10)
  expect(stack.width).toBeLessThan(letter.width * 1.3)
  expect(stack.height).toBeGreaterThan(letter.height * 1.5)
  await snap(page, 'tibetan-font')
})
