// A contest's page on the real weapp build against the real server (contests created and moved on
// through the staff API, as staff would): the countdown to a deadline a known time ahead, in China
// time, ticking while shown and stopped while hidden; the sign-up button for a visitor, an open
// contest, one already entered, one closed (and one closing while on screen); the popular vote in
// the final — for a visitor, a voter, and the finalist's own entry.
import { contestApi } from './contest-api'
import { signInDemo, useWeapp, waitFor, type PageHandle } from './harness'

const weapp = useWeapp()
jest.setTimeout(30_000)
const DETAIL = 'packages/contests/detail/index'
const SECOND = 1000
const HOUR = 3600 * SECOND
const DAY = 24 * HOUR

// ---- the API, as staff and entrants use it
const { api, createContest: create } = contestApi(() => weapp.apiOrigin)
let seq = 0
/** A province-level contest whose sign-up ends `signupIn` ms from now (negative: already over). */
const createContest = (signupIn: number) => create(`测试乡土人才大赛第${++seq}场`, signupIn)

const ENTRY = {
  category: 'breeding',
  description: '养牦牛十八年，摸索出冬春暖棚补饲的办法，带动全村三十户。',
  yearsExperience: 18,
  regionCode: '513328200',
  photoIds: [],
}
async function signUp(userKey: string, contestId: number, title: string): Promise<{ id: number }> {
  return api(userKey, 'POST', `/api/contests/${contestId}/entries`, { ...ENTRY, title })
}

/** China wall clock of an instant, worked out independently of the app (Intl, not dayjs). */
function chinaDeadline(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  )
  const thisYear = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())
  return `${parts.year === thisYear ? '' : `${parts.year}年`}${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute} 截止`
}

const text = (page: PageHandle, cls: string) => page.one(cls).textContent?.trim() ?? ''
const signupButton = (page: PageHandle) => page.one('contest__signup')
const clock = (page: PageHandle) => text(page, 'countdown__time')
/** The vote button on one finalist's card. */
const voteButtonIn = (page: PageHandle, finalist: Element) => page.all('contest__vote').find((b) => finalist.contains(b))!
/** Under fake timers: Taro sends setData from a setTimeout(0), so what is due runs on each poll. */
const renderedOnFakeTimers = (page: PageHandle, check: () => boolean, what: string) =>
  page.waitFor(() => {
    jest.advanceTimersByTime(0)
    return check()
  }, what)

beforeEach(() => weapp.reset())

