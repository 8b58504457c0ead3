// Verification of a claimed role, on the real weapp build against a real server: a newly registered
// township chair asks from 我的 (with a note), staff reject it in 身份认证审核 with a reason the chair
// then reads on 我的, the chair asks again and staff approve. Plus 我的's entries: 我的发布 / 我的对接
// for everyone signed in, and 科协工作台 for staff only.
import { GANZI_TOWN } from '../server/listings-fixtures'
import { useWeapp, type PageHandle, signInDemo } from './harness'

const weapp = useWeapp()
const QUEUE = 'packages/staff/verifications/index'
const MINE = 'pages/mine/index'

const signInAs = (userKey: string) => signInDemo(weapp, userKey)

/** The new chair: a WeChat login, then registration as 乡镇科协主席 of 甘孜镇. */
const CHAIR_KEY = `new-chair-${Date.now().toString(36)}`
let chairId = 0
let chairToken = ''
async function signInChair() {
  const { token, user } = await weapp.signIn(CHAIR_KEY)
  chairId = user.id
  chairToken = token
  const res = await fetch(`${weapp.apiOrigin}/api/users/me`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ nickname: '泽仁', role: 'chair', regionCode: GANZI_TOWN }),
  })
  expect(res.status).toBe(200)
  weapp.storage.set('session.user', await res.json())
}

function inside(root: Element, text: string): Element {
  const matches = Array.from(root.querySelectorAll('*')).filter((el) => el.textContent?.trim() === text)
  const innermost = matches.filter((el) => !matches.some((other) => other !== el && el.contains(other)))
  if (!innermost.length) throw new Error(`no "${text}" in ${root.textContent?.slice(0, 60)}`)
  return innermost[0]
}

const cardOf = (page: PageHandle, name: string) => page.all('verification-item').find((c) => c.textContent?.includes(name))
const verifyState = (page: PageHandle) => page.all('mine__verify-state')[0]?.textContent?.trim()

beforeEach(() => weapp.reset())

test('a new chair asks for verification from 我的 with a note: 未申请 → 审核中', async () => {
  await signInChair()
  const page = await weapp.render(MINE)
  await page.waitFor(() => verifyState(page) === '未申请', '未申请')
  expect(page.one('mine__verify').textContent).toContain('乡镇科协主席认证')
  expect(page.one('mine__info').textContent).toContain('乡镇科协主席 · 未认证')

  page.type(page.one('mine__verify-note'), '甘孜镇科协主席，县科协可核实')
  page.tap(page.byText('申请认证'))
  await page.waitFor(() => verifyState(page) === '审核中', '审核中')
  expect(weapp.toasts).toEqual([{ title: '已提交认证申请', icon: 'success' }])
  expect(page.text()).toContain('科协工作人员审核后会通知您')
  expect(page.all('mine__verify-apply')).toEqual([]) // no second request while one is pending
  expect(weapp.requests.find((r) => r.method === 'POST')).toMatchObject({ path: '/api/verifications', status: 201, data: { note: '甘孜镇科协主席，县科协可核实' } })
  // The profile card follows (the profile was refreshed).
  await page.waitFor(() => page.one('mine__info').textContent?.includes('认证审核中'), 'profile 认证审核中')

  const rows = await weapp.ctx.db.selectFrom('verifications').selectAll().where('user_id', '=', chairId).execute()
  expect(rows).toEqual([expect.objectContaining({ role: 'chair', status: 'pending', note: '甘孜镇科协主席，县科协可核实' })])
  const user = await weapp.ctx.db.selectFrom('users').select('verification').where('id', '=', chairId).executeTakeFirstOrThrow()
  expect(user.verification).toBe('pending')
})

