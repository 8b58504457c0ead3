// The audit log: every staff decision leaves exactly one entry (who, when, what, why) written with
// the decision itself; a refused decision leaves none; only provincial staff read the log.
import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { sql } from 'kysely'
import { SEED_ARTICLES } from '../../server/src/seed/articles'
import { call, contestBody, entryBody, newPerson, useContestWorld } from './contests-fixtures'
import { claimBody, createPending, expectError, GANZI_TOWN, type Auth, type Person } from './listings-fixtures'
import { BAD_CURSORS, idsOf, PAGE_CURSOR, walkPages } from './paging'

const ROOT = resolve(__dirname, '../..')
const GANZI_COUNTY = '513328'
const CHENGDU_COUNTY = '510104' // 成都市锦江区

let ganziStaff: Person
let chengduStaff: Person

async function staffOf(area: string, nickname: string): Promise<Person> {
  const person = await newPerson(w, 'farmer', undefined, nickname)
  await w.ctx.db.updateTable('users').set({ is_staff: 1, staff_region_code: area }).where('id', '=', person.id).execute()
  return person
}

const w = useContestWorld()
beforeAll(async () => {
  ganziStaff = await staffOf(GANZI_COUNTY, '甘孜县科协')
  chengduStaff = await staffOf(CHENGDU_COUNTY, '锦江区科协')
})

const lastId = async () => Number((await w.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0)

/** Runs `decide` and returns the audit rows it wrote (details parsed). */
async function written(decide: () => Promise<unknown>) {
  const before = await lastId()
  await decide()
  const rows = await w.ctx.db.selectFrom('audit_log').selectAll().where('id', '>', before).orderBy('id').execute()
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }))
}

