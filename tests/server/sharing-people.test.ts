// Who is one person to the sharing rules. The app always has a visitor id (made once, kept in the
// phone's storage) and sends it as X-Visitor-Id when it reports an open, signs in, shares or
// registers; a signed-in request with one tells the server whose phone it is (the visitors table).
// An open is the person's: their account when known (signed in, or through the phone), else the
// phone. So a sharer opening their own link signed out on their own phone is not credited, a person
// who opened signed in and then signed out counts once, and a phone that turns out to be a known
// person's later is folded into that person. One address cannot mint new people for a sharer
// beyond a few a day, however many visitor ids it makes up. Runs on SQLite and PostgreSQL.
import { PRIVACY_VERSION } from '../../common/enums'
import { ConfigError, loadConfig } from '../../server/src/config'
import { login, useTestContext } from './helpers'
import {
  anArticleId,
  mine,
  newAddress,
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

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** New people one address can bring a sharer per day (sharing.service CREDITED_PER_ADDRESS). */
const PER_ADDRESS = 10

let articleId: number
let clock = new Date()
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms)
}
const ctx = useTestContext({}, { now: () => clock })
beforeAll(async () => {
  articleId = await anArticleId(ctx)
})

const opensOf = (sharerId: number) => ctx.db.selectFrom('share_opens').selectAll().where('sharer_id', '=', sharerId).orderBy('id').execute()
const ownerOf = async (visitorId: string) =>
  (await ctx.db.selectFrom('visitors').select('user_id').where('visitor_id', '=', visitorId).executeTakeFirst())?.user_id ?? null

/** Signs in through WeChat (the emulator) on a phone that sends its visitor id, as the app does. */
async function signInOnPhone(phone: string): Promise<Person> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-visitor-id': phone },
    payload: { code: `code-${newVisitorId()}`, consentVersion: PRIVACY_VERSION },
  })
  expect(res.statusCode).toBe(200)
  return { id: res.json().user.id, auth: { authorization: `Bearer ${res.json().token}` } }
}

describe('a phone known to be the sharer’s', () => {
  test('sharing from a phone makes it the sharer’s: their own link opened there signed out is not credited', async () => {
    const sharer = await registeredPerson(ctx)
    const phone = newVisitorId()
    const code = await shareCode(ctx, sharer, articleId, 'article', 'chat', phone)
    expect(await ownerOf(phone)).toBe(sharer.id)
    expect(await opened(ctx, code, { visitorId: phone })).toBe(false)
    expect(await opensOf(sharer.id)).toEqual([])
    expect(await mine(ctx, sharer)).toMatchObject({ opens: 0 })
  })

  test('so does registering or signing in on it', async () => {
    const registeredThere = newVisitorId()
    const sharer = await signInNew(ctx)
    await register(ctx, sharer, undefined, registeredThere)
    const signedInThere = newVisitorId()
    const other = await signInOnPhone(signedInThere)
    for (const [who, phone] of [[sharer, registeredThere], [other, signedInThere]] as const) {
      expect(await ownerOf(phone)).toBe(who.id)
      // Shared from somewhere else (no visitor id): the phone is still known.
      const code = await shareCode(ctx, who, articleId)
      expect(await opened(ctx, code, { visitorId: phone })).toBe(false)
      expect(await opensOf(who.id)).toEqual([])
    }
  })

  test('another account signed in on the sharer’s phone does not count for them either', async () => {
    const sharer = await registeredPerson(ctx)
    const phone = newVisitorId()
    const code = await shareCode(ctx, sharer, articleId, 'article', 'chat', phone)
    const second = await signInNew(ctx)
    expect(await opened(ctx, code, { who: second, visitorId: phone })).toBe(false)
    expect(await opensOf(sharer.id)).toEqual([])
    // The phone stays the first account's (the first to sign in on it keeps it).
    expect(await ownerOf(phone)).toBe(sharer.id)
  })

  test('a self-open from a phone not known yet is dropped once the phone turns out to be the sharer’s', async () => {
    const sharer = await registeredPerson(ctx)
    const code = await shareCode(ctx, sharer, articleId)
    const phone = newVisitorId()
    // Unknown phone: a new person as far as the server can tell.
    expect(await opened(ctx, code, { visitorId: phone })).toBe(true)
    expect(await mine(ctx, sharer)).toMatchObject({ opens: 1 })
    // The sharer then shares from that phone: it was theirs all along.
    await shareCode(ctx, sharer, articleId, 'article', 'timeline', phone)
    expect(await opensOf(sharer.id)).toEqual([])
    expect(await mine(ctx, sharer)).toMatchObject({ opens: 0 })
  })
})

