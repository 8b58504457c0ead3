// 我的消息 on the real weapp build against a real server: things happen to a herder (her need is
// approved, another is turned down with a reason, someone answers the approved one); the 我的 tab
// of the mini program's own tab bar shows 3, 我的 shows 我的消息 3 and 我的发布 3; the message list
// shows the three newest first, unread; tapping one marks it read and opens the post; 全部已读
// clears the rest. A person with no messages is told so in plain words.
import { PRIVACY_VERSION } from '../../common/enums'
import { classesOf, useWeapp, type PageHandle } from './harness'

const weapp = useWeapp()
const TAB_BAR = 'custom-tab-bar/index'

beforeAll(() => {
  // Taro gives a component `behaviors: {}`, which WeChat accepts and simulate (j-component) does not.
  const g = global as unknown as { Component: (def: Record<string, unknown>) => unknown }
  const component = g.Component
  g.Component = (def) => component({ ...def, behaviors: Array.isArray(def.behaviors) ? def.behaviors : [] })
})
beforeEach(() => weapp.reset())

async function api(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${weapp.apiOrigin}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'idempotency-key': `k_${Math.random().toString(36).slice(2).padEnd(16, '0')}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return text ? JSON.parse(text) : null
}

/** A signed-in person with a profile, as the app stores them. */
async function herder(name: string) {
  const { token } = await weapp.signIn(`messages-${name}-${Date.now()}`)
  const user = await api('PUT', '/api/users/me', token, { nickname: name, role: 'farmer', regionCode: '513328200' })
  weapp.storage.set('session.user', user)
  return { token, user }
}

async function devToken(userKey: string): Promise<string> {
  const res = await fetch(`${weapp.apiOrigin}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userKey, consentVersion: PRIVACY_VERSION }),
  })
  return (await res.json()).token
}

const post = (token: string, title: string) =>
  api('POST', '/api/listings', token, {
    side: 'need',
    title,
    category: 'breeding',
    regionCode: '513328200',
    description: '家里二十头牦牛，冬天掉膘厉害，想学补饲配方和青稞秸秆加工。',
    contact: { name: '卓玛', phone: '13800009999' },
  })

const badgeOf = (page: PageHandle, row: string) => page.one(row).querySelector('[class*="nav-row__badge"]')?.textContent?.trim() ?? null

test('three things happened: the tab, 我的 and its entries show 3; the list shows them; a tap reads one and opens it; 全部已读', async () => {
  const { token } = await herder('卓玛')
  const staff = await devToken('staff-sc')
  const expert = await devToken('expert-li')
  const approved = (await post(token, '牦牛冬季补饲求指导')).id
  await api('POST', `/api/staff/review/listing/${approved}/approve`, staff)
  const rejected = (await post(token, '想卖冬虫夏草')).id
  await api('POST', `/api/staff/review/listing/${rejected}/reject`, staff, { reason: '联系方式不完整，请补充后重新提交' })
  await api('POST', `/api/listings/${approved}/responses`, expert, { message: '我能帮忙，有经验', phone: '13900007777' })

  const mine = await weapp.render('pages/mine/index')
  await mine.waitFor(() => badgeOf(mine, 'mine__messages-entry') === '3', '我的消息 3')
  expect(mine.one('mine__messages-entry').textContent).toContain('我的消息')
  expect(badgeOf(mine, 'mine__my-listings')).toBe('3')
  expect(badgeOf(mine, 'mine__my-responses')).toBeNull()
  // The mini program's own tab bar shows the count on 我的.
  const bar = await weapp.render(TAB_BAR)
  const mineTab = () => bar.all('tab-bar__item').find((el) => el.textContent?.includes('我的'))!
  await bar.waitFor(() => mineTab().querySelector('[class*="tab-bar__badge"]')?.textContent?.trim() === '3', 'tab badge 3')
  expect(bar.attr(mineTab(), 'aria-label')).toBe('我的，3 条新消息')

  mine.tap(mine.one('mine__messages-entry'))
  expect(weapp.nav.at(-1)).toEqual({ api: 'navigateTo', url: '/packages/messages/index' })
  const list = await weapp.render('packages/messages/index')
  await list.waitFor(() => list.all('messages__item').length === 3, 'three messages')
  const items = list.all('messages__item')
  expect(items.map((el) => el.querySelector('[class*="messages__title"]')?.textContent?.trim())).toEqual([
    '有人回应了您的发布',
    '您的发布没有通过审核',
    '您的发布已通过审核',
  ])
  expect(items.every((el) => classesOf(el).includes('messages__item--unread'))).toBe(true)
  expect(items[1].textContent).toContain('原因：联系方式不完整，请补充后重新提交')
  expect(list.one('messages__count').textContent?.trim()).toBe('3 条未读')

  // Tapping the newest: read on the server, the post opens, and every count follows.
  list.tap(items[0])
  await list.waitFor(() => weapp.requests.find((r) => r.method === 'POST' && /^\/api\/messages\/\d+\/read$/.test(r.path)), 'POST read')
  expect(weapp.nav.at(-1)).toEqual({ api: 'navigateTo', url: `/packages/listings/detail/index?id=${approved}` })
  await bar.waitFor(() => mineTab().querySelector('[class*="tab-bar__badge"]')?.textContent?.trim() === '2', 'tab badge 2')
  await mine.waitFor(() => badgeOf(mine, 'mine__messages-entry') === '2', '我的消息 2')
  await list.waitFor(() => list.one('messages__count').textContent?.trim() === '2 条未读', '2 条未读')

  list.tap(list.byText('全部已读'))
  await list.waitFor(() => list.all('messages__item--unread').length === 0, 'all read')
  expect(list.one('messages__count').textContent?.trim()).toBe('没有未读消息')
  await bar.waitFor(() => !mineTab().querySelector('[class*="tab-bar__badge"]'), 'tab badge gone')
  await mine.waitFor(() => badgeOf(mine, 'mine__messages-entry') === null && badgeOf(mine, 'mine__my-listings') === null, 'entry badges gone')
  list.unload()
  bar.unload()
  mine.unload()
})

test('opening 我的发布 with a count reads its messages there', async () => {
  const { token } = await herder('扎西')
  const staff = await devToken('staff-sc')
  await api('POST', `/api/staff/review/listing/${(await post(token, '青稞种子哪里买')).id}/approve`, staff)
  const mine = await weapp.render('pages/mine/index')
  await mine.waitFor(() => badgeOf(mine, 'mine__my-listings') === '1', '我的发布 1')
  mine.tap(mine.one('mine__my-listings'))
  await mine.waitFor(() => badgeOf(mine, 'mine__my-listings') === null && badgeOf(mine, 'mine__messages-entry') === null, 'read')
  const read = weapp.requests.find((r) => r.method === 'POST' && r.path === '/api/messages/read')
  expect(read?.data).toEqual({ entry: 'listings' })
  mine.unload()
})

test('no messages yet: plain words, and no badge anywhere', async () => {
  await herder('新来的')
  const mine = await weapp.render('pages/mine/index')
  await mine.waitForText('我的消息')
  await mine.waitFor(() => weapp.requests.find((r) => r.path === '/api/messages/unread'), 'unread read')
  expect(badgeOf(mine, 'mine__messages-entry')).toBeNull()
  const list = await weapp.render('packages/messages/index')
  await list.waitForText('还没有消息。有人回应您的发布、审核有了结果，都会在这里告诉您')
  list.unload()
  mine.unload()
})
