// Sharing with attribution on the real weapp build: a signed-in volunteer's share cards carry
// s=<their code> (chats through onShareAppMessage's promise, Moments at once), a page opened with
// ?s= reports the open with the phone's visitor id (X-Visitor-Id, signed in or not), a 小程序码's
// scene opens the right article, and the 甘孜 training article shows its buttons.
import { GANZI_ARTICLE_TITLE } from '../../server/src/seed/article-links'
import { signInDemo, useWeapp, waitFor } from './harness'

const weapp = useWeapp()
const ARTICLE = 'packages/news/article/index'
let ganziId: number
let leadId: number

beforeAll(async () => {
  ganziId = (await weapp.ctx.db.selectFrom('articles').select('id').where('title', '=', GANZI_ARTICLE_TITLE).executeTakeFirstOrThrow()).id
  leadId = (await weapp.ctx.db.selectFrom('articles').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id
})
beforeEach(() => weapp.reset())

const sharesOf = (userId: number) => weapp.ctx.db.selectFrom('shares').selectAll().where('sharer_id', '=', userId).orderBy('id').execute()

test('a signed-in volunteer’s chat share path and Moments query carry s=<their code>', async () => {
  const volunteer = await signInDemo(weapp, 'volunteer-lan')
  const page = await weapp.render(ARTICLE, { id: String(leadId) })
  await page.waitFor(() => page.all('article__title').length > 0, 'the article')

  // 转发: WeChat gets the plain card at once and a promise of the card with the code (≤ 3 s).
  const chat = page.instance.onShareAppMessage({ from: 'button' })
  expect(chat).toMatchObject({ path: `/packages/news/article/index?id=${leadId}` })
  const card = await chat.promise
  expect(card.path).toMatch(new RegExp(`^/packages/news/article/index\\?id=${leadId}&s=[A-Za-z0-9_-]{8,32}$`))
  const code = card.path.split('s=')[1]
  expect(await sharesOf(volunteer.id)).toEqual([expect.objectContaining({ code, target: 'article', target_id: leadId, channel: 'chat' })])
  // The next share answers at once with the same code and asks the server nothing.
  const posts = () => weapp.sent.filter((s) => s === 'POST /api/shares').length
  const before = posts()
  expect(page.instance.onShareAppMessage({ from: 'menu' })).toEqual({ title: card.title, path: card.path })
  expect(posts()).toBe(before)

  // 分享到朋友圈: answered at once with a code the app made; the server keeps it.
  const moments = page.instance.onShareTimeline()
  expect(moments.query).toMatch(new RegExp(`^id=${leadId}&s=[A-Za-z0-9_-]{8,32}$`))
  const momentsCode = moments.query.split('s=')[1]
  expect(momentsCode).not.toBe(code)
  await waitFor(() => weapp.requests.some((r) => r.method === 'POST' && r.path === '/api/shares' && r.status === 200 && (r.body as { code: string }).code === momentsCode), 'the Moments share saved')
  expect((await sharesOf(volunteer.id))[1]).toMatchObject({ code: momentsCode, channel: 'timeline' })
})

test('signed out: plain links, nothing asked of the server', async () => {
  const page = await weapp.render(ARTICLE, { id: String(leadId) })
  await page.waitFor(() => page.all('article__title').length > 0, 'the article')
  expect(page.instance.onShareAppMessage({ from: 'menu' }).path).toBe(`/packages/news/article/index?id=${leadId}`)
  expect(page.instance.onShareTimeline().query).toBe(`id=${leadId}`)
  expect(weapp.sent.filter((s) => s.startsWith('POST'))).toEqual([])
})

test('a link with s= reports the open as this phone’s visitor, once', async () => {
  const volunteer = await signInDemo(weapp, 'volunteer-lan')
  const { code } = await (
    await fetch(`${weapp.apiOrigin}/api/shares`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...volunteer.auth },
      body: JSON.stringify({ target: 'article', targetId: ganziId, channel: 'chat' }),
    })
  ).json()
  await weapp.reset() // another phone, nobody signed in

  const page = await weapp.render(ARTICLE, { id: String(ganziId), s: code })
  await page.waitForText(GANZI_ARTICLE_TITLE)
  const open = await waitFor(() => weapp.requests.find((r) => r.path === `/api/shares/${code}/opens`), 'the open reported')
  const visitor = weapp.storage.get('share.visitor') as string
  expect(visitor).toMatch(/^[A-Za-z0-9]{16,64}$/)
  expect(open).toMatchObject({ method: 'POST', status: 200, body: { credited: true } })
  expect(open.headers['X-Visitor-Id']).toBe(visitor)
  expect(open.headers.Authorization).toBeUndefined()
  const opens = await weapp.ctx.db.selectFrom('share_opens').selectAll().where('sharer_id', '=', volunteer.id).execute()
  expect(opens).toEqual([expect.objectContaining({ viewer_key: `v:${visitor}`, viewer_id: null })])

  // The same link opened again in this run of the app is not reported again.
  page.unload()
  const again = await weapp.render(ARTICLE, { id: String(ganziId), s: code })
  await again.waitForText(GANZI_ARTICLE_TITLE)
  expect(weapp.requests.filter((r) => r.path === `/api/shares/${code}/opens`)).toHaveLength(1)
})

