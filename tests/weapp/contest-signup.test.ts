// 报名参赛 on the real weapp build against the real server: the seeded demo herder signs up for the
// seeded 7th 大赛 (open for sign-up) — nothing is sent until the form is right, what is typed is
// kept as a draft, the entry is created — then comes back to edit it (the form starts from the
// entry) and 撤回报名 asks first.
import { signInDemo, useWeapp } from './harness'

const weapp = useWeapp()
jest.setTimeout(30_000)
const SIGNUP = 'packages/contests/signup/index'
const SEVENTH = '第七届四川省乡土人才创新创业大赛'
const TITLE = '高原牦牛暖棚越冬补饲'
const DESCRIPTION = '养牦牛十八年，冬春用暖棚加青稞秸秆青贮补饲，犊牛成活率提高到九成，带动全村三十户。'

beforeEach(() => weapp.reset())

test('a herder signs up: checked before sending, kept as a draft, created; then edits and withdraws', async () => {
  const contest = await weapp.ctx.db.selectFrom('contests').select('id').where('name', '=', SEVENTH).executeTakeFirstOrThrow()
  const { id: userId } = await signInDemo(weapp, 'farmer-zhaxi')
  const page = await weapp.render(SIGNUP, { id: String(contest.id) })
  await page.waitFor(() => page.all('entry-form__title').length, 'the form')
  expect(page.text()).toContain(SEVENTH)
  // His registered township is the default.
  expect(page.one('region-picker__value').textContent?.trim()).toBe('甘孜藏族自治州 甘孜县 呷拉乡')

  // Nothing typed: the problems are named, nothing is sent.
  page.tap(page.one('signup__submit'))
  await page.waitForText('项目名称须为 4–40 个字')
  expect(page.text()).toContain('请选择参赛类别')
  expect(page.text()).toContain('请填写从业年限（0–80 年）')
  expect(weapp.sent.filter((s) => s.startsWith('POST'))).toEqual([])

  page.type(page.one('entry-form__title'), TITLE)
  page.tap(page.all('chip').find((c) => c.textContent?.trim() === '养殖')!)
  page.type(page.one('entry-form__description'), DESCRIPTION)
  page.type(page.one('entry-form__years'), '18')
  await page.waitFor(() => page.attr(page.one('entry-form__years'), 'value') === '18', 'the form filled in')
  // A draft: WeChat may kill the page before it is sent.
  expect(weapp.storage.get(`draft.contest-signup.${contest.id}`)).toMatchObject({ title: TITLE, category: 'breeding', description: DESCRIPTION, years: '18' })

  page.tap(page.one('signup__submit'))
  await page.waitForText('报名成功')
  const entry = await weapp.ctx.db.selectFrom('contest_entries').selectAll().where('contest_id', '=', contest.id).where('user_id', '=', userId).executeTakeFirstOrThrow()
  expect(entry).toMatchObject({ source: 'self', title: TITLE, category: 'breeding', description: DESCRIPTION, years_experience: 18, region_code: '513328200', stage_reached: 'signup' })
  expect(weapp.storage.has(`draft.contest-signup.${contest.id}`)).toBe(false)
  page.unload()

  // Back to edit: the form starts from the entry and saves with PUT.
  const edit = await weapp.render(SIGNUP, { id: String(contest.id) })
  await edit.waitFor(() => edit.attr(edit.one('entry-form__title'), 'value') === TITLE, 'the entry loaded')
  expect(edit.one('signup__submit').textContent?.trim()).toBe('保存修改')
  expect(edit.attr(edit.one('entry-form__years'), 'value')).toBe('18')
  edit.type(edit.one('entry-form__years'), '19')
  await edit.waitFor(() => edit.attr(edit.one('entry-form__years'), 'value') === '19', 'years edited')
  edit.tap(edit.one('signup__submit'))
  await edit.waitForText('已保存修改')
  expect(weapp.requests.find((r) => r.method === 'PUT')).toMatchObject({ path: `/api/contests/${contest.id}/entries/mine`, status: 200 })
  expect((await weapp.ctx.db.selectFrom('contest_entries').select('years_experience').where('id', '=', entry.id).executeTakeFirstOrThrow()).years_experience).toBe(19)
  edit.unload()

  // 撤回报名: asks first; cancelling keeps the entry, confirming removes it.
  const again = await weapp.render(SIGNUP, { id: String(contest.id) })
  await again.waitFor(() => again.all('signup__withdraw').length, '撤回报名')
  weapp.modalConfirms = false
  again.tap(again.one('signup__withdraw'))
  await again.waitFor(() => weapp.modals.length === 1, 'the question')
  expect(weapp.modals[0]).toMatchObject({ title: '撤回报名' })
  expect(weapp.sent.filter((s) => s.startsWith('DELETE'))).toEqual([])
  weapp.modalConfirms = true
  again.tap(again.one('signup__withdraw'))
  await again.waitForText('已撤回报名')
  expect(await weapp.ctx.db.selectFrom('contest_entries').select('id').where('id', '=', entry.id).executeTakeFirst()).toBeUndefined()
})

test('signed out, or not yet registered: sent to log in or to finish the profile first', async () => {
  const contest = await weapp.ctx.db.selectFrom('contests').select('id').where('name', '=', SEVENTH).executeTakeFirstOrThrow()
  let page = await weapp.render(SIGNUP, { id: String(contest.id) })
  await page.waitForText('登录后才能报名参赛')
  page.tap(page.byText('微信一键登录'))
  await page.waitFor(() => weapp.nav.length, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: '/packages/account/login/index' }])
  page.unload()

  await weapp.reset()
  await weapp.signIn(`signup-new-${Date.now()}`)
  page = await weapp.render(SIGNUP, { id: String(contest.id) })
  await page.waitForText('请先完善资料（昵称和所在乡镇），再来报名')
  expect(weapp.sent).toEqual([])
})
