// Contest stages and deadlines: sign-up is open only in stage 报名 and before its deadline (an
// instant — the China-time midnight edge is tested to the second), a contest moves forward one
// stage at a time, entrants advance only from the stage just before, awards only for finalists,
// and publishing results awards the popular vote and finishes the contest.
import type { LightMyRequestResponse } from 'fastify'
import { sql } from 'kysely'
import type { Db } from '../../server/src/db/database'
import { expectError } from './listings-fixtures'
import {
  advance,
  award,
  call,
  contestBody,
  contestInFinal,
  createContest,
  entryBody,
  moveStage,
  newPerson,
  nominationBody,
  signUp,
  SIGNUP_ENDS_UTC,
  useContestWorld,
} from './contests-fixtures'
import { emulatorMessages } from './listings-fixtures'
import { BAD_CURSORS, idsOf, PAGE_CURSOR, walkPages } from './paging'

/**
 * Waits until `count` queries of this test's PostgreSQL database are waiting on a lock (polled, no
 * fixed sleep); fails if `pending` settles first, i.e. the requests did not wait at all.
 */
async function untilWaitingOnLocks(db: Db, count: number, pending: Promise<unknown>) {
  let settled = false
  pending.then(
    () => (settled = true),
    () => (settled = true),
  )
  const deadline = Date.now() + 10_000
  for (;;) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(db)
    if (rows[0].n >= count) return
    if (settled) throw new Error('the requests answered without waiting for the publish in flight')
    if (Date.now() > deadline) throw new Error(`only ${rows[0].n} of ${count} queries came to wait on a lock`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const w = useContestWorld()
beforeEach(() => w.clock.set('2026-11-20T02:00:00.000Z'))

describe('sign-up deadline (an instant; the app counts down in China time)', () => {
  test('the contest stores the deadline as the UTC instant of 00:00 on 1 Dec in China', async () => {
    const id = await createContest(w)
    const detail = (await call(w, 'GET', `/api/contests/${id}`)).json()
    expect(detail.signupEndsAt).toBe(SIGNUP_ENDS_UTC)
    expect(detail.stage).toBe('signup')
    expect(detail.signupOpen).toBe(true)
  })

  test('a sign-up at 15:59:59Z (23:59:59 China time) is accepted; at 16:00:00Z it is refused', async () => {
    const id = await createContest(w)
    const [early, late] = [await newPerson(w), await newPerson(w)]
    w.clock.set('2026-11-30T15:59:59.000Z')
    expect((await call(w, 'POST', `/api/contests/${id}/entries`, early.auth, entryBody())).statusCode).toBe(201)
    expect((await call(w, 'GET', `/api/contests/${id}`)).json().signupOpen).toBe(true)
    w.clock.set('2026-11-30T15:59:59.999Z')
    expect((await call(w, 'GET', `/api/contests/${id}`)).json().signupOpen).toBe(true)
    w.clock.set('2026-11-30T16:00:00.000Z')
    expectError(await call(w, 'POST', `/api/contests/${id}/entries`, late.auth, entryBody()), 409, 'SIGNUP_CLOSED')
    expect((await call(w, 'GET', `/api/contests/${id}`)).json().signupOpen).toBe(false)
  })

  test('editing and withdrawing an entry close with sign-up', async () => {
    const id = await createContest(w)
    const p = await newPerson(w)
    await signUp(w, p.auth, id)
    const edited = await call(w, 'PUT', `/api/contests/${id}/entries/mine`, p.auth, entryBody({ title: '牦牛补饲与暖棚越冬' }))
    expect(edited.statusCode).toBe(200)
    expect(edited.json().title).toBe('牦牛补饲与暖棚越冬')
    w.clock.set('2026-11-30T16:00:00.000Z')
    expectError(await call(w, 'PUT', `/api/contests/${id}/entries/mine`, p.auth, entryBody()), 409, 'SIGNUP_CLOSED')
    expectError(await call(w, 'DELETE', `/api/contests/${id}/entries/mine`, p.auth), 409, 'SIGNUP_CLOSED')
  })

  test('nominating and confirming a nomination close at the same instant', async () => {
    const id = await createContest(w)
    const nominee = await newPerson(w)
    w.clock.set('2026-11-30T15:59:59.000Z')
    const nominated = await call(w, 'POST', `/api/contests/${id}/nominations`, w.verifiedChair.auth, nominationBody({ userId: nominee.id }))
    expect(nominated.statusCode).toBe(201)
    w.clock.set('2026-11-30T16:00:00.000Z')
    const other = await newPerson(w)
    expectError(await call(w, 'POST', `/api/contests/${id}/nominations`, w.verifiedChair.auth, nominationBody({ userId: other.id })), 409, 'SIGNUP_CLOSED')
    const { title, category, description, yearsExperience, photoIds } = entryBody()
    const confirm = await call(w, 'POST', `/api/nominations/${nominated.json().id}/confirm`, nominee.auth, { title, category, description, yearsExperience, photoIds })
    expectError(confirm, 409, 'SIGNUP_CLOSED')
  })

  test('sign-up is closed once staff move past 报名, even before the deadline', async () => {
    const id = await createContest(w)
    await moveStage(w, id, 'preliminary')
    expectError(await call(w, 'POST', `/api/contests/${id}/entries`, (await newPerson(w)).auth, entryBody()), 409, 'SIGNUP_CLOSED')
  })

  test('withdrawing while open removes the entry; one entry per person per contest', async () => {
    const id = await createContest(w)
    const p = await newPerson(w)
    await signUp(w, p.auth, id)
    expectError(await call(w, 'POST', `/api/contests/${id}/entries`, p.auth, entryBody()), 409, 'ALREADY_ENTERED')
    expect((await call(w, 'DELETE', `/api/contests/${id}/entries/mine`, p.auth)).statusCode).toBe(200)
    expect((await call(w, 'GET', `/api/contests/${id}`, p.auth)).json().myEntry).toBeNull()
    expect(await signUp(w, p.auth, id)).toBeGreaterThan(0)
  })
})

describe('stages move forward one step at a time', () => {
  test('skipping, repeating or going back is STAGE_ORDER; finished only by publishing', async () => {
    const id = await createContest(w)
    const stage = (s: string) => call(w, 'POST', `/api/staff/contests/${id}/stage`, w.staff.auth, { stage: s })
    expectError(await stage('semifinal'), 409, 'STAGE_ORDER')
    expectError(await stage('signup'), 409, 'STAGE_ORDER')
    expect((await stage('preliminary')).json().stage).toBe('preliminary')
    expectError(await stage('preliminary'), 409, 'STAGE_ORDER')
    expectError(await stage('signup'), 409, 'STAGE_ORDER')
    expectError(await stage('final'), 409, 'STAGE_ORDER')
    expect((await stage('semifinal')).json().stage).toBe('semifinal')
    expect((await stage('final')).json().stage).toBe('final')
    expectError(await stage('finished'), 409, 'RESULTS_NOT_PUBLISHED')
    expect((await call(w, 'GET', `/api/contests/${id}`)).json().stage).toBe('final')
  })

  test('two staff pressing 下一阶段 at once move it one step', async () => {
    const id = await createContest(w)
    const results = await Promise.all([0, 1, 2].map(() => call(w, 'POST', `/api/staff/contests/${id}/stage`, w.staff.auth, { stage: 'preliminary' })))
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409])
    expect((await call(w, 'GET', `/api/contests/${id}`)).json().stage).toBe('preliminary')
  })
})

