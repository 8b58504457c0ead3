import type { Page } from 'playwright-core'
import { current, looksEnglish, open, overflowing, signInAsDemo, snap, startE2E, tapTab, tapText, waitForRoute, type E2E } from './harness'

// Field conditions: older eyes and fingers (长辈模式), a village with no signal, and errors a
// person must be able to read. Sizes are CSS px measured in the page.
jest.setTimeout(60_000)

const PROFILE = '/packages/account/profile/index'
const ARTICLE = '/packages/news/article/index'

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

/** Computed font-size (px) of the first element matching selector on the current page. */
async function fontSize(page: Page, selector: string): Promise<number> {
  return current(page)
    .locator(selector)
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
}

/** Bounding boxes of every visible element matching selector on the current page. */
async function boxes(page: Page, selector: string): Promise<{ text: string; width: number; height: number }[]> {
  return current(page)
    .locator(selector)
    .evaluateAll((els) =>
      els
        .filter((el) => el.checkVisibility())
        .map((el) => {
          const box = el.getBoundingClientRect()
          return { text: (el.textContent ?? '').trim().slice(0, 12), width: Math.round(box.width * 10) / 10, height: Math.round(box.height * 10) / 10 }
        }),
    )
}

function tooSmall(list: { width: number; height: number }[], min: number) {
  return list.filter((b) => b.width < min || b.height < min)
}

/** Signs a fresh person in on the H5 login page and leaves them on the registration form. */
async function signInNewPerson(page: Page) {
  await open(page, '/packages/account/login/index')
  await tapText(page, '同意并继续')
  await tapText(page, '注册新用户')
  return waitForRoute(page, PROFILE)
}

async function pickGaraTownship(page: Page) {
  await tapText(page, '甘孜藏族自治州')
  await tapText(page, '甘孜县')
  await tapText(page, '呷拉乡')
  await current(page).locator('.region-picker__value').waitFor()
}

/** Everything a person can read on screen: the current page plus toasts and modals. */
async function visibleText(page: Page): Promise<string> {
  const pageText = await current(page).innerText()
  const overlays = await page.locator('.taro__toast, .taro__modal, [class*="toast"]:visible').allInnerTexts()
  return [pageText, ...overlays].join('\n')
}

describe('长辈模式', () => {
  test('makes body text at least 18 px and tap targets at least 60×60 px', async () => {
    const { page } = await e2e.newPhone()
    const lead = '“十个共同”推动川渝协同创新全面提速'

    // Standard mode first, so the assertions below are shown to be able to fail.
    const list = await open(page, '/pages/news/index')
    await list.getByText(lead).waitFor()
    expect(await fontSize(page, '.shell')).toBeLessThan(18)
    expect(await fontSize(page, '.article-card__excerpt')).toBeLessThan(18)
    const mineBefore = await tapTab(page, '我的', '/pages/mine/index')
    await mineBefore.locator('.btn').first().waitFor()
    expect(tooSmall(await boxes(page, '.btn'), 60)).not.toEqual([])

    await current(page).locator('.mine__elder-switch').tap()
    await current(page).locator('.shell--elder').waitFor()
    expect(await current(page).locator('.mine__elder-switch input').isChecked()).toBe(true)
    await snap(page, 'field-1-mine-elder')
    const mineButtons = await boxes(page, '.btn')
    expect(mineButtons.length).toBeGreaterThan(0)
    expect(tooSmall(mineButtons, 60)).toEqual([])
    expect((await boxes(page, '.row')).filter((b) => b.height < 60)).toEqual([])

    const elderList = await tapTab(page, '科技资讯', '/pages/news/index')
    await elderList.locator('.shell--elder').waitFor()
    expect(await fontSize(page, '.shell')).toBeGreaterThanOrEqual(18)
    expect(await fontSize(page, '.article-card__excerpt')).toBeGreaterThanOrEqual(18)
    const cards = await boxes(page, '.article-card')
    expect(cards.length).toBeGreaterThan(0)
    expect(tooSmall(cards, 60)).toEqual([])
    expect(await overflowing(page)).toEqual([])
    await snap(page, 'field-2-news-elder')

    await tapText(page, lead)
    const article = await waitForRoute(page, ARTICLE)
    await article.locator('.article__p').first().waitFor()
    expect(await fontSize(page, '.article__p')).toBeGreaterThanOrEqual(18)
    expect(await fontSize(page, '.article__byline')).toBeGreaterThanOrEqual(18)
    expect(await overflowing(page)).toEqual([])
    await snap(page, 'field-3-article-elder')

    // The choice survives a reload, and an article opened alone shows its button large too.
    await page.reload()
    const alone = await waitForRoute(page, ARTICLE)
    await alone.locator('.shell--elder .article__p').first().waitFor()
    expect(await fontSize(page, '.article__p')).toBeGreaterThanOrEqual(18)
    const homeButton = await boxes(page, '.btn')
    expect(homeButton.map((b) => b.text)).toContain('去天府科技云首页')
    expect(tooSmall(homeButton, 60)).toEqual([])
  })
})

