// A contest's page as visitors not signed in see it is kept a few seconds (contests.cache.ts): a
// final's page shared into WeChat groups is opened by hundreds at once. It is the page a signed-in
// passer-by is shown, but for what is theirs; staff's changes to the contest show at once; votes
// show to visitors within 10 s, and at once to everyone signed in.
import { contestDetail } from '../../common/schemas/contests'
import { advance, call, contestInFinal, createContest, moveStage, newPerson, signUp, useContestWorld } from './contests-fixtures'

const w = useContestWorld()
afterEach(() => jest.restoreAllMocks())

const visitorPage = async (id: number) => {
  const res = await call(w, 'GET', `/api/contests/${id}`)
  expect(res.statusCode).toBe(200)
  return res.json()
}

test("a visitor's page is a passer-by's but for what is theirs, encoded as the schema says", async () => {
  w.clock.set('2026-11-20T02:00:00.000Z')
  const id = await createContest(w)
  const entrant = await newPerson(w)
  await signUp(w, entrant.auth, id)
  const passerBy = await newPerson(w, 'volunteer')
  const page = await visitorPage(id)
  const { mine: _m, myVoteEntryId: _v, myEntry: _e, ...signedIn } = (await call(w, 'GET', `/api/contests/${id}`, passerBy.auth)).json()
  const { mine, myVoteEntryId, myEntry, ...shown } = page
  expect([mine, myVoteEntryId, myEntry]).toEqual([null, null, null])
  expect(shown).toEqual(signedIn)
  expect(contestDetail.strict().parse(page)).toEqual(page)
  // An unknown contest is still a 404, and nothing is kept of it.
  expect((await call(w, 'GET', '/api/contests/999999')).statusCode).toBe(404)
})

test("staff's edit and published results show to visitors at once", async () => {
  w.clock.set('2026-11-20T02:00:00.000Z')
  const entrant = await newPerson(w)
  const { id, entryIds } = await contestInFinal(w, [{ auth: entrant.auth }])
  expect((await visitorPage(id)).stage).toBe('final')

  const edited = await call(w, 'PUT', `/api/staff/contests/${id}`, w.staff.auth, { ...(await staffBody(id)), description: '决赛改在甘孜县城举行。' })
  expect(edited.statusCode).toBe(200)
  expect((await visitorPage(id)).description).toBe('决赛改在甘孜县城举行。')

  const published = await call(w, 'POST', `/api/staff/contests/${id}/results`, w.staff.auth)
  expect(published.statusCode).toBe(200)
  const page = await visitorPage(id)
  expect([page.stage, page.voteOpen, page.finalists.map((f: { id: number }) => f.id)]).toEqual(['finished', false, entryIds])
})

test('a vote shows to the voter at once, and to visitors once the kept page is 10 s old', async () => {
  w.clock.set('2026-11-20T02:00:00.000Z')
  const entrant = await newPerson(w)
  const { id, entryIds } = await contestInFinal(w, [{ auth: entrant.auth }])
  let now = Date.now()
  jest.spyOn(Date, 'now').mockImplementation(() => now)
  expect((await visitorPage(id)).finalists[0].voteCount).toBe(0)

  const voter = await newPerson(w)
  expect((await call(w, 'POST', `/api/contests/${id}/votes`, voter.auth, { entryId: entryIds[0] })).statusCode).toBe(200)
  expect((await call(w, 'GET', `/api/contests/${id}`, voter.auth)).json().finalists[0].voteCount).toBe(1)
  expect((await visitorPage(id)).finalists[0].voteCount).toBe(0)
  now += 10_001
  expect((await visitorPage(id)).finalists[0].voteCount).toBe(1)
})

test('moving a stage shows to visitors at once', async () => {
  w.clock.set('2026-11-20T02:00:00.000Z')
  const id = await createContest(w)
  const entrant = await newPerson(w)
  const entryId = await signUp(w, entrant.auth, id)
  expect((await visitorPage(id)).stage).toBe('signup')
  w.clock.set('2026-12-02T02:00:00.000Z')
  await moveStage(w, id, 'preliminary')
  await advance(w, id, entryId, 'preliminary')
  expect((await visitorPage(id)).stage).toBe('preliminary')
})

/** The contest as staff wrote it, in the form PUT /api/staff/contests/:id takes. */
async function staffBody(id: number) {
  const c = (await call(w, 'GET', `/api/contests/${id}`, w.staff.auth)).json()
  return {
    kind: c.kind,
    name: c.name,
    organiser: c.organiser,
    level: c.level,
    regionCode: c.regionCode,
    categories: c.categories,
    description: c.description,
    rules: c.rules,
    signupEndsAt: c.signupEndsAt,
    preliminaryEndsAt: c.preliminaryEndsAt,
    semifinalEndsAt: c.semifinalEndsAt,
    finalEndsAt: c.finalEndsAt,
    articleIds: c.articles.map((a: { id: number }) => a.id),
  }
}

test("an entrant who deletes their account leaves a final's page at once, even for visitors", async () => {
  w.clock.set('2026-11-20T02:00:00.000Z')
  const entrant = await newPerson(w, 'farmer', undefined, '要注销的人')
  const { id } = await contestInFinal(w, [{ auth: entrant.auth }])
  expect((await visitorPage(id)).finalists[0].name).toBe('要注销的人')
  expect((await call(w, 'DELETE', '/api/users/me', entrant.auth)).statusCode).toBe(200)
  expect((await visitorPage(id)).finalists[0]?.name).not.toBe('要注销的人')
})
