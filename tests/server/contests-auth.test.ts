// The authorization matrix of contests: every route under the contest prefixes × every kind of
// caller → the answer. Routes are recorded from the app itself (as in listings-auth.test.ts), so
// a new contest route without a row here fails the file. Cells that change something act on fresh
// data, so cells do not depend on each other.
import type { ErrorCode } from '../../common/errors'
import { expectError, type Auth } from './listings-fixtures'
import {
  call,
  contestBody,
  contestInFinal,
  createContest,
  entryBody,
  GANZI_TOWN,
  moveStage,
  newPerson,
  nominationBody,
  signUp,
  useContestWorld,
} from './contests-fixtures'
import { recordedRoutes } from './route-recorder'

jest.mock('fastify', () => require('./route-recorder').recordingFastify())

const PREFIXES = ['/api/contests', '/api/staff/contests', '/api/talents', '/api/nominations']
/** /api/me is shared with other features: these are the contest ones. */
const ME_ROUTES = ['/api/me/contest-entries', '/api/me/nominations', '/api/me/nominations/received']

const ROLES = ['anonymous', 'farmer', 'unverifiedChair', 'otherChair', 'verifiedChair', 'staff'] as const
type Role = (typeof ROLES)[number]
type Expect = number | [number, ErrorCode]
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'
interface Row {
  method: Method
  route: string
  prepare: (role: Role) => Promise<{ url: string; payload?: unknown }>
  expect: Record<Role, Expect>
}

const authOf = (role: Role): Auth | undefined => (role === 'anonymous' ? undefined : w[role].auth)

const all = (e: Expect, overrides: Partial<Record<Role, Expect>> = {}): Record<Role, Expect> =>
  ({ anonymous: [401, 'AUTH_REQUIRED'], farmer: e, unverifiedChair: e, otherChair: e, verifiedChair: e, staff: e, ...overrides })
const publicRead = (): Record<Role, Expect> => ({ anonymous: 200, farmer: 200, unverifiedChair: 200, otherChair: 200, verifiedChair: 200, staff: 200 })
const staffOnly = (ok: number) => all([403, 'FORBIDDEN'], { staff: ok })
const chairOnly = (ok: number): Record<Role, Expect> =>
  all([403, 'NOMINATION_NOT_ALLOWED'], { otherChair: [403, 'NOMINATION_REGION'], verifiedChair: ok })

// Shared read-only fixtures, made once.
let openContest: number
let finished: { id: number; entryIds: number[]; finalistId: number }
let voting: { id: number; entryIds: number[] }

async function nominationOfStranger(): Promise<number> {
  const nominee = await newPerson(w, 'farmer', GANZI_TOWN)
  const res = await call(w, 'POST', `/api/contests/${openContest}/nominations`, w.verifiedChair.auth, nominationBody({ userId: nominee.id }))
  return res.json().id
}
const confirmBody = () => {
  const { regionCode: _, ...rest } = entryBody()
  return rest
}

