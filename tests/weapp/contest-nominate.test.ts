// 举荐人才 (packages/contests/nominate) on the real weapp build against the real server: a verified
// township chair's form is checked on the phone with the server's rules (someone picked, a name and
// an 11-digit phone for a person without an account, a reason of 10–500 characters) before
// anything is sent, then the 举荐 is made; someone who is not a verified chair is told why.
import { contestApi } from './contest-api'
import { login } from '../server/helpers'
import { signInDemo, useWeapp, type PageHandle } from './harness'

const weapp = useWeapp()
jest.setTimeout(30_000)
const NOMINATE = 'packages/contests/nominate/index'

const { createContest: create } = contestApi(() => weapp.apiOrigin)
let seq = 0
const createContest = async () => (await create(`举荐测试大赛第${++seq}场`)).id

const errorsOn = (page: PageHandle) => page.all('field-error').map((el) => el.textContent?.trim())
const nominations = () => weapp.sent.filter((s) => s.startsWith('POST ') && s.includes('/nominations'))

beforeEach(() => weapp.reset())

test('a chair 举荐: checked on the phone before sending, then made for a person without an account', async () => {
  const id = await createContest()
  await signInDemo(weapp, 'chair-ganzi')
  const page = await weapp.render(NOMINATE, { id: String(id) })
  await page.waitForText('提交举荐')

  // Nobody picked and no reason.
  page.tap(page.one('nominate__submit'))
  await page.waitFor(() => errorsOn(page).length === 2, 'two field messages')
  expect(errorsOn(page)).toEqual(['请在下面选择要举荐的人', '举荐理由须为 10–500 个字'])
  expect(page.one('nominate__notice').textContent?.trim()).toBe('有 2 处需要修改：请在下面选择要举荐的人')

  // Someone without an account: a name and a real mobile number.
  page.tap(page.byText('还没注册的群众'))
  await page.waitFor(() => page.all('nominate__phone').length, 'the phone field')
  expect(page.one('nominate__fixed-region').textContent?.trim()).toBe('甘孜藏族自治州 甘孜县 甘孜镇')
  page.type(page.one('nominate__phone'), '1234')
  const reason = '种了二十年高原青稞，带着全村改良品种，亩产翻了一番。'
  page.type(page.one('nominate__reason'), reason)
  await page.waitForText(`${Array.from(reason).length}/500`)
  page.tap(page.one('nominate__submit'))
  await page.waitFor(() => errorsOn(page).includes('请填写正确的 11 位手机号'), 'the phone message')
  expect(errorsOn(page)).toEqual(['请填写姓名（1–20 个字）', '请填写正确的 11 位手机号'])
  expect(nominations()).toEqual([])

  page.type(page.one('nominate__name'), '卓玛')
  page.type(page.one('nominate__phone'), '13812345678')
  page.tap(page.one('nominate__submit'))
  await page.waitForText('已举荐 卓玛')
  expect(nominations()).toEqual([`POST /api/contests/${id}/nominations`])
  const made = weapp.requests.find((r) => r.method === 'POST' && r.path === `/api/contests/${id}/nominations`)!
  expect(made.status).toBe(201)
  expect(made.data).toEqual({ nominee: { name: '卓玛', phone: '13812345678', regionCode: '513328100' }, reason })
})

test('someone who is not a verified chair is told why, and sees no form', async () => {
  const id = await createContest()
  await signInDemo(weapp, 'farmer-zhaxi')
  const page = await weapp.render(NOMINATE, { id: String(id) })
  await page.waitFor(() => page.all('nominate__not-allowed').length, 'the refusal')
  expect(page.all('nominate__submit')).toEqual([])
})

test('the registered people of the township show role, place and the masked phone, so two of one name differ', async () => {
  const id = await createContest()
  for (const [role, phone] of [['farmer', '13812345678'], ['volunteer', null]] as const) {
    const { auth } = await login(weapp.ctx.app)
    await weapp.ctx.app.inject({ method: 'PUT', url: '/api/users/me', headers: auth, payload: { nickname: '洛桑次仁', role, regionCode: '513328100' } })
    if (phone) await weapp.ctx.app.inject({ method: 'POST', url: '/api/users/me/phone', headers: auth, payload: { code: `phone-${phone}` } })
  }
  await signInDemo(weapp, 'chair-ganzi')
  const page = await weapp.render(NOMINATE, { id: String(id) })
  await page.waitFor(() => page.all('nominate__person').length, 'the people of 甘孜镇')
  page.type(page.one('nominate__q'), '洛桑次仁')
  page.tap(page.byText('查找'))
  await page.waitFor(() => page.all('nominate__person').length === 2 && page.all('nominate__person-name').every((el) => el.textContent === '洛桑次仁'), 'two 洛桑次仁')
  const rows = page.all('nominate__person').map((el) => el.textContent?.replace(/\s+/g, ''))
  expect(rows).toEqual([
    expect.stringMatching(/^洛桑次仁农牧民甘孜县甘孜镇手机138\*\*\*\*5678\d{4}年\d{1,2}月注册$/),
    expect.stringMatching(/^洛桑次仁科普志愿者甘孜县甘孜镇未绑定手机号\d{4}年\d{1,2}月注册$/),
  ])
  page.tap(page.all('nominate__person')[1])
  await page.waitForText('已选择：洛桑次仁')
})
