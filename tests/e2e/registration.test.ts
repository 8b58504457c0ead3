import { PRIVACY_VERSION } from '../../common/enums'
import { current, open, overflowing, snap, startE2E, tapTab, tapText, waitForRoute, type E2E } from './harness'

// The story from the issue: a herder in 甘孜县呷拉乡 opens the site, signs in from 我的, agrees
// to the privacy terms, registers with a nickname and three taps for the region, and stays
// signed in after a reload.
jest.setTimeout(60_000)

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

test('registers a new farmer from 我的 and stays signed in after a reload', async () => {
  const { page } = await e2e.newPhone()
  await open(page, '/pages/index/index')
  await current(page).getByText('天府科技云', { exact: true }).waitFor()

  await tapTab(page, '我的', '/pages/mine/index')
  await tapText(page, '微信一键登录')
  await waitForRoute(page, '/packages/account/login/index')
  await current(page).getByText('欢迎使用天府科技云').waitFor()
  await snap(page, 'registration-1-consent')

  await tapText(page, '同意并继续')
  // The demo environment offers its demo people and a fresh account.
  await current(page).getByText('扎西（农牧民，甘孜县呷拉乡）').waitFor()
  await snap(page, 'registration-2-demo-users')
  // Idle buttons must look tappable: not dimmed, and their labels not white on white.
  const looks = await current(page)
    .locator('.login__dev .btn')
    .evaluateAll((els) => els.map((el) => ({ text: el.textContent, opacity: getComputedStyle(el).opacity, color: getComputedStyle(el).color })))
  expect(looks).toHaveLength(6)
  for (const b of looks) {
    expect(b).toMatchObject({ opacity: '1' })
    expect(b.color).not.toMatch(/^rgba\(255, 255, 255/)
  }
  await tapText(page, '注册新用户')

  const profile = await waitForRoute(page, '/packages/account/profile/index')
  await profile.getByText('最后一步：填写昵称，选择您所在的乡镇').waitFor()
  await profile.locator('.profile__input input').fill('卓玛')
  // 农牧民 is preselected: the farmer only picks the region.
  await profile.locator('.profile__role--on').getByText('农牧民').waitFor()
  await tapText(page, '甘孜藏族自治州')
  await profile.getByText('请选择县（市、区）').waitFor()
  await snap(page, 'registration-3a-region-counties')
  await tapText(page, '甘孜县')
  await tapText(page, '呷拉乡')
  const chosen = profile.locator('.region-picker__value')
  await chosen.getByText('甘孜藏族自治州 甘孜县 呷拉乡').waitFor()
  // The chosen path reads as one line beside 修改, not a column of single characters.
  const [valueBox, changeBox, cardBox] = await Promise.all([
    chosen.boundingBox(),
    profile.locator('.region-picker__change').boundingBox(),
    profile.locator('.region-picker').boundingBox(),
  ])
  expect(valueBox!.height).toBeLessThan(2.5 * 24)
  expect(changeBox!.x + changeBox!.width).toBeLessThanOrEqual(cardBox!.x + cardBox!.width + 0.5)
  expect(await overflowing(page)).toEqual([])
  await snap(page, 'registration-3-profile')
  await tapText(page, '完成注册')

  const home = await waitForRoute(page, '/pages/index/index')
  await home.getByText('天府科技云', { exact: true }).waitFor()
  // Registered: the join card is gone and the entry reads 我的资料.
  await home.locator('[data-entry="register"]').getByText('我的资料').waitFor()
  expect(await home.getByText('微信一键注册', { exact: true }).count()).toBe(0)
  await snap(page, 'registration-4-home')

  // The server has the registered farmer and the consent they gave on the H5 page.
  const user = await e2e.ctx.db.selectFrom('users').selectAll().where('nickname', '=', '卓玛').executeTakeFirstOrThrow()
  expect(user).toMatchObject({ role: 'farmer', region_code: '513328200', consent_version: PRIVACY_VERSION })
  expect(user.registered_at).not.toBeNull()
  expect(user.openid).toMatch(/^dev:new-/)
  const consents = await e2e.ctx.db.selectFrom('consents').selectAll().where('user_id', '=', user.id).execute()
  expect(consents).toEqual([expect.objectContaining({ version: PRIVACY_VERSION, channel: 'h5' })])

  const mine = await tapTab(page, '我的', '/pages/mine/index')
  await mine.locator('.mine__name').getByText('卓玛', { exact: true }).waitFor()
  await mine.getByText('甘孜藏族自治州 甘孜县 呷拉乡', { exact: true }).waitFor()
  await mine.getByText('农牧民', { exact: true }).waitFor()
  await snap(page, 'registration-5-mine')

  // A reload (or the phone killing the tab) keeps the session.
  await page.reload()
  const again = await waitForRoute(page, '/pages/mine/index')
  await again.locator('.mine__name').getByText('卓玛', { exact: true }).waitFor()
  await again.getByText('甘孜藏族自治州 甘孜县 呷拉乡', { exact: true }).waitFor()
  expect(await again.getByText('微信一键登录').count()).toBe(0)
  // …and the token still works against the server, not only the cached profile.
  const me = await page.evaluate(async () => {
    const token = JSON.parse(localStorage.getItem('session.token') ?? 'null')
    const res = await fetch('/api/users/me', { headers: { authorization: `Bearer ${token?.data ?? token}` } })
    return { status: res.status, body: await res.json() }
  })
  expect(me).toMatchObject({ status: 200, body: { nickname: '卓玛', role: 'farmer', registered: true } })
})