test('signed out: the countdown to a deadline 3 days 4 hours 5 minutes ahead ticks while shown and stops while hidden', async () => {
  const offset = 3 * DAY + 4 * HOUR + 5 * 60 * SECOND + 30 * SECOND
  const c = await createContest(offset)
  const page = await weapp.render(DETAIL, { id: String(c.id) })
  await page.waitFor(() => page.all('countdown__time').length, 'the countdown')

  expect(text(page, 'countdown__prefix')).toBe('距报名截止还有')
  // 3天 04:05:xx — the seconds depend on how long the page took to open (a few at most).
  const first = clock(page)
  expect(first).toMatch(/^3天 04:05:\d\d$/)
  const shown = Number(first.slice(-2))
  const left = Math.ceil((Date.parse(c.signupEndsAt) - Date.now()) / SECOND) % 60
  expect(Math.abs(shown - left)).toBeLessThanOrEqual(2)
  expect(shown).toBeGreaterThan(15)
  // The deadline itself, in China time, whatever zone this machine is in.
  expect(text(page, 'contest__deadline-at')).toBe(`${chinaDeadline(c.signupEndsAt)}（北京时间）`)
  expect(page.one('contest__schedule-row--on').textContent).toContain(chinaDeadline(c.signupEndsAt).replace(' 截止', ''))

  // It ticks: the seconds move on within a second or so, and each tick sends WeChat only the one
  // changed text (a cheap setData), not the page.
  const sent: unknown[] = []
  const setData = page.instance.setData
  page.instance.setData = (data: unknown, cb?: () => void) => {
    sent.push(data)
    return setData.call(page.instance, data, cb)
  }
  await page.waitFor(() => clock(page) !== first, 'the next second')
  expect(clock(page)).toMatch(/^3天 04:05:\d\d$/)
  await page.waitFor(() => sent.length >= 2, 'two ticks')
  for (const data of sent) {
    const entries = Object.entries(data as Record<string, unknown>)
    expect(entries).toHaveLength(1)
    expect(entries[0][1]).toMatch(/^3天 04:0[45]:\d\d$/)
    expect(JSON.stringify(data).length).toBeLessThan(200)
  }
  page.instance.setData = setData

  // Hidden (another page on top, or WeChat in the background): no more ticks… onHide stops the
  // timer on the real clock; then the clock is faked, so 1.6 s pass at once.
  page.instance.onHide()
  const frozen = clock(page)
  const whileHidden: unknown[] = []
  page.instance.setData = (data: unknown, cb?: () => void) => {
    whileHidden.push(data)
    return setData.call(page.instance, data, cb)
  }
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] })
  try {
    await jest.advanceTimersByTimeAsync(1600)
    expect(jest.getTimerCount()).toBe(0)
    expect(whileHidden).toEqual([])
    expect(clock(page)).toBe(frozen)
    // …and shown again: it catches up at once and ticks on (the next whole second is at most
    // 1005 ms away: ticks land 5 ms after it).
    page.instance.onShow()
    await renderedOnFakeTimers(page, () => clock(page) !== frozen, 'catching up')
    const caughtUp = clock(page)
    expect(caughtUp).toMatch(/^3天 04:0[45]:\d\d$/)
    await jest.advanceTimersByTimeAsync(1005)
    await renderedOnFakeTimers(page, () => clock(page) !== caughtUp, 'ticking again')
    page.instance.onHide()
  } finally {
    jest.useRealTimers()
    page.instance.setData = setData
  }
  page.instance.onShow() // on the real clock again

  // The sign-up button for a visitor: asks for login only on the tap.
  expect(signupButton(page).textContent?.trim()).toBe('登录后报名')
  expect(page.attr(signupButton(page), 'disabled')).toBeFalsy()
  expect(page.all('contest__nominate')).toEqual([])
  page.tap(signupButton(page))
  await page.waitFor(() => weapp.nav.length, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: '/packages/account/login/index' }])

  // Read without any session; shared with its name and id.
  expect(weapp.requests.find((r) => r.path === `/api/contests/${c.id}`)?.headers.Authorization).toBeUndefined()
  expect(page.instance.onShareAppMessage({ from: 'menu' })).toMatchObject({ title: c.name, path: `/packages/contests/detail/index?id=${c.id}` })
  expect(page.instance.onShareTimeline()).toMatchObject({ title: c.name, query: `id=${c.id}` })

  // Leaving the page stops the clock for good: no updates after unload.
  page.unload()
})

