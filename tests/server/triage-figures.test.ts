// 科服保姆's figures (issue 14) against needs whose answers are known: per township, county and
// prefecture and month (China time, with needs on either side of China's midnight at a month's
// end), the county ranking, an expert's own record, and who may read them. SQLite and PostgreSQL.
import { useTestContext } from './helpers'
import { accept, approve, createPending, expectError, registerPerson, respondTo, type Auth, type Person } from './listings-fixtures'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const GANZI_COUNTY = '513328'
const GALA = '513328200' // 呷拉乡
const GANZI_TOWN = '513328100' // 甘孜镇
const LUHUO_COUNTY = '513327'
const LUHUO_TOWN = '513327100'

let clock = new Date('2026-11-30T15:59:00Z') // China: 11月30日 23:59
const ctx = useTestContext({ SESSION_DAYS: '365' }, { now: () => clock })
const at = (iso: string) => {
  clock = new Date(iso)
}
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms)
}

let staff: Person
let expert: Person
let helper: Person
let keeper: Person

async function call(method: 'GET' | 'POST', url: string, auth?: Auth, payload?: unknown) {
  return ctx.app.inject({ method, url, headers: auth ?? {}, payload: payload as never })
}

/** A need published now (the clock), by a new herder of `township`. */
async function need(township: string, title: string) {
  const herder = await registerPerson(ctx, 'farmer', township)
  const id = await createPending(ctx, herder.auth, { regionCode: township, title, category: 'breeding' })
  await approve(ctx, staff.auth, id)
  return { id, herder }
}

async function figures(auth: Auth, query: string) {
  const res = await call('GET', `/api/triage/figures${query}`, auth)
  expect(res.statusCode).toBe(200)
  return res.json()
}

beforeAll(async () => {
  staff = await registerPerson(ctx, 'other', GALA, '省科协')
  await ctx.db.updateTable('users').set({ is_staff: 1 }).where('id', '=', staff.id).execute()
  expert = await registerPerson(ctx, 'expert', '510104022', '李兽医')
  helper = await registerPerson(ctx, 'expert', '510104022', '王老师')
  await ctx.db.updateTable('users').set({ verification: 'verified' }).where('id', 'in', [expert.id, helper.id]).execute()
  keeper = await registerPerson(ctx, 'volunteer', LUHUO_TOWN, '炉霍保姆')
  await ctx.db.insertInto('triage_keepers').values({ user_id: keeper.id, county_code: LUHUO_COUNTY, appointed_by: staff.id, appointed_at: clock.toISOString() }).execute()

  // 11月30日 23:59 China time: November's, answered after an hour.
  const nov = await need(GALA, '十一月最后一分钟的需求')
  advance(HOUR)
  await respondTo(ctx, helper.auth, nov.id, { message: '可以帮忙' })

  // 12月1日 00:00 China time on the dot: December's.
  at('2026-11-30T16:00:00Z')
  const n1 = await need(GALA, '牦牛犊拉稀')
  const n2 = await need(GALA, '羊群冬季补饲')
  const n3 = await need(GANZI_TOWN, '青稞种子哪里买')
  await need(GALA, '没人回答的需求')
  const l1 = await need(LUHUO_TOWN, '炉霍的需求')

  advance(30 * MINUTE) // n1 answered in 30 minutes, accepted and resolved
  const r1 = await respondTo(ctx, expert.auth, n1.id, { message: '先补液' })
  await accept(ctx, n1.herder.auth, n1.id, r1)
  await call('POST', `/api/listings/${n1.id}/resolve`, n1.herder.auth)
  advance(90 * MINUTE) // l1 answered in 2 hours, accepted and resolved
  const rl = await respondTo(ctx, helper.auth, l1.id, { message: '我来看看' })
  await accept(ctx, l1.herder.auth, l1.id, rl)
  await call('POST', `/api/listings/${l1.id}/resolve`, l1.herder.auth)
  advance(8 * HOUR) // n3: 代为回复 after 10 hours
  expect((await call('POST', `/api/triage/cases/${n3.id}/call`, staff.auth, { note: '电话告知了县种子站的地址' })).statusCode).toBe(200)
  advance(40 * HOUR) // n2: answered after 50 hours, past 48
  await respondTo(ctx, expert.auth, n2.id, { message: '建议加喂青贮' })

  // A week on, n1's herder says it is solved.
  advance(7 * DAY)
  await ctx.app.scheduler.tick()
  expect((await call('POST', `/api/triage/followups/${n1.id}`, n1.herder.auth, { outcome: 'solved' })).statusCode).toBe(200)
})

