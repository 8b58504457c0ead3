// 我的传播 per page and per month (GET /api/shares/mine/results): what each shared article brought
// and how each of the last six months went, counted as the totals are (credited opens, attributed
// registrations). Runs on SQLite and PostgreSQL.
import { useTestContext } from './helpers'
import { anArticleId, mine, newVisitorId, opened, register, registeredPerson, shareCode, signInNew, type Person } from './sharing-fixtures'

const DAY = 24 * 3_600_000
// 10:00 on 15 Dec 2026 in China: months are China-time months.
let clock = new Date('2026-12-15T02:00:00Z')
const ctx = useTestContext({}, { now: () => clock })

const results = async (who: Person) => {
  const res = await ctx.app.inject({ method: 'GET', url: '/api/shares/mine/results', headers: who.auth })
  expect(res.statusCode).toBe(200)
  return res.json()
}

/** A new person opens `code` on a new phone and registers there: one open and one registration. */
async function bringsSomeone(code: string) {
  const phone = newVisitorId()
  expect(await opened(ctx, code, { visitorId: phone })).toBe(true)
  const person = await signInNew(ctx)
  await register(ctx, person, undefined, phone)
}

test('each shared page with its opens and registrations, the best first; the months add up to the totals', async () => {
  const volunteer = await registeredPerson(ctx)
  const [quiet, popular, unread] = [await anArticleId(ctx), await anArticleId(ctx), await anArticleId(ctx)]
  const quietTitle = (await ctx.db.selectFrom('articles').select('title').where('id', '=', quiet).executeTakeFirstOrThrow()).title

  // November: two people come through the popular article's chat link and register.
  clock = new Date('2026-11-20T02:00:00Z')
  const popularChat = await shareCode(ctx, volunteer, popular, 'article', 'chat')
  await bringsSomeone(popularChat)
  await bringsSomeone(popularChat)
  // December: one more through the same article shared to Moments (another code, the same page),
  // one person opens the quiet article without registering, and the third article is read by nobody.
  clock = new Date('2026-12-15T02:00:00Z')
  await bringsSomeone(await shareCode(ctx, volunteer, popular, 'article', 'timeline'))
  expect(await opened(ctx, await shareCode(ctx, volunteer, quiet), { visitorId: newVisitorId() })).toBe(true)
  await shareCode(ctx, volunteer, unread)

  const body = await results(volunteer)
  expect(body.pages).toEqual([
    { target: 'article', targetId: popular, title: expect.any(String), opens: 3, registrations: 3 },
    { target: 'article', targetId: quiet, title: quietTitle, opens: 1, registrations: 0 },
    { target: 'article', targetId: unread, title: expect.any(String), opens: 0, registrations: 0 },
  ])
  expect(body.months).toEqual([
    { month: '2026-07', opens: 0, registrations: 0 },
    { month: '2026-08', opens: 0, registrations: 0 },
    { month: '2026-09', opens: 0, registrations: 0 },
    { month: '2026-10', opens: 0, registrations: 0 },
    { month: '2026-11', opens: 2, registrations: 2 },
    { month: '2026-12', opens: 2, registrations: 1 },
  ])
  const totals = await mine(ctx, volunteer)
  expect(totals).toMatchObject({ opens: 4, registrations: 3 })
})

test('a month is China time: an open at 23:30 on 30 Nov in China counts for November', async () => {
  const volunteer = await registeredPerson(ctx)
  const article = await anArticleId(ctx)
  clock = new Date('2026-11-30T15:30:00Z') // 23:30 China time
  expect(await opened(ctx, await shareCode(ctx, volunteer, article), { visitorId: newVisitorId() })).toBe(true)
  clock = new Date('2026-12-15T02:00:00Z')
  const months = (await results(volunteer)).months
  expect(months.find((m: { month: string }) => m.month === '2026-11')).toEqual({ month: '2026-11', opens: 1, registrations: 0 })
  expect(months.find((m: { month: string }) => m.month === '2026-12')).toEqual({ month: '2026-12', opens: 0, registrations: 0 })
})

test('only the volunteer’s own results, and only signed in', async () => {
  const volunteer = await registeredPerson(ctx)
  const other = await registeredPerson(ctx)
  await bringsSomeone(await shareCode(ctx, other, await anArticleId(ctx)))
  expect((await results(volunteer)).pages).toEqual([])
  expect((await results(other)).pages).toHaveLength(1)
  const anonymous = await ctx.app.inject({ method: 'GET', url: '/api/shares/mine/results' })
  expect(anonymous.statusCode).toBe(401)
})
