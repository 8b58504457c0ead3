// Staff's contest page (packages/staff/contests/manage) on the real weapp build against the real
// server: the 新建比赛 form checked on the phone with the server's rules (lengths, categories, the
// deadlines in order) before anything is sent, then created at the deadlines picked in China time;
// a contest moved on stage by stage, an entrant advanced, an 'other' award named (too short is
// refused on the phone) and the results published; anyone but staff turned away.
import { contestApi } from './contest-api'
import { signInDemo, useWeapp, type PageHandle } from './harness'

const weapp = useWeapp()
jest.setTimeout(30_000)
const MANAGE = 'packages/staff/contests/manage/index'

// ---- the API, as staff and entrants use it
const { api, createContest: create } = contestApi(() => weapp.apiOrigin)
let seq = 0
const createContest = () => create(`工作台测试大赛第${++seq}场`)

// ---- the page

const texts = (page: PageHandle, name: string) => page.all(name).map((el) => el.textContent?.trim())
const posts = () => weapp.sent.filter((s) => s.startsWith('POST /api/staff/contests'))
/** The date shown in a deadline's row ('2027-01-05'). */
const DEADLINE_LABELS: Record<string, string> = { signupEndsAt: '报名截止', finalEndsAt: '决赛截止' }
const dateOf = (page: PageHandle, key: string) => {
  const row = page.all('staff-form__date-row').find((el) => inside(el, 'staff-form__date-label')[0]?.textContent?.trim() === DEADLINE_LABELS[key])!
  return inside(row, 'staff-form__date')[0]
}
/** The picker around a deadline's date: WeChat sends its `change` when a date is picked. */
function pickDate(page: PageHandle, key: string, value: string) {
  page.trigger(dateOf(page, key), 'change', { value })
}
/** A China wall-clock date and time as an instant, worked out without the app's helpers. */
const chinaInstant = (date: string, time: string) => {
  const [y, m, d] = date.split('-').map(Number)
  const [hh, mm] = time.split(':').map(Number)
  return new Date(Date.UTC(y, m - 1, d, hh, mm) - 8 * 3600 * 1000).toISOString()
}
const entrant = (page: PageHandle, title: string) => page.all('staff-entrant').find((el) => el.textContent?.includes(title))
const inside = (el: Element, name: string) => Array.from(el.querySelectorAll('*')).filter((x) => Array.from(x.classList).some((c) => c.endsWith(name)))

beforeEach(() => weapp.reset())

test('新建比赛: checked on the phone as the server checks it, then created at the deadlines picked in China time', async () => {
  await signInDemo(weapp, 'staff-sc')
  const page = await weapp.render(MANAGE)
  await page.waitForText('创建比赛')

  // Nothing filled in but the organiser: each field says what it needs, the notice counts them.
  page.tap(page.one('staff-form__submit'))
  await page.waitFor(() => page.all('staff-form__error').length === 4, 'four field messages')
  expect(texts(page, 'staff-form__error')).toEqual(['比赛名称须为 4–60 个字', '请至少选择一个参赛类别', '比赛介绍须为 10–5000 个字', '参赛规则须为 10–5000 个字'])
  expect(page.one('staff-form__notice').textContent?.trim()).toBe('有 4 处需要修改：比赛名称须为 4–60 个字')
  expect(posts()).toEqual([])

  const name = '第九届四川省乡土人才创新创业大赛'
  page.type(page.one('staff-form__name'), name)
  page.tap(page.byText('养殖'))
  const rules = '本人线上报名，或由乡镇科协举荐、本人确认；初赛、复赛、决赛逐级评选。'
  page.type(page.one('staff-form__description'), '面向全省土专家、田秀才、种养殖能手，展示乡土人才的创新创业成果。')
  page.type(page.one('staff-form__rules'), rules)
  await page.waitForText(`${Array.from(rules).length}/5000`)

  // Sign-up ending after the final: refused on the phone, on the dates' card.
  const signup = dateOf(page, 'signupEndsAt').textContent!.trim()
  const final = dateOf(page, 'finalEndsAt').textContent!.trim()
  pickDate(page, 'signupEndsAt', final)
  await page.waitFor(() => dateOf(page, 'signupEndsAt').textContent?.trim() === final, 'the picked date')
  page.tap(page.one('staff-form__submit'))
  await page.waitForText('各阶段截止时间须依次靠后')
  expect(texts(page, 'staff-form__error')).toEqual(['各阶段截止时间须依次靠后'])
  expect(page.one('staff-form__notice').textContent?.trim()).toBe('各阶段截止时间须依次靠后')
  expect(posts()).toEqual([])

  pickDate(page, 'signupEndsAt', signup)
  await page.waitFor(() => dateOf(page, 'signupEndsAt').textContent?.trim() === signup, 'the date put back')
  page.tap(page.one('staff-form__submit'))
  await page.waitFor(() => weapp.nav.length > 0, 'the new contest opened')
  expect(posts()).toEqual(['POST /api/staff/contests'])
  const created = weapp.requests.find((r) => r.method === 'POST' && r.path === '/api/staff/contests')!
  expect(created.status).toBe(201)
  const id = (created.body as { id: number }).id
  expect(weapp.nav).toEqual([{ api: 'redirectTo', url: `/packages/staff/contests/manage/index?id=${id}` }])
  const saved = await api('staff-sc', 'GET', `/api/contests/${id}`)
  expect(saved).toMatchObject({ name, categories: ['breeding'], level: 'province', regionCode: '51', stage: 'signup' })
  expect(saved.signupEndsAt).toBe(chinaInstant(signup, '23:59'))
  expect(page.all('staff-form__error')).toEqual([])
})