const ROWS: Row[] = [
  // ---- public reads ----
  { method: 'GET', route: '/api/contests/', prepare: async () => ({ url: '/api/contests' }), expect: publicRead() },
  { method: 'GET', route: '/api/contests/:id', prepare: async () => ({ url: `/api/contests/${openContest}` }), expect: publicRead() },
  { method: 'GET', route: '/api/contests/:id/results', prepare: async () => ({ url: `/api/contests/${finished.id}/results` }), expect: publicRead() },
  { method: 'GET', route: '/api/talents/', prepare: async () => ({ url: '/api/talents' }), expect: publicRead() },
  { method: 'GET', route: '/api/talents/:userId', prepare: async () => ({ url: `/api/talents/${finished.finalistId}` }), expect: publicRead() },
  // ---- the signed-in person's own ----
  { method: 'GET', route: '/api/me/contest-entries', prepare: async () => ({ url: '/api/me/contest-entries' }), expect: all(200) },
  { method: 'GET', route: '/api/me/nominations', prepare: async () => ({ url: '/api/me/nominations' }), expect: all(200) },
  { method: 'GET', route: '/api/me/nominations/received', prepare: async () => ({ url: '/api/me/nominations/received' }), expect: all(200) },
  {
    method: 'POST',
    route: '/api/contests/:id/entries',
    prepare: async () => ({ url: `/api/contests/${await createContest(w)}/entries`, payload: entryBody() }),
    expect: all(201),
  },
  {
    method: 'PUT',
    route: '/api/contests/:id/entries/mine',
    prepare: async (role) => {
      const id = await createContest(w)
      if (role !== 'anonymous') await signUp(w, authOf(role)!, id)
      return { url: `/api/contests/${id}/entries/mine`, payload: entryBody({ title: '改过的项目名称' }) }
    },
    expect: all(200),
  },
  {
    method: 'DELETE',
    route: '/api/contests/:id/entries/mine',
    prepare: async (role) => {
      const id = await createContest(w)
      if (role !== 'anonymous') await signUp(w, authOf(role)!, id)
      return { url: `/api/contests/${id}/entries/mine` }
    },
    expect: all(200),
  },
  {
    method: 'POST',
    route: '/api/contests/:id/votes',
    prepare: async () => ({ url: `/api/contests/${voting.id}/votes`, payload: { entryId: voting.entryIds[0] } }),
    expect: all(200),
  },
  // ---- nominations ----
  {
    method: 'POST',
    route: '/api/contests/:id/nominations',
    prepare: async () => {
      const nominee = await newPerson(w, 'farmer', GANZI_TOWN)
      return { url: `/api/contests/${openContest}/nominations`, payload: nominationBody({ userId: nominee.id }) }
    },
    expect: chairOnly(201),
  },
  {
    method: 'GET',
    route: '/api/contests/:id/nominees',
    prepare: async () => ({ url: `/api/contests/${openContest}/nominees` }),
    // The chair of another township sees their own township's people.
    expect: { ...chairOnly(200), otherChair: 200 },
  },
  {
    method: 'DELETE',
    route: '/api/nominations/:id',
    prepare: async () => ({ url: `/api/nominations/${await nominationOfStranger()}` }),
    expect: all([403, 'FORBIDDEN'], { verifiedChair: 200 }),
  },
  {
    method: 'POST',
    route: '/api/nominations/:id/confirm',
    prepare: async () => ({ url: `/api/nominations/${await nominationOfStranger()}/confirm`, payload: confirmBody() }),
    // Only the nominee (tested in contests-nominations.test.ts): everyone else is refused.
    expect: all([403, 'FORBIDDEN']),
  },
  {
    method: 'POST',
    route: '/api/nominations/:id/decline',
    prepare: async () => ({ url: `/api/nominations/${await nominationOfStranger()}/decline` }),
    expect: all([403, 'FORBIDDEN']),
  },
  // ---- staff ----
  { method: 'POST', route: '/api/staff/contests/', prepare: async () => ({ url: '/api/staff/contests', payload: contestBody() }), expect: staffOnly(201) },
  {
    method: 'PUT',
    route: '/api/staff/contests/:id',
    prepare: async () => ({ url: `/api/staff/contests/${await createContest(w)}`, payload: contestBody() }),
    expect: staffOnly(200),
  },
  {
    method: 'POST',
    route: '/api/staff/contests/:id/stage',
    prepare: async () => ({ url: `/api/staff/contests/${await createContest(w)}/stage`, payload: { stage: 'preliminary' } }),
    expect: staffOnly(200),
  },
  {
    method: 'GET',
    route: '/api/staff/contests/:id/entries',
    prepare: async () => ({ url: `/api/staff/contests/${finished.id}/entries` }),
    expect: staffOnly(200),
  },
  // 举荐 waiting for the nominee, as staff see them (names, masked phones): staff only.
  {
    method: 'GET',
    route: '/api/staff/contests/:id/nominations',
    prepare: async () => ({ url: `/api/staff/contests/${openContest}/nominations` }),
    expect: staffOnly(200),
  },
  {
    method: 'GET',
    route: '/api/staff/contests/nominations/pending',
    prepare: async () => ({ url: '/api/staff/contests/nominations/pending' }),
    expect: staffOnly(200),
  },
  {
    method: 'POST',
    route: '/api/staff/contests/:id/entries/:entryId/advance',
    prepare: async () => {
      const id = await createContest(w)
      const entryId = await signUp(w, (await newPerson(w)).auth, id)
      await moveStage(w, id, 'preliminary')
      return { url: `/api/staff/contests/${id}/entries/${entryId}/advance`, payload: { stage: 'preliminary' } }
    },
    expect: staffOnly(200),
  },
  {
    method: 'POST',
    route: '/api/staff/contests/:id/entries/:entryId/award',
    // A contest still in its final: once results are published awards are settled (409 RESULTS_PUBLISHED).
    prepare: async () => ({ url: `/api/staff/contests/${voting.id}/entries/${voting.entryIds[0]}/award`, payload: { award: 'gold' } }),
    expect: staffOnly(200),
  },
  {
    method: 'POST',
    route: '/api/staff/contests/:id/results',
    prepare: async () => ({ url: `/api/staff/contests/${(await contestInFinal(w, [{ auth: (await newPerson(w)).auth }])).id}/results` }),
    expect: staffOnly(200),
  },
]

const w = useContestWorld()
beforeAll(async () => {
  openContest = await createContest(w)
  const finalist = await newPerson(w, 'farmer', GANZI_TOWN, '决赛选手')
  const f = await contestInFinal(w, [{ auth: finalist.auth }])
  await call(w, 'POST', `/api/staff/contests/${f.id}/results`, w.staff.auth)
  finished = { ...f, finalistId: finalist.id }
  voting = await contestInFinal(w, [{ auth: (await newPerson(w)).auth }])
})

test('every contest route has a row in the matrix', () => {
  // A prefix's '/' route is registered both with and without the trailing slash: one route.
  const key = (method: string, url: string) => `${method} ${url.replace(/\/$/, '')}`
  const routes = new Set(
    recordedRoutes.filter((r) => r.method !== 'HEAD' && (PREFIXES.some((p) => r.url.startsWith(p)) || ME_ROUTES.includes(r.url))).map((r) => key(r.method, r.url)),
  )
  const covered = new Set(ROWS.map((r) => key(r.method, r.route)))
  expect([...routes].filter((r) => !covered.has(r))).toEqual([])
  expect([...covered].filter((r) => !routes.has(r))).toEqual([])
})

describe.each(ROWS)('$method $route', (row) => {
  test.each(ROLES)('%s', async (role) => {
    const { url, payload } = await row.prepare(role)
    const res = await call(w, row.method, url, authOf(role), payload)
    const expected = row.expect[role]
    if (Array.isArray(expected)) expectError(res, expected[0], expected[1])
    else if (res.statusCode !== expected) throw new Error(`${role} ${row.method} ${url}: expected ${expected}, got ${res.statusCode} ${res.body}`)
  })
})
