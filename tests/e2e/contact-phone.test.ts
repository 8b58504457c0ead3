import { cardWithTitle, open, signInAsDemo, snap, startE2E, tapText, waitForRoute, type E2E } from './harness'

// A contact phone kept in the profile, on H5 where WeChat cannot vouch for a phone: 兰梅 types her
// number once in 编辑资料; her next post and her next 对接 have it filled in. (That the author of an
// accepted 对接 sees it is tests/server/users.test.ts.)
jest.setTimeout(120_000)

const VOLUNTEER = '兰梅（科普志愿者，甘孜县来马镇）'
const NUMBER = '13966667777'
const NEED = '牦牛冬季掉膘严重，求补饲技术指导' // the seed's need by 格桑

let e2e: E2E
beforeAll(async () => {
  e2e = await startE2E()
})
afterAll(async () => {
  await e2e?.close()
})

test('typed once in 编辑资料, filled into the publish form and the 对接 form', async () => {
  const { page } = await e2e.newPhone()
  await signInAsDemo(page, VOLUNTEER)
  // She had opened 发布需求 once before and left it: a draft with an empty phone is kept.
  const early = await open(page, '/packages/listings/publish/index?side=need')
  await early.locator('.publish__contact-phone input').waitFor()
  expect(await early.locator('.publish__contact-phone input').inputValue()).toBe('')
  await open(page, '/pages/mine/index')
  await tapText(page, '编辑资料')
  const profile = await waitForRoute(page, '/packages/account/profile/index')
  await profile.locator('.profile__contact-phone input').fill(NUMBER)
  await snap(page, 'contact-phone-1-profile')
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/users/me') && r.request().method() === 'PUT')
  await tapText(page, '保存')
  expect((await saved).status()).toBe(200)
  await waitForRoute(page, '/pages/mine/index')
  const row = await e2e.ctx.db.selectFrom('users').select('contact_phone_encrypted').where('openid', '=', 'dev:volunteer-lan').executeTakeFirstOrThrow()
  expect(row.contact_phone_encrypted).toEqual(expect.any(String))
  expect(row.contact_phone_encrypted).not.toContain(NUMBER)

  // 发布: the phone is there already, the old draft notwithstanding.
  const form = await open(page, '/packages/listings/publish/index?side=need')
  expect(await form.locator('.publish__contact-phone input').inputValue()).toBe(NUMBER)

  // 申请对接 on 格桑's need: the phone is there already; the chair sees it once he accepts.
  const list = await open(page, '/pages/listings/index')
  await cardWithTitle(list, NEED).tap()
  const detail = await waitForRoute(page, '/packages/listings/detail/index')
  expect(await detail.locator('.detail__phone-input input').inputValue()).toBe(NUMBER)
  await detail.locator('.detail__message textarea').fill('我们村去年也遇到过，可以把配料方子发给您。')
  const responded = page.waitForResponse((r) => /\/api\/listings\/\d+\/responses$/.test(r.url()) && r.request().method() === 'POST')
  await detail.locator('.detail__respond-btn').tap()
  const response = await responded
  expect(response.status()).toBe(201)
  expect(response.request().postDataJSON()).toMatchObject({ phone: NUMBER })
  await snap(page, 'contact-phone-2-responded')
})
