// 内容审核 (packages/staff/review) on the real weapp build against a real server: a township chair's
// 代发 post and a farmer's post wait in the queue; staff read them in full (photos with WeChat's
// check state, 需留意 for what WeChat's text check was unsure about), approve one, reject the other
// with a reason, and the database follows. Anyone else is turned away by the server.
import { PRIVACY_VERSION } from '../../common/enums'
import { createPending, GANZI_TOWN, listingBody, mediaCheckEvent, registerPerson, REVIEW_WORD, signedQuery, uploadPhoto, type Auth } from '../server/listings-fixtures'
import { useWeapp, type PageHandle, signInDemo } from './harness'

const weapp = useWeapp()
const PAGE = 'packages/staff/review/index'

/** Signs in on the phone as a seeded demo person (the H5 demo login's route), keeping the session in storage. */
const signInAs = (userKey: string) => signInDemo(weapp, userKey)

async function demoAuth(userKey: string): Promise<Auth> {
  const res = await weapp.ctx.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userKey, consentVersion: PRIVACY_VERSION } })
  return { authorization: `Bearer ${res.json().token}` }
}

/** The innermost element inside `root` whose trimmed text is exactly `text`. */
function inside(root: Element, text: string): Element {
  const matches = Array.from(root.querySelectorAll('*')).filter((el) => el.textContent?.trim() === text)
  const innermost = matches.filter((el) => !matches.some((other) => other !== el && el.contains(other)))
  if (!innermost.length) throw new Error(`no "${text}" in ${root.textContent?.slice(0, 60)}`)
  return innermost[0]
}

function cardOf(page: PageHandle, title: string): Element | undefined {
  return page.all('review-item').find((card) => card.textContent?.includes(title))
}

const PROXY_TITLE = '虫草采挖季草场退化，求补播技术'
const FARMER_TITLE = '青稞地里杂草多，求除草办法'
let proxyId: number
let farmerId: number

beforeAll(async () => {
  // chair-ganzi (verified, 甘孜镇) posts for a herder of the township, with two photos; WeChat has
  // passed the first one so far. The text carries a word the emulator's text check calls 'review'.
  const chair = await demoAuth('chair-ganzi')
  const photos: number[] = []
  for (let i = 0; i < 2; i++) {
    const res = await uploadPhoto(weapp.ctx, chair)
    expect(res.statusCode).toBe(200)
    photos.push(res.json().id)
  }
  const upload = await weapp.ctx.db.selectFrom('uploads').select('trace_id').where('id', '=', photos[0]).executeTakeFirstOrThrow()
  const push = await weapp.ctx.app.inject({
    method: 'POST',
    url: `/api/wechat/push?${new URLSearchParams(signedQuery()).toString()}`,
    payload: mediaCheckEvent(upload.trace_id!, 'pass'),
  })
  expect(push.body).toBe('success')
  proxyId = await createPending(weapp.ctx, chair, {
    title: PROXY_TITLE,
    category: 'ecology',
    regionCode: GANZI_TOWN,
    description: `今年挖虫草的人多，山坡草皮翻起来没回填，草场退化，牦牛没草吃。想请专家指导补播草种和管护办法。${REVIEW_WORD}`,
    photoIds: photos,
    contact: { name: '格桑', phone: '13800001001' },
    proxy: { name: '扎西多吉', phone: '13800001002', regionCode: GANZI_TOWN, consent: true },
  })
  // A farmer's own post, submitted after the chair's.
  const farmer = await registerPerson(weapp.ctx, 'farmer', GANZI_TOWN, '次仁')
  farmerId = await createPending(weapp.ctx, farmer.auth, { ...listingBody(), title: FARMER_TITLE, category: 'planting', regionCode: GANZI_TOWN })
})
beforeEach(() => weapp.reset())

test('staff read each pending post in full and approve one: it leaves the list and is published', async () => {
  await signInAs('staff-sc')
  const page = await weapp.render(PAGE)
  await page.waitFor(() => page.all('review-item').length === 2, 'two pending posts')
  // Oldest first.
  expect(page.all('review-item__title').map((el) => el.textContent?.trim())).toEqual([PROXY_TITLE, FARMER_TITLE])

  const card = cardOf(page, PROXY_TITLE)!
  const text = card.textContent ?? ''
  expect(text).toContain('科技所需')
  expect(text).toContain('生态环保')
  expect(text).toContain('甘孜藏族自治州 甘孜县 甘孜镇')
  expect(inside(card, '格桑')).toBeTruthy()
  expect(text).toContain('乡镇科协主席')
  expect(inside(card, '已认证')).toBeTruthy()
  expect(inside(card, '由 甘孜镇科协 代发')).toBeTruthy()
  expect(inside(card, '群众：扎西多吉')).toBeTruthy()
  expect(text).toContain('想请专家指导补播草种和管护办法。')
  expect(inside(card, '需留意')).toBeTruthy()
  // Two photos: WeChat passed the first; the second is still being checked.
  const checks = Array.from(card.querySelectorAll('*')).filter((el) => Array.from(el.classList).some((c) => c.endsWith('review-item__check')))
  expect(checks.map((el) => el.textContent?.trim())).toEqual(['已通过', '待检测'])

  // The farmer's post: no 代发, no flag, no badge.
  const other = cardOf(page, FARMER_TITLE)!
  expect(other.textContent).toContain('次仁')
  expect(other.textContent).not.toContain('代发')
  expect(other.textContent).not.toContain('需留意')
  expect(other.textContent).not.toContain('已认证')

  page.tap(inside(card, '通过'))
  await page.waitFor(() => !cardOf(page, PROXY_TITLE), 'the approved post to leave the list')
  expect(page.all('review-item')).toHaveLength(1)
  expect(weapp.toasts).toEqual([{ title: '已通过', icon: 'success' }])
  expect(weapp.requests.find((r) => r.method === 'POST')).toMatchObject({ path: `/api/staff/review/listing/${proxyId}/approve`, status: 200 })
  const row = await weapp.ctx.db.selectFrom('listings').selectAll().where('id', '=', proxyId).executeTakeFirstOrThrow()
  expect(row.status).toBe('published')
  expect(row.published_at).toBeTruthy()
  const events = await weapp.ctx.db.selectFrom('listing_events').select('kind').where('listing_id', '=', proxyId).orderBy('id').execute()
  expect(events.map((e) => e.kind)).toEqual(['submitted', 'approved'])
})