describe('one person, one credited open per sharer', () => {
  test('opened signed in, then signed out on the same phone: counted once', async () => {
    const sharer = await registeredPerson(ctx)
    const code = await shareCode(ctx, sharer, articleId)
    const reader = await registeredPerson(ctx)
    const phone = newVisitorId()
    expect(await opened(ctx, code, { who: reader, visitorId: phone })).toBe(true)
    expect(await ownerOf(phone)).toBe(reader.id)
    // Signed out now (or the session expired): the phone is still the reader.
    expect(await opened(ctx, code, { visitorId: phone })).toBe(false)
    // Another of the sharer's codes is the same sharer.
    expect(await opened(ctx, await shareCode(ctx, sharer, articleId, 'article', 'poster'), { visitorId: phone })).toBe(false)
    expect(await opensOf(sharer.id)).toEqual([expect.objectContaining({ viewer_key: `u:${reader.id}`, viewer_id: reader.id })])
    expect(await mine(ctx, sharer)).toMatchObject({ opens: 1 })
  })

  test('signed in on one phone and signed out on another that is later signed in: folded into one', async () => {
    const sharer = await registeredPerson(ctx)
    const code = await shareCode(ctx, sharer, articleId)
    const reader = await registeredPerson(ctx)
    const work = newVisitorId()
    const home = newVisitorId()
    expect(await opened(ctx, code, { who: reader, visitorId: work })).toBe(true)
    const first = (await opensOf(sharer.id))[0]
    advance(HOUR)
    // At home, signed out: a phone nobody knows yet, so a new person for now.
    expect(await opened(ctx, code, { visitorId: home })).toBe(true)
    expect(await mine(ctx, sharer)).toMatchObject({ opens: 2 })
    advance(HOUR)
    // Then the reader signs in at home (any signed-in request with the phone's id): one person again.
    await signInOnPhoneAs(reader, home)
    const rows = await opensOf(sharer.id)
    expect(rows).toHaveLength(1)
    // The row the person first counted with, with the latest open.
    expect(rows[0]).toMatchObject({ id: first.id, viewer_key: `u:${reader.id}`, viewer_id: reader.id, created_at: first.created_at })
    expect(Date.parse(rows[0].last_opened_at)).toBe(clock.getTime() - HOUR)
    expect(await mine(ctx, sharer)).toMatchObject({ opens: 1 })
    // And from then on the home phone is the reader's.
    expect(await opened(ctx, code, { visitorId: home })).toBe(false)
    expect(await opensOf(sharer.id)).toHaveLength(1)
  })

  test('a phone’s opens of several sharers all become the person’s when they register there', async () => {
    const a = await registeredPerson(ctx)
    const b = await registeredPerson(ctx)
    const phone = newVisitorId()
    expect(await opened(ctx, await shareCode(ctx, a, articleId), { visitorId: phone })).toBe(true)
    advance(HOUR)
    expect(await opened(ctx, await shareCode(ctx, b, articleId), { visitorId: phone })).toBe(true)
    const newcomer = await signInNew(ctx)
    await register(ctx, newcomer, undefined, phone)
    for (const sharer of [a, b]) {
      expect(await opensOf(sharer.id)).toEqual([expect.objectContaining({ viewer_key: `u:${newcomer.id}`, viewer_id: newcomer.id })])
    }
    // b's open was the latest: b gets the registration.
    expect(await registrationsOf(ctx, newcomer.id)).toEqual([expect.objectContaining({ sharer_id: b.id })])
  })

  test('the visitor id is read from X-Visitor-Id; a malformed one is no visitor', async () => {
    const sharer = await registeredPerson(ctx)
    const code = await shareCode(ctx, sharer, articleId)
    const bad = await openShare(ctx, code, { headers: { 'x-visitor-id': 'short' } })
    expect([bad.statusCode, bad.json()]).toEqual([200, { credited: false }])
    // Builds that put it in the body still count.
    const body = await ctx.app.inject({ method: 'POST', url: `/api/shares/${code}/opens`, payload: { visitorId: newVisitorId() }, remoteAddress: newAddress() })
    expect(body.json()).toEqual({ credited: true })
  })
})

/** Any signed-in request carrying the phone's id ties the phone to the person: here, an open of some share. */
async function signInOnPhoneAs(who: Person, phone: string) {
  const someone = await registeredPerson(ctx)
  await opened(ctx, await shareCode(ctx, someone, articleId), { who, visitorId: phone })
}

