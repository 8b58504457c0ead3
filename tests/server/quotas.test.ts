// Quotas on every costly write (server/src/plugins/quotas.ts): for each quota the first N
// requests pass, the next answers 429 RATE_LIMITED with Retry-After and a Chinese message, and
// another person (or, before login, another address) is not affected. The clock is the app's
// (no sleeping). Runs on SQLite and PostgreSQL.
import { PRIVACY_VERSION } from '../../common/enums'
import { ERROR_MESSAGES } from '../../common/errors'
import { EXEMPT, QUOTAS, ROUTE_QUOTAS, type QuotaName } from '../../server/src/plugins/quotas'
import { MAX_SESSIONS_PER_USER } from '../../server/src/modules/auth/sessions.repository'
import { MAX_PENDING_PER_AUTHOR } from '../../server/src/modules/listings/listings.service'
import { useTestContext } from './helpers'
import { listingBody, newKey, postListing, registerPerson, type Auth, type Person } from './listings-fixtures'

const HOUR = 3_600_000
let clock = new Date('2026-12-01T02:00:00Z')
let staff: Person

const ctx = useTestContext({}, { now: () => clock })
beforeAll(async () => {
  staff = await registerPerson(ctx, 'other')
  await ctx.db.updateTable('users').set({ is_staff: 1 }).where('id', '=', staff.id).execute()
})

