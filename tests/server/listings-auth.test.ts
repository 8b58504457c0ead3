// The authorization matrix of 科技所能所需: every route under the listings prefixes × every kind of
// caller → the answer. The routes come from the app itself (an onRoute hook on every Fastify
// instance), and the file fails when a route has no row here, so a new route cannot slip by
// untested. Each cell acts on fresh data where the call changes something, so cells do not depend
// on each other.
import type { ErrorCode } from '../../common/errors'
import { useTestContext } from './helpers'
import {
  uploadProof,
  claimBody,
  accept,
  approve,
  authOf,
  createPending,
  createPublished,
  expectError,
  GANZI_TOWN,
  listingBody,
  newKey,
  registerPerson,
  respondTo,
  ROLES,
  signedQuery,
  uploadPhoto,
  useWorld,
  type Auth,
  type Person,
  type RoleName,
} from './listings-fixtures'
import { newVoice, uploadVoice } from './voice-fixtures'
import { recordedRoutes } from './route-recorder'

// Record every route any Fastify instance registers (the hook is added before any plugin runs).
jest.mock('fastify', () => require('./route-recorder').recordingFastify())

/** The prefixes whose every route must be in the matrix. */
const PREFIXES = ['/api/listings', '/api/uploads', '/api/staff/review', '/api/staff/verifications', '/api/verifications', '/api/studios', '/api/wechat/push']

type Expect = number | [number, ErrorCode]
interface Request {
  url: string
  payload?: unknown
  headers?: Record<string, string>
  multipart?: boolean
}
interface Row {
  /** Builds the request for one caller; creates whatever fresh data the call needs. */
  prepare: (role: RoleName) => Promise<Request>
  expect: Record<RoleName, Expect>
}

const AUTH: Expect = [401, 'AUTH_REQUIRED']
const FORBIDDEN: Expect = [403, 'FORBIDDEN']
const NOT_FOUND: Expect = [404, 'NOT_FOUND']

/** Every caller gets `value`, except those named in `except`. */
function all(value: Expect, except: Partial<Record<RoleName, Expect>> = {}): Record<RoleName, Expect> {
  return Object.fromEntries(ROLES.map((r) => [r, except[r] ?? value])) as Record<RoleName, Expect>
}
/** Signed-in people get `value`; anonymous callers are told to log in. */
const signedIn = (value: Expect, except: Partial<Record<RoleName, Expect>> = {}) => all(value, { anonymous: AUTH, ...except })
const ownerOnly = (ok: Expect, others: Expect = FORBIDDEN) => all(others, { anonymous: AUTH, owner: ok })
const staffOnly = (ok: Expect) => all(FORBIDDEN, { anonymous: AUTH, staff: ok })

/** Someone who responds to the owner's posts (not a caller of the matrix). */
let responder: Person
/** Shared, read-only: a published post of the owner with one pending response, and a pending post. */
let published: number
let pending: number

const fresh = {
  published: () => createPublished(world, world.owner.auth),
  async withResponse() {
    const id = await fresh.published()
    return { id, responseId: await respondTo(ctx, responder.auth, id) }
  },
  async withAccepted() {
    const r = await fresh.withResponse()
    await accept(ctx, world.owner.auth, r.id, r.responseId)
    return r
  },
  /** A published 科技成果 of the seeded verified expert. */
  async achievement() {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/listings', headers: { ...world.expert.auth, 'idempotency-key': newKey() }, payload: achievementBody() })
    if (res.statusCode !== 201) throw new Error(res.body)
    await approve(ctx, world.staff.auth, res.json().id)
    return res.json().id as number
  },
  async verificationRequest() {
    const chair = await registerPerson(ctx, 'chair', GANZI_TOWN)
    const res = await ctx.app.inject({ method: 'POST', url: '/api/verifications', headers: chair.auth, payload: await claimBody(ctx, chair.auth, 'chair', { note: '甘孜镇科协' }) })
    if (res.statusCode !== 201) throw new Error(res.body)
    return res.json().id as number
  },
}

function achievementBody(overrides: Record<string, unknown> = {}) {
  return listingBody({
    kind: 'achievement',
    side: 'offer',
    title: '牦牛补饲舔砖配方',
    description: '牦牛冬春补饲舔砖配方，减少掉膘，已在牧场小试，可转让。',
    achievement: { stage: 'small_pilot', transferMode: 'transfer', patentNo: 'ZL202110123456.7', institution: '四川省草原科学研究院' },
    ...overrides,
  })
}

const pushQuery = (good: boolean) => {
  const q = signedQuery(good ? undefined : 'not-the-token')
  return new URLSearchParams(q).toString()
}

