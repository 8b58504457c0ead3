// A post's page on the real weapp build against the real server: readable without login (shared
// links), contact details only after 对接 is accepted, and the whole 对接 between a herder and the
// seeded expert — respond, accept, contacts exchanged, 标记已解决, feedback — plus 我的发布/我的对接.
import { useWeapp, type PageHandle, signInDemo } from './harness'

const weapp = useWeapp()
jest.setTimeout(20_000)
const DETAIL = 'packages/listings/detail/index'
const PROXY_POST = '牦牛冬季掉膘严重，求补饲技术指导'
const EXPERT_POST = '高原牦牛科学养殖与冬春补饲技术服务'
const EXPERT_PHONE = '13900002001'

const calls: string[] = []
beforeAll(() => {
  const wx = (global as any).wx
  wx.makePhoneCall = (opts: any) => {
    calls.push(`call ${opts.phoneNumber}`)
    setTimeout(() => opts.success?.({ errMsg: 'makePhoneCall:ok' }), 0)
  }
  wx.setClipboardData = (opts: any) => {
    calls.push(`copy ${opts.data}`)
    setTimeout(() => opts.success?.({ errMsg: 'setClipboardData:ok' }), 0)
  }
})
beforeEach(async () => {
  await weapp.reset()
  calls.length = 0
})

const postId = async (title: string) =>
  (await weapp.ctx.db.selectFrom('listings').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id

/** Puts a session on this phone: a seeded demo person (dev-login), as the H5 demo does. */
const useDemoUser = (userKey: string) => signInDemo(weapp, userKey)

async function newHerder(nickname: string) {
  const { token } = await weapp.signIn(`detail-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`)
  const res = await fetch(`${weapp.apiOrigin}/api/users/me`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ nickname, role: 'farmer', regionCode: '513328200' }),
  })
  const user = await res.json()
  weapp.storage.set('session.user', user)
  return { token, user }
}

const byClassText = (page: PageHandle, cls: string, text: string) => page.all(cls).find((el) => el.textContent?.trim() === text)

test('a shared post reads in full without login; no contact details; sharing carries its title and id', async () => {
  const id = await postId(PROXY_POST)
  const page = await weapp.render(DETAIL, { id: String(id) })
  await page.waitForText(PROXY_POST)
  const text = page.text()
  expect(text).toContain('已发布')
  expect(text).toContain('科技所需')
  expect(text).toContain('养殖')
  expect(text).toContain('甘孜藏族自治州 甘孜县 甘孜镇')
  expect(text).toContain('格桑')
  expect(text).toContain('已认证')
  expect(text).toContain('由 甘孜镇科协 代发')
  expect(text).toContain('扎西多吉')
  expect(text).toContain('青稞秸秆')
  expect(text).toContain('提交审核')
  expect(text).toContain('审核通过，已发布')
  // Nobody's phone number before an accepted 对接.
  expect(text).not.toContain('13800001001')
  expect(text).not.toContain('13800001002')
  expect(page.all('detail__contact')).toHaveLength(0)
  expect(text).toContain('登录后申请对接')

  expect(page.instance.onShareAppMessage({ from: 'menu' })).toMatchObject({
    title: `【科技所需】${PROXY_POST}`,
    path: `/packages/listings/detail/index?id=${id}`,
  })
  expect(page.instance.onShareTimeline()).toMatchObject({ title: `【科技所需】${PROXY_POST}`, query: `id=${id}` })
  // Read with no session at all.
  expect(weapp.requests.find((r) => r.path === `/api/listings/${id}`)?.headers.Authorization).toBeUndefined()
})

