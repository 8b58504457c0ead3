// Sharing that counts: opens and registrations credited to the sharer once per person, never for
// their own share, registrations only within SHARE_ATTRIBUTION_DAYS (7) of the person's latest open.
// The app's clock is the test's (deps.now): time moves forward, nothing is back-dated. Runs on
// SQLite and, with TEST_DB_URL, on PostgreSQL. Who is one person: sharing-people.test.ts.
import { SHARE_ATTRIBUTION_DAYS } from '../../common/enums'
import { useTestContext } from './helpers'
import {
  anArticleId,
  mine,
  newVisitorId,
  openShare,
  opened,
  register,
  registeredPerson,
  registrationsOf,
  shareCode,
  signInNew,
  type Person,
} from './sharing-fixtures'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

let articleId: number
let volunteer: Person
/** The app's clock; tests only move it forward (rate-limit windows assume time does not go back). */
let clock = new Date()
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms)
}
const ctx = useTestContext({}, { now: () => clock })
beforeAll(async () => {
  articleId = await anArticleId(ctx)
  volunteer = await registeredPerson(ctx)
})

const opensOf = async (sharerId: number) =>
  ctx.db.selectFrom('share_opens').selectAll().where('sharer_id', '=', sharerId).execute()

describe('share codes', () => {
  test('a signed-in person gets one code per page and channel, ≤ 32 scene-safe characters, the same every time', async () => {
    const chat = await shareCode(ctx, volunteer, articleId, 'article', 'chat')
    expect(chat).toMatch(/^[A-Za-z0-9_-]{8,32}$/)
    expect(await shareCode(ctx, volunteer, articleId, 'article', 'chat')).toBe(chat)
    const timeline = await shareCode(ctx, volunteer, articleId, 'article', 'timeline')
    expect(timeline).not.toBe(chat)
    const other = await registeredPerson(ctx)
    expect(await shareCode(ctx, other, articleId, 'article', 'chat')).not.toBe(chat)
    const rows = await ctx.db.selectFrom('shares').selectAll().where('sharer_id', '=', volunteer.id).execute()
    expect(rows).toHaveLength(2)
    // The sharer's township is kept for the boards.
    expect(rows[0].region_code).toBe('513328102')
    // Anyone can read what a code points at (a page opened from a 小程序码 only knows the code).
    const info = await ctx.app.inject({ method: 'GET', url: `/api/shares/${chat}` })
    expect(info.json()).toEqual({ code: chat, target: 'article', targetId: articleId, channel: 'chat' })
  })

  test('a Moments code the app made (before any answer) is kept, a few per page; not for other channels, nor someone else’s', async () => {
    const sharer = await registeredPerson(ctx)
    const propose = (who: typeof sharer, channel: string, code: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/shares', headers: who.auth, payload: { target: 'article', targetId: articleId, channel, code } })
    const first = newVisitorId().slice(0, 14)
    expect((await propose(sharer, 'timeline', first)).json().code).toBe(first)
    // Asked again with the same code: the same share.
    expect((await propose(sharer, 'timeline', first)).json().code).toBe(first)
    // A phone that lost its storage proposes another for the same page: kept (its link is out there)…
    const second = newVisitorId().slice(0, 14)
    expect((await propose(sharer, 'timeline', second)).json().code).toBe(second)
    const third = newVisitorId().slice(0, 14)
    expect((await propose(sharer, 'timeline', third)).json().code).toBe(third)
    // …up to three codes for one page; after that the first one is answered.
    expect((await propose(sharer, 'timeline', newVisitorId().slice(0, 14))).json().code).toBe(first)
    // Still one page shared to Moments.
    expect(await mine(ctx, sharer)).toMatchObject({ shares: 1 })
    // Chats and posters always get the server's own code.
    const chat = newVisitorId().slice(0, 14)
    expect((await propose(sharer, 'chat', chat)).json().code).not.toBe(chat)
    // Someone else's code is never handed out.
    const thief = await registeredPerson(ctx)
    const stolen = await propose(thief, 'timeline', first)
    expect(stolen.statusCode).toBe(200)
    expect(stolen.json().code).not.toBe(first)
  })

  test('sharing needs an account and something that exists', async () => {
    const anon = await ctx.app.inject({ method: 'POST', url: '/api/shares', payload: { target: 'article', targetId: articleId, channel: 'chat' } })
    expect(anon.statusCode).toBe(401)
    const missing = await ctx.app.inject({ method: 'POST', url: '/api/shares', headers: volunteer.auth, payload: { target: 'article', targetId: 999_999, channel: 'chat' } })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().code).toBe('SHARE_TARGET_NOT_FOUND')
    // A person is a 'talent' only in the 乡土人才库 (a finalist): the volunteer is not.
    const notTalent = await ctx.app.inject({ method: 'POST', url: '/api/shares', headers: volunteer.auth, payload: { target: 'talent', targetId: volunteer.id, channel: 'chat' } })
    expect(notTalent.statusCode).toBe(404)
    expect(notTalent.json().code).toBe('SHARE_TARGET_NOT_FOUND')
    const badChannel = await ctx.app.inject({ method: 'POST', url: '/api/shares', headers: volunteer.auth, payload: { target: 'article', targetId: articleId, channel: 'email' } })
    expect(badChannel.statusCode).toBe(400)
    const unknown = await ctx.app.inject({ method: 'POST', url: '/api/shares/nosuchcode123/opens', payload: { visitorId: newVisitorId() } })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().code).toBe('SHARE_NOT_FOUND')
  })
})

