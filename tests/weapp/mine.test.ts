// 我的 on the real weapp build, on a phone whose WeChat text size is set larger (scale 1.3):
// 长辈模式, the signed-in person's details, and 退出登录.
import { classesOf, useWeapp } from './harness'

const weapp = useWeapp({ fontSizeScaleFactor: 1.3 })

beforeEach(() => weapp.reset())

test('长辈模式 switches the page to large text, is remembered, and switches back', async () => {
  let page = await weapp.render('pages/mine/index')
  await page.waitForText('长辈模式')
  const shell = () => page.one('shell')
  expect(classesOf(shell())).not.toContain('shell--elder')

  page.trigger(page.one('mine__elder-switch'), 'change', { value: true })
  await page.waitFor(() => classesOf(shell()).includes('shell--elder'), 'shell--elder')
  expect(weapp.storage.get('ui.elder')).toBe(true)

  // Leave and come back: a new page instance starts in 长辈模式.
  page.unload()
  page = await weapp.render('pages/mine/index')
  expect(classesOf(shell())).toContain('shell--elder')
  expect(page.attr(page.one('mine__elder-switch'), 'checked')).toBe(true)

  page.trigger(page.one('mine__elder-switch'), 'change', { value: false })
  await page.waitFor(() => !classesOf(shell()).includes('shell--elder'), 'shell--elder removed')
  expect(weapp.storage.get('ui.elder')).toBe(false)
})

test("WeChat's font scale reaches the page root as --scale", async () => {
  const page = await weapp.render('pages/mine/index')
  expect(page.one('shell').getAttribute('style')).toMatch(/--scale:\s*1\.3\b/)
})

test('signed in: nickname, role and township; 退出登录 ends the session', async () => {
  const { token } = await weapp.signIn(`mine-${Date.now()}`)
  const res = await fetch(`${weapp.apiOrigin}/api/users/me`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ nickname: '卓玛', role: 'farmer', regionCode: '513328200' }),
  })
  expect(res.status).toBe(200)
  weapp.storage.set('session.user', await res.json())

  const page = await weapp.render('pages/mine/index')
  await page.waitForText('卓玛')
  expect(page.one('mine__name').textContent?.trim()).toBe('卓玛')
  const info = page.one('mine__info').textContent ?? ''
  expect(info).toContain('农牧民')
  expect(info).toContain('甘孜藏族自治州 甘孜县 呷拉乡')
  expect(page.text()).toContain('编辑资料')
  expect(page.text()).not.toContain('微信一键登录')
  // Showing the tab refreshes the profile from the server with the stored token.
  await page.waitFor(() => weapp.requests.find((r) => r.path === '/api/users/me'), 'GET /api/users/me')
  expect(weapp.requests.find((r) => r.path === '/api/users/me')).toMatchObject({ method: 'GET', status: 200 })

  page.tap(page.byText('退出登录'))
  await page.waitForText('微信一键登录')
  expect(page.text()).not.toContain('卓玛')
  expect(page.text()).not.toContain('退出登录')
  expect(weapp.storage.has('session.token')).toBe(false)
  expect(weapp.storage.has('session.user')).toBe(false)
  const logout = weapp.requests.find((r) => r.path === '/api/auth/logout')
  expect(logout).toMatchObject({ method: 'POST', status: 200 })
  expect(logout!.headers.Authorization).toBe(`Bearer ${token}`)
  // The server forgot the session too: the old token no longer works.
  const after = await fetch(`${weapp.apiOrigin}/api/users/me`, { headers: { authorization: `Bearer ${token}` } })
  expect(after.status).toBe(401)
})

test('注销账号 asks first; cancelling keeps the account, confirming deletes it on the server', async () => {
  const { token, user } = await weapp.signIn(`mine-delete-${Date.now()}`)
  const page = await weapp.render('pages/mine/index')
  await page.waitForText('注销账号')

  weapp.modalConfirms = false
  page.tap(page.byText('注销账号'))
  await page.waitFor(() => weapp.modals.length === 1, 'confirmation')
  expect(weapp.modals[0]).toMatchObject({ title: '注销账号', content: expect.stringContaining('无法恢复') })
  expect(weapp.sent.filter((r) => r.startsWith('DELETE'))).toEqual([])

  weapp.modalConfirms = true
  page.tap(page.byText('注销账号'))
  await page.waitFor(() => weapp.toasts.length > 0, 'toast')
  expect(weapp.toasts).toEqual([{ title: '账号已注销', icon: 'none' }])
  expect(weapp.requests.find((r) => r.method === 'DELETE')).toMatchObject({ path: '/api/users/me', status: 200 })
  await page.waitForText('微信一键登录')
  expect(weapp.storage.has('session.token')).toBe(false)
  const row = await weapp.ctx.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow()
  expect(row).toMatchObject({ nickname: null, region_code: null, openid: `deleted:${user.id}` })
  expect(row.deleted_at).toBeTruthy()
  const after = await fetch(`${weapp.apiOrigin}/api/users/me`, { headers: { authorization: `Bearer ${token}` } })
  expect(after.status).toBe(401)
})