/** A multipart body with one "file" that is not an image: refused by the handler, after the quota. */
function notAnImage() {
  const boundary = '----quota-test'
  const payload = [`--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="a.jpg"', 'Content-Type: image/jpeg', '', 'not an image', `--${boundary}--`, ''].join('\r\n')
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

interface Probe {
  method: 'POST' | 'PUT' | 'DELETE'
  url: string
  payload?: unknown | (() => unknown)
  headers?: Record<string, string>
  /** Staff routes are probed as staff. */
  asStaff?: boolean
}

// One request per quota that passes validation (the quota is counted after it) and is cheap: most
// name something that does not exist and answer 404 — what matters here is only whether the
// quota let them through.
const MISSING = 999_999
const PROBES: Record<QuotaName, Probe> = {
  // An address is limited in the login codes WeChat refuses (the emulator refuses 'invalid…'
  // codes); accepted logins are not counted (tests/server/auth-quota.test.ts).
  login: { method: 'POST', url: '/api/auth/login', payload: () => ({ code: `invalid-quota:${Math.random()}`, consentVersion: PRIVACY_VERSION }) },
  profile: { method: 'PUT', url: '/api/users/me', payload: { nickname: '配额测试', role: 'farmer', regionCode: '513328200' } },
  avatar: { method: 'POST', url: '/api/users/me/avatar', ...notAnImage() },
  phone: { method: 'POST', url: '/api/users/me/phone', payload: { code: 'phone-code-quota' } },
  upload: { method: 'POST', url: '/api/uploads', ...notAnImage() },
  voice: { method: 'POST', url: '/api/uploads/voice', ...notAnImage() },
  post: { method: 'PUT', url: `/api/listings/${MISSING}`, payload: listingBody() },
  response: { method: 'POST', url: `/api/listings/${MISSING}/responses`, payload: { message: '我可以帮忙看看' } },
  'listing-state': { method: 'POST', url: `/api/listings/${MISSING}/close` },
  verification: { method: 'POST', url: '/api/verifications', payload: { note: '呷拉乡科协主席' } },
  entry: { method: 'DELETE', url: `/api/contests/${MISSING}/entries/mine` },
  nomination: { method: 'POST', url: `/api/nominations/${MISSING}/decline` },
  share: { method: 'POST', url: '/api/shares', payload: { target: 'listing', targetId: MISSING, channel: 'chat' } },
  'staff-decision': { method: 'POST', url: `/api/staff/review/listing/${MISSING}/approve`, asStaff: true },
  'staff-bulk': { method: 'POST', url: '/api/staff/review/bulk', payload: { items: [{ kind: 'listing', id: MISSING }], decision: 'approve' }, asStaff: true },
  'messages-read': { method: 'POST', url: `/api/messages/${MISSING}/read` },
  triage: { method: 'POST', url: `/api/triage/assignments/${MISSING}/decline`, payload: { reason: '不熟悉这个病' } },
  'staff-import': { method: 'POST', url: '/api/staff/news/preview', payload: { text: '四川科技报 2026年12月4日 第1版 要闻\n牦牛冬季补饲技术培训在甘孜县举行。' }, asStaff: true },
}

/** The test's own logins come from 127.0.0.1: the login probe uses addresses of its own. */
function send(probe: Probe, auth: Auth | undefined, remoteAddress = auth ? '127.0.0.1' : '198.51.100.7') {
  return ctx.app.inject({
    method: probe.method,
    url: probe.url,
    payload: (typeof probe.payload === 'function' ? probe.payload() : probe.payload) as any,
    headers: { ...(probe.headers ?? {}), ...(auth ?? {}) },
    remoteAddress,
  })
}

test.each(Object.keys(PROBES) as QuotaName[])('quota %s: the first N pass, then 429 with Retry-After and the message; another person is unaffected', async (name) => {
  const probe = PROBES[name]
  {
    // A fresh hour for each quota, and fresh people.
    clock = new Date(clock.getTime() + 2 * HOUR)
    const [first, second] = probe.asStaff ? [staff, staff] : [await registerPerson(ctx, 'chair'), await registerPerson(ctx, 'farmer')]
    const limit = Math.min(...QUOTAS[name].map((r) => r.limit))
    const other = probe.asStaff ? await registerPerson(ctx, 'other') : second
    if (probe.asStaff) await ctx.db.updateTable('users').set({ is_staff: 1 }).where('id', '=', other.id).execute()
    // Before login the quota is the address's: the "other person" is another address.
    const auth = name === 'login' ? undefined : first.auth
    const otherAuth = name === 'login' ? undefined : other.auth
    const otherAddress = name === 'login' ? '203.0.113.9' : undefined

    // Registering (registerPerson) was the person's first profile save.
    const used = name === 'profile' ? 1 : 0
    for (let i = used; i < limit; i++) {
      const res = await send(probe, auth)
      if (res.statusCode === 429 || res.statusCode >= 500) throw new Error(`${name}: request ${i + 1} of ${limit} answered ${res.statusCode} ${res.body}`)
    }
    const refused = await send(probe, auth)
    expect({ name, status: refused.statusCode, body: refused.json() }).toEqual({
      name,
      status: 429,
      body: { code: 'RATE_LIMITED', message: ERROR_MESSAGES.RATE_LIMITED },
    })
    const retryAfter = Number(refused.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(Math.max(...QUOTAS[name].map((r) => r.windowMs)) / 1000)

    const others = await send(probe, otherAuth, otherAddress)
    expect({ name, status: others.statusCode }).not.toEqual({ name, status: 429 })
  }
}, 60_000)

test('a quota with an hourly and a daily rule: a new hour lets more through, until the day is used up', async () => {
  clock = new Date('2026-12-10T00:30:00Z')
  const person = await registerPerson(ctx, 'farmer')
  const probe = PROBES.post
  const [hourly, daily] = QUOTAS.post
  let passed = 0
  for (let hour = 0; passed < daily.limit; hour++) {
    clock = new Date(Date.parse('2026-12-10T00:30:00Z') + hour * HOUR)
    for (let i = 0; i < hourly.limit && passed < daily.limit; i++) {
      expect((await send(probe, person.auth)).statusCode).toBe(404)
      passed++
    }
  }
  clock = new Date(clock.getTime() + HOUR)
  const refused = await send(probe, person.auth)
  expect(refused.statusCode).toBe(429)
  // The day's window started with the first request: retry after the rest of that day.
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(HOUR / 1000)
})

test('at most 20 posts of one person wait for review: the 21st is refused, with its own code', async () => {
  clock = new Date('2026-12-20T02:00:00Z')
  const chair = await registerPerson(ctx, 'chair')
  const results = await Promise.all(
    Array.from({ length: MAX_PENDING_PER_AUTHOR + 5 }, (_, i) => postListing(ctx, chair.auth, listingBody({ title: `牦牛补饲求助第${i + 1}条` }), newKey())),
  )
  const statuses = results.map((r) => r.statusCode).sort()
  expect(statuses.filter((s) => s === 201)).toHaveLength(MAX_PENDING_PER_AUTHOR)
  const refused = results.filter((r) => r.statusCode === 429)
  expect(refused).toHaveLength(5)
  for (const r of refused) {
    expect(r.json()).toEqual({ code: 'PENDING_LIMIT', message: ERROR_MESSAGES.PENDING_LIMIT })
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0)
  }
  const pending = await ctx.db.selectFrom('listings').select('id').where('author_id', '=', chair.id).where('status', '=', 'pending').execute()
  expect(pending).toHaveLength(MAX_PENDING_PER_AUTHOR)

  // Once staff have decided one, there is room for one more.
  const approve = await ctx.app.inject({ method: 'POST', url: `/api/staff/review/listing/${pending[0].id}/approve`, headers: staff.auth })
  expect(approve.statusCode).toBe(200)
  expect((await postListing(ctx, chair.auth, listingBody({ title: '审核后再发一条求助' }), newKey())).statusCode).toBe(201)
})

test('one person keeps at most 10 sessions: a new login ends the oldest', async () => {
  clock = new Date('2026-12-21T02:00:00Z')
  const tokens: string[] = []
  for (let i = 0; i < MAX_SESSIONS_PER_USER + 3; i++) {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { code: `many-phones-person:${i}`, consentVersion: PRIVACY_VERSION } })
    expect(res.statusCode).toBe(200)
    tokens.push(res.json().token)
  }
  const me = (token: string) => ctx.app.inject({ method: 'GET', url: '/api/users/me', headers: { authorization: `Bearer ${token}` } })
  const statuses = await Promise.all(tokens.map(async (t) => (await me(t)).statusCode))
  expect(statuses).toEqual([...Array(3).fill(401), ...Array(MAX_SESSIONS_PER_USER).fill(200)])
})

test('every write route has a quota or a stated exemption, and every listed route exists', () => {
  // The app refuses to start with an unlisted write route (buildApp above would have thrown);
  // here: no entry of the tables names a route that is not there.
  for (const key of [...Object.keys(ROUTE_QUOTAS), ...Object.keys(EXEMPT)]) {
    const [method, url] = key.split(' ')
    if (method === '*') continue
    expect({ key, exists: ctx.app.hasRoute({ method: method as 'POST', url }) }).toEqual({ key, exists: true })
  }
})