describe('advancing entrants', () => {
  test('only from the stage just before, and only once the contest reached that stage', async () => {
    const id = await createContest(w)
    const [a, b] = [await newPerson(w), await newPerson(w)]
    const ea = await signUp(w, a.auth, id)
    const eb = await signUp(w, b.auth, id)
    const adv = (entryId: number, stage: string) => call(w, 'POST', `/api/staff/contests/${id}/entries/${entryId}/advance`, w.staff.auth, { stage })
    // The contest is still at 报名: nobody can be in 初赛 yet.
    expectError(await adv(ea, 'preliminary'), 409, 'STAGE_ORDER')
    await moveStage(w, id, 'preliminary')
    expect((await adv(ea, 'preliminary')).json().stageReached).toBe('preliminary')
    expectError(await adv(ea, 'preliminary'), 409, 'ENTRY_NOT_IN_PREVIOUS_STAGE') // already there
    expectError(await adv(ea, 'semifinal'), 409, 'STAGE_ORDER') // contest not at 复赛 yet
    await moveStage(w, id, 'semifinal')
    // b never passed 初赛: cannot jump to 复赛.
    expectError(await adv(eb, 'semifinal'), 409, 'ENTRY_NOT_IN_PREVIOUS_STAGE')
    expect((await adv(ea, 'semifinal')).json().stageReached).toBe('semifinal')
    await moveStage(w, id, 'final')
    expectError(await adv(eb, 'final'), 409, 'ENTRY_NOT_IN_PREVIOUS_STAGE')
    expect((await adv(ea, 'final')).json().stageReached).toBe('final')
    // The staff list by stage.
    const finalists = (await call(w, 'GET', `/api/staff/contests/${id}/entries?stage=final`, w.staff.auth)).json().items
    expect(finalists.map((e: { id: number }) => e.id)).toEqual([ea])
  })

  test('an entry of another contest is not found', async () => {
    const one = await createContest(w)
    const two = await createContest(w)
    const e = await signUp(w, (await newPerson(w)).auth, one)
    await moveStage(w, two, 'preliminary')
    expectError(await call(w, 'POST', `/api/staff/contests/${two}/entries/${e}/advance`, w.staff.auth, { stage: 'preliminary' }), 404, 'NOT_FOUND')
  })

  test('the entrant is told when they advance (subscribe message)', async () => {
    const id = await createContest(w)
    const p = await newPerson(w)
    const e = await signUp(w, p.auth, id)
    await moveStage(w, id, 'preliminary')
    await advance(w, id, e, 'preliminary')
    const sent = (await emulatorMessages(w.ctx)).filter((m) => m.touser === p.openid)
    expect(sent.at(-1)?.data.phrase2.value).toBe('已晋级')
    expect(sent.at(-1)?.page).toBe(`packages/contests/detail/index?id=${id}`)
  })
})

