import { mkdirSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { PRIVACY_VERSION } from '../../common/enums'
import { current, open, overflowing, signInAsDemo, snap, startE2E, tapTab, waitForRoute, type E2E } from './harness'

// 我的消息 on the H5 build (issue 12: 2), as 扎西, a herder, meets it: staff approved one of his
// needs and turned another down, and an expert answered the first. The 我的 tab carries a red 3,
// 我的 shows 我的消息 3 and 我的发布 3; the list shows the three, newest first, in large text, each
// card tappable over its whole width; a tap opens the post and the tab's number falls to 2;
// 全部已读 takes it away. Measured in Chromium: the badge's text, the cards' size and font.
jest.setTimeout(120_000)

const ZHAXI = '扎西（农牧民，甘孜县呷拉乡）'
const SHOTS = process.env.SHOTS_DIR

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

async function token(userKey: string): Promise<string> {
  const res = await e2e.ctx.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userKey, consentVersion: PRIVACY_VERSION } })
  expect(res.statusCode).toBe(200)
  return res.json().token
}

async function call(method: 'POST' | 'PUT', url: string, bearer: string, payload?: object) {
  const res = await e2e.ctx.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${bearer}`, 'idempotency-key': `k_${Math.random().toString(36).slice(2).padEnd(16, '0')}` },
    ...(payload ? { payload } : {}),
  })
  expect(res.statusCode).toBeLessThan(300)
  return res.json()
}

const need = (bearer: string, title: string) =>
  call('POST', '/api/listings', bearer, {
    side: 'need',
    title,
    category: 'breeding',
    regionCode: '513328200',
    description: '家里二十头牦牛，冬天掉膘厉害，想学补饲配方和青稞秸秆加工。',
    contact: { name: '扎西', phone: '13800009999' },
  })

/** The number on the 我的 tab of Taro's H5 tab bar, or null when it has none. */
const tabBadge = (page: Page) =>
  page.evaluate(() => {
    const tab = [...document.querySelectorAll('.weui-tabbar__item')].find((el) => el.textContent?.includes('我的'))
    const badge = tab?.querySelector<HTMLElement>('.taro-tabbar-badge')
    return badge && badge.checkVisibility() ? (badge.textContent ?? '').trim() : null
  })

/** Serious and critical axe problems of the page on screen and the tab bar with its badge. */
async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include('.taro_page.taro_page_stationed:not(.taro_page_shade)').include('.weui-tabbar').analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`)
}

const rowBadge = (page: Page, row: string) =>
  current(page).evaluate((root, r) => root.querySelector(`.${r} .nav-row__badge`)?.textContent?.trim() ?? null, row)