describe('one address cannot mint people', () => {
  test(`made-up visitor ids from one address: at most ${PER_ADDRESS} new people a day for one sharer`, async () => {
    const sharer = await registeredPerson(ctx)
    const code = await shareCode(ctx, sharer, articleId)
    const ip = newAddress()
    const phones = Array.from({ length: PER_ADDRESS + 5 }, () => newVisitorId())
    const credited: boolean[] = []
    for (const phone of phones) credited.push(await opened(ctx, code, { visitorId: phone, ip }))
    expect(credited).toEqual([...Array(PER_ADDRESS).fill(true), ...Array(5).fill(false)])
    expect(await mine(ctx, sharer)).toMatchObject({ opens: PER_ADDRESS })

    // Another sharer from the same address, or the same sharer from another address: not limited.
    const other = await registeredPerson(ctx)
    expect(await opened(ctx, await shareCode(ctx, other, articleId), { visitorId: newVisitorId(), ip })).toBe(true)
    expect(await opened(ctx, code, { visitorId: newVisitorId(), ip: newAddress() })).toBe(true)

    // Someone the limit left uncounted still brings the registration (that needs a real WeChat account).
    const newcomer = await signInNew(ctx)
    await register(ctx, newcomer, undefined, phones[PER_ADDRESS + 1])
    expect(await registrationsOf(ctx, newcomer.id)).toEqual([expect.objectContaining({ sharer_id: sharer.id })])
    expect(await mine(ctx, sharer)).toMatchObject({ opens: PER_ADDRESS + 1, registrations: 1 })

    // The next day the address may bring a few more; an uncounted person opening again counts then.
    advance(DAY + HOUR)
    expect(await opened(ctx, code, { visitorId: phones[PER_ADDRESS + 2], ip })).toBe(true)
    expect(await opened(ctx, code, { visitorId: newVisitorId(), ip })).toBe(true)
    expect(await mine(ctx, sharer)).toMatchObject({ opens: PER_ADDRESS + 3 })
  })

  test('replays of one person’s first open do not use up the address’s allowance', async () => {
    const sharer = await registeredPerson(ctx)
    const code = await shareCode(ctx, sharer, articleId)
    const ip = newAddress()
    const phone = newVisitorId()
    const replays = await Promise.all(Array.from({ length: PER_ADDRESS + 2 }, () => openShare(ctx, code, { visitorId: phone, ip })))
    expect(replays.filter((r) => r.json().credited)).toHaveLength(1)
    const credited: boolean[] = []
    for (let i = 0; i < PER_ADDRESS - 1; i++) credited.push(await opened(ctx, code, { visitorId: newVisitorId(), ip }))
    expect(credited).toEqual(Array(PER_ADDRESS - 1).fill(true))
    expect(await opened(ctx, code, { visitorId: newVisitorId(), ip })).toBe(false)
  })
})

describe('TRUST_PROXY', () => {
  test('defaults to 0 hops in development and test, 1 in production; must be a small whole number', () => {
    expect(loadConfig({}).trustProxy).toBe(0)
    expect(loadConfig({ NODE_ENV: 'test' }).trustProxy).toBe(0)
    const production = {
      NODE_ENV: 'production',
      WECHAT_API_BASE: 'https://api.weixin.qq.com',
      WECHAT_APPID: 'wx1234567890abcdef',
      WECHAT_SECRET: 'a-real-secret',
      WECHAT_PUSH_TOKEN: 'a-real-token',
      PHONE_ENCRYPTION_KEY: 'a-long-production-key-0123456789',
    }
    expect(loadConfig(production).trustProxy).toBe(1)
    expect(loadConfig({ ...production, TRUST_PROXY: '2' }).trustProxy).toBe(2)
    expect(loadConfig({ ...production, TRUST_PROXY: '0' }).trustProxy).toBe(0)
    for (const bad of ['true', '-1', '1.5', '99']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(ConfigError)
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/)
    }
  })

  describe('with TRUST_PROXY=1', () => {
    const proxied = useTestContext({ TRUST_PROXY: '1' }, { now: () => clock })

    test('behind one proxy, the client’s address is the one the proxy saw: a forged X-Forwarded-For changes nothing', async () => {
      const article = await anArticleId(proxied)
      const s = await login(proxied.app)
      await proxied.app.inject({ method: 'PUT', url: '/api/users/me', headers: s.auth, payload: { nickname: '传播员', role: 'farmer', regionCode: '513328102' } })
      const share = await proxied.app.inject({ method: 'POST', url: '/api/shares', headers: s.auth, payload: { target: 'article', targetId: article, channel: 'chat' } })
      const code = share.json().code
      // The proxy (127.0.0.1) appends the address it saw; a client may put anything before it.
      const viaProxy = (forwarded: string) =>
        proxied.app.inject({
          method: 'POST',
          url: `/api/shares/${code}/opens`,
          headers: { 'x-visitor-id': newVisitorId(), 'x-forwarded-for': forwarded },
          payload: {},
          remoteAddress: '127.0.0.1',
        })
      const credited: boolean[] = []
      for (let i = 0; i < PER_ADDRESS + 3; i++) credited.push((await viaProxy(`172.16.${i}.9, 10.0.0.9`)).json().credited)
      expect(credited).toEqual([...Array(PER_ADDRESS).fill(true), false, false, false])
      // Other people behind the same proxy are other addresses.
      expect((await viaProxy('10.0.0.10')).json().credited).toBe(true)
      expect((await viaProxy('172.16.0.9, 10.0.0.11')).json().credited).toBe(true)
    })
  })
})
