// A new person registers on the real weapp build: one tap to agree and sign in with WeChat, a
// nickname, then prefecture → county → township and 完成注册 — four taps — against the real server.
import { emulatorOpenid } from '../../server/src/wechat/emulator'
import { PRIVACY_VERSION } from '../../common/enums'
import { useWeapp, type PageHandle } from './harness'

const weapp = useWeapp()
const PROFILE_URL = '/packages/account/profile/index'
const unique = (name: string) => `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

beforeEach(() => weapp.reset())

const userRow = (openid: string) => weapp.ctx.db.selectFrom('users').selectAll().where('openid', '=', openid).executeTakeFirst()

/** The region picker's option button named `name`, once its level has loaded. */
const option = (page: PageHandle, name: string) =>
  page.waitFor(() => page.all('region-picker__option').find((el) => el.textContent?.trim() === name), `option ${name}`)

test('agree, sign in, then a nickname and four taps register a farmer in 呷拉乡', async () => {
  weapp.loginUser = unique('new-farmer')
  const openid = emulatorOpenid(weapp.loginUser)
  expect(await userRow(openid)).toBeUndefined()

  // Login page: the button is WeChat's agreePrivacyAuthorization button.
  const login = await weapp.render('packages/account/login/index')
  await login.waitForText('同意并微信登录')
  const agree = login.byText('同意并微信登录')
  expect(login.attr(agree, 'open-type')).toBe('agreePrivacyAuthorization')
  login.trigger(agree, 'agreeprivacyauthorization', { errMsg: 'agreePrivacyAuthorization:ok' })

  // wx.login → the server exchanges the code and creates the account → on to the profile form.
  await login.waitFor(() => weapp.nav.length > 0, 'redirect after login')
  expect(weapp.nav).toEqual([{ api: 'redirectTo', url: PROFILE_URL }])
  expect(weapp.loginCodes).toHaveLength(1)
  const created = await userRow(openid)
  expect(created).toMatchObject({ consent_version: PRIVACY_VERSION, nickname: null, registered_at: null })
  expect(weapp.storage.get('session.token')).toEqual(expect.any(String))
  login.unload()

  // Profile page, as the redirect opens it.
  const page = await weapp.render('packages/account/profile/index')
  await page.waitForText('完成注册')
  expect(page.text()).toContain('最后一步')
  page.type(page.one('profile__input'), '扎西')

  let taps = 0
  const tap = (el: Element) => {
    taps++
    page.tap(el)
  }
  tap(await option(page, '甘孜藏族自治州'))
  tap(await option(page, '甘孜县'))
  tap(await option(page, '呷拉乡'))
  await page.waitFor(() => page.all('region-picker__value')[0]?.textContent?.trim() === '甘孜藏族自治州 甘孜县 呷拉乡', 'chosen township')
  tap(page.byText('完成注册'))

  await page.waitFor(() => weapp.toasts.length > 0, 'toast')
  expect(weapp.toasts).toEqual([{ title: '注册成功', icon: 'success' }])
  expect(weapp.nav[weapp.nav.length - 1]).toEqual({ api: 'switchTab', url: '/pages/index/index' })
  expect(taps).toBeLessThanOrEqual(4)

  const row = await userRow(openid)
  expect(row).toMatchObject({ id: created!.id, nickname: '扎西', role: 'farmer', region_code: '513328200' })
  expect(row!.registered_at).toBeTruthy()
  // The draft is gone once the server has it, and the cached profile is the registered one.
  expect(weapp.storage.has('draft.profile')).toBe(false)
  expect(weapp.storage.get('session.user')).toMatchObject({ nickname: '扎西', registered: true })
})

test('submitting without a nickname says 昵称须为 1–20 个字 and sends nothing', async () => {
  const user = unique('no-nickname')
  await weapp.signIn(user)
  const page = await weapp.render('packages/account/profile/index')
  await page.waitForText('完成注册')
  page.tap(await option(page, '甘孜藏族自治州'))
  page.tap(await option(page, '甘孜县'))
  page.tap(await option(page, '呷拉乡'))
  await page.waitFor(() => page.all('region-picker__value').length, 'chosen township')

  const sentBefore = [...weapp.sent]
  page.tap(page.byText('完成注册'))
  await page.waitForText('昵称须为 1–20 个字')
  expect(weapp.sent).toEqual(sentBefore)
  expect(weapp.sent.some((r) => r.startsWith('PUT '))).toBe(false)
  expect(page.text()).not.toContain('请选择您所在的乡镇')
  expect(await userRow(emulatorOpenid(user))).toMatchObject({ nickname: null, registered_at: null })
})

test("a nickname WeChat's content check calls risky shows the server's message and registers nothing", async () => {
  const user = unique('risky')
  await weapp.signIn(user)
  const page = await weapp.render('packages/account/profile/index')
  await page.waitForText('完成注册')
  page.type(page.one('profile__input'), '违禁词大王') // the emulator's default risky word
  page.tap(await option(page, '甘孜藏族自治州'))
  page.tap(await option(page, '甘孜县'))
  page.tap(await option(page, '呷拉乡'))
  await page.waitFor(() => page.all('region-picker__value').length, 'chosen township')
  page.tap(page.byText('完成注册'))

  const put = await page.waitFor(() => weapp.requests.find((r) => r.method === 'PUT' && r.path === '/api/users/me'), 'PUT /api/users/me')
  expect(put.status).toBe(400)
  const body = put.body as { code: string; message: string; fields: Record<string, string> }
  expect(body.code).toBe('CONTENT_RISKY')
  // What the server said, in Chinese, on the form: the notice and the message under the nickname.
  await page.waitForText(body.message)
  expect(page.one('profile__notice').textContent?.trim()).toBe(body.message)
  expect(page.text()).toContain(body.fields.nickname)
  expect(weapp.toasts).toEqual([])
  expect(weapp.nav).toEqual([])
  expect(await userRow(emulatorOpenid(user))).toMatchObject({ nickname: null, registered_at: null })
})

test("when WeChat asks for privacy consent, the app's own sheet answers with its agree button", async () => {
  await weapp.signIn(unique('privacy'))
  const page = await weapp.render('packages/account/profile/index')
  await page.waitForText('完成注册')
  expect(page.all('privacy-popup')).toHaveLength(0)

  // e.g. the nickname input was focused before the person agreed: WeChat asks the app.
  const answer = weapp.needPrivacyAuthorization()
  await page.waitForText('隐私保护提示')
  const agree = page.byText('同意')
  expect(page.attr(agree, 'open-type')).toBe('agreePrivacyAuthorization')
  page.trigger(agree, 'agreeprivacyauthorization', { errMsg: 'agreePrivacyAuthorization:ok' })
  // WeChat accepts the consent only with the id of the agreePrivacyAuthorization button tapped.
  await expect(answer).resolves.toEqual({ event: 'agree', buttonId: (agree as any).__wxElement.id })
  expect((agree as any).__wxElement.id).toBe('privacy-agree')
  await page.waitFor(() => page.all('privacy-popup').length === 0, 'sheet closed')
})

test('a login WeChat refuses shows why and leaves the person signed out', async () => {
  weapp.loginUser = unique('invalid') // the emulator refuses codes starting with "invalid" (errcode 40029)
  const login = await weapp.render('packages/account/login/index')
  await login.waitForText('同意并微信登录')
  login.trigger(login.byText('同意并微信登录'), 'agreeprivacyauthorization', {})
  await login.waitForText('微信登录凭证无效或已过期，请重新登录')
  expect(weapp.requests.find((r) => r.path === '/api/auth/login')).toMatchObject({ status: 400, body: { code: 'AUTH_CODE_INVALID' } })
  expect(weapp.nav).toEqual([])
  expect(weapp.storage.has('session.token')).toBe(false)
})

test('a registered person signing in again goes back to the page they came from', async () => {
  const user = unique('returning')
  const { token } = await weapp.signIn(user)
  const res = await fetch(`${weapp.apiOrigin}/api/users/me`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ nickname: '老李', role: 'volunteer', regionCode: '513328200' }),
  })
  expect(res.status).toBe(200)
  weapp.storage.clear() // signed out on this phone

  const mine = await weapp.render('pages/mine/index')
  await mine.waitForText('微信一键登录')
  weapp.loginUser = user
  const login = await weapp.render('packages/account/login/index')
  await login.waitForText('同意并微信登录')
  login.trigger(login.byText('同意并微信登录'), 'agreeprivacyauthorization', {})
  await login.waitFor(() => weapp.nav.length > 0, 'navigation after login')
  expect(weapp.nav).toEqual([{ api: 'navigateBack' }])
  expect(weapp.storage.get('session.user')).toMatchObject({ nickname: '老李', registered: true })
  // The page underneath already shows them signed in.
  await mine.waitForText('老李')
  expect(mine.text()).toContain('科普志愿者')
})