describe('opens', () => {
  test('opening your own share is not credited, signed in or from a phone known to be yours', async () => {
    const sharer = await registeredPerson(ctx)
    const code = await shareCode(ctx, sharer, articleId)
    const phone = newVisitorId()
    // The phone opened someone else's share before (signed out): that open is the phone's.
    const other = await registeredPerson(ctx)
    expect(await opened(ctx, await shareCode(ctx, other, articleId), { visitorId: phone })).toBe(true)
    // Signed in, the sharer opens their own share; the phone's visitor id travels along and is tied to them.
    expect(await opened(ctx, code, { who: sharer })).toBe(false)
    expect(await opened(ctx, code, { who: sharer, visitorId: phone })).toBe(false)
    // Later, signed out on the same phone: still the sharer.
    expect(await opened(ctx, code, { visitorId: phone })).toBe(false)
    expect(await opensOf(sharer.id)).toHaveLength(0)
    expect(await mine(ctx, sharer)).toMatchObject({ shares: 1, opens: 0, registrations: 0 })
    // (A brand-new visitor id is a new person to the server: that is what the rate limits are for.)
  })

  test('one credited open per person per sharer: repeats, replays and concurrent replays add nothing', async () => {
    const sharer = await registeredPerson(ctx)
    const code = await shareCode(ctx, sharer, articleId)
    const visitor = newVisitorId()
    expect(await opened(ctx, code, { visitorId: visitor })).toBe(true)
    expect(await opened(ctx, code, { visitorId: visitor })).toBe(false)
    // The same request replayed ten times at once.
    const replays = await Promise.all(Array.from({ length: 10 }, () => openShare(ctx, code, { visitorId: visitor })))
    expect(replays.map((r) => r.statusCode)).toEqual(Array(10).fill(200))
    expect(replays.filter((r) => r.json().credited)).toHaveLength(0)
    // A different share of the same sharer (another channel) is still the same sharer.
    const timeline = await shareCode(ctx, sharer, articleId, 'article', 'timeline')
    expect(await opened(ctx, timeline, { visitorId: visitor })).toBe(false)

    // A second person counts; the same person signing in later on that phone does not count again.
    const reader = await signInNew(ctx)
    expect(await opened(ctx, code, { who: reader, visitorId: visitor })).toBe(false)
    const second = await signInNew(ctx)
    expect(await opened(ctx, code, { who: second })).toBe(true)
    expect(await opened(ctx, code, { who: second, visitorId: newVisitorId() })).toBe(false)
    // Ten people replaying their first open at once: ten opens, one each.
    const crowd = await Promise.all(Array.from({ length: 10 }, () => newVisitorId()))
    const results = await Promise.all(crowd.flatMap((v) => [openShare(ctx, code, { visitorId: v }), openShare(ctx, code, { visitorId: v })]))
    expect(results.filter((r) => r.json().credited)).toHaveLength(10)
    expect(await opensOf(sharer.id)).toHaveLength(12)
    expect(await mine(ctx, sharer)).toMatchObject({ shares: 2, opens: 12 })
  })

  test('an open with neither an account nor a visitor id counts for nobody', async () => {
    const sharer = await registeredPerson(ctx)
    const code = await shareCode(ctx, sharer, articleId)
    expect(await opened(ctx, code)).toBe(false)
    expect(await opensOf(sharer.id)).toHaveLength(0)
  })

  test('opens are rate-limited per viewer and per address (429 RATE_LIMITED)', async () => {
    const visitor = newVisitorId()
    // 30 an hour for one viewer: one open of each of 31 sharers' shares.
    const codes: string[] = []
    for (let i = 0; i < 31; i++) codes.push(await shareCode(ctx, await registeredPerson(ctx), articleId))
    const statuses: number[] = []
    for (const code of codes) statuses.push((await openShare(ctx, code, { visitorId: visitor, ip: '10.9.9.9' })).statusCode)
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(200))
    expect(statuses[30]).toBe(429)
    const limited = await openShare(ctx, codes[30], { visitorId: visitor, ip: '10.9.9.9' })
    expect(limited.json().code).toBe('RATE_LIMITED')
    // 120 an hour from one address, whoever asks.
    const ip = '10.7.7.7'
    let last = 0
    for (let i = 0; i < 121; i++) last = (await openShare(ctx, codes[0], { visitorId: newVisitorId(), ip })).statusCode
    expect(last).toBe(429)
  })
})