const MATRIX: Record<string, Row> = {
  // ---- listings: public reading ----
  'GET /api/listings': { prepare: async () => ({ url: '/api/listings' }), expect: all(200) },
  'GET /api/listings [search]': { prepare: async () => ({ url: `/api/listings?q=${encodeURIComponent('牦牛')}` }), expect: all(200) },
  'GET /api/listings/:id': { prepare: async () => ({ url: `/api/listings/${published}` }), expect: all(200) },
  'GET /api/listings/:id [pending post]': {
    prepare: async () => ({ url: `/api/listings/${pending}` }),
    expect: all(NOT_FOUND, { staff: 200, owner: 200 }),
  },
  'GET /api/listings/:id [no such post]': { prepare: async () => ({ url: '/api/listings/999999' }), expect: all(NOT_FOUND) },
  'GET /api/listings/:id/matches': { prepare: async () => ({ url: `/api/listings/${published}/matches` }), expect: all(200) },
  'GET /api/listings/:id/matches [pending post]': { prepare: async () => ({ url: `/api/listings/${pending}/matches` }), expect: all(NOT_FOUND) },

  // ---- listings: one's own ----
  'GET /api/listings/mine': { prepare: async () => ({ url: '/api/listings/mine' }), expect: signedIn(200) },
  'GET /api/listings/responses/mine': { prepare: async () => ({ url: '/api/listings/responses/mine' }), expect: signedIn(200) },
  'GET /api/listings/for-me': { prepare: async () => ({ url: '/api/listings/for-me' }), expect: signedIn(200) },
  'POST /api/listings': {
    prepare: async () => ({ url: '/api/listings', payload: listingBody(), headers: { 'idempotency-key': newKey() } }),
    expect: signedIn(201),
  },
  'POST /api/listings [代发 for 甘孜镇]': {
    prepare: async () => ({
      url: '/api/listings',
      payload: listingBody({ proxy: { name: '扎西多吉', phone: '13800002222', regionCode: GANZI_TOWN, consent: true } }),
      headers: { 'idempotency-key': newKey() },
    }),
    expect: signedIn([403, 'PROXY_NOT_ALLOWED'], { verifiedChair: 201 }),
  },
  'POST /api/listings [科技成果]': {
    prepare: async () => ({ url: '/api/listings', payload: achievementBody(), headers: { 'idempotency-key': newKey() } }),
    // Only a 科技工作者 posts achievements (staff here are not experts).
    expect: signedIn([403, 'ACHIEVEMENT_NOT_EXPERT'], { expert: 201 }),
  },
  'PUT /api/listings/:id [科技成果]': {
    prepare: async () => ({ url: `/api/listings/${await fresh.achievement()}`, payload: achievementBody({ title: '牦牛补饲舔砖配方（修改）' }) }),
    expect: all(FORBIDDEN, { anonymous: AUTH, expert: 200 }),
  },
  'PUT /api/listings/:id': {
    prepare: async () => ({ url: `/api/listings/${await fresh.published()}`, payload: listingBody({ title: '牦牛补饲求指导（修改）' }) }),
    expect: ownerOnly(200),
  },
  'PUT /api/listings/:id [no such post]': {
    prepare: async () => ({ url: '/api/listings/999999', payload: listingBody() }),
    expect: signedIn(NOT_FOUND),
  },
  // A need said by voice in chair-ganzi's township: staff of the area and that chair may word its title, not its author.
  'PUT /api/listings/:id/title': {
    prepare: async () => {
      const note = await newVoice(ctx, world.owner.auth)
      const id = await createPending(ctx, world.owner.auth, { title: '', description: '', voiceId: note.id, regionCode: GANZI_TOWN })
      // Published, so the owner's pending posts stay under their limit for the rows after this one.
      await approve(ctx, world.staff.auth, id)
      return { url: `/api/listings/${id}/title`, payload: { title: '牦牛冬季掉膘求助' } }
    },
    expect: all(FORBIDDEN, { anonymous: AUTH, verifiedChair: 200, staff: 200 }),
  },
  'POST /api/listings/:id/close': { prepare: async () => ({ url: `/api/listings/${await fresh.published()}/close` }), expect: ownerOnly(200) },
  'POST /api/listings/:id/resolve': {
    prepare: async () => ({ url: `/api/listings/${(await fresh.withAccepted()).id}/resolve` }),
    expect: ownerOnly(200),
  },

  // ---- 对接 ----
  'GET /api/listings/:id/responses': { prepare: async () => ({ url: `/api/listings/${published}/responses` }), expect: ownerOnly(200) },
  'POST /api/listings/:id/responses': {
    prepare: async () => ({ url: `/api/listings/${await fresh.published()}/responses`, payload: { message: '我来帮忙', phone: '13900001111' } }),
    expect: signedIn(201, { owner: [403, 'RESPOND_OWN_LISTING'] }),
  },
  'POST /api/listings/:id/responses [科技成果: express interest]': {
    prepare: async () => ({ url: `/api/listings/${await fresh.achievement()}/responses`, payload: { message: '想引进这项成果', phone: '13900001111' } }),
    expect: signedIn(201, { expert: [403, 'RESPOND_OWN_LISTING'] }),
  },
  'POST /api/listings/:id/responses [pending post]': {
    prepare: async () => ({ url: `/api/listings/${pending}/responses`, payload: { message: '我来帮忙', phone: '13900001111' } }),
    expect: signedIn(NOT_FOUND),
  },
  'POST /api/listings/:id/responses/:responseId/accept': {
    prepare: async () => {
      const r = await fresh.withResponse()
      return { url: `/api/listings/${r.id}/responses/${r.responseId}/accept` }
    },
    expect: ownerOnly(200),
  },
  'POST /api/listings/:id/responses/:responseId/feedback': {
    prepare: async () => {
      const r = await fresh.withAccepted()
      return { url: `/api/listings/${r.id}/responses/${r.responseId}/feedback`, payload: { rating: 5, text: '很有帮助' } }
    },
    expect: ownerOnly(200),
  },

  // ---- uploads ----
  'POST /api/uploads': { prepare: async () => ({ url: '/api/uploads', multipart: true }), expect: signedIn(200) },
  'POST /api/uploads/voice': { prepare: async () => ({ url: '/api/uploads/voice', multipart: true }), expect: signedIn(200) },

  // ---- staff review ----
  'GET /api/staff/review/queue': { prepare: async () => ({ url: '/api/staff/review/queue' }), expect: staffOnly(200) },
  'POST /api/staff/review/:kind/:id/approve': {
    prepare: async () => ({ url: `/api/staff/review/listing/${await createPending(ctx, world.owner.auth)}/approve` }),
    expect: staffOnly(200),
  },
  'POST /api/staff/review/:kind/:id/reject': {
    prepare: async () => ({ url: `/api/staff/review/listing/${await createPending(ctx, world.owner.auth)}/reject`, payload: { reason: '描述不清楚' } }),
    expect: staffOnly(200),
  },

  // ---- verifications ----
  'POST /api/verifications': {
    prepare: async (role) => ({ url: '/api/verifications', payload: role === 'unverifiedChair' ? await claimBody(ctx, world.unverifiedChair.auth) : { note: '申请认证' } }),
    // Only a claimed, not yet verified chair or expert has anything to verify.
    expect: signedIn([409, 'VERIFICATION_NOT_NEEDED'], { unverifiedChair: 201 }),
  },
  'POST /api/verifications/proofs': { prepare: async () => ({ url: '/api/verifications/proofs', multipart: true }), expect: signedIn(200) },
  // A proof photo: the applicant (verification-proofs.test.ts) and staff whose area holds the claimant; nobody else learns it exists.
  'GET /api/verifications/:id/proof': {
    prepare: async () => ({ url: `/api/verifications/${await fresh.verificationRequest()}/proof` }),
    expect: all(NOT_FOUND, { anonymous: AUTH, staff: 200 }),
  },
  'GET /api/verifications/mine': { prepare: async () => ({ url: '/api/verifications/mine' }), expect: signedIn(200) },
  'GET /api/staff/verifications': { prepare: async () => ({ url: '/api/staff/verifications' }), expect: staffOnly(200) },
  'POST /api/staff/review/bulk': {
    // A new author each time: the owner's posts waiting for review are capped (PENDING_LIMIT).
    prepare: async () => {
      const author = await registerPerson(ctx, 'farmer', GANZI_TOWN)
      return { url: '/api/staff/review/bulk', payload: { items: [{ kind: 'listing', id: await createPending(ctx, author.auth) }], decision: 'approve' } }
    },
    expect: staffOnly(200),
  },
  'POST /api/staff/verifications/bulk': {
    prepare: async () => ({ url: '/api/staff/verifications/bulk', payload: { ids: [await fresh.verificationRequest()], decision: 'reject', reason: '材料不全' } }),
    expect: staffOnly(200),
  },
  'POST /api/staff/verifications/:id/approve': {
    prepare: async () => ({ url: `/api/staff/verifications/${await fresh.verificationRequest()}/approve` }),
    expect: staffOnly(200),
  },
  'POST /api/staff/verifications/:id/reject': {
    prepare: async () => ({ url: `/api/staff/verifications/${await fresh.verificationRequest()}/reject`, payload: { reason: '材料不全' } }),
    expect: staffOnly(200),
  },

  // ---- 科创工作室: public pages of 科技工作者 ----
  'GET /api/studios/:id': { prepare: async () => ({ url: `/api/studios/${world.expert.id}` }), expect: all(200) },
  'GET /api/studios/:id [not an expert]': { prepare: async () => ({ url: `/api/studios/${world.farmer.id}` }), expect: all([404, 'NOT_A_STUDIO']) },
  'GET /api/studios/:id [no such user]': { prepare: async () => ({ url: '/api/studios/999999' }), expect: all([404, 'NOT_A_STUDIO']) },
  // Only a 科技工作者 writes a studio, and only their own (the route names no one else).
  'PUT /api/studios/me': {
    prepare: async () => ({ url: '/api/studios/me', payload: { intro: '牦牛养殖技术推广', photoId: null, fields: ['breeding'] } }),
    expect: all([403, 'STUDIO_NOT_EXPERT'], { anonymous: AUTH, expert: 200 }),
  },

  // ---- WeChat's message push: the signature decides, never a login ----
  'GET /api/wechat/push': { prepare: async () => ({ url: `/api/wechat/push?${pushQuery(true)}&echostr=hello` }), expect: all(200) },
  'GET /api/wechat/push [bad signature]': { prepare: async () => ({ url: `/api/wechat/push?${pushQuery(false)}&echostr=hello` }), expect: all(FORBIDDEN) },
  'POST /api/wechat/push': {
    prepare: async () => ({ url: `/api/wechat/push?${pushQuery(true)}`, payload: { Event: 'wxa_media_check', trace_id: 'unknown-trace', result: { suggest: 'pass' } } }),
    expect: all(200),
  },
  'POST /api/wechat/push [bad signature]': {
    prepare: async () => ({ url: `/api/wechat/push?${pushQuery(false)}`, payload: { Event: 'wxa_media_check', trace_id: 'unknown-trace', result: { suggest: 'pass' } } }),
    expect: all(FORBIDDEN),
  },
}