test('open: 报名参赛; once entered: 已报名·修改 with my stage marked; a chair also sees 举荐人才', async () => {
  const c = await createContest(10 * DAY)
  await signInDemo(weapp, 'farmer-zhaxi')
  let page = await weapp.render(DETAIL, { id: String(c.id) })
  await page.waitFor(() => page.all('contest__signup').length, 'the sign-up button')
  expect(signupButton(page).textContent?.trim()).toBe('报名参赛')
  expect(page.attr(signupButton(page), 'disabled')).toBeFalsy()
  expect(text(page, 'contest__signup-note')).toBe(chinaDeadline(c.signupEndsAt))
  expect(page.all('contest__mine')).toEqual([])
  expect(page.all('contest__nominate')).toEqual([]) // a farmer does not nominate
  page.tap(signupButton(page))
  await page.waitFor(() => weapp.nav.length, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: `/packages/contests/signup/index?id=${c.id}` }])
  page.unload()

  // Entered (through the API, as the sign-up page does): the page says so on its next show.
  await signUp('farmer-zhaxi', c.id, '高原牦牛暖棚越冬')
  weapp.nav.length = 0
  page = await weapp.render(DETAIL, { id: String(c.id) })
  await page.waitFor(() => page.all('contest__mine').length, 'my entry')
  expect(signupButton(page).textContent?.trim()).toBe('已报名·修改')
  expect(page.attr(signupButton(page), 'disabled')).toBeFalsy()
  expect(text(page, 'contest__mine-title')).toBe('高原牦牛暖棚越冬')
  expect(text(page, 'contest__mine-stage')).toBe('已报名')
  // The stage bar: 报名 is current and is where I am.
  const current = page.one('stage-bar__step--current')
  expect(current.textContent).toContain('报名')
  expect(page.one('stage-bar__step--mine')).toBe(current)
  expect(text(page, 'stage-bar__mine')).toBe('我在这')
  page.tap(signupButton(page))
  await page.waitFor(() => weapp.nav.length, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: `/packages/contests/signup/index?id=${c.id}` }])
  page.unload()

  // A verified chair: 举荐人才 beside 报名参赛.
  await weapp.reset()
  await signInDemo(weapp, 'chair-ganzi')
  page = await weapp.render(DETAIL, { id: String(c.id) })
  await page.waitFor(() => page.all('contest__nominate').length, '举荐人才')
  expect(signupButton(page).textContent?.trim()).toBe('报名参赛')
  page.tap(page.one('contest__nominate'))
  await page.waitFor(() => weapp.nav.length, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: `/packages/contests/nominate/index?id=${c.id}` }])
})

test('closed: 报名已截止 (disabled, with the reason) — after the deadline, and when it passes on screen', async () => {
  // The deadline passed an hour ago (the contest still at 报名: staff have not moved it on yet).
  const past = await createContest(-HOUR)
  await signInDemo(weapp, 'farmer-zhaxi')
  let page = await weapp.render(DETAIL, { id: String(past.id) })
  await page.waitFor(() => page.all('contest__signup').length, 'the sign-up button')
  expect(signupButton(page).textContent?.trim()).toBe('报名已截止')
  expect(page.attr(signupButton(page), 'disabled')).toBe(true)
  expect(text(page, 'contest__signup-note')).toBe(`报名已于 ${chinaDeadline(past.signupEndsAt).replace(' 截止', '')} 截止`)
  expect(text(page, 'countdown__over')).toBe('报名已截止')
  expect(page.all('countdown__time')).toEqual([])
  // An enabled button navigates within the tap itself (the stub records it synchronously), so
  // nothing by the next microtask means the tap did nothing.
  page.tap(signupButton(page))
  await Promise.resolve()
  expect(weapp.nav).toEqual([])
  page.unload()

  // Moved on to 初赛 by staff: closed too, and the countdown is to the 初赛's end.
  const moved = await createContest(5 * DAY)
  await api('staff-sc', 'POST', `/api/staff/contests/${moved.id}/stage`, { stage: 'preliminary' })
  page = await weapp.render(DETAIL, { id: String(moved.id) })
  await page.waitFor(() => page.all('contest__signup').length, 'the sign-up button')
  expect(signupButton(page).textContent?.trim()).toBe('报名已截止')
  expect(page.attr(signupButton(page), 'disabled')).toBe(true)
  expect(text(page, 'contest__signup-note')).toBe('比赛已进入初赛，报名已截止')
  expect(text(page, 'countdown__prefix')).toBe('距初赛截止还有')
  page.unload()

  // Closing while the page is open: 报名参赛 turns into 报名已截止 when the clock runs out.
  const closing = await createContest(4 * SECOND)
  page = await weapp.render(DETAIL, { id: String(closing.id) })
  await page.waitFor(() => page.all('contest__signup').length, 'the sign-up button')
  expect(signupButton(page).textContent?.trim()).toBe('报名参赛')
  expect(clock(page)).toMatch(/^00:00:0[1-4]$/)
  await waitFor(() => signupButton(page).textContent?.trim() === '报名已截止', 'the deadline to pass', 8000)
  expect(page.attr(signupButton(page), 'disabled')).toBe(true)
  expect(text(page, 'countdown__over')).toBe('报名已截止')
})

