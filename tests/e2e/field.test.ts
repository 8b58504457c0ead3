import type { Page } from 'playwright-core'
import { current, looksEnglish, open, overflowing, snap, startE2E, tapTab, tapText, waitForRoute, type E2E } from './harness'

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