test('staff move a contest on, advance an entrant, name an award and publish the results', async () => {
  const c = await createContest()
  const entry = await api('farmer-zhaxi', 'POST', `/api/contests/${c.id}/entries`, {
    title: '高原牦牛暖棚越冬',
    category: 'breeding',
    description: '养牦牛十八年，摸索出冬春暖棚补饲的办法，带动全村三十户。',
    yearsExperience: 18,
    regionCode: '513328200',
    photoIds: [],
  })
  await signInDemo(weapp, 'staff-sc')
  let page = await weapp.render(MANAGE, { id: String(c.id) })
  await page.waitFor(() => entrant(page, '高原牦牛暖棚越冬'), 'the entrant')
  expect(page.one('staff-contest__name').textContent?.trim()).toBe(c.name)
  expect(inside(entrant(page, '高原牦牛暖棚越冬')!, 'staff-entrant__reached')[0].textContent?.trim()).toBe('已报名')
  // At 报名 nobody can be advanced yet.
  expect(page.all('staff-entrant__advance')).toEqual([])

  // 进入初赛, confirmed: sign-up closes, and the entrant can now be advanced.
  page.tap(page.one('staff-contest__move'))
  await page.waitFor(() => page.all('staff-entrant__advance').length === 1, 'the advance button')
  expect(weapp.modals.map((m) => m.title)).toEqual(['进入初赛'])
  // The toast follows the page's update (act shows it once the call's promise settled).
  await page.waitFor(() => weapp.toasts.some((t) => t.title === '已进入初赛'), 'the stage toast')
  expect(page.one('staff-contest__move').textContent?.trim()).toBe('进入复赛')
  page.tap(page.one('staff-entrant__advance'))
  await page.waitFor(() => inside(entrant(page, '高原牦牛暖棚越冬')!, 'staff-entrant__reached')[0]?.textContent?.trim() === '进入初赛', 'advanced')
  await page.waitFor(() => weapp.toasts.some((t) => t.title === '已晋级初赛'), 'the advance toast')

  // On to the final through the API, then the page again: a finalist gets awards.
  for (const stage of ['semifinal', 'final']) {
    await api('staff-sc', 'POST', `/api/staff/contests/${c.id}/stage`, { stage })
    await api('staff-sc', 'POST', `/api/staff/contests/${c.id}/entries/${entry.id}/advance`, { stage })
  }
  page.unload()
  page = await weapp.render(MANAGE, { id: String(c.id) })
  await page.waitFor(() => page.all('staff-contest__publish').length === 1, 'the publish button')
  expect(page.all('staff-contest__move')).toEqual([])
  page.tap(page.byText('其他奖项'))
  await page.waitFor(() => page.all('staff-entrant__other-name').length === 1, 'the award name box')
  page.type(page.one('staff-entrant__other-name'), '优')
  page.tap(page.byText('确定'))
  await page.waitFor(() => weapp.toasts.some((t) => t.title === '奖项名称至少 2 个字'), 'too short')
  expect(weapp.sent.filter((s) => s.includes('/award'))).toEqual([])

  page.type(page.one('staff-entrant__other-name'), '最佳创意奖')
  page.tap(page.byText('确定'))
  await page.waitFor(() => page.all('staff-entrant__award')[0]?.textContent?.trim() === '最佳创意奖', 'the award shown')
  expect(weapp.toasts.map((t) => t.title)).toContain('已设置奖项')

  page.tap(page.one('staff-contest__publish'))
  await page.waitForText('结果已公布，比赛已结束')
  expect(page.all('staff-contest__publish')).toEqual([])
  expect((await api('staff-sc', 'GET', `/api/contests/${c.id}`)).stage).toBe('finished')
})

test('举荐 waiting for the nominee show in 大赛管理 and on the contest, not as "0 人参赛" alone (issue 12)', async () => {
  const c = await createContest()
  await api('chair-ganzi', 'POST', `/api/contests/${c.id}/nominations`, {
    nominee: { name: '卓玛拉姆', phone: '13812345678', regionCode: '513328100' },
    reason: '做牦牛酸奶二十年，带着全村妇女一起做，乡亲们都向她学。',
  })
  await signInDemo(weapp, 'staff-sc')
  const list = await weapp.render('packages/staff/contests/index')
  await list.waitFor(() => list.all('staff-contest-card').some((el) => el.textContent?.includes(c.name)), 'the contest card')
  const card = list.all('staff-contest-card').find((el) => el.textContent?.includes(c.name))!
  expect(card.textContent).toContain('0 人参赛 · 1 人被举荐待确认')
  list.unload()

  const page = await weapp.render(MANAGE, { id: String(c.id) })
  await page.waitForText('待本人确认的举荐（1 人）')
  const item = page.one('staff-nomination')
  expect(item.textContent).toContain('卓玛拉姆')
  expect(item.textContent).toContain('138****5678')
  expect(item.textContent).toContain('举荐人：格桑（甘孜镇）')
  expect(page.text()).not.toContain('13812345678')
})

test('anyone but staff is turned away', async () => {
  const c = await createContest()
  await signInDemo(weapp, 'farmer-zhaxi')
  const page = await weapp.render(MANAGE, { id: String(c.id) })
  await page.waitForText('仅科协工作人员可用')
  expect(page.all('staff-contest__name')).toEqual([])
  expect(page.all('staff-entrant')).toEqual([])
})