test('the final: finalists with their votes; 投票 for a voter, 登录后投票 for a visitor, 我的项目 on one’s own', async () => {
  const c = await createContest(2 * DAY)
  const mine = await signUp('farmer-zhaxi', c.id, '高原牦牛暖棚越冬')
  const other = await signUp('volunteer-lan', c.id, '来马镇藏香猪生态放养')
  for (const stage of ['preliminary', 'semifinal', 'final']) {
    await api('staff-sc', 'POST', `/api/staff/contests/${c.id}/stage`, { stage })
    for (const e of [mine, other]) await api('staff-sc', 'POST', `/api/staff/contests/${c.id}/entries/${e.id}/advance`, { stage })
  }

  // A visitor: both finalists, 0 votes, 登录后投票; sign-up closed since the final.
  let page = await weapp.render(DETAIL, { id: String(c.id) })
  await page.waitFor(() => page.all('contest__finalist').length === 2, 'two finalists')
  expect(text(page, 'countdown__prefix')).toBe('距决赛截止还有')
  expect(signupButton(page).textContent?.trim()).toBe('报名已截止')
  expect(text(page, 'contest__signup-note')).toBe('比赛已进入决赛，报名已截止')
  expect(page.all('contest__votes').map((v) => v.textContent?.trim())).toEqual(['0 票', '0 票'])
  expect(page.all('contest__vote').map((b) => b.textContent?.trim())).toEqual(['登录后投票', '登录后投票'])
  page.tap(page.all('contest__vote')[0])
  await page.waitFor(() => weapp.nav.length, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: '/packages/account/login/index' }])
  page.unload()

  // A registered voter (the chair): 投票 on each; a tap votes, that one reads 已投票, the other closes.
  await weapp.reset()
  await signInDemo(weapp, 'chair-ganzi')
  page = await weapp.render(DETAIL, { id: String(c.id) })
  await page.waitFor(() => page.all('contest__vote').length === 2, 'vote buttons')
  expect(page.all('contest__vote').map((b) => b.textContent?.trim())).toEqual(['投票', '投票'])
  expect(page.all('contest__vote').every((b) => !page.attr(b, 'disabled'))).toBe(true)
  const card = page.all('contest__finalist').find((f) => f.textContent?.includes('来马镇藏香猪生态放养'))!
  page.tap(voteButtonIn(page, card))
  await page.waitFor(() => weapp.toasts.some((t) => t.title === '投票成功'), 'the vote')
  await page.waitFor(() => card.textContent?.includes('已投票'), '已投票')
  expect(card.textContent).toContain('1 票')
  const buttons = page.all('contest__vote')
  expect(buttons.map((b) => b.textContent?.trim()).sort()).toEqual(['已投票', '投票'])
  expect(buttons.every((b) => page.attr(b, 'disabled') === true)).toBe(true)
  expect(text(page, 'contest__vote-hint')).toBe('您已投过票，谢谢参与。')
  const votes = await weapp.ctx.db.selectFrom('contest_votes').selectAll().where('contest_id', '=', c.id).execute()
  expect(votes).toEqual([expect.objectContaining({ entry_id: other.id })])
  page.unload()

  // The finalist herself: 我的项目 on her own entry (no voting for oneself), 投票 on the other.
  await weapp.reset()
  await signInDemo(weapp, 'farmer-zhaxi')
  page = await weapp.render(DETAIL, { id: String(c.id) })
  await page.waitFor(() => page.all('contest__vote').length === 2, 'vote buttons')
  const own = page.all('contest__finalist').find((f) => f.textContent?.includes('高原牦牛暖棚越冬'))!
  const ownButton = voteButtonIn(page, own)
  expect(ownButton.textContent?.trim()).toBe('我的项目')
  expect(page.attr(ownButton, 'disabled')).toBe(true)
  const theirs = page.all('contest__finalist').find((f) => f !== own)!
  expect(voteButtonIn(page, theirs).textContent?.trim()).toBe('投票')
  // Her stage bar: 决赛 is current and hers.
  expect(page.one('stage-bar__step--mine')).toBe(page.one('stage-bar__step--current'))
  expect(page.one('stage-bar__step--current').textContent).toContain('决赛')
  expect(text(page, 'contest__mine-stage')).toBe('进入决赛')
})