test('signed in, the open carries the phone’s visitor id too, and the phone becomes the reader’s', async () => {
  const volunteer = await signInDemo(weapp, 'volunteer-lan')
  const { code } = await (
    await fetch(`${weapp.apiOrigin}/api/shares`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...volunteer.auth },
      // Not the chat code the test above opened: this run of the app reports a code once.
      body: JSON.stringify({ target: 'article', targetId: ganziId, channel: 'timeline' }),
    })
  ).json()
  await weapp.reset() // another phone: 扎西 is signed in on it
  const reader = await signInDemo(weapp, 'farmer-zhaxi')

  const page = await weapp.render(ARTICLE, { id: String(ganziId), s: code })
  await page.waitForText(GANZI_ARTICLE_TITLE)
  const open = await waitFor(() => weapp.requests.find((r) => r.path === `/api/shares/${code}/opens`), 'the open reported')
  const visitor = weapp.storage.get('share.visitor') as string
  expect(visitor).toMatch(/^[A-Za-z0-9]{16,64}$/)
  expect(open).toMatchObject({ method: 'POST', status: 200 })
  expect(open.headers).toMatchObject({ 'X-Visitor-Id': visitor, Authorization: `Bearer ${reader.token}` })
  // The server now knows the phone is 扎西's, and the open is his (not the phone's).
  expect(await weapp.ctx.db.selectFrom('visitors').select('user_id').where('visitor_id', '=', visitor).executeTakeFirst()).toEqual({ user_id: reader.id })
  const opens = await weapp.ctx.db.selectFrom('share_opens').select(['viewer_key', 'viewer_id']).where('sharer_id', '=', volunteer.id).execute()
  expect(opens).toContainEqual({ viewer_key: `u:${reader.id}`, viewer_id: reader.id })
  expect(opens).not.toContainEqual(expect.objectContaining({ viewer_key: `v:${visitor}` }))
})

test('a 小程序码 (scene = a share code, no id) opens its article and counts the open', async () => {
  const volunteer = await signInDemo(weapp, 'volunteer-lan')
  const { code } = await (
    await fetch(`${weapp.apiOrigin}/api/shares`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...volunteer.auth },
      body: JSON.stringify({ target: 'article', targetId: leadId, channel: 'poster' }),
    })
  ).json()
  await weapp.reset()
  // WeChat hands the page the scene URL-encoded.
  const page = await weapp.render(ARTICLE, { scene: encodeURIComponent(code) })
  const lead = await weapp.ctx.db.selectFrom('articles').select('title').where('id', '=', leadId).executeTakeFirstOrThrow()
  await page.waitForText(lead.title)
  expect(weapp.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(
    expect.arrayContaining([`GET /api/shares/${code} 200`, `GET /api/news/${leadId} 200`, `POST /api/shares/${code}/opens 200`]),
  )
})

test('a 乡土人才’s page: the chat card carries s=<the sharer’s code>; a 小程序码 opens that talent', async () => {
  const TALENT = 'packages/contests/talent/index'
  const zeren = (await weapp.ctx.db.selectFrom('users').select('id').where('nickname', '=', '泽仁多吉').executeTakeFirstOrThrow()).id
  const volunteer = await signInDemo(weapp, 'volunteer-lan')
  let page = await weapp.render(TALENT, { id: String(zeren) })
  await page.waitForText('高原牦牛半舍饲越冬技术')
  const chat = page.instance.onShareAppMessage({ from: 'button' })
  expect(chat).toMatchObject({ title: '乡土人才 泽仁多吉', path: `/packages/contests/talent/index?id=${zeren}` })
  const card = await chat.promise
  expect(card.path).toMatch(new RegExp(`^/packages/contests/talent/index\\?id=${zeren}&s=[A-Za-z0-9_-]{8,32}$`))
  expect((await sharesOf(volunteer.id)).filter((r) => r.target === 'talent')).toEqual([
    expect.objectContaining({ code: card.path.split('s=')[1], target_id: zeren, channel: 'chat' }),
  ])
  expect(page.attr(page.byText('分享给群友'), 'open-type')).toBe('share')
  page.unload()

  const { code } = await (
    await fetch(`${weapp.apiOrigin}/api/shares`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...volunteer.auth },
      body: JSON.stringify({ target: 'talent', targetId: zeren, channel: 'poster' }),
    })
  ).json()
  await weapp.reset()
  page = await weapp.render(TALENT, { scene: encodeURIComponent(code) })
  await page.waitForText('高原牦牛半舍饲越冬技术')
  await waitFor(() => weapp.requests.find((r) => r.path === `/api/shares/${code}/opens` && r.status === 200), 'the open reported')
  expect(weapp.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(
    expect.arrayContaining([`GET /api/shares/${code} 200`, `GET /api/talents/${zeren} 200`]),
  )
})

test('the 甘孜 training article shows its buttons; 注册 takes a signed-out reader to login', async () => {
  const page = await weapp.render(ARTICLE, { id: String(ganziId) })
  await page.waitForText('注册天府科技云')
  expect(page.all('article__link').map((b) => b.textContent?.trim())).toEqual(['注册天府科技云', '发布科技所需', '举荐乡土人才参赛'])
  page.tap(page.byText('注册天府科技云'))
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: '/packages/account/login/index' }])
  page.tap(page.byText('发布科技所需'))
  await page.waitFor(() => weapp.nav.length > 1, 'navigation')
  expect(weapp.nav[1]).toEqual({ api: 'navigateTo', url: '/packages/listings/publish/index?side=need' })
  // The share buttons: WeChat's share button and the poster.
  expect(page.attr(page.byText('分享给群友'), 'open-type')).toBe('share')
  page.tap(page.byText('生成分享海报'))
  await page.waitFor(() => weapp.nav.length > 2, 'navigation')
  expect(weapp.nav[2].url).toMatch(new RegExp(`^/packages/sharing/poster/index\\?target=article&id=${ganziId}&title=`))
})