describe('no network', () => {
  test('says so in Chinese without sending anything, and keeps what was typed', async () => {
    const { context, page } = await e2e.newPhone()
    const profile = await signInNewPerson(page)
    await profile.locator('.profile__input input').fill('次仁')
    await pickGaraTownship(page)

    const before = e2e.requests.length
    const tried: string[] = []
    page.on('request', (r) => tried.push(r.url()))
    await context.setOffline(true)
    // The page notices the lost signal by itself.
    await current(page).locator('.offline-banner').getByText(/^网络未连接/).waitFor()
    await tapText(page, '完成注册')
    await current(page).locator('.profile__notice').getByText(/^网络未连接/).waitFor()
    await snap(page, 'field-4-offline')
    expect(await visibleText(page)).not.toMatch(/[A-Za-z]{4,}/)
    // Failed fast: the app did not even try, and the server saw nothing.
    expect(tried.filter((u) => u.includes('/api/'))).toEqual([])
    expect(e2e.requests.slice(before)).toEqual([])

    // Signal back, page reloaded (or WeChat killed it meanwhile): the draft is still there.
    await context.setOffline(false)
    await page.reload()
    const again = await waitForRoute(page, PROFILE)
    const input = again.locator('.profile__input input')
    await input.waitFor()
    expect(await input.inputValue()).toBe('次仁')
    await again.locator('.region-picker__value').getByText('甘孜藏族自治州 甘孜县 呷拉乡').waitFor()
    expect(await again.locator('.offline-banner').count()).toBe(0)
    await snap(page, 'field-5-draft-kept')
  })
})

describe('errors a person can read', () => {
  test('a nickname WeChat flags as risky shows the server’s Chinese message', async () => {
    const { page } = await e2e.newPhone()
    const profile = await signInNewPerson(page)
    await profile.locator('.profile__input input').fill('违禁词')
    await pickGaraTownship(page)
    await tapText(page, '完成注册')
    await profile.getByText('昵称含有不适宜的内容', { exact: true }).waitFor()
    await profile.locator('.profile__notice').getByText('内容含有不适宜发布的信息，请修改后再试', { exact: true }).waitFor()
    await snap(page, 'field-6-risky-nickname')
    const text = await visibleText(page)
    expect(looksEnglish(text)).toBe(false)
    // Still on the form, nothing registered.
    expect(page.url()).toContain(PROFILE)
    const row = await e2e.ctx.db.selectFrom('users').select(['nickname', 'registered_at']).where('nickname', '=', '违禁词').executeTakeFirst()
    expect(row).toBeUndefined()
  })

  test('an empty nickname and a missing township are explained before anything is sent', async () => {
    const { page } = await e2e.newPhone()
    const profile = await signInNewPerson(page)
    await tapText(page, '完成注册')
    await profile.getByText('昵称须为 1–20 个字', { exact: true }).waitFor()
    await profile.getByText('请选择您所在的乡镇（街道）', { exact: true }).waitFor()
    expect(looksEnglish(await visibleText(page))).toBe(false)
  })

  test('a server failure with an English body is shown in Chinese, and 重试 recovers', async () => {
    const { page } = await e2e.newPhone()
    // A proxy or crash answering in English: the app must not pass its words on.
    await page.route('**/api/regions/51/children', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: 'TypeError: Cannot read properties of undefined' }),
      }),
    )
    const profile = await signInNewPerson(page)
    await profile.getByText('服务器开小差了，请稍后再试').waitFor()
    await snap(page, 'field-7-server-error')
    expect(looksEnglish(await visibleText(page))).toBe(false)

    await page.unroute('**/api/regions/51/children')
    await tapText(page, '重试')
    await profile.getByText('甘孜藏族自治州', { exact: true }).waitFor()
  })

  test('a gateway page in HTML (502) ends in a Chinese message after the retries', async () => {
    const { page } = await e2e.newPhone()
    await page.route((url) => url.pathname === '/api/news', (route) =>
      route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1>nginx</body></html>' }),
    )
    const list = await open(page, '/pages/news/index')
    await list.locator('.state--error').waitFor({ timeout: 15_000 })
    const text = await visibleText(page)
    expect(text).toContain('服务器开小差了，请稍后再试')
    expect(looksEnglish(text)).toBe(false)
    await snap(page, 'field-8-bad-gateway')
  })
})

