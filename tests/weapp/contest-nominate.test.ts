// 举荐人才 (packages/contests/nominate) on the real weapp build against the real server: a verified
// township chair's form is checked on the phone with the server's rules (someone picked, a name and
// an 11-digit phone for a person without an account, a reason of 10–500 characters) before
// anything is sent, then the 举荐 is made; someone who is not a verified chair is told why.
import { contestApi } from './contest-api'
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
