// The popular vote: one vote per person per contest, decided by the database under concurrency;
// vote_count exact; rate limits per person and per address (rate_limits table) that never stop
// distinct people from voting; not for one's own entry, not for non-finalists, only in the final.
import { hitRateLimit } from '../../server/src/lib/rate-limit'
import { CHINESE, expectError } from './listings-fixtures'
import {
  advance,
  call,
  contestInFinal,
  createContest,
  moveStage,
  newPerson,
  signUp,
  unregisteredPerson,
  useContestWorld,
} from './contests-fixtures'

let contestId: number
let entryIds: number[]
let finalists: Awaited<ReturnType<typeof newPerson>>[]
let semifinalEntry: number

const voteCount = async (entryId: number) =>
  (await w.ctx.db.selectFrom('contest_entries').select('vote_count').where('id', '=', entryId).executeTakeFirstOrThrow()).vote_count
const voteRows = async (entryId: number) =>
  Number((await w.ctx.db.selectFrom('contest_votes').select((eb) => eb.fn.countAll<number>().as('n')).where('entry_id', '=', entryId).executeTakeFirstOrThrow()).n)
const vote = (auth: { authorization: string } | undefined, entryId: number, id = contestId) => call(w, 'POST', `/api/contests/${id}/votes`, auth, { entryId })

/** Dates for contests made during the tests (the clock stands in the first contest's final). */
const LATER = {
  signupEndsAt: '2027-06-01T00:00:00+08:00',
  preliminaryEndsAt: '2027-07-01T00:00:00+08:00',
  semifinalEndsAt: '2027-08-01T00:00:00+08:00',
  finalEndsAt: '2027-09-01T00:00:00+08:00',
}

/** Each test starts in a fresh rate-limit window (the limits count per minute). */
let minute = 0
beforeEach(() => w.clock.set(new Date(Date.parse('2027-02-10T02:00:00.000Z') + ++minute * 120_000).toISOString()))

const w = useContestWorld()
beforeAll(async () => {
  finalists = [await newPerson(w), await newPerson(w), await newPerson(w)]
  const semi = await newPerson(w)
  contestId = await createContest(w)
  entryIds = []
  for (const p of finalists) entryIds.push(await signUp(w, p.auth, contestId))
  semifinalEntry = await signUp(w, semi.auth, contestId)
  for (const stage of ['preliminary', 'semifinal', 'final']) {
    await moveStage(w, contestId, stage)
    for (const e of [...entryIds, ...(stage === 'final' ? [] : [semifinalEntry])]) await advance(w, contestId, e, stage)
  }
})

test('50 concurrent votes of one person over real HTTP: exactly one counts', async () => {
  const voter = await newPerson(w, 'volunteer')
  const address = await w.ctx.app.listen({ port: 0, host: '127.0.0.1' })
  const responses = await Promise.all(
    Array.from({ length: 50 }, () =>
      fetch(`${address}/api/contests/${contestId}/votes`, {
        method: 'POST',
        headers: { ...voter.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ entryId: entryIds[0] }),
      }).then(async (r) => ({ status: r.status, body: await r.json() })),
    ),
  )
  const ok = responses.filter((r) => r.status === 200)
  expect(ok).toHaveLength(1)
  expect(ok[0].body).toEqual({ entryId: entryIds[0], voteCount: 1 })
  for (const r of responses.filter((r) => r.status !== 200)) {
    expect([409, 429]).toContain(r.status)
    expect(r.body.code).toBe(r.status === 409 ? 'ALREADY_VOTED' : 'RATE_LIMITED')
    expect(r.body.message).toMatch(CHINESE)
  }
  expect(await voteCount(entryIds[0])).toBe(1)
  expect(await voteRows(entryIds[0])).toBe(1)
  const detail = (await call(w, 'GET', `/api/contests/${contestId}`, voter.auth)).json()
  expect(detail.myVoteEntryId).toBe(entryIds[0])
  expect(detail.voteOpen).toBe(true)
  expect(detail.finalists.find((f: { id: number }) => f.id === entryIds[0]).voteCount).toBe(1)
})

test('50 different people voting at once: every vote counts, the count is exactly 50', async () => {
  const voters = await Promise.all(Array.from({ length: 50 }, () => newPerson(w, 'farmer')))
  const before = await voteCount(entryIds[1])
  const responses = await Promise.all(voters.map((v) => vote(v.auth, entryIds[1])))
  expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(200))
  expect(await voteCount(entryIds[1])).toBe(before + 50)
  expect(await voteRows(entryIds[1])).toBe(before + 50)
  // Each answer carried the count right after its own vote: 1…50 once each.
  expect(responses.map((r) => r.json().voteCount).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => before + i + 1))
})

test('one vote per contest, not per finalist', async () => {
  const voter = await newPerson(w)
  expect((await vote(voter.auth, entryIds[2])).statusCode).toBe(200)
  expectError(await vote(voter.auth, entryIds[1]), 409, 'ALREADY_VOTED')
})