// ---- issue 12: 长辈模式 layout, the tab bar, whole-box fields ------------------------------------

const FARMER = '扎西（农牧民，甘孜县呷拉乡）'

/** A phone in 长辈模式 from its first page on (Taro's H5 storage keeps { data } under 'ui.elder'). */
async function elderPhone() {
  const phone = await e2e.newPhone()
  await phone.context.addInitScript(() => localStorage.setItem('ui.elder', JSON.stringify({ data: true })))
  return phone
}

/**
 * How many lines each element's text takes, measured on the glyphs (a Range's client rects grouped
 * by line), with the text: a label broken inside a word shows up as 2.
 */
async function lineCounts(page: Page, selector: string): Promise<Array<{ text: string; lines: number }>> {
  return current(page)
    .locator(selector)
    .evaluateAll((els) =>
      els
        .filter((el) => el.checkVisibility())
        .map((el) => {
          const range = document.createRange()
          range.selectNodeContents(el)
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)))
          return { text: (el.textContent ?? '').trim(), lines: tops.size }
        }),
    )
}

/** Inputs whose placeholder is wider than the box's text area (the end of the hint cut off). */
async function clippedPlaceholders(page: Page): Promise<string[]> {
  return current(page).evaluate((root) => {
    const out: string[] = []
    const ctx = document.createElement('canvas').getContext('2d')!
    for (const input of root.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
      if (!input.checkVisibility() || !input.placeholder) continue
      const cs = getComputedStyle(input)
      ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`
      const room = input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)
      const need = ctx.measureText(input.placeholder).width
      if (need > room + 0.5) out.push(`${input.placeholder} (${Math.round(need)} px in ${Math.round(room)} px)`)
    }
    return out
  })
}

describe('长辈模式 keeps words whole', () => {
  test('home entries and the 科技所需/所能 switch: one line per label, fewer columns instead; placeholders fit', async () => {
    for (const elder of [false, true]) {
      const { page } = elder ? await elderPhone() : await e2e.newPhone()
      const home = await open(page, '/pages/index/index')
      await home.locator(elder ? '.shell--elder .home__entry' : '.home__entry').first().waitFor()
      const labels = await lineCounts(page, '.home__entry-label')
      expect(labels.map((l) => l.text)).toEqual(expect.arrayContaining(['发布需求', '科技成果', '人才大赛']))
      expect(labels.filter((l) => l.lines !== 1)).toEqual([])
      expect((await lineCounts(page, '.home__entry .muted')).filter((l) => l.lines !== 1)).toEqual([])
      // Columns: three a row normally, fewer in 长辈模式.
      const tops = await home.locator('.home__entry').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)))
      const firstRow = tops.filter((t) => t === tops[0]).length
      expect(firstRow).toBe(elder ? 2 : 3)
      expect(await overflowing(page)).toEqual([])

      const listings = await open(page, '/pages/listings/index')
      await listings.locator('.listings__side').first().waitFor()
      const sides = await lineCounts(page, '.listings__side')
      expect(sides.map((s) => s.text)).toEqual(['全部', '科技所需', '科技所能'])
      expect(sides.filter((s) => s.lines !== 1)).toEqual([])
      expect(await clippedPlaceholders(page)).toEqual([])
    }
  })

  test('the forms’ placeholders show whole in 长辈模式', async () => {
    const { page } = await elderPhone()
    await signInAsDemo(page, FARMER)
    for (const side of ['need', 'offer']) {
      const form = await open(page, `/packages/listings/publish/index?side=${side}`)
      await form.locator('.shell--elder .publish__title').waitFor()
      expect(await clippedPlaceholders(page)).toEqual([])
    }
    const contest = await e2e.ctx.db.selectFrom('contests').select('id').where('stage', '=', 'signup').orderBy('id').executeTakeFirstOrThrow()
    const signup = await open(page, `/packages/contests/signup/index?id=${contest.id}`)
    await signup.locator('.shell--elder input').first().waitFor()
    expect(await clippedPlaceholders(page)).toEqual([])
  })
})

test('长辈模式: no short label on the key pages is broken over two lines', async () => {
  const { page } = await elderPhone()
  await signInAsDemo(page, '格桑（乡镇科协主席，甘孜县甘孜镇，已认证）')
  const contest = await e2e.ctx.db.selectFrom('contests').select('id').where('stage', '=', 'signup').orderBy('id').executeTakeFirstOrThrow()
  const routes = [
    '/pages/index/index',
    '/pages/listings/index',
    '/pages/news/index',
    '/pages/mine/index',
    '/packages/listings/publish/index?side=need',
    '/packages/contests/index',
    `/packages/contests/detail/index?id=${contest.id}`,
    `/packages/contests/nominate/index?id=${contest.id}`,
    `/packages/contests/signup/index?id=${contest.id}`,
    '/packages/contests/talents/index',
    '/packages/achievements/index',
    // Found by a walk-through as a chair: the role buttons and the dashboard's month table.
    '/packages/account/profile/index',
    '/packages/dashboard/index',
  ]
  const broken: string[] = []
  for (const route of routes) {
    const shown = await open(page, route)
    await shown.locator('.shell--elder').first().waitFor()
    // Wait out the first load: no skeleton or 正在加载 left.
    await page.waitForFunction(() => !document.querySelector('.taro_page_stationed:not(.taro_page_shade) [class*="skeleton"], .taro_page_stationed:not(.taro_page_shade) .state--loading'))
    // A label: a leaf of up to 8 characters with no space or punctuation to break at.
    const found = await shown.evaluate((root) => {
      const out: string[] = []
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        const text = (el.textContent ?? '').trim()
        if (el.children.length || !el.checkVisibility() || !text || text.length > 8 || /[\s，。、：；？！,.（）()]/.test(text)) continue
        const range = document.createRange()
        range.selectNodeContents(el)
        if (new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size > 1) out.push(text)
      }
      return out
    })
    broken.push(...found.map((t) => `${route}: ${t}`))
  }
  expect(broken).toEqual([])
})

describe('the tab bar', () => {
  /** Each tab: its label's size, its icon, and which tab answers at its top and bottom edges. */
  async function tabs(page: Page) {
    return page.evaluate(() => {
      const bar = document.querySelector('.weui-tabbar')!.getBoundingClientRect()
      return [...document.querySelectorAll<HTMLElement>('.weui-tabbar__item')].map((item) => {
        const box = item.getBoundingClientRect()
        const x = box.left + box.width / 2
        const at = (y: number) => document.elementFromPoint(x, y)?.closest('.weui-tabbar__item') === item
        const icon = item.querySelector<HTMLImageElement>('img.weui-tabbar__icon')
        const label = item.querySelector<HTMLElement>('.weui-tabbar__label')!
        return {
          label: label.textContent,
          fontSize: parseFloat(getComputedStyle(label).fontSize),
          icon: !!icon?.src && icon.complete && icon.naturalWidth > 0 && icon.getBoundingClientRect().width >= 20,
          barHeight: bar.height,
          tapsAtTopEdge: at(bar.top + 2),
          tapsAtBottomEdge: at(bar.bottom - 2),
        }
      })
    })
  }

  test('icons, labels at the text size (larger in 长辈模式), and taps anywhere on the bar', async () => {
    const { page } = await e2e.newPhone()
    await open(page, '/pages/index/index')
    await page.locator('.weui-tabbar__item').first().waitFor()
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('img.weui-tabbar__icon')].every((i) => i.complete))
    const normal = await tabs(page)
    expect(normal.map((t) => t.label)).toEqual(['首页', '所能所需', '科技资讯', '我的'])
    expect(normal.filter((t) => !t.icon)).toEqual([])
    expect(normal.filter((t) => t.fontSize < 12)).toEqual([])
    expect(normal.filter((t) => !t.tapsAtTopEdge || !t.tapsAtBottomEdge)).toEqual([])
    expect(normal[0].barHeight).toBeGreaterThanOrEqual(44)
    await snap(page, 'field-9-tab-bar')

    // A tap near the bar's top edge, not on the label, still switches the tab.
    const news = await page.locator('.weui-tabbar__item').filter({ hasText: '科技资讯' }).boundingBox()
    const bar = await page.locator('.weui-tabbar').boundingBox()
    await page.touchscreen.tap(news!.x + news!.width / 2, bar!.y + 3)
    await waitForRoute(page, '/pages/news/index')

    const mine = await tapTab(page, '我的', '/pages/mine/index')
    await mine.locator('.mine__elder-switch').tap()
    await mine.locator('.shell--elder').waitFor()
    const elder = await tabs(page)
    expect(elder.filter((t) => t.fontSize < 17)).toEqual([])
    expect(elder[0].fontSize).toBeGreaterThan(normal[0].fontSize)
    expect(elder[0].barHeight).toBeGreaterThanOrEqual(60)
    expect(elder.filter((t) => !t.icon || !t.tapsAtTopEdge || !t.tapsAtBottomEdge)).toEqual([])
    expect(await page.locator('.weui-tabbar__label').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).length)).toBe(0)
    await snap(page, 'field-10-tab-bar-elder')
  })
})

describe('a text field takes a tap anywhere in its box', () => {
  /**
   * Taps near each corner and the middle of the box; says where the tap did not focus its control.
   * `filled`: the control itself must lie under each point (the field kit's boxes), not only take
   * the focus passed on from its box.
   */
  async function deadSpots(page: Page, box: string, filled = false): Promise<string[]> {
    const target = current(page).locator(box).first()
    await target.scrollIntoViewIfNeeded()
    const b = (await target.boundingBox())!
    const inset = 4
    const points: Array<[string, number, number]> = [
      ['top left', b.x + inset, b.y + inset],
      ['top right', b.x + b.width - inset, b.y + inset],
      ['bottom left', b.x + inset, b.y + b.height - inset],
      ['bottom right', b.x + b.width - inset, b.y + b.height - inset],
      ['middle', b.x + b.width / 2, b.y + b.height / 2],
    ]
    const dead: string[] = []
    for (const [name, x, y] of points) {
      if (filled) {
        const under = await target.evaluate((el, [px, py]) => document.elementFromPoint(px, py) === el.querySelector('input, textarea'), [x, y])
        if (!under) dead.push(`${box} ${name}: not the control under the finger`)
      }
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
      await page.touchscreen.tap(x, y)
      const focused = await target.evaluate((el) => {
        const control = el.querySelector('input, textarea')
        return !!control && document.activeElement === control
      })
      if (!focused) dead.push(`${box} ${name} (${Math.round(b.width)}×${Math.round(b.height)} box)`)
    }
    return dead
  }

  test('on the field kit’s inputs and text areas and on forms with their own fields, in both modes', async () => {
    for (const elder of [false, true]) {
      const { page } = elder ? await elderPhone() : await e2e.newPhone()
      await signInAsDemo(page, FARMER)
      const form = await open(page, '/packages/listings/publish/index?side=need')
      await form.locator('.publish__title input').waitFor()
      expect(await deadSpots(page, '.publish__title', true)).toEqual([])
      expect(await deadSpots(page, '.publish__description', true)).toEqual([])
      expect(await deadSpots(page, '.publish__contact-phone', true)).toEqual([])
      // The search box on 所能所需 is not on the kit.
      const listings = await open(page, '/pages/listings/index')
      await listings.locator('.listings__input input').waitFor()
      expect(await deadSpots(page, '.listings__input')).toEqual([])
    }
  })
})