test('a county month: needs, answered, median time to first answer, within 48 h, resolved, outcomes', async () => {
  const f = await figures(staff.auth, `?region=${GANZI_COUNTY}&month=2026-12`)
  expect(f.region).toEqual({ code: GANZI_COUNTY, name: '甘孜县' })
  // n1 30 min, n3 600 min, n2 3000 min; n4 never: median 600, 2 of 4 within 48 h, 1 of 4 resolved.
  expect(f.figures).toEqual({
    needs: 4,
    answered: 3,
    medianFirstResponseMinutes: 600,
    answeredWithin48h: 0.5,
    within48h: { answered: 2, of: 4 },
    resolved: 0.25,
    outcomes: { solved: 1, partial: 0, unsolved: 0 },
  })
  expect(f.children.slice(0, 2).map((c: any) => [c.region.code, c.figures.needs, c.figures.medianFirstResponseMinutes])).toEqual([
    [GALA, 3, 1515],
    [GANZI_TOWN, 1, 600],
  ])
})

test('a need published at 23:59 on the last day of a month counts in that month, one at 00:00 in the next', async () => {
  const nov = await figures(staff.auth, `?region=${GANZI_COUNTY}&month=2026-11`)
  expect(nov.figures).toMatchObject({ needs: 1, answered: 1, medianFirstResponseMinutes: 60, answeredWithin48h: 1 })
  const dec = await figures(staff.auth, `?region=${GALA}&month=2026-12`)
  expect(dec.figures.needs).toBe(3)
})

test('the month ranking of a prefecture’s counties: within 48 h first, then median; counties without needs last', async () => {
  const f = await figures(staff.auth, `?region=5133&month=2026-12`)
  expect(f.figures).toMatchObject({ needs: 5, answered: 4 })
  expect(f.ranking.slice(0, 2).map((r: any) => [r.rank, r.region.code, r.figures.answeredWithin48h])).toEqual([
    [1, LUHUO_COUNTY, 1],
    [2, GANZI_COUNTY, 0.5],
  ])
  expect(f.ranking.slice(2).every((r: any) => r.figures.needs === 0)).toBe(true)
  expect(f.ranking).toHaveLength(18) // 甘孜州's counties
})

test('an expert’s record: needs answered, median time, outcomes of the needs where they were accepted', async () => {
  const res = await call('GET', `/api/experts/${expert.id}/record`)
  expect(res.json()).toEqual({ answered: 2, medianMinutes: 1515, outcomes: { solved: 1, partial: 0, unsolved: 0 } })
})

test('who reads figures: staff of the area, a county’s 科服保姆 for their county, a chair for their township; nobody else', async () => {
  // The keeper's own county by default.
  expect((await figures(keeper.auth, '')).region.code).toBe(LUHUO_COUNTY)
  expectError(await call('GET', `/api/triage/figures?region=${GANZI_COUNTY}`, keeper.auth), 403, 'FORBIDDEN')
  const chair = await registerPerson(ctx, 'chair', GALA, '呷拉乡主席')
  await ctx.db.updateTable('users').set({ verification: 'verified' }).where('id', '=', chair.id).execute()
  expect((await figures(chair.auth, '?month=2026-12')).figures.needs).toBe(3)
  expectError(await call('GET', `/api/triage/figures?region=${GANZI_COUNTY}`, chair.auth), 403, 'FORBIDDEN')
  const farmer = await registerPerson(ctx, 'farmer', GALA)
  expectError(await call('GET', '/api/triage/figures', farmer.auth), 403, 'FORBIDDEN')
})

test('a need younger than 48 hours and still unanswered counts neither way in the 48-hour share (it runs last: it adds a need)', async () => {
  const before = (await figures(staff.auth, `?region=${LUHUO_COUNTY}&month=2026-12`)).figures
  expect(before).toMatchObject({ needs: 1, answeredWithin48h: 1 })
  await need(LUHUO_TOWN, '刚发的需求')
  advance(47 * HOUR)
  expect((await figures(staff.auth, `?region=${LUHUO_COUNTY}&month=2026-12`)).figures).toMatchObject({ needs: 2, answered: 1, answeredWithin48h: 1 })
  // Its 48 hours over, unanswered: a miss.
  advance(2 * HOUR)
  expect((await figures(staff.auth, `?region=${LUHUO_COUNTY}&month=2026-12`)).figures).toMatchObject({ needs: 2, answered: 1, answeredWithin48h: 0.5 })
})