test('not for one’s own entry, not for a non-finalist, not for an entry of another contest', async () => {
  expectError(await vote(finalists[0].auth, entryIds[0]), 403, 'VOTE_OWN_ENTRY')
  const voter = await newPerson(w)
  expectError(await vote(voter.auth, semifinalEntry), 409, 'VOTE_NOT_FINALIST')
  const other = await contestInFinal(w, [{ auth: (await newPerson(w)).auth }], LATER)
  expectError(await vote(voter.auth, other.entryIds[0]), 404, 'NOT_FOUND')
  expectError(await vote(voter.auth, 999999), 404, 'NOT_FOUND')
})

test('a finalist who deleted their account gets no more votes (404) and not the popular award', async () => {
  const [gone, stays] = [await newPerson(w), await newPerson(w)]
  const { id, entryIds: [goneEntry, staysEntry] } = await contestInFinal(w, [{ auth: gone.auth }, { auth: stays.auth }], LATER)
  for (const entryId of [goneEntry, goneEntry, staysEntry]) expect((await vote((await newPerson(w)).auth, entryId, id)).statusCode).toBe(200)
  expect((await call(w, 'DELETE', '/api/users/me', gone.auth)).statusCode).toBe(200)
  expectError(await vote((await newPerson(w)).auth, goneEntry, id), 404, 'NOT_FOUND')
  expect(await voteCount(goneEntry)).toBe(2)
  // Their votes stay counted (other people cast them), but the award goes to the most-voted finalist still here.
  const published = await call(w, 'POST', `/api/staff/contests/${id}/results`, w.staff.auth)
  expect(published.statusCode).toBe(200)
  const byId = new Map(published.json().finalists.map((f: { id: number }) => [f.id, f]))
  expect(byId.get(goneEntry)).toMatchObject({ name: '已注销用户', voteCount: 2, popularAward: false })
  expect(byId.get(staysEntry)).toMatchObject({ voteCount: 1, popularAward: true })
})

test('registered people only; anonymous callers log in first', async () => {
  expectError(await vote(undefined, entryIds[0]), 401, 'AUTH_REQUIRED')
  expectError(await vote(await unregisteredPerson(w), entryIds[0]), 403, 'PROFILE_INCOMPLETE')
})

test('the vote is closed outside the final', async () => {
  const id = await createContest(w, LATER)
  const e = await signUp(w, (await newPerson(w)).auth, id)
  expectError(await vote((await newPerson(w)).auth, e, id), 409, 'VOTE_CLOSED')
})

test('a person hammering the button is limited per minute; the next minute they may try again', async () => {
  const voter = await newPerson(w)
  expect((await vote(voter.auth, entryIds[2])).statusCode).toBe(200)
  const codes: string[] = []
  for (let i = 0; i < 12; i++) codes.push((await vote(voter.auth, entryIds[2])).json().code)
  expect(codes.slice(0, 9)).toEqual(Array(9).fill('ALREADY_VOTED'))
  expect(codes.slice(9)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED'])
  expectError(await vote(voter.auth, entryIds[2]), 429, 'RATE_LIMITED')
  w.clock.set(new Date(w.clock.at.getTime() + 60_000).toISOString())
  expectError(await vote(voter.auth, entryIds[2]), 409, 'ALREADY_VOTED')
  // One counter row per key, reused window after window.
  const rows = await w.ctx.db.selectFrom('rate_limits').selectAll().where('key', '=', `vote:user:${voter.id}`).execute()
  expect(rows).toHaveLength(1)
  expect(rows[0].hits).toBe(1)
})

test('an address over its limit is refused, other addresses are not', async () => {
  const BUSY = '10.20.30.40'
  for (let i = 0; i < 300; i++) await hitRateLimit(w.ctx.db, `vote:ip:${BUSY}`, { limit: 300, windowMs: 60_000 }, w.clock.now())
  const [a, b] = [await newPerson(w), await newPerson(w)]
  const res = await w.ctx.app.inject({ method: 'POST', url: `/api/contests/${contestId}/votes`, headers: a.auth, payload: { entryId: entryIds[2] }, remoteAddress: BUSY })
  expectError(res, 429, 'RATE_LIMITED')
  const elsewhere = await w.ctx.app.inject({ method: 'POST', url: `/api/contests/${contestId}/votes`, headers: b.auth, payload: { entryId: entryIds[2] }, remoteAddress: '10.20.30.41' })
  expect(elsewhere.statusCode).toBe(200)
})

test('the limiter counts every concurrent hit exactly once (one upsert per hit)', async () => {
  const key = `test:concurrent:${minute}`
  const now = w.clock.now()
  const results = await Promise.all(Array.from({ length: 50 }, () => hitRateLimit(w.ctx.db, key, { limit: 20, windowMs: 60_000 }, now)))
  expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
  expect(results.filter((r) => r.allowed)).toHaveLength(20)
  expect(results[0].resetAt.toISOString()).toBe(new Date(now.getTime() + 60_000).toISOString())
  // The window is fixed: 59.999 s later still the same window; at 60 s a new one starts.
  expect((await hitRateLimit(w.ctx.db, key, { limit: 20, windowMs: 60_000 }, new Date(now.getTime() + 59_999))).hits).toBe(51)
  expect((await hitRateLimit(w.ctx.db, key, { limit: 20, windowMs: 60_000 }, new Date(now.getTime() + 60_000))).hits).toBe(1)
})