test('three things happened to 扎西: the tab, 我的 and the list show them; a tap opens one; 全部已读', async () => {
  const zhaxi = await token('farmer-zhaxi')
  const staff = await token('staff-sc')
  const expert = await token('expert-li')
  const approved = (await need(zhaxi, '牦牛冬季补饲求指导')).id
  await call('POST', `/api/staff/review/listing/${approved}/approve`, staff)
  const rejected = (await need(zhaxi, '想卖冬虫夏草')).id
  await call('POST', `/api/staff/review/listing/${rejected}/reject`, staff, { reason: '联系方式不完整，请补充后重新提交' })
  await call('POST', `/api/listings/${approved}/responses`, expert, { message: '我能帮忙，有经验', phone: '13900007777' })

  const { page } = await e2e.newPhone()
  const mine = await signInAsDemo(page, ZHAXI)
  await page.waitForFunction(() => {
    const tab = [...document.querySelectorAll('.weui-tabbar__item')].find((el) => el.textContent?.includes('我的'))
    return tab?.querySelector('.taro-tabbar-badge')?.textContent?.trim() === '3'
  })
  expect(await tabBadge(page)).toBe('3')
  await mine.locator('.mine__messages-entry .nav-row__badge').waitFor()
  expect(await rowBadge(page, 'mine__messages-entry')).toBe('3')
  expect(await rowBadge(page, 'mine__my-listings')).toBe('3')
  expect(await rowBadge(page, 'mine__my-responses')).toBeNull()
  // The whole row opens the list, and says its count to a screen reader.
  expect(await mine.locator('.mine__messages-entry').getAttribute('aria-label')).toBe('我的消息，3 条新消息')
  expect(await overflowing(page)).toEqual([])
  expect(await axeProblems(page)).toEqual([])
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/mine-after.png` })
  // Another tab keeps the badge (each tab page sets it when it shows).
  await tapTab(page, '科技资讯', '/pages/news/index')
  expect(await tabBadge(page)).toBe('3')

  await tapTab(page, '我的', '/pages/mine/index')
  await current(page).locator('.mine__messages-entry').tap()
  const list = await waitForRoute(page, '/packages/messages/index')
  const cards = list.locator('.messages__item')
  await cards.nth(2).waitFor()
  expect(await cards.count()).toBe(3)
  const shown = await cards.evaluateAll((els) =>
    els.map((el) => {
      const box = el.getBoundingClientRect()
      const title = el.querySelector<HTMLElement>('.messages__title')!
      return {
        title: title.textContent?.trim(),
        unread: el.classList.contains('messages__item--unread'),
        width: Math.round(box.width),
        height: Math.round(box.height),
        titlePx: parseFloat(getComputedStyle(title).fontSize),
        bodyPx: parseFloat(getComputedStyle(el.querySelector<HTMLElement>('.messages__body')!).fontSize),
        role: el.getAttribute('role'),
      }
    }),
  )
  expect(shown.map((m) => [m.title, m.unread])).toEqual([
    ['有人回应了您的发布', true],
    ['您的发布没有通过审核', true],
    ['您的发布已通过审核', true],
  ])
  for (const m of shown) {
    // Each card is one big link: most of the phone's width, taller than a fingertip; text large.
    expect(m.role).toBe('link')
    expect(m.width).toBeGreaterThanOrEqual(340)
    expect(m.height).toBeGreaterThanOrEqual(60)
    expect(m.titlePx).toBeGreaterThanOrEqual(17)
    expect(m.bodyPx).toBeGreaterThanOrEqual(16)
  }
  expect(await cards.nth(1).innerText()).toContain('原因：联系方式不完整，请补充后重新提交')
  expect(await overflowing(page)).toEqual([])
  expect(await axeProblems(page)).toEqual([])
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/messages-after.png` })

  // The newest opens its post; back on 我的, the tab and the entry say 2.
  await cards.first().tap()
  const detail = await waitForRoute(page, '/packages/listings/detail/index')
  await detail.getByText('牦牛冬季补饲求指导').first().waitFor()
  await page.goBack()
  await waitForRoute(page, '/packages/messages/index')
  await current(page).locator('.messages__count').getByText('2 条未读').waitFor()
  // Back to 我的: showing the tab page reads the count again.
  await page.goBack()
  await waitForRoute(page, '/pages/mine/index')
  await page.waitForFunction(() => {
    const tab = [...document.querySelectorAll('.weui-tabbar__item')].find((el) => el.textContent?.includes('我的'))
    return tab?.querySelector('.taro-tabbar-badge')?.textContent?.trim() === '2'
  })
  expect(await rowBadge(page, 'mine__messages-entry')).toBe('2')

  await current(page).locator('.mine__messages-entry').tap()
  const again = await waitForRoute(page, '/packages/messages/index')
  await again.getByText('全部已读', { exact: true }).tap()
  await again.locator('.messages__count').getByText('没有未读消息').waitFor()
  // The list is read again after the mark: no card stays marked.
  await page.waitForFunction(() => document.querySelectorAll('.messages__item').length === 3 && !document.querySelector('.messages__item--unread'))
  await open(page, '/pages/mine/index')
  await page.waitForFunction(() => {
    const tab = [...document.querySelectorAll('.weui-tabbar__item')].find((el) => el.textContent?.includes('我的'))
    return !!tab && !tab.querySelector('.taro-tabbar-badge')?.checkVisibility()
  })
  expect(await rowBadge(page, 'mine__messages-entry')).toBeNull()
  await snap(page, 'messages-mine-read')
})

test('no messages yet: the list says so in plain words, and the tab has no badge', async () => {
  // 兰梅, the volunteer, has had nothing happen to her.
  const { page } = await e2e.newPhone()
  await signInAsDemo(page, '兰梅（科普志愿者，甘孜县来马镇）')
  await current(page).locator('.mine__messages-entry').waitFor()
  expect(await rowBadge(page, 'mine__messages-entry')).toBeNull()
  expect(await tabBadge(page)).toBeNull()
  await current(page).locator('.mine__messages-entry').tap()
  const list = await waitForRoute(page, '/packages/messages/index')
  await list.locator('.state--empty').waitFor()
  expect(await list.innerText()).toContain('还没有消息。有人回应您的发布、审核有了结果，都会在这里告诉您')
  expect(await list.locator('.messages__item').count()).toBe(0)
})

test('长辈模式: the count and the list in large text still fit the phone', async () => {
  const volunteer = await token('volunteer-lan')
  const id = (await call('POST', '/api/listings', volunteer, {
    side: 'need',
    title: '想学智慧科普传播员怎么当',
    category: 'other',
    regionCode: '513328102',
    description: '村里老人多，想学怎样把科技报的文章讲给他们听。',
    contact: { name: '兰梅', phone: '13800008888' },
  })).id
  await call('POST', `/api/staff/review/listing/${id}/reject`, await token('staff-sc'), { reason: '请写清楚想学的内容和时间，方便专家回应' })
  const { context, page } = await e2e.newPhone()
  await context.addInitScript(() => localStorage.setItem('ui.elder', JSON.stringify({ data: true })))
  const mine = await signInAsDemo(page, '兰梅（科普志愿者，甘孜县来马镇）')
  await mine.locator('.mine__messages-entry .nav-row__badge').waitFor()
  expect(await overflowing(page)).toEqual([])
  expect(await axeProblems(page)).toEqual([])
  await mine.locator('.mine__messages-entry').tap()
  const list = await waitForRoute(page, '/packages/messages/index')
  const card = list.locator('.messages__item').first()
  await card.waitFor()
  const px = await card.evaluate((el) => parseFloat(getComputedStyle(el.querySelector<HTMLElement>('.messages__body')!).fontSize))
  expect(px).toBeGreaterThanOrEqual(20)
  expect(await card.innerText()).toContain('原因：请写清楚想学的内容和时间，方便专家回应')
  expect(await overflowing(page)).toEqual([])
  expect(await axeProblems(page)).toEqual([])
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/messages-elder-after.png` })
})

beforeAll(() => {
  if (SHOTS) mkdirSync(SHOTS, { recursive: true })
})
