import { PRIVACY_VERSION } from '../../common/enums'
import { GANZI_ARTICLE_TITLE } from '../../server/src/seed/article-links'
import { current, open, overflowing, signInAsDemo, snap, startE2E, tapText, waitForRoute, type E2E } from './harness'

// The story from the issue: a 智慧科普传播员 (兰梅, 甘孜县来马镇) shares the 甘孜 training article;
// a new person opens her link on their own phone, taps 注册天府科技云 under the article, logs in and
// registers in 来马镇 — and 兰梅's 我的传播 and the township's registrations both go up by one.
jest.setTimeout(90_000)

const ARTICLE_ROUTE = '/packages/news/article/index'
const SHARING_ROUTE = '/packages/sharing/index'
const LAIMA = '513328102'

let e2e: E2E
let ganziId: number
beforeAll(async () => {
  e2e = await startE2E()
  ganziId = (await e2e.ctx.db.selectFrom('articles').select('id').where('title', '=', GANZI_ARTICLE_TITLE).executeTakeFirstOrThrow()).id
})
afterAll(async () => {
  await e2e?.close()
})

/** The township dashboard (GET /api/dashboard, being built alongside) as provincial staff see it. */
async function township(): Promise<{ registrations: number; registeredToDate: number; shareRegistrations: number | null }> {
  const login = await fetch(`${e2e.baseUrl}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userKey: 'staff-sc', consentVersion: PRIVACY_VERSION }),
  })
  const { token } = await login.json()
  const res = await fetch(`${e2e.baseUrl}/api/dashboard?region=${LAIMA}`, { headers: { authorization: `Bearer ${token}` } })
  expect(res.status).toBe(200)
  const body = await res.json()
  const metric = (name: string) => body.metrics.find((m: { metric: string }) => m.metric === name)?.total ?? null
  return { registrations: metric('registrations'), registeredToDate: body.registeredToDate, shareRegistrations: metric('share_registrations') }
}

/** 我的传播's three numbers as the volunteer sees them. */
async function myNumbers(page: Parameters<typeof current>[0]) {
  const mine = current(page)
  await mine.locator('.sharing__n-value').first().waitFor()
  const value = async (name: string) => Number((await mine.locator(`.sharing__n--${name} .sharing__n-value`).innerText()).trim())
  return { shares: await value('shares'), opens: await value('opens'), registrations: await value('registrations') }
}

/** 每篇的效果's numbers for one shared page (0 and 0 before it was ever shared). */
async function pageNumbers(page: Parameters<typeof current>[0], title: string) {
  const list = current(page)
  await list.locator('.sharing__month').first().waitFor()
  const row = list.locator('.sharing__page').filter({ hasText: title })
  if ((await row.count()) === 0) return { opens: 0, registrations: 0 }
  const [, opens, registrations] = /(\d+) 人打开 · (\d+) 人注册/.exec(await row.locator('.sharing__page-numbers').innerText()) ?? []
  return { opens: Number(opens), registrations: Number(registrations) }
}

test('a volunteer shares an article; a new person opens it, registers, and both counts go up by one', async () => {
  // 兰梅 signs in and looks at her numbers first.
  const { page: volunteer } = await e2e.newPhone()
  await signInAsDemo(volunteer, '兰梅（科普志愿者，甘孜县来马镇）')
  await open(volunteer, SHARING_ROUTE)
  const before = await myNumbers(volunteer)
  const articleBefore = await pageNumbers(volunteer, GANZI_ARTICLE_TITLE)
  const townBefore = await township()
  await snap(volunteer, 'sharing-1-mine-before')

  // She opens the 甘孜 article and shares it: the page asks the server for her code.
  const article = await open(volunteer, `${ARTICLE_ROUTE}?id=${ganziId}`)
  await article.locator('.article__title').getByText(GANZI_ARTICLE_TITLE, { exact: true }).waitFor()
  // The article's buttons, from the seed: 注册 / 发布科技所需 / 举荐乡土人才参赛.
  expect(await article.locator('.article__link').allInnerTexts()).toEqual(['您已注册 · 查看我的', '发布科技所需', '举荐乡土人才参赛'])
  const shared = volunteer.waitForResponse((r) => r.url().endsWith('/api/shares') && r.request().method() === 'POST')
  await tapText(volunteer, '复制分享链接')
  const share = await (await shared).json()
  expect(share).toMatchObject({ target: 'article', targetId: ganziId, channel: 'chat', code: expect.stringMatching(/^[A-Za-z0-9_-]{8,32}$/) })
  // The link she passes on, as the page shows it (and put it on the clipboard).
  const link = (await article.locator('.share-bar__link').innerText()).trim()
  expect(link).toBe(`${e2e.baseUrl}/#${ARTICLE_ROUTE}?id=${ganziId}&s=${share.code}`)
  expect(await overflowing(volunteer)).toEqual([])
  await snap(volunteer, 'sharing-2-article-shared')

  // A new person opens the link on their own phone (nothing signed in, nothing stored).
  const { page: reader } = await e2e.newPhone()
  const opened = reader.waitForResponse((r) => r.url().endsWith(`/api/shares/${share.code}/opens`))
  await reader.goto(link)
  const landing = await waitForRoute(reader, ARTICLE_ROUTE)
  await landing.locator('.article__title').getByText(GANZI_ARTICLE_TITLE, { exact: true }).waitFor()
  expect(await (await opened).json()).toEqual({ credited: true })
  await snap(reader, 'sharing-3-reader-lands')

  // …taps 注册天府科技云 under the article, agrees, and registers in 来马镇.
  await tapText(reader, '注册天府科技云')
  await waitForRoute(reader, '/packages/account/login/index')
  await tapText(reader, '同意并继续')
  await tapText(reader, '注册新用户')
  const profile = await waitForRoute(reader, '/packages/account/profile/index')
  await profile.locator('.profile__input input').fill('达瓦')
  await tapText(reader, '甘孜藏族自治州')
  await tapText(reader, '甘孜县')
  await tapText(reader, '来马镇')
  await profile.locator('.region-picker__value').getByText('甘孜藏族自治州 甘孜县 来马镇').waitFor()
  const registered = reader.waitForResponse((r) => r.url().endsWith('/api/users/me') && r.request().method() === 'PUT')
  await tapText(reader, '完成注册')
  const put = await registered
  expect(put.status()).toBe(200)
  // The registration carried the phone's visitor id, the one the open was reported with.
  const visitor = await put.request().headerValue('x-visitor-id')
  expect(visitor).toMatch(/^[A-Za-z0-9]{16,64}$/)
  await waitForRoute(reader, '/pages/index/index')

  // The server credited 兰梅, once.
  const dawa = await e2e.ctx.db.selectFrom('users').select(['id', 'region_code']).where('nickname', '=', '达瓦').executeTakeFirstOrThrow()
  expect(dawa.region_code).toBe(LAIMA)
  const credit = await e2e.ctx.db.selectFrom('share_registrations').selectAll().where('user_id', '=', dawa.id).execute()
  const lanmei = await e2e.ctx.db.selectFrom('users').select('id').where('openid', '=', 'dev:volunteer-lan').executeTakeFirstOrThrow()
  expect(credit).toEqual([expect.objectContaining({ sharer_id: lanmei.id })])

  // 兰梅's 我的传播: one more person opened, one more registered.
  await open(volunteer, SHARING_ROUTE)
  await current(volunteer).locator('.sharing__n--registrations .sharing__n-value').getByText(String(before.registrations + 1), { exact: true }).waitFor()
  const after = await myNumbers(volunteer)
  expect(after).toEqual({ shares: before.shares + 1, opens: before.opens + 1, registrations: before.registrations + 1 })
  // She is on her county's board with it.
  const me = current(volunteer).locator('.sharing__row--me')
  await me.waitFor()
  expect(await me.innerText()).toContain(`${after.registrations} 注册`)
  // 每篇的效果: the article she shared brought that person.
  expect(await pageNumbers(volunteer, GANZI_ARTICLE_TITLE)).toEqual({ opens: articleBefore.opens + 1, registrations: articleBefore.registrations + 1 })
  expect(await overflowing(volunteer)).toEqual([])
  await snap(volunteer, 'sharing-4-mine-after')

  // The township's registrations (the dashboard) went up by one too.
  const townAfter = await township()
  expect(townAfter.registrations).toBe(townBefore.registrations + 1)
  expect(townAfter.registeredToDate).toBe(townBefore.registeredToDate + 1)
  if (townBefore.shareRegistrations !== null) expect(townAfter.shareRegistrations).toBe(townBefore.shareRegistrations + 1)
})