test('驳回 asks for a 2–200 character reason; the rejected post leaves, then 没有待审核的内容; pull-down fetches new posts', async () => {
  await signInAs('staff-sc')
  const page = await weapp.render(PAGE)
  await page.waitFor(() => cardOf(page, FARMER_TITLE), 'the farmer’s post')
  expect(cardOf(page, PROXY_TITLE)).toBeUndefined() // approved in the test before
  const card = () => cardOf(page, FARMER_TITLE)!

  page.tap(inside(card(), '驳回'))
  await page.waitFor(() => page.all('decision-form__input').length === 1, 'the reason form')
  expect(page.text()).toContain('驳回理由')

  // Empty and one-character reasons are refused on the phone, before any request.
  page.tap(inside(card(), '确认驳回'))
  await page.waitForText('请填写驳回理由（至少 2 个字）')
  page.type(page.one('decision-form__input'), '少')
  page.tap(inside(card(), '确认驳回'))
  await page.waitForText('请填写驳回理由（至少 2 个字）')
  expect(weapp.sent.filter((r) => r.startsWith('POST'))).toEqual([])

  // 取消 closes the form without deciding; 驳回 opens it again.
  page.tap(inside(card(), '取消'))
  await page.waitFor(() => page.all('decision-form__input').length === 0, 'the form to close')
  page.tap(inside(card(), '驳回'))
  await page.waitFor(() => page.all('decision-form__input').length === 1, 'the reason form again')

  const reason = '请写明地块在哪个村、大约多少亩，方便专家判断'
  page.type(page.one('decision-form__input'), reason)
  await page.waitForText(`${Array.from(reason).length}/200`)
  page.tap(inside(card(), '确认驳回'))
  await page.waitForText('没有待审核的内容')
  expect(weapp.toasts).toEqual([{ title: '已驳回', icon: 'success' }])
  expect(weapp.requests.filter((r) => r.method === 'POST')).toEqual([
    expect.objectContaining({ path: `/api/staff/review/listing/${farmerId}/reject`, status: 200, data: { reason } }),
  ])
  const row = await weapp.ctx.db.selectFrom('listings').selectAll().where('id', '=', farmerId).executeTakeFirstOrThrow()
  expect(row).toMatchObject({ status: 'rejected', reject_reason: reason })

  // Someone posts meanwhile: pulling down shows it.
  await createPending(weapp.ctx, await demoAuth('farmer-zhaxi'), { title: '牦牛拉稀不止，求兽医指导', category: 'veterinary' })
  page.instance.onPullDownRefresh()
  await page.waitFor(() => cardOf(page, '牦牛拉稀不止，求兽医指导'), 'the new post after pull-down')
  expect(page.text()).not.toContain('没有待审核的内容')
  expect(page.all('review-item')).toHaveLength(1)
  expect(weapp.requests.filter((r) => r.path === '/api/staff/review/queue')).toHaveLength(2)
})

test('驳回 offers the reason templates: a tap on one fills the reason, and 确认驳回 sends it', async () => {
  await signInAs('staff-sc')
  const page = await weapp.render(PAGE)
  await page.waitFor(() => cardOf(page, '牦牛拉稀不止，求兽医指导'), 'the post from the test before')
  const card = () => cardOf(page, '牦牛拉稀不止，求兽医指导')!
  page.tap(inside(card(), '驳回'))
  await page.waitFor(() => page.all('reason-templates__chip').length === 4, 'the four templates')
  expect(page.all('reason-templates__chip').map((c) => c.textContent?.trim())).toEqual(['联系方式不完整', '内容与科技服务无关', '信息重复', '请补充具体情况'])
  page.tap(inside(card(), '信息重复'))
  await page.waitForText('4/200')
  page.tap(inside(card(), '确认驳回'))
  await page.waitForText('没有待审核的内容')
  expect(weapp.requests.filter((r) => r.method === 'POST')).toEqual([expect.objectContaining({ path: expect.stringMatching(/\/reject$/), status: 200, data: { reason: '信息重复' } })])
})

test('a person who is not staff sees 仅科协工作人员可用: the server refuses the queue', async () => {
  await signInAs('chair-ganzi')
  const page = await weapp.render(PAGE)
  await page.waitForText('仅科协工作人员可用')
  expect(page.all('review-item')).toEqual([])
  expect(weapp.requests.find((r) => r.path === '/api/staff/review/queue')).toMatchObject({ status: 403 })
  expect(page.text()).not.toContain('没有待审核的内容')
  page.tap(page.byText('返回我的'))
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'switchTab', url: '/pages/mine/index' }])
})

test('signed out: the page asks to sign in instead', async () => {
  const page = await weapp.render(PAGE)
  await page.waitForText('请先登录')
  expect(weapp.requests.find((r) => r.path === '/api/staff/review/queue')).toMatchObject({ status: 401 })
  page.tap(page.byText('微信登录'))
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: '/packages/account/login/index' }])
})