test('staff see the request in full and reject it with a reason; the chair reads it on 我的', async () => {
  await signInAs('staff-sc')
  const page = await weapp.render(QUEUE)
  await page.waitFor(() => cardOf(page, '泽仁'), 'the chair’s request')
  const card = cardOf(page, '泽仁')!
  expect(card.textContent).toContain('申请认证：乡镇科协主席')
  expect(card.textContent).toContain('甘孜藏族自治州 甘孜县 甘孜镇')
  expect(card.textContent).toContain('说明：甘孜镇科协主席，县科协可核实')
  expect(card.textContent).toMatch(/申请于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/)

  page.tap(inside(card, '驳回'))
  await page.waitFor(() => page.all('decision-form__input').length === 1, 'the reason form')
  page.tap(inside(cardOf(page, '泽仁')!, '确认驳回'))
  await page.waitForText('请填写驳回理由（至少 2 个字）')
  const reason = '请在说明里写上联系电话，便于县科协核实'
  page.type(page.one('decision-form__input'), reason)
  page.tap(inside(cardOf(page, '泽仁')!, '确认驳回'))
  await page.waitForText('没有待审核的认证申请')
  expect(weapp.toasts).toEqual([{ title: '已驳回', icon: 'success' }])
  const row = await weapp.ctx.db.selectFrom('verifications').selectAll().where('user_id', '=', chairId).executeTakeFirstOrThrow()
  expect(row).toMatchObject({ status: 'rejected', reason })
  await weapp.reset()

  // The chair opens 我的: 未通过, the reason, and 申请认证 again.
  weapp.storage.set('session.token', chairToken)
  weapp.storage.set('session.user', await (await fetch(`${weapp.apiOrigin}/api/users/me`, { headers: { authorization: `Bearer ${chairToken}` } })).json())
  const mine = await weapp.render(MINE)
  await mine.waitFor(() => verifyState(mine) === '未通过', '未通过')
  await mine.waitForText(`未通过原因：${reason}`)
  mine.type(mine.one('mine__verify-note'), '电话 13800001234，县科协可核实')
  mine.tap(mine.byText('申请认证'))
  await mine.waitFor(() => verifyState(mine) === '审核中', '审核中 again')
  expect(mine.text()).not.toContain('未通过原因')
})

test('staff approve the second request: the chair is verified and 我的 no longer asks', async () => {
  await signInAs('staff-sc')
  const page = await weapp.render(QUEUE)
  await page.waitFor(() => cardOf(page, '泽仁'), 'the second request')
  expect(page.all('verification-item')).toHaveLength(1)
  page.tap(inside(cardOf(page, '泽仁')!, '通过'))
  await page.waitForText('没有待审核的认证申请')
  expect(weapp.toasts).toEqual([{ title: '已通过认证', icon: 'success' }])
  const user = await weapp.ctx.db.selectFrom('users').select('verification').where('id', '=', chairId).executeTakeFirstOrThrow()
  expect(user.verification).toBe('verified')
  const rows = await weapp.ctx.db.selectFrom('verifications').select('status').where('user_id', '=', chairId).orderBy('id').execute()
  expect(rows.map((r) => r.status)).toEqual(['rejected', 'verified'])
  await weapp.reset()

  weapp.storage.set('session.token', chairToken)
  const mine = await weapp.render(MINE)
  // 我的 refreshes the profile when it shows: verified, so no verification card.
  await mine.waitFor(() => mine.all('mine__info')[0]?.textContent?.includes('乡镇科协主席 · 已认证'), '已认证')
  expect(mine.all('mine__verify')).toEqual([])
})

test('我的: 我的发布 and 我的对接 open the listings pages; 科协工作台 is for staff only', async () => {
  await signInAs('expert-li')
  let page = await weapp.render(MINE)
  await page.waitForText('我的发布')
  expect(page.all('mine__staff')).toEqual([])
  expect(page.text()).not.toContain('科协工作台')
  expect(page.all('mine__verify')).toEqual([]) // a verified expert has nothing to ask for
  page.tap(page.byText('我的发布'))
  page.tap(page.byText('我的对接'))
  await page.waitFor(() => weapp.nav.length === 2, 'two navigations')
  expect(weapp.nav).toEqual([
    { api: 'navigateTo', url: '/packages/listings/mine/index' },
    { api: 'navigateTo', url: '/packages/listings/mine/index?tab=responses' },
  ])
  await weapp.reset()

  await signInAs('staff-sc')
  page = await weapp.render(MINE)
  await page.waitForText('科协工作台')
  page.tap(page.byText('内容审核'))
  page.tap(page.byText('身份认证审核'))
  await page.waitFor(() => weapp.nav.length === 2, 'two navigations')
  expect(weapp.nav).toEqual([
    { api: 'navigateTo', url: '/packages/staff/review/index' },
    { api: 'navigateTo', url: '/packages/staff/verifications/index' },
  ])
  await weapp.reset()

  // Signed out: none of these rows.
  page = await weapp.render(MINE)
  await page.waitForText('微信一键登录')
  expect(page.text()).not.toContain('我的发布')
  expect(page.text()).not.toContain('科协工作台')
})

test('a person who is not staff sees 仅科协工作人员可用 on 身份认证审核', async () => {
  await signInAs('expert-li')
  const page = await weapp.render(QUEUE)
  await page.waitForText('仅科协工作人员可用')
  expect(weapp.requests.find((r) => r.path === '/api/staff/verifications?status=pending')).toMatchObject({ status: 403 })
})
