// Signing in and out through the real routes, against the WeChat emulator over HTTP.
import { randomBytes } from 'node:crypto'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { PRIVACY_VERSION } from '../../common/enums'
import { seedDemoData } from '../../server/src/seed/seed'
import { EMULATOR_APPID, EMULATOR_SECRET } from '../../server/src/wechat/emulator'
import { login, useTestContext } from './helpers'

/** Every response this file received, so the last test can check none of them leaked session_key. */
const seen: string[] = []

async function call(opts: InjectOptions): Promise<LightMyRequestResponse> {
  const res = await ctx.app.inject(opts)
  seen.push(JSON.stringify(res.headers) + '\n' + res.body)
  return res
}

/** consentVersion null leaves the field out of the body. */
const loginWith = (code: string, consentVersion: string | null = PRIVACY_VERSION) =>
  call({ method: 'POST', url: '/api/auth/login', payload: consentVersion === null ? { code } : { code, consentVersion } })

const me = (authorization?: string) =>
  call({ method: 'GET', url: '/api/users/me', headers: authorization === undefined ? {} : { authorization } })

const bearer = (token: string) => `Bearer ${token}`
const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`
const CHINESE = /[\u4e00-\u9fa5]/

async function userCount(): Promise<number> {
  const row = await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

const ctx = useTestContext()

describe('POST /api/auth/login', () => {
  it('creates an account on first login, records the consent and returns a working token', async () => {
    const before = Date.now()
    const res = await loginWith(unique('newcomer'))
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.token).toEqual(expect.any(String))
    expect(body.token.length).toBeGreaterThanOrEqual(20)
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 86_400_000)
    expect(body.user).toMatchObject({ registered: false, consentVersion: PRIVACY_VERSION, nickname: null, phoneMasked: null })

    const consents = await ctx.db.selectFrom('consents').selectAll().where('user_id', '=', body.user.id).execute()
    expect(consents).toHaveLength(1)
    expect(consents[0]).toMatchObject({ version: PRIVACY_VERSION, channel: 'weapp' })
    const agreedAt = new Date(consents[0].agreed_at).getTime()
    expect(agreedAt).toBeGreaterThanOrEqual(before - 1000)
    expect(agreedAt).toBeLessThanOrEqual(Date.now() + 1000)

    const profile = await me(bearer(body.token))
    expect(profile.statusCode).toBe(200)
    expect(profile.json().id).toBe(body.user.id)
  })

  it('refuses a login code that was already used', async () => {
    const code = unique('once')
    expect((await loginWith(code)).statusCode).toBe(200)
    const again = await loginWith(code)
    expect(again.statusCode).toBe(400)
    expect(again.json()).toMatchObject({ code: 'AUTH_CODE_INVALID', message: expect.stringMatching(CHINESE) })
  })

  it('refuses a code WeChat calls invalid, without creating anyone', async () => {
    const users = await userCount()
    const res = await loginWith(unique('invalid'))
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'AUTH_CODE_INVALID', message: expect.stringMatching(CHINESE) })
    expect(await userCount()).toBe(users)
  })

  it.each([
    ['missing', null],
    ['empty', ''],
    ['an older guide', '2025-01-01'],
    ['a guide that does not exist', '2099-01-01'],
  ])('needs the current consent version (%s) and creates no account without it', async (_label, consentVersion) => {
    const users = await userCount()
    const code = unique('noconsent')
    const res = await loginWith(code, consentVersion)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'CONSENT_REQUIRED', message: '请先阅读并同意隐私保护指引' })
    expect(await userCount()).toBe(users)
    // The code was not spent on WeChat: once the person agrees, the same code still signs them in.
    expect((await loginWith(code)).statusCode).toBe(200)
  })

  it('refuses a missing code', async () => {
    const res = await call({ method: 'POST', url: '/api/auth/login', payload: { consentVersion: PRIVACY_VERSION } })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('VALIDATION_FAILED')
  })

  it('signs the same WeChat user into the same account every time, with separate sessions', async () => {
    const person = unique('alice')
    const first = await loginWith(`${person}:1`)
    const second = await loginWith(`${person}:2`)
    const other = await loginWith(`${unique('bob')}:1`)
    expect(first.statusCode).toBe(200)
    expect(second.statusCode).toBe(200)
    expect(second.json().user.id).toBe(first.json().user.id)
    expect(other.json().user.id).not.toBe(first.json().user.id)
    expect(second.json().token).not.toBe(first.json().token)
    // Both sessions are live at once (phone and H5).
    expect((await me(bearer(first.json().token))).statusCode).toBe(200)
    expect((await me(bearer(second.json().token))).statusCode).toBe(200)
  })

  it('records the consent again when a person who agreed to an older guide signs in on the current one', async () => {
    const person = unique('carol')
    const first = (await loginWith(`${person}:1`)).json()
    // The guide they agreed to is an older one now (as after PRIVACY_VERSION was bumped).
    await ctx.db.updateTable('users').set({ consent_version: '2025-01-01' }).where('id', '=', first.user.id).execute()
    const refused = await loginWith(`${person}:2`, '2025-01-01')
    expect(refused.json().code).toBe('CONSENT_REQUIRED')
    const again = await loginWith(`${person}:3`)
    expect(again.statusCode).toBe(200)
    expect(again.json().user).toMatchObject({ id: first.user.id, consentVersion: PRIVACY_VERSION, consentRequired: false })
    const versions = await ctx.db
      .selectFrom('consents')
      .select('version')
      .where('user_id', '=', first.user.id)
      .orderBy('id')
      .execute()
    expect(versions.map((c) => c.version)).toEqual([PRIVACY_VERSION, PRIVACY_VERSION])
  })

  it('signs two simultaneous first logins of one person into one account', async () => {
    const person = unique('race')
    const results = await Promise.all([1, 2, 3].map((n) => loginWith(`${person}:${n}`)))
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200])
    expect(new Set(results.map((r) => r.json().user.id)).size).toBe(1)
  })
})

describe('sessions', () => {
  it('logout revokes only the token it was called with', async () => {
    const person = unique('dave')
    const phone = (await loginWith(`${person}:1`)).json()
    const browser = (await loginWith(`${person}:2`)).json()
    expect((await me(bearer(phone.token))).statusCode).toBe(200)

    const out = await call({ method: 'POST', url: '/api/auth/logout', headers: { authorization: bearer(phone.token) } })
    expect(out.statusCode).toBe(200)
    expect(out.json()).toEqual({ ok: true })

    const after = await me(bearer(phone.token))
    expect(after.statusCode).toBe(401)
    expect(after.json()).toMatchObject({ code: 'SESSION_EXPIRED', message: expect.stringMatching(CHINESE) })
    expect((await me(bearer(browser.token))).statusCode).toBe(200)
  })

  it('accepts a logout sent as wx.request sends it: JSON content type with an empty body', async () => {
    const session = (await loginWith(unique('erin'))).json()
    const out = await call({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: bearer(session.token), 'content-type': 'application/json' },
      payload: '',
    })
    expect(out.statusCode).toBe(200)
    expect((await me(bearer(session.token))).statusCode).toBe(401)
  })

  it('asks for a login when no token is sent', async () => {
    const res = await me()
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ code: 'AUTH_REQUIRED', message: expect.stringMatching(CHINESE) })
  })

  it.each([
    ['a non-bearer scheme', 'Basic dXNlcjpwYXNz'],
    ['a bearer without token', 'Bearer '],
    ['a malformed token', 'Bearer not a token at all!'],
    ['random bytes', 'x'.repeat(300)],
  ])('answers 401 AUTH_REQUIRED for %s', async (_label, header) => {
    const res = await me(header)
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ code: 'AUTH_REQUIRED', message: expect.stringMatching(CHINESE) })
  })

  it('answers 401 SESSION_EXPIRED for a well-formed token that was never issued', async () => {
    const res = await me(bearer(randomBytes(32).toString('base64url')))
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('SESSION_EXPIRED')
  })

  it('treats a session past its expiry as expired', async () => {
    const { token, user, auth } = await login(ctx.app)
    expect((await me(auth.authorization)).statusCode).toBe(200)
    const updated = await ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
      .where('user_id', '=', user.id)
      .executeTakeFirst()
    expect(Number(updated.numUpdatedRows)).toBe(1)
    const res = await me(bearer(token))
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ code: 'SESSION_EXPIRED', message: expect.stringMatching(CHINESE) })
  })
})

describe('two app instances on one database', () => {
  // As behind a load balancer: app B has its own app and its own connection to the same database
  // (TestContextOptions.sharing), so nothing in app A's memory can answer for it.
  const b = useTestContext({}, () => ({ sharing: ctx }))

  const meOn = async (app: FastifyInstance, token: string) => {
    const res = await app.inject({ method: 'GET', url: '/api/users/me', headers: { authorization: bearer(token) } })
    seen.push(JSON.stringify(res.headers) + '\n' + res.body)
    return res
  }

  it('a token issued by app A works on app B; after logout on A, B refuses it', async () => {
    const session = (await loginWith(unique('frank'))).json()
    const onB = await meOn(b.app, session.token)
    expect(onB.statusCode).toBe(200)
    expect(onB.json().id).toBe(session.user.id)

    const out = await call({ method: 'POST', url: '/api/auth/logout', headers: { authorization: bearer(session.token) } })
    expect(out.statusCode).toBe(200)

    const after = await meOn(b.app, session.token)
    expect(after.statusCode).toBe(401)
    expect(after.json()).toMatchObject({ code: 'SESSION_EXPIRED', message: expect.stringMatching(CHINESE) })
    expect((await me(bearer(session.token))).statusCode).toBe(401)
  })

  it('and the other way round: issued by B, logged out on B, refused on A', async () => {
    const res = await b.app.inject({ method: 'POST', url: '/api/auth/login', payload: { code: unique('grace'), consentVersion: PRIVACY_VERSION } })
    expect(res.statusCode).toBe(200)
    const { token } = res.json()
    expect((await me(bearer(token))).statusCode).toBe(200)
    expect((await b.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: bearer(token) } })).statusCode).toBe(200)
    const after = await me(bearer(token))
    expect(after.statusCode).toBe(401)
    expect(after.json().code).toBe('SESSION_EXPIRED')
  })
})

describe('dev login (H5 against the emulator)', () => {
  it('lists demo users that can each sign in', async () => {
    const list = await call({ method: 'GET', url: '/api/auth/dev-users' })
    expect(list.statusCode).toBe(200)
    const users = list.json().users as Array<{ userKey: string; label: string }>
    expect(users.length).toBeGreaterThan(0)
    for (const u of users) expect(u.label).toMatch(CHINESE)

    await seedDemoData(ctx.db, ctx.config.phoneEncryptionKey, new Date())
    for (const u of users) {
      const res = await call({ method: 'POST', url: '/api/auth/dev-login', payload: { userKey: u.userKey, consentVersion: PRIVACY_VERSION } })
      expect(res.statusCode).toBe(200)
      const body = res.json()
      // Seeded demo people are complete profiles: the H5 demo lands on the home page, not registration.
      expect(body.user.registered).toBe(true)
      expect(body.user.nickname).toEqual(expect.stringMatching(/\S/))
      expect((await me(bearer(body.token))).json().id).toBe(body.user.id)
    }
  })

  it('creates a fresh person for a new key and records the consent as given on H5', async () => {
    const userKey = unique('tester')
    const res = await call({ method: 'POST', url: '/api/auth/dev-login', payload: { userKey, consentVersion: PRIVACY_VERSION } })
    expect(res.statusCode).toBe(200)
    const { user } = res.json()
    expect(user.registered).toBe(false)
    const consent = await ctx.db.selectFrom('consents').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow()
    expect(consent).toMatchObject({ version: PRIVACY_VERSION, channel: 'h5' })
    // The same key is the same person.
    const again = await call({ method: 'POST', url: '/api/auth/dev-login', payload: { userKey, consentVersion: PRIVACY_VERSION } })
    expect(again.json().user.id).toBe(user.id)
  })

  it.each([
    ['no consent', { userKey: 'farmer-zhaxi' }, 'CONSENT_REQUIRED'],
    ['an older consent', { userKey: 'farmer-zhaxi', consentVersion: '2025-01-01' }, 'CONSENT_REQUIRED'],
    ['a key with capitals and spaces', { userKey: 'Not A Key', consentVersion: PRIVACY_VERSION }, 'VALIDATION_FAILED'],
  ])('refuses %s', async (_label, payload, code) => {
    const res = await call({ method: 'POST', url: '/api/auth/dev-login', payload })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe(code)
  })

  describe('with the real WeChat API', () => {
    const real = useTestContext({ WECHAT_API_BASE: 'https://api.weixin.qq.com' })

    it('does not exist when the server talks to real WeChat, while login does', async () => {
      const users = await real.app.inject({ method: 'GET', url: '/api/auth/dev-users' })
      const devLogin = await real.app.inject({
        method: 'POST',
        url: '/api/auth/dev-login',
        payload: { userKey: 'farmer-zhaxi', consentVersion: PRIVACY_VERSION },
      })
      for (const res of [users, devLogin]) {
        expect(res.statusCode).toBe(404)
        expect(res.json()).toMatchObject({ code: 'DEV_LOGIN_DISABLED', message: expect.stringMatching(CHINESE) })
      }
      // No session was created for a demo person.
      const sessions = await real.db.selectFrom('sessions').select('id').execute()
      expect(sessions).toHaveLength(0)
      // The real login route is there (it validates its body before calling WeChat).
      const loginRes = await real.app.inject({ method: 'POST', url: '/api/auth/login', payload: { consentVersion: PRIVACY_VERSION } })
      expect(loginRes.statusCode).toBe(400)
      expect(loginRes.json().code).toBe('VALIDATION_FAILED')
    })
  })
})

describe('session_key', () => {
  it('is handed out by WeChat but never appears in any response of ours', async () => {
    // The emulator does send one (so the check below means something).
    const qs = new URLSearchParams({ appid: EMULATOR_APPID, secret: EMULATOR_SECRET, js_code: unique('probe'), grant_type: 'authorization_code' })
    const upstream = await (await fetch(`${ctx.emulatorUrl}/sns/jscode2session?${qs}`)).json()
    expect(upstream.session_key).toEqual(expect.any(String))

    const res = await loginWith(unique('erin'))
    expect(res.statusCode).toBe(200)
    expect((await me(bearer(res.json().token))).statusCode).toBe(200)
    for (const text of seen) {
      expect(text).not.toMatch(/session_?key/i)
    }
  })
})