// HEAD mirrors every GET (Fastify adds the HEAD routes itself); the same rules must hold.
for (const [key, row] of Object.entries(MATRIX)) if (key.startsWith('GET ')) MATRIX[`HEAD ${key.slice(4)}`] = row

const routeOf = (key: string) => key.replace(/ \[.*\]$/, '')
const normalize = (url: string) => (url.length > 1 ? url.replace(/\/$/, '') : url)

// One owner makes far more posts here than a person may in an hour; the quotas have their own
// test (quotas.test.ts), so this file raises them out of the way.
const ctx = useTestContext({ QUOTA_MULTIPLIER: '20' })
const world = useWorld(ctx, () => new Date())
beforeAll(async () => {
  responder = await registerPerson(ctx, 'volunteer')
  published = await createPublished(world, world.owner.auth)
  await respondTo(ctx, responder.auth, published)
  pending = await createPending(ctx, world.owner.auth)
})

describe('the matrix covers the app', () => {
  const appRoutes = () =>
    [...new Set(recordedRoutes.filter((r) => PREFIXES.some((p) => r.url === p || r.url.startsWith(`${p}/`))).map((r) => `${r.method} ${normalize(r.url)}`))].sort()

  it('has a row for every route under the listings prefixes', () => {
    const routes = appRoutes()
    // Sanity: the hook saw the app being built.
    expect(routes).toContain('POST /api/listings')
    expect(routes.length).toBeGreaterThan(20)
    const covered = new Set(Object.keys(MATRIX).map(routeOf))
    const missing = routes.filter((r) => !covered.has(r))
    expect(missing).toEqual([])
  })

  it('has no row for a route the app does not have', () => {
    const routes = new Set(appRoutes())
    expect([...new Set(Object.keys(MATRIX).map(routeOf))].filter((r) => !routes.has(r))).toEqual([])
  })
})

const cells = Object.keys(MATRIX).flatMap((key) => ROLES.map((role) => [key, role] as const))

describe('who may call what', () => {
  it.each(cells)('%s as %s', async (key, role) => {
    const row = MATRIX[key]
    const method = key.split(' ')[0] as 'GET' | 'HEAD' | 'POST' | 'PUT'
    const req = await row.prepare(role)
    const auth: Auth | undefined = authOf(world, role)
    const res = req.multipart
      ? await (req.url === '/api/verifications/proofs' ? uploadProof : req.url === '/api/uploads/voice' ? uploadVoice : uploadPhoto)(ctx, auth)
      : await ctx.app.inject({ method, url: req.url, headers: { ...(auth ?? {}), ...(req.headers ?? {}) }, payload: req.payload as any })
    const want = row.expect[role]
    const [status, code] = typeof want === 'number' ? [want, undefined] : want
    if (res.statusCode !== status) throw new Error(`${key} as ${role}: expected ${status}, got ${res.statusCode} ${res.body}`)
    if (code && method !== 'HEAD') expectError(res, status, code)
  })
})