async function ok(res: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) {
  const r = await res
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode} ${r.body}`)
  return r.json()
}

describe('post review', () => {
  it('approving writes one entry with the staff member and the post', async () => {
    const id = await createPending(w.ctx, w.owner.auth)
    const rows = await written(() => ok(call(w, 'POST', `/api/staff/review/listing/${id}/approve`, w.staff.auth)))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actor_id: w.staff.id, action: 'listing.approve', target_type: 'listing', target_id: String(id), reason: null })
    expect(rows[0].details).toEqual({ flagged: false })
  })

  it('rejecting keeps the reason', async () => {
    const id = await createPending(w.ctx, w.owner.auth)
    const rows = await written(() => ok(call(w, 'POST', `/api/staff/review/listing/${id}/reject`, ganziStaff.auth, { reason: '请补充联系方式和地点' })))
    expect(rows).toEqual([expect.objectContaining({ actor_id: ganziStaff.id, action: 'listing.reject', target_id: String(id), reason: '请补充联系方式和地点' })])
  })

  it('a decision that is refused writes nothing: already decided, or outside the staff member’s area', async () => {
    const id = await createPending(w.ctx, w.owner.auth)
    await ok(call(w, 'POST', `/api/staff/review/listing/${id}/approve`, w.staff.auth))
    const rows = await written(async () => {
      expectError(await call(w, 'POST', `/api/staff/review/listing/${id}/approve`, w.staff.auth), 409, 'ALREADY_REVIEWED')
      const other = await createPending(w.ctx, w.owner.auth)
      expectError(await call(w, 'POST', `/api/staff/review/listing/${other}/approve`, chengduStaff.auth), 403, 'FORBIDDEN')
      expectError(await call(w, 'POST', `/api/staff/review/listing/${other}/reject`, w.staff.auth, { reason: '' }), 400, 'VALIDATION_FAILED')
    })
    expect(rows).toEqual([])
  })
})

describe('one transaction', () => {
  it('a decision whose audit entry cannot be written does not happen either', async () => {
    const id = await createPending(w.ctx, w.owner.auth)
    const body = { regionCode: GANZI_COUNTY, metric: 'posts', month: '2027-04', value: 30 }
    await sql`alter table audit_log rename to audit_log_away`.execute(w.ctx.db)
    try {
      expect((await call(w, 'POST', `/api/staff/review/listing/${id}/approve`, w.staff.auth)).statusCode).toBe(500)
      expect((await call(w, 'PUT', '/api/staff/targets', w.staff.auth, body)).statusCode).toBe(500)
    } finally {
      await sql`alter table audit_log_away rename to audit_log`.execute(w.ctx.db)
    }
    const listing = await w.ctx.db.selectFrom('listings').select('status').where('id', '=', id).executeTakeFirstOrThrow()
    expect(listing.status).toBe('pending')
    const target = await w.ctx.db.selectFrom('targets').select('id').where('metric', '=', 'posts').where('month', '=', '2027-04').executeTakeFirst()
    expect(target).toBeUndefined()
  })
})

describe('verification', () => {
  it('rejecting and then approving a claim writes one entry each, with the reason', async () => {
    const chair = await newPerson(w, 'chair', GANZI_TOWN, '待认证主席')
    const ask = async () => ok(call(w, 'POST', '/api/verifications', chair.auth, await claimBody(w.ctx, chair.auth, 'chair', { note: '乡镇科协主席' })), 201)
    const first = await ask()
    const rejected = await written(() => ok(call(w, 'POST', `/api/staff/verifications/${first.id}/reject`, ganziStaff.auth, { reason: '请上传任命文件' })))
    expect(rejected).toEqual([
      expect.objectContaining({ actor_id: ganziStaff.id, action: 'verification.reject', target_type: 'verification', target_id: String(first.id), reason: '请上传任命文件' }),
    ])
    expect(rejected[0].details).toEqual({ userId: chair.id, role: 'chair' })
    const second = await ask()
    const approved = await written(() => ok(call(w, 'POST', `/api/staff/verifications/${second.id}/approve`, w.staff.auth)))
    expect(approved).toEqual([expect.objectContaining({ actor_id: w.staff.id, action: 'verification.approve', target_id: String(second.id), reason: null })])
    // Deciding it again, or from another area, leaves nothing.
    const none = await written(async () => {
      expectError(await call(w, 'POST', `/api/staff/verifications/${second.id}/approve`, w.staff.auth), 409, 'ALREADY_REVIEWED')
      expectError(await call(w, 'POST', `/api/staff/verifications/${second.id}/reject`, chengduStaff.auth, { reason: '不对' }), 403, 'FORBIDDEN')
    })
    expect(none).toEqual([])
  })
})

describe('contests', () => {
  it('create, edit, each stage, each advance and award, and publishing: one entry each', async () => {
    const created = await written(() => ok(call(w, 'POST', '/api/staff/contests', w.staff.auth, contestBody({ name: '审计测试大赛' })), 201))
    expect(created).toHaveLength(1)
    const id = Number(created[0].target_id)
    expect(created[0]).toMatchObject({ actor_id: w.staff.id, action: 'contest.create', target_type: 'contest' })
    expect(created[0].details).toMatchObject({ name: '审计测试大赛', regionCode: '51' })

    const edited = await written(() => ok(call(w, 'PUT', `/api/staff/contests/${id}`, w.staff.auth, contestBody({ name: '审计测试大赛（改）' }))))
    expect(edited).toEqual([expect.objectContaining({ action: 'contest.update', target_id: String(id), details: expect.objectContaining({ name: '审计测试大赛（改）' }) })])

    const entrant = await newPerson(w)
    const entryId = (await ok(call(w, 'POST', `/api/contests/${id}/entries`, entrant.auth, entryBody()), 201)).id
    for (const stage of ['preliminary', 'semifinal', 'final']) {
      const moved = await written(() => ok(call(w, 'POST', `/api/staff/contests/${id}/stage`, w.staff.auth, { stage })))
      expect(moved).toEqual([expect.objectContaining({ actor_id: w.staff.id, action: 'contest.stage', target_type: 'contest', target_id: String(id) })])
      expect(moved[0].details.to).toBe(stage)
      const advanced = await written(() => ok(call(w, 'POST', `/api/staff/contests/${id}/entries/${entryId}/advance`, w.staff.auth, { stage })))
      expect(advanced).toEqual([
        expect.objectContaining({ action: 'entry.advance', target_type: 'contest_entry', target_id: String(entryId), details: expect.objectContaining({ contestId: id, to: stage }) }),
      ])
    }
    const awarded = await written(() => ok(call(w, 'POST', `/api/staff/contests/${id}/entries/${entryId}/award`, w.staff.auth, { award: 'gold' })))
    expect(awarded).toEqual([expect.objectContaining({ action: 'entry.award', target_id: String(entryId), details: expect.objectContaining({ award: 'gold', previous: null }) })])

    // Refused: a second advance to the same stage, a stage skipped, someone from another area.
    const refused = await written(async () => {
      expectError(await call(w, 'POST', `/api/staff/contests/${id}/entries/${entryId}/advance`, w.staff.auth, { stage: 'final' }), 409, 'ENTRY_NOT_IN_PREVIOUS_STAGE')
      expectError(await call(w, 'POST', `/api/staff/contests/${id}/stage`, w.staff.auth, { stage: 'final' }), 409, 'STAGE_ORDER')
      expectError(await call(w, 'POST', `/api/staff/contests/${id}/results`, ganziStaff.auth), 403, 'FORBIDDEN')
    })
    expect(refused).toEqual([])

    const published = await written(() => ok(call(w, 'POST', `/api/staff/contests/${id}/results`, w.staff.auth)))
    expect(published).toEqual([expect.objectContaining({ actor_id: w.staff.id, action: 'contest.publish_results', target_id: String(id) })])
    // After the results are out, an award change is refused and leaves nothing.
    expect(await written(async () => expectError(await call(w, 'POST', `/api/staff/contests/${id}/entries/${entryId}/award`, w.staff.auth, { award: 'silver' }), 409, 'RESULTS_PUBLISHED'))).toEqual([])
  })
})

describe('news and links', () => {
  const article = (title: string) => ({ ...SEED_ARTICLES[0], title, sourceKey: undefined })

  it('publishing an imported page writes one entry with what was created and skipped', async () => {
    const first = await written(() => ok(call(w, 'POST', '/api/staff/news', w.staff.auth, { articles: [article('审计新闻一'), article('审计新闻二')] })))
    expect(first).toHaveLength(1)
    expect(first[0]).toMatchObject({ actor_id: w.staff.id, action: 'news.publish', target_type: 'news_page', target_id: null })
    const created = first[0].details.created as number[]
    expect(created).toHaveLength(2)
    const again = await written(() => ok(call(w, 'POST', '/api/staff/news', w.staff.auth, { articles: [article('审计新闻一')] })))
    expect(again).toEqual([expect.objectContaining({ action: 'news.publish', details: expect.objectContaining({ created: [], skipped: ['审计新闻一'] }) })])
    // A link to a contest that does not exist refuses the whole page: no article, no entry.
    const articles = async () => Number((await w.ctx.db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const count = await articles()
    const refused = await written(async () =>
      expectError(
        await call(w, 'POST', '/api/staff/news', w.staff.auth, { articles: [{ ...article('审计新闻三'), links: [{ target: 'contest', targetId: 999999 }] }] }),
        400,
        'LINK_TARGET_NOT_FOUND',
      ),
    )
    expect(refused).toEqual([])
    expect(await articles()).toBe(count)
  })

  it('changing an article’s links writes one entry naming what was added and removed', async () => {
    const id = (await w.ctx.db.selectFrom('articles').select('id').orderBy('id').executeTakeFirstOrThrow()).id
    await ok(call(w, 'PUT', `/api/staff/news/${id}/links`, w.staff.auth, { links: [{ target: 'register' }] }))
    const rows = await written(() => ok(call(w, 'PUT', `/api/staff/news/${id}/links`, w.staff.auth, { links: [{ target: 'publish_need' }] })))
    expect(rows).toEqual([
      expect.objectContaining({
        actor_id: w.staff.id,
        action: 'article.links',
        target_type: 'article',
        target_id: String(id),
        details: { added: ['publish_need'], removed: ['register'], links: ['publish_need'] },
      }),
    ])
    expect(await written(async () => expectError(await call(w, 'PUT', `/api/staff/news/${id}/links`, w.staff.auth, { links: [{ target: 'contest' }] }), 400, 'LINK_TARGET_ID_REQUIRED'))).toEqual([])
  })
})

describe('targets', () => {
  it('setting a target writes one entry for the area; outside the area nothing', async () => {
    const body = { regionCode: GANZI_COUNTY, metric: 'registrations', month: '2027-03', value: 500 }
    const rows = await written(() => ok(call(w, 'PUT', '/api/staff/targets', ganziStaff.auth, body)))
    expect(rows).toEqual([
      expect.objectContaining({ actor_id: ganziStaff.id, action: 'target.set', target_type: 'region', target_id: GANZI_COUNTY, details: { metric: 'registrations', month: '2027-03', value: 500 } }),
    ])
    expect(await written(async () => expectError(await call(w, 'PUT', '/api/staff/targets', chengduStaff.auth, body), 403, 'FORBIDDEN'))).toEqual([])
  })
})

describe('staff grants (server/scripts/grant-staff.ts)', () => {
  function grantStaff(args: string[]): Promise<{ code: number; stderr: string }> {
    return new Promise((done) => {
      execFile(
        process.execPath,
        [require.resolve('tsx/cli'), 'server/scripts/grant-staff.ts', ...args],
        { cwd: ROOT, env: { ...process.env, DATABASE_URL: w.ctx.dbUrl, NODE_ENV: 'test', LOG_LEVEL: 'silent' }, timeout: 60_000, encoding: 'utf8' },
        (err, _stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr }),
      )
    })
  }

  it('a grant and a revocation write one entry each, made by the operator at the shell', async () => {
    const person = await newPerson(w, 'farmer', GANZI_TOWN, '新工作人员')
    const granted = await written(async () => expect((await grantStaff([String(person.id), GANZI_COUNTY])).code).toBe(0))
    expect(granted).toEqual([expect.objectContaining({ actor_id: null, action: 'staff.grant', target_type: 'user', target_id: String(person.id) })])
    expect(granted[0].details).toMatchObject({ area: GANZI_COUNTY, previous: null, via: 'grant-staff', operator: expect.any(String) })
    const revoked = await written(async () => expect((await grantStaff([String(person.id), '--revoke'])).code).toBe(0))
    expect(revoked).toEqual([expect.objectContaining({ action: 'staff.revoke', target_id: String(person.id), details: expect.objectContaining({ area: null, previous: GANZI_COUNTY }) })])
    // Refused by the script (no such person): nothing.
    expect(await written(async () => expect((await grantStaff(['99999999'])).code).toBe(1))).toEqual([])
  }, 60_000)
})

describe('GET /api/staff/audit', () => {
  const read = (auth: Auth | undefined, query = '') => call(w, 'GET', `/api/staff/audit${query}`, auth)

  it('is for provincial staff only', async () => {
    expectError(await read(undefined), 401, 'AUTH_REQUIRED')
    expectError(await read(w.farmer.auth), 403, 'FORBIDDEN')
    for (const s of [ganziStaff, chengduStaff]) expectError(await read(s.auth), 403, 'FORBIDDEN')
    expect((await read(w.staff.auth)).statusCode).toBe(200)
  })

  it('answers newest first with who, what and why, narrowed by actor, action and target', async () => {
    const id = await createPending(w.ctx, w.owner.auth)
    await ok(call(w, 'POST', `/api/staff/review/listing/${id}/reject`, ganziStaff.auth, { reason: '标题不清楚' }))
    const byTarget = await ok(read(w.staff.auth, `?targetType=listing&targetId=${id}`))
    expect(byTarget.items).toEqual([
      {
        id: expect.any(Number),
        actor: { id: ganziStaff.id, name: '甘孜县科协' },
        action: 'listing.reject',
        targetType: 'listing',
        targetId: String(id),
        details: { flagged: false },
        reason: '标题不清楚',
        createdAt: expect.any(String),
      },
    ])
    const byActor = await ok(read(w.staff.auth, `?actorId=${ganziStaff.id}`))
    expect(byActor.items.length).toBeGreaterThan(0)
    expect(byActor.items.every((e: { actor: { id: number } }) => e.actor.id === ganziStaff.id)).toBe(true)
    const byAction = await ok(read(w.staff.auth, '?action=contest.stage'))
    expect(byAction.items.map((e: { action: string }) => e.action)).toEqual(['contest.stage', 'contest.stage', 'contest.stage'])
    const all = await ok(read(w.staff.auth, '?limit=100'))
    const ids = all.items.map((e: { id: number }) => e.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    // The operator's entries have no staff account behind them.
    expect(all.items.find((e: { action: string }) => e.action === 'staff.grant').actor).toBeNull()
  })

  it('narrows by time (from inclusive, to exclusive)', async () => {
    // Within the sessions' 30 days (they are checked on the same clock).
    w.clock.set('2026-11-25T08:00:00.000Z')
    await ok(call(w, 'POST', '/api/staff/contests', w.staff.auth, contestBody({ name: '25日的比赛' })), 201)
    w.clock.set('2026-11-27T08:00:00.000Z')
    await ok(call(w, 'POST', '/api/staff/contests', w.staff.auth, contestBody({ name: '27日的比赛' })), 201)
    const window = await ok(read(w.staff.auth, `?action=contest.create&from=${encodeURIComponent('2026-11-25T16:00:00+08:00')}&to=2026-11-27T08:00:00Z`))
    expect(window.items.map((e: { details: { name: string } }) => e.details.name)).toEqual(['25日的比赛'])
    expectError(await read(w.staff.auth, '?from=2027-06-01T00:00:00Z&to=2027-05-01T00:00:00Z'), 400, 'VALIDATION_FAILED')
    expectError(await read(w.staff.auth, '?targetId=5'), 400, 'VALIDATION_FAILED')
  })

  it('pages with a cursor, without gaps or repeats', async () => {
    const all = (await ok(read(w.staff.auth, '?limit=100'))).items.map((e: { id: number }) => e.id)
    expect(all.length).toBeGreaterThan(5)
    const seen: number[] = []
    let before: number | null = null
    do {
      const page: { items: Array<{ id: number }>; nextBefore: number | null } = await ok(read(w.staff.auth, `?limit=4${before ? `&before=${before}` : ''}`))
      seen.push(...page.items.map((e) => e.id))
      before = page.nextBefore
    } while (before !== null)
    expect(seen).toEqual(all)
  })

  it('pages with `next` passed back as `cursor` to the end, the old nextBefore beside it; refuses a cursor it did not make', async () => {
    const all = (await ok(read(w.staff.auth, '?limit=100'))).items.map((e: { id: number }) => e.id)
    const pages = await walkPages((cursor) => ok(read(w.staff.auth, `?limit=4${cursor}`)))
    expect(idsOf(pages)).toEqual(all)
    expect(pages.length).toBe(Math.ceil(all.length / 4))
    for (const page of pages) expect(page.nextBefore).toBe(page.next === null ? null : page.items[page.items.length - 1].id)
    for (const [, cursor] of BAD_CURSORS) expectError(await read(w.staff.auth, `?cursor=${encodeURIComponent(cursor)}`), 400, 'CURSOR_INVALID')
    expectError(await read(w.staff.auth, `?cursor=${PAGE_CURSOR}`), 400, 'CURSOR_INVALID')
  })
})