test('对接: a herder responds, the expert accepts, both see contacts, the expert marks it resolved and rates it', async () => {
  const id = await postId(EXPERT_POST)

  // 1. A herder without a bound phone asks for 对接: the phone is required.
  const { user: herder, token: herderToken } = await newHerder('旺姆')
  const page = await weapp.render(DETAIL, { id: String(id) })
  await page.waitForText('申请对接')
  page.type(page.one('detail__message'), '我们村有六十头牦牛，想请您来讲讲冬季补饲。')
  await page.waitFor(() => page.attr(page.one('detail__message'), 'value') === '我们村有六十头牦牛，想请您来讲讲冬季补饲。', 'message typed')
  page.tap(page.one('detail__respond-btn'))
  await page.waitForText('请填写手机号，对方接受对接后才会看到')
  expect(weapp.sent.some((s) => s.startsWith('POST '))).toBe(false)
  page.type(page.one('detail__phone-input'), '13800005555')
  await page.waitFor(() => page.attr(page.one('detail__phone-input'), 'value') === '13800005555', 'phone typed')
  page.tap(page.one('detail__respond-btn'))
  await page.waitForText('等待对方回复')
  expect(page.text()).not.toContain(EXPERT_PHONE)
  const response = await weapp.ctx.db.selectFrom('listing_responses').selectAll().where('listing_id', '=', id).where('responder_id', '=', herder.id).executeTakeFirstOrThrow()
  expect(response).toMatchObject({ status: 'pending', message: '我们村有六十头牦牛，想请您来讲讲冬季补饲。' })
  page.unload()

  // 2. The expert opens the post: the response, 接受对接, then the herder's phone.
  await weapp.reset()
  await useDemoUser('expert-li')
  const owner = await weapp.render(DETAIL, { id: String(id) })
  await owner.waitFor(() => owner.all('detail__response').length > 0, 'responses')
  expect(owner.text()).toContain('旺姆')
  expect(owner.text()).not.toContain('13800005555')
  expect(owner.text()).not.toContain('标记已解决') // nothing accepted yet
  owner.tap(owner.one('detail__accept'))
  await owner.waitForText('13800005555')
  expect(weapp.modals[0]).toMatchObject({ title: '接受对接' })
  expect(owner.text()).toContain('已接受')
  owner.tap(owner.byText('13800005555'))
  await owner.waitFor(() => calls.includes('call 13800005555'), 'phone call')

  // Feedback: four stars and a word.
  owner.tap(owner.all('detail__star')[3])
  await owner.waitFor(() => owner.all('detail__star--on').length === 4, 'four stars')
  owner.type(owner.one('detail__feedback-text'), '沟通很顺利')
  await owner.waitFor(() => owner.attr(owner.one('detail__feedback-text'), 'value') === '沟通很顺利', 'feedback typed')
  owner.tap(owner.byText('提交评价'))
  await owner.waitForText('发布者的评价')
  const fb = await weapp.ctx.db.selectFrom('listing_feedback').selectAll().where('response_id', '=', response.id).execute()
  expect(fb).toMatchObject([{ rating: 4, text: '沟通很顺利' }])

  // 标记已解决 now appears; confirming resolves the post.
  owner.tap(owner.byText('标记已解决'))
  await owner.waitFor(() => byClassText(owner, 'status-tag', '已解决'), 'resolved tag')
  expect((await weapp.ctx.db.selectFrom('listings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('resolved')
  owner.unload()

  // 3. The herder now sees the expert's contact and can call or copy it.
  await weapp.reset()
  weapp.storage.set('session.token', herderToken)
  weapp.storage.set('session.user', herder)
  const again = await weapp.render(DETAIL, { id: String(id) })
  await again.waitForText(EXPERT_PHONE)
  expect(again.text()).toContain('已接受')
  again.tap(again.byText('复制'))
  await again.waitFor(() => calls.includes(`copy ${EXPERT_PHONE}`), 'copied')

  // 我的对接 lists it as accepted.
  const mine = await weapp.render('packages/listings/mine/index', { tab: 'responses' })
  await mine.waitForText(EXPERT_POST)
  expect(mine.one('my-listings__status').textContent?.trim()).toBe('已接受')
})

test('我的发布 lists my posts with their status; the owner sees 修改 and 关闭, and 关闭 asks first', async () => {
  await useDemoUser('farmer-zhaxi')
  const mine = await weapp.render('packages/listings/mine/index')
  await mine.waitFor(() => mine.all('listing-card').length > 0, 'my posts')
  const own = await weapp.ctx.db.selectFrom('listings').select(['id', 'title']).where('title', '=', '青稞种植想换新品种，哪里能买到').executeTakeFirstOrThrow()
  expect(mine.text()).toContain(own.title)
  expect(mine.all('status-tag').map((el) => el.textContent?.trim())).toContain('已发布')
  mine.tap(mine.byText(own.title))
  await mine.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: `/packages/listings/detail/index?id=${own.id}` }])

  const page = await weapp.render(DETAIL, { id: String(own.id) })
  await page.waitForText('管理')
  // The owner sees their own contact card.
  expect(page.text()).toContain('13800001003')
  page.tap(page.byText('修改'))
  await page.waitFor(() => weapp.nav.length > 1, 'edit navigation')
  expect(weapp.nav[1]).toEqual({ api: 'navigateTo', url: `/packages/listings/publish/index?id=${own.id}` })

  weapp.modalConfirms = false // 取消: nothing happens
  page.tap(page.byText('关闭'))
  await page.waitFor(() => weapp.modals.length === 1, 'confirm')
  expect(weapp.sent.some((s) => s.endsWith('/close'))).toBe(false)
  weapp.modalConfirms = true
  page.tap(page.byText('关闭'))
  await page.waitFor(() => byClassText(page, 'status-tag', '已关闭'), 'closed')
  expect((await weapp.ctx.db.selectFrom('listings').select('status').where('id', '=', own.id).executeTakeFirstOrThrow()).status).toBe('closed')
})