test('a volunteer makes a poster on H5: the title, a line, her 小程序码 — shown as an image to long-press or download', async () => {
  const { page } = await e2e.newPhone()
  await signInAsDemo(page, '兰梅（科普志愿者，甘孜县来马镇）')
  const article = await open(page, `${ARTICLE_ROUTE}?id=${ganziId}`)
  await article.locator('.article__title').getByText(GANZI_ARTICLE_TITLE, { exact: true }).waitFor()
  const code = page.waitForResponse((r) => /\/api\/shares\/[A-Za-z0-9_-]+\/poster-code$/.test(r.url()))
  await tapText(page, '生成分享海报')
  const poster = await waitForRoute(page, '/packages/sharing/poster/index')
  const png = await code
  expect(png.status()).toBe(200)
  expect(png.headers()['content-type']).toBe('image/png')
  const image = poster.locator('.poster__image img')
  await image.waitFor()
  expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,/)
  // Drawn at 600 × 900 poster pixels (twice that for sharp screens).
  expect(await image.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([1200, 1800])
  await poster.getByText('下载海报', { exact: true }).waitFor()
  // Shown whole (not cropped to a default image height): 2:3 like the poster.
  const box = (await poster.locator('.poster__image').boundingBox())!
  expect(box.height / box.width).toBeCloseTo(1.5, 1)
  // The poster's code is 兰梅's poster share.
  const lanmei = await e2e.ctx.db.selectFrom('users').select('id').where('openid', '=', 'dev:volunteer-lan').executeTakeFirstOrThrow()
  const shares = await e2e.ctx.db.selectFrom('shares').select(['code', 'channel']).where('sharer_id', '=', lanmei.id).where('channel', '=', 'poster').execute()
  expect(shares).toHaveLength(1)
  expect(png.url()).toContain(`/api/shares/${shares[0].code}/poster-code`)
  expect(await overflowing(page)).toEqual([])
  await snap(page, 'sharing-5-poster')
})