describe('registrations', () => {
  test('a visitor who opened a share and then registers is credited to the sharer, once', async () => {
    const sharer = await registeredPerson(ctx)
    const code = await shareCode(ctx, sharer, articleId)
    const phone = newVisitorId()
    expect(await opened(ctx, code, { visitorId: phone })).toBe(true)
    const newcomer = await signInNew(ctx)
    await register(ctx, newcomer, '513328200', phone)
    expect(await registrationsOf(ctx, newcomer.id)).toEqual([expect.objectContaining({ sharer_id: sharer.id })])
    // Editing the profile later is not registering again.
    await register(ctx, newcomer, '513328200', phone, '改过的昵称')
    expect(await registrationsOf(ctx, newcomer.id)).toHaveLength(1)
    expect(await mine(ctx, sharer)).toMatchObject({ shares: 1, opens: 1, registrations: 1 })
  })

  test('a signed-in (not yet registered) reader’s open counts too; the sharer of the latest open wins', async () => {
    const first = await registeredPerson(ctx)
    const second = await registeredPerson(ctx)
    const reader = await signInNew(ctx)
    const firstCode = await shareCode(ctx, first, articleId)
    const secondCode = await shareCode(ctx, second, articleId)
    expect(await opened(ctx, firstCode, { who: reader })).toBe(true)
    advance(2 * DAY)
    expect(await opened(ctx, secondCode, { who: reader })).toBe(true)
    advance(DAY)
    await register(ctx, reader)
    expect(await registrationsOf(ctx, reader.id)).toEqual([expect.objectContaining({ sharer_id: second.id })])
  })

  test('a re-open counts as the latest open: the first sharer opened again after the second wins', async () => {
    const first = await registeredPerson(ctx)
    const second = await registeredPerson(ctx)
    const phone = newVisitorId()
    const firstCode = await shareCode(ctx, first, articleId)
    expect(await opened(ctx, firstCode, { visitorId: phone })).toBe(true)
    advance(DAY)
    expect(await opened(ctx, await shareCode(ctx, second, articleId), { visitorId: phone })).toBe(true)
    advance(DAY)
    // Opened again: not another credited open, but the latest one.
    expect(await opened(ctx, firstCode, { visitorId: phone })).toBe(false)
    advance(HOUR)
    const reader = await signInNew(ctx)
    await register(ctx, reader, '513328200', phone)
    expect(await registrationsOf(ctx, reader.id)).toEqual([expect.objectContaining({ sharer_id: first.id })])
    expect(await mine(ctx, first)).toMatchObject({ opens: 1, registrations: 1 })
    expect(await mine(ctx, second)).toMatchObject({ opens: 1, registrations: 0 })
  })

  test(`the ${SHARE_ATTRIBUTION_DAYS}-day window: 7 days + 1 minute after the open does not count, 6 days 23 hours does`, async () => {
    const sharer = await registeredPerson(ctx)
    const code = await shareCode(ctx, sharer, articleId)

    const late = newVisitorId()
    expect(await opened(ctx, code, { visitorId: late })).toBe(true)
    advance(7 * DAY + MINUTE)
    const tooLate = await signInNew(ctx)
    await register(ctx, tooLate, '513328200', late)
    expect(await registrationsOf(ctx, tooLate.id)).toEqual([])
    // The registration happened on the app's clock.
    const registeredAt = (await ctx.db.selectFrom('users').select('registered_at').where('id', '=', tooLate.id).executeTakeFirstOrThrow()).registered_at
    expect(Date.parse(registeredAt!)).toBe(clock.getTime())

    const inTime = newVisitorId()
    expect(await opened(ctx, code, { visitorId: inTime })).toBe(true)
    advance(6 * DAY + 23 * HOUR)
    const onTime = await signInNew(ctx)
    await register(ctx, onTime, '513328200', inTime)
    expect(await registrationsOf(ctx, onTime.id)).toEqual([expect.objectContaining({ sharer_id: sharer.id })])

    expect(await mine(ctx, sharer)).toMatchObject({ opens: 2, registrations: 1 })
  })

  test('the window runs from the latest open: first opened 10 days ago, again yesterday, registers today', async () => {
    const sharer = await registeredPerson(ctx)
    const code = await shareCode(ctx, sharer, articleId)
    const phone = newVisitorId()
    const firstOpen = clock
    expect(await opened(ctx, code, { visitorId: phone })).toBe(true)
    advance(9 * DAY)
    const reopen = clock
    expect(await opened(ctx, code, { visitorId: phone })).toBe(false)
    advance(DAY)
    const newcomer = await signInNew(ctx)
    await register(ctx, newcomer, '513328200', phone)
    expect(await registrationsOf(ctx, newcomer.id)).toEqual([expect.objectContaining({ sharer_id: sharer.id })])
    // One row for the person: when they first counted, and when they last opened.
    const rows = await opensOf(sharer.id)
    expect(rows).toHaveLength(1)
    expect([Date.parse(rows[0].created_at), Date.parse(rows[0].last_opened_at)]).toEqual([firstOpen.getTime(), reopen.getTime()])
    expect(await mine(ctx, sharer)).toMatchObject({ opens: 1, registrations: 1 })
  })

  test('an open only 8 days before registering, never repeated, is too old', async () => {
    const sharer = await registeredPerson(ctx)
    const phone = newVisitorId()
    expect(await opened(ctx, await shareCode(ctx, sharer, articleId), { visitorId: phone })).toBe(true)
    advance(8 * DAY)
    const newcomer = await signInNew(ctx)
    await register(ctx, newcomer, '513328200', phone)
    expect(await registrationsOf(ctx, newcomer.id)).toEqual([])
  })

  test('a registration is never credited to the person themselves', async () => {
    // Signed in (not registered yet), this person shares; their own phone opens it signed out
    // first (an unknown visitor then), and they register from that phone.
    const self = await signInNew(ctx)
    const code = await shareCode(ctx, self, articleId)
    const phone = newVisitorId()
    expect(await opened(ctx, code, { visitorId: phone })).toBe(true)
    await register(ctx, self, '513328200', phone)
    expect(await registrationsOf(ctx, self.id)).toEqual([])
    // From now on the phone is known to be theirs.
    expect(await opened(ctx, await shareCode(ctx, self, articleId, 'article', 'timeline'), { visitorId: phone })).toBe(false)
  })

  test('registering twice at once is credited once', async () => {
    const sharer = await registeredPerson(ctx)
    const code = await shareCode(ctx, sharer, articleId)
    const phone = newVisitorId()
    await opened(ctx, code, { visitorId: phone })
    const newcomer = await signInNew(ctx)
    await Promise.all([register(ctx, newcomer, '513328200', phone), register(ctx, newcomer, '513328200', phone)])
    expect(await registrationsOf(ctx, newcomer.id)).toHaveLength(1)
  })

  test('a registration without any open, or with a malformed visitor id, is credited to nobody', async () => {
    const newcomer = await signInNew(ctx)
    await register(ctx, newcomer, '513328200', 'short')
    expect(await registrationsOf(ctx, newcomer.id)).toEqual([])
  })
})