test('shared by a signed-in volunteer: the chat card and Moments carry s=<her code>; a 小程序码 opens the contest and counts', async () => {
  const c = await createContest(10 * DAY)
  const volunteer = await signInDemo(weapp, 'volunteer-lan')
  let page = await weapp.render(DETAIL, { id: String(c.id) })
  await page.waitFor(() => page.all('contest__signup').length, 'the contest')

  // 转发: the plain card at once, and a promise of the card with her code.
  const chat = page.instance.onShareAppMessage({ from: 'button' })
  expect(chat).toMatchObject({ title: c.name, path: `/packages/contests/detail/index?id=${c.id}` })
  const card = await chat.promise
  expect(card.path).toMatch(new RegExp(`^/packages/contests/detail/index\\?id=${c.id}&s=[A-Za-z0-9_-]{8,32}$`))
  const code = card.path.split('s=')[1]
  const shares = await weapp.ctx.db.selectFrom('shares').selectAll().where('sharer_id', '=', volunteer.id).where('target', '=', 'contest').where('target_id', '=', c.id).execute()
  expect(shares).toEqual([expect.objectContaining({ code, target_id: c.id, channel: 'chat' })])
  // 分享到朋友圈: at once, with a code of its own.
  expect(page.instance.onShareTimeline().query).toMatch(new RegExp(`^id=${c.id}&s=[A-Za-z0-9_-]{8,32}$`))
  // The share buttons replace the old plain one: WeChat's share button and the poster.
  expect(page.attr(page.byText('分享给群友'), 'open-type')).toBe('share')
  expect(page.all('share-bar')).toHaveLength(1)
  page.tap(page.byText('生成分享海报'))
  await page.waitFor(() => weapp.nav.length, 'navigation')
  expect(weapp.nav[0].url).toMatch(new RegExp(`^/packages/sharing/poster/index\\?target=contest&id=${c.id}&title=`))
  page.unload()

  // Her poster's 小程序码 on another phone: the scene is a code (no id); the page opens the contest.
  const poster = await api('volunteer-lan', 'POST', '/api/shares', { target: 'contest', targetId: c.id, channel: 'poster' })
  await weapp.reset()
  page = await weapp.render(DETAIL, { scene: encodeURIComponent(poster.code) })
  await page.waitFor(() => page.all('contest__name').length, 'the contest')
  expect(text(page, 'contest__name')).toBe(c.name)
  await waitFor(() => weapp.requests.find((r) => r.path === `/api/shares/${poster.code}/opens` && r.status === 200), 'the open reported')
  expect(weapp.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(
    expect.arrayContaining([`GET /api/shares/${poster.code} 200`, `GET /api/contests/${c.id} 200`]),
  )
  expect(page.all('state--error')).toEqual([])
  // The reader's own shares from here are plain links (signed out), still to this contest.
  expect(page.instance.onShareAppMessage({ from: 'menu' }).path).toBe(`/packages/contests/detail/index?id=${c.id}`)
})