describe('awards and results', () => {
  test('awards only for finalists; hidden until results are published; popular award to the most votes (ties share)', async () => {
    const people = [await newPerson(w), await newPerson(w), await newPerson(w)]
    const { id, entryIds } = await contestInFinal(w, people.map((p) => ({ auth: p.auth })))
    const semi = await newPerson(w)
    // A semifinalist: a fourth entrant of another contest at the same stage.
    const other = await createContest(w)
    const eSemi = await signUp(w, semi.auth, other)
    await moveStage(w, other, 'preliminary')
    await advance(w, other, eSemi, 'preliminary')
    expectError(await call(w, 'POST', `/api/staff/contests/${other}/entries/${eSemi}/award`, w.staff.auth, { award: 'gold' }), 409, 'AWARD_NOT_FINALIST')

    expect((await award(w, id, entryIds[0], { award: 'gold' })).award).toBe('gold')
    expect((await award(w, id, entryIds[1], { award: 'other', awardName: '最佳创意奖' })).awardName).toBe('最佳创意奖')
    // Before publication the entrant and the public see no award.
    const before = (await call(w, 'GET', `/api/contests/${id}`, people[0].auth)).json()
    expect(before.myEntry.award).toBeNull()
    expect(before.mine.award).toBeNull()
    expect(before.finalists.every((f: { award: unknown }) => f.award === null)).toBe(true)
    expectError(await call(w, 'GET', `/api/contests/${id}/results`), 409, 'RESULTS_NOT_PUBLISHED')

    // Votes: entries 1 and 2 tie with two votes each, entry 0 has one.
    const voters = await Promise.all([0, 1, 2, 3, 4].map(() => newPerson(w, 'volunteer')))
    const votes = [entryIds[1], entryIds[1], entryIds[2], entryIds[2], entryIds[0]]
    for (const [i, v] of voters.entries()) {
      expect((await call(w, 'POST', `/api/contests/${id}/votes`, v.auth, { entryId: votes[i] })).statusCode).toBe(200)
    }
    const published = await call(w, 'POST', `/api/staff/contests/${id}/results`, w.staff.auth)
    expect(published.statusCode).toBe(200)
    expect(published.json().stage).toBe('finished')
    expect(published.json().resultsPublishedAt).toBe(w.clock.at.toISOString())
    expect(published.json().voteOpen).toBe(false)
    const byId = new Map(published.json().finalists.map((f: { id: number }) => [f.id, f]))
    expect(byId.get(entryIds[1])).toMatchObject({ popularAward: true, award: 'other', awardName: '最佳创意奖', voteCount: 2 })
    expect(byId.get(entryIds[2])).toMatchObject({ popularAward: true, award: null, voteCount: 2 })
    expect(byId.get(entryIds[0])).toMatchObject({ popularAward: false, award: 'gold', awardName: '金奖', voteCount: 1 })

    const results = (await call(w, 'GET', `/api/contests/${id}/results`)).json().awarded
    expect(results.map((r: { id: number }) => r.id)).toEqual([entryIds[0], entryIds[1], entryIds[2]])
    expectError(await call(w, 'POST', `/api/staff/contests/${id}/results`, w.staff.auth), 409, 'STAGE_ORDER')
    expectError(await call(w, 'POST', `/api/contests/${id}/votes`, (await newPerson(w)).auth, { entryId: entryIds[0] }), 409, 'VOTE_CLOSED')
    // The winners are told.
    const sent = (await emulatorMessages(w.ctx)).filter((m) => m.touser === people[0].openid && m.data.phrase2?.value === '获奖')
    expect(sent).toHaveLength(1)
  })

  test('once results are published, staff can no longer advance or award (409 RESULTS_PUBLISHED)', async () => {
    const [winner, runnerUp] = [await newPerson(w), await newPerson(w)]
    const id = await createContest(w)
    const [we, re] = [await signUp(w, winner.auth, id), await signUp(w, runnerUp.auth, id)]
    for (const stage of ['preliminary', 'semifinal', 'final']) {
      await moveStage(w, id, stage)
      await advance(w, id, we, stage)
      if (stage !== 'final') await advance(w, id, re, stage)
    }
    await award(w, id, we, { award: 'gold' })
    expect((await call(w, 'POST', `/api/staff/contests/${id}/results`, w.staff.auth)).statusCode).toBe(200)
    const staffCall = (entryId: number, what: string, body: unknown) => call(w, 'POST', `/api/staff/contests/${id}/entries/${entryId}/${what}`, w.staff.auth, body)
    expectError(await staffCall(re, 'advance', { stage: 'final' }), 409, 'RESULTS_PUBLISHED')
    expectError(await staffCall(we, 'award', { award: 'silver' }), 409, 'RESULTS_PUBLISHED')
    expectError(await staffCall(we, 'award', { award: null }), 409, 'RESULTS_PUBLISHED')
    const rows = await w.ctx.db.selectFrom('contest_entries').select(['id', 'stage_reached', 'award']).where('contest_id', '=', id).orderBy('id').execute()
    expect(rows).toEqual([
      { id: we, stage_reached: 'final', award: 'gold' },
      { id: re, stage_reached: 'semifinal', award: null },
    ])
  })

  test('an advance or award waiting on a publish in flight answers RESULTS_PUBLISHED once it commits, and changes nothing', async () => {
    const [winner, runnerUp] = [await newPerson(w), await newPerson(w)]
    const id = await createContest(w)
    const [we, re] = [await signUp(w, winner.auth, id), await signUp(w, runnerUp.auth, id)]
    for (const stage of ['preliminary', 'semifinal', 'final']) {
      await moveStage(w, id, stage)
      await advance(w, id, we, stage)
      if (stage !== 'final') await advance(w, id, re, stage)
    }
    await award(w, id, we, { award: 'gold' })
    const staffChanges = () =>
      Promise.all([
        call(w, 'POST', `/api/staff/contests/${id}/entries/${we}/award`, w.staff.auth, { award: 'silver' }),
        call(w, 'POST', `/api/staff/contests/${id}/entries/${re}/advance`, w.staff.auth, { stage: 'final' }),
      ])
    // The writes of publishResults, by hand: close the contest, then touch every entry of it.
    const publish = async (db: Db) => {
      await db.updateTable('contests').set({ stage: 'finished', results_published_at: w.clock.at.toISOString() }).where('id', '=', id).execute()
      await db.updateTable('contest_entries').set({ popular_award: 0 }).where('contest_id', '=', id).execute()
    }
    let answers: LightMyRequestResponse[]
    if (w.ctx.dbKind === 'postgres') {
      // Publishing is in flight on another connection, holding the contest row and the entries'
      // rows; both staff requests come now, wait on those locks, and go on once it commits.
      const trx = await w.ctx.db.startTransaction().execute()
      let committed = false
      try {
        await publish(trx)
        const pending = staffChanges()
        await untilWaitingOnLocks(w.ctx.db, 2, pending)
        await trx.commit().execute()
        committed = true
        answers = await pending
      } finally {
        if (!committed) await trx.rollback().execute()
      }
    } else {
      // SQLite runs one write transaction at a time: no request can be in flight behind it; the
      // same order, one after the other.
      await publish(w.ctx.db)
      answers = await staffChanges()
    }
    expectError(answers[0], 409, 'RESULTS_PUBLISHED')
    expectError(answers[1], 409, 'RESULTS_PUBLISHED')
    const rows = await w.ctx.db.selectFrom('contest_entries').select(['id', 'stage_reached', 'award']).where('contest_id', '=', id).orderBy('id').execute()
    expect(rows).toEqual([
      { id: we, stage_reached: 'final', award: 'gold' },
      { id: re, stage_reached: 'semifinal', award: null },
    ])
  })

  test('publishing is only for a contest in its final; nobody gets the popular award without votes', async () => {
    const id = await createContest(w)
    expectError(await call(w, 'POST', `/api/staff/contests/${id}/results`, w.staff.auth), 409, 'STAGE_ORDER')
    const { id: quiet } = await contestInFinal(w, [{ auth: (await newPerson(w)).auth }])
    const res = await call(w, 'POST', `/api/staff/contests/${quiet}/results`, w.staff.auth)
    expect(res.json().finalists[0].popularAward).toBe(false)
  })

  test('contest dates must increase (CONTEST_DATES_ORDER) and the level must match the region', async () => {
    const bad = contestBody({ semifinalEndsAt: '2026-12-15T00:00:00+08:00', preliminaryEndsAt: '2027-01-01T00:00:00+08:00' })
    expectError(await call(w, 'POST', '/api/staff/contests', w.staff.auth, bad), 400, 'CONTEST_DATES_ORDER')
    const equal = contestBody({ preliminaryEndsAt: '2026-11-30T16:00:00Z' }) // the same instant as SIGNUP_ENDS
    expectError(await call(w, 'POST', '/api/staff/contests', w.staff.auth, equal), 400, 'CONTEST_DATES_ORDER')
    expectError(await call(w, 'POST', '/api/staff/contests', w.staff.auth, contestBody({ level: 'county', regionCode: '5133' })), 400, 'REGION_INVALID')
    const county = await call(w, 'POST', '/api/staff/contests', w.staff.auth, contestBody({ level: 'county', regionCode: '513328' }))
    expect(county.json()).toMatchObject({ level: 'county', regionName: '甘孜藏族自治州 甘孜县' })
  })

  test('articleIds become the contest’s article links; links to its nomination page stay', async () => {
    const [a, b] = (await w.ctx.db.selectFrom('articles').select('id').orderBy('id').limit(2).execute()).map((r) => r.id)
    const created = (await call(w, 'POST', '/api/staff/contests', w.staff.auth, contestBody({ articleIds: [a, b] }))).json()
    expect(created.articles.map((x: { id: number }) => x.id).sort()).toEqual([a, b].sort())
    await w.ctx.db.insertInto('article_links').values({ article_id: b, target: 'contest_nominate', target_id: created.id, label: '举荐', created_at: new Date().toISOString() }).execute()
    const edited = (await call(w, 'PUT', `/api/staff/contests/${created.id}`, w.staff.auth, contestBody({ name: created.name, articleIds: [] }))).json()
    expect(edited.articles.map((x: { id: number }) => x.id)).toEqual([b])
    expect(edited.name).toBe(created.name)
  })

  test('a staff edit round trip (the form sends back the contest’s own links) leaves nomination-page links unchanged', async () => {
    const [a, b, c] = (await w.ctx.db.selectFrom('articles').select('id').orderBy('id').limit(3).execute()).map((r) => r.id)
    const created = (await call(w, 'POST', '/api/staff/contests', w.staff.auth, contestBody({ articleIds: [a, c] }))).json()
    // Staff link b (and c as well) to the nomination page from the article side, in the links editor.
    const editorSays = async (articleId: number, links: unknown[]) =>
      expect((await call(w, 'PUT', `/api/staff/news/${articleId}/links`, w.staff.auth, { links })).statusCode).toBe(200)
    await editorSays(b, [{ target: 'contest_nominate', targetId: created.id }])
    const cLinks = (await call(w, 'GET', `/api/news/${c}`)).json().links
    await editorSays(c, [...cLinks, { target: 'contest_nominate', targetId: created.id }])
    const linksOf = () =>
      w.ctx.db
        .selectFrom('article_links')
        .select(['article_id', 'target', 'label'])
        .where('target_id', '=', created.id)
        .where('target', 'in', ['contest', 'contest_nominate'])
        .orderBy('article_id')
        .orderBy('target')
        .execute()
    const before = await linksOf()
    expect(before).toEqual([
      { article_id: a, target: 'contest', label: `了解${created.name}` },
      { article_id: b, target: 'contest_nominate', label: '举荐乡土人才参赛' },
      { article_id: c, target: 'contest', label: `了解${created.name}` },
      { article_id: c, target: 'contest_nominate', label: '举荐乡土人才参赛' },
    ])

    // The detail says which link each article is; the form sends back only the contest's own.
    const detail = (await call(w, 'GET', `/api/contests/${created.id}`, w.staff.auth)).json()
    const targets = Object.fromEntries(detail.articles.map((x: { id: number; target: string }) => [x.id, x.target]))
    expect(targets).toEqual({ [a]: 'contest', [b]: 'contest_nominate', [c]: 'contest' })
    const articleIds = detail.articles.filter((x: { target: string }) => x.target === 'contest').map((x: { id: number }) => x.id)
    const saved = await call(w, 'PUT', `/api/staff/contests/${created.id}`, w.staff.auth, contestBody({ name: created.name, articleIds }))
    expect(saved.statusCode).toBe(200)
    expect(await linksOf()).toEqual(before)
    // Article b still has one button, not a second "了解…" one.
    expect((await call(w, 'GET', `/api/news/${b}`)).json().links).toEqual([{ target: 'contest_nominate', targetId: created.id, label: '举荐乡土人才参赛' }])
  })

  test('the list filters open and past contests and pages by id', async () => {
    const { id } = await contestInFinal(w, [{ auth: (await newPerson(w)).auth }], { kind: 'fair' })
    await call(w, 'POST', `/api/staff/contests/${id}/results`, w.staff.auth)
    const past = (await call(w, 'GET', '/api/contests?stage=past&kind=fair')).json().items
    expect(past.map((c: { id: number }) => c.id)).toContain(id)
    const open = (await call(w, 'GET', '/api/contests?stage=open&limit=50')).json().items
    expect(open.every((c: { stage: string }) => c.stage !== 'finished')).toBe(true)
    const first = (await call(w, 'GET', '/api/contests?limit=2')).json()
    expect(first.items).toHaveLength(2)
    const second = (await call(w, 'GET', `/api/contests?limit=2&before=${first.nextBefore}`)).json()
    expect(second.items[0].id).toBeLessThan(first.items[1].id)
  })

  test('the list pages with `next` passed back as `cursor` to the end, every contest once, nextBefore beside it', async () => {
    const all = (await call(w, 'GET', '/api/contests?limit=50')).json().items.map((c: { id: number }) => c.id)
    expect(all.length).toBeGreaterThan(2)
    const pages = await walkPages(async (cursor) => {
      const res = await call(w, 'GET', `/api/contests?limit=2${cursor}`)
      expect(res.statusCode).toBe(200)
      return res.json()
    })
    expect(idsOf(pages)).toEqual(all)
    for (const page of pages) expect(page.nextBefore).toBe(page.next === null ? null : page.items[page.items.length - 1].id)
    // A filter keeps its cursor's meaning: only open contests, page after page.
    const open = (await call(w, 'GET', '/api/contests?stage=open&limit=50')).json().items.map((c: { id: number }) => c.id)
    expect(idsOf(await walkPages(async (cursor) => (await call(w, 'GET', `/api/contests?stage=open&limit=1${cursor}`)).json()))).toEqual(open)
    for (const [, cursor] of BAD_CURSORS) expectError(await call(w, 'GET', `/api/contests?cursor=${encodeURIComponent(cursor)}`), 400, 'CURSOR_INVALID')
    expectError(await call(w, 'GET', `/api/contests?cursor=${PAGE_CURSOR}`), 400, 'CURSOR_INVALID')
  })
})
