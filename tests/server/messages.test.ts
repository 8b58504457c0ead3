// 我的消息 (issue 12, defect 2): every event that happens to a person leaves exactly one unread
// message for exactly that person — never for the one who acted, never for anyone else — written
// with the event itself; the person reads their own messages only, page by page, and marks them
// read one at a time, per entry of the 我的 page, or all at once. Runs on SQLite and PostgreSQL.
import { sql } from 'kysely'
import { createTestContext, login, useLazy } from './helpers'
import { accept, approve, createPending, createPublished, expectError, makeJpeg, multipartBody, respondTo, setupWorld, type Auth, type Person } from './listings-fixtures'
import { call, createContest, entryBody, GANZI_TOWN, LAIMA_TOWN, newPerson, nominationBody, TestClock, type ContestWorld } from './contests-fixtures'
import { BAD_CURSORS, idsOf, walkPages } from './paging'
import { addMessage } from '../../server/src/modules/messages/messages.events'

// The listings world (its seeded 格桑 is the verified chair of 甘孜镇) on the contests' clock, which
// stands inside a contest's sign-up.
const w = useLazy(
  'The messages world',
  async (): Promise<ContestWorld> => {
    const clock = new TestClock()
    const ctx = await createTestContext({ SESSION_DAYS: '365' }, { now: clock.now })
    return { ...(await setupWorld(ctx, clock.now)), clock, otherChair: undefined as never }
  },
  (world) => world.ctx.close(),
)
let contestId: number
beforeAll(async () => {
  contestId = await createContest(w)
})

/** How many messages each person has, straight from the table. */
async function census(): Promise<Map<number, number>> {
  const rows = await w.ctx.db
    .selectFrom('messages')
    .select(['recipient_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('recipient_id')
    .execute()
  return new Map(rows.map((r) => [r.recipient_id, Number(r.n)]))
}

/**
 * Runs `event` and asserts it added exactly one message, to `to`, and nothing for anyone else;
 * answers that message as its recipient reads it (the newest of their list, unread).
 */
async function expectOneMessage(to: Person, event: () => Promise<unknown>) {
  const before = await census()
  await event()
  const after = await census()
  const added: Record<number, number> = {}
  for (const [id, n] of after) if (n !== (before.get(id) ?? 0)) added[id] = n - (before.get(id) ?? 0)
  expect(added).toEqual({ [to.id]: 1 })
  const list = await call(w, 'GET', '/api/messages?limit=1', to.auth)
  expect(list.statusCode).toBe(200)
  const [message] = list.json().items
  expect(message.read).toBe(false)
  return message
}

async function expectNoMessage(event: () => Promise<unknown>) {
  const before = await census()
  await event()
  expect(await census()).toEqual(before)
}

const unread = async (auth: Auth) => {
  const res = await call(w, 'GET', '/api/messages/unread', auth)
  expect(res.statusCode).toBe(200)
  return res.json() as { total: number; entries: Record<string, number> }
}

const ok = async <R extends { statusCode: number; body: string }>(res: Promise<R>, status = 200): Promise<R> => {
  const r = await res
  if (r.statusCode !== status) throw new Error(`${r.statusCode} ${r.body}`)
  return r
}

describe('each event tells exactly the right person', () => {
  test('a need gets a response: its author is told, with who answered; the responder is not', async () => {
    const listingId = await createPublished(w, w.owner.auth, { title: '牦牛冬季补饲求指导' })
    const responder = await newPerson(w, 'expert', GANZI_TOWN, '李专家')
    const m = await expectOneMessage(w.owner, () => respondTo(w.ctx, responder.auth, listingId))
    expect(m).toMatchObject({
      kind: 'listing.response',
      entry: 'listings',
      target: { type: 'listing', id: listingId },
      title: '有人回应了您的发布',
      body: '李专家申请对接「牦牛冬季补饲求指导」，请去看看',
    })
    // A second response to the same post by the same person is refused, and tells nobody again.
    await expectNoMessage(async () =>
      expect((await call(w, 'POST', `/api/listings/${listingId}/responses`, responder.auth, { message: '再问一次', phone: '13900007777' })).statusCode).toBe(409),
    )
  })

  test('the author accepts a response: the responder is told, once even for taps at once', async () => {
    const listingId = await createPublished(w, w.owner.auth, { title: '青稞种子哪里买' })
    const responder = await newPerson(w, 'farmer', GANZI_TOWN, '次仁')
    const responseId = await respondTo(w.ctx, responder.auth, listingId)
    const m = await expectOneMessage(responder, () =>
      Promise.all([0, 1, 2].map(() => call(w, 'POST', `/api/listings/${listingId}/responses/${responseId}/accept`, w.owner.auth))),
    )
    expect(m).toMatchObject({ kind: 'listing.accepted', entry: 'responses', target: { type: 'listing', id: listingId }, title: '对方接受了您的对接' })
    expect(m.body).toContain('「青稞种子哪里买」')
    // Accepting again changes nothing and tells nobody.
    await expectNoMessage(() => accept(w.ctx, w.owner.auth, listingId, responseId))
  })

  test('staff approve a post: the author is told; staff are not', async () => {
    const id = await createPending(w.ctx, w.owner.auth, { title: '想学牦牛酸奶制作' })
    const m = await expectOneMessage(w.owner, () => approve(w.ctx, w.staff.auth, id))
    expect(m).toMatchObject({ kind: 'listing.approved', entry: 'listings', target: { type: 'listing', id }, title: '您的发布已通过审核' })
    // Deciding it again is refused (409) and writes nothing: the message lives with the decision.
    await expectNoMessage(async () => expect((await call(w, 'POST', `/api/staff/review/listing/${id}/approve`, w.staff.auth)).statusCode).toBe(409))
  })

  test('staff reject a post: the author is told why', async () => {
    const id = await createPending(w.ctx, w.owner.auth, { title: '想卖冬虫夏草' })
    const m = await expectOneMessage(w.owner, () => ok(call(w, 'POST', `/api/staff/review/listing/${id}/reject`, w.staff.auth, { reason: '联系方式不完整，请补充后重新提交' })))
    expect(m).toMatchObject({ kind: 'listing.rejected', entry: 'listings', title: '您的发布没有通过审核' })
    expect(m.body).toBe('「想卖冬虫夏草」没有通过。原因：联系方式不完整，请补充后重新提交。可以修改后重新提交')
  })

  test('staff decide a verification: the applicant is told, with the reason when refused', async () => {
    const chair = await newPerson(w, 'chair', GANZI_TOWN, '新主席甲')
    // A chair's claim as the 认证 form sends it: real name, post and a photo of the appointment letter.
    const ask = async (p: Person) => {
      const photo = await multipartBody(await makeJpeg(600, 400))
      const proof = await ok(w.ctx.app.inject({ method: 'POST', url: '/api/verifications/proofs', headers: { ...p.auth, 'content-type': photo.contentType }, payload: photo.payload }))
      const body = { realName: '泽仁', post: '科协主席', proofId: proof.json().id, note: '甘孜镇科协主席' }
      return (await ok(call(w, 'POST', '/api/verifications', p.auth, body), 201)).json().id as number
    }
    const first = await ask(chair)
    const refused = await expectOneMessage(chair, () => ok(call(w, 'POST', `/api/staff/verifications/${first}/reject`, w.staff.auth, { reason: '请上传任命文件。' })))
    expect(refused).toMatchObject({ kind: 'verification.rejected', entry: 'verification', target: { type: 'verification', id: first } })
    // Staff ended their reason with 。: the sentence still has one.
    expect(refused.body).toBe('乡镇科协主席认证没有通过。原因：请上传任命文件。可以补充材料后重新申请')
    const second = await ask(chair)
    const approved = await expectOneMessage(chair, () => ok(call(w, 'POST', `/api/staff/verifications/${second}/approve`, w.staff.auth)))
    expect(approved).toMatchObject({ kind: 'verification.approved', title: '身份认证已通过', body: '您已认证为乡镇科协主席' })
  })

  test('a chair nominates a registered person by account: the nominee is told, the chair is not', async () => {
    const nominee = await newPerson(w, 'farmer', GANZI_TOWN, '扎西顿珠')
    const m = await expectOneMessage(nominee, () => ok(call(w, 'POST', `/api/contests/${contestId}/nominations`, w.verifiedChair.auth, nominationBody({ userId: nominee.id })), 201))
    expect(m).toMatchObject({ kind: 'nomination.received', entry: 'invites', target: { type: 'nomination' }, title: '有人举荐您参赛' })
    expect(m.body).toMatch(/^甘孜镇科协举荐您参加「测试乡土人才大赛\d+」，请确认是否参加$/)
  })

  test('nominated by phone: told when able to see it — at once if registered there with that phone, else on binding it', async () => {
    const contest = await createContest(w)
    const nominate = (phone: string, name: string) =>
      ok(call(w, 'POST', `/api/contests/${contest}/nominations`, w.verifiedChair.auth, nominationBody({ name, phone, regionCode: GANZI_TOWN })), 201)
    // Registered in the township with the phone bound: told with the nomination.
    const bound = await newPerson(w, 'farmer', GANZI_TOWN, '白玛')
    await ok(call(w, 'POST', '/api/users/me/phone', bound.auth, { code: 'phone-13812349001' }))
    await expectOneMessage(bound, () => nominate('13812349001', '白玛'))

    // The same phone bound by someone of another township: they cannot see it, and are not told.
    const outsider = await newPerson(w, 'farmer', LAIMA_TOWN, '外乡人')
    await ok(call(w, 'POST', '/api/users/me/phone', outsider.auth, { code: 'phone-13812349002' }))
    await expectNoMessage(() => nominate('13812349002', '外乡人'))

    // No account yet: nobody is told; she registers (still nothing: no phone), binds it — told once.
    await expectNoMessage(() => nominate('13812349003', '卓玛'))
    const { auth, user } = await login(w.ctx.app)
    const zhuoma: Person = { id: user.id, auth, openid: '' }
    await expectNoMessage(() => ok(call(w, 'PUT', '/api/users/me', auth, { nickname: '卓玛', role: 'farmer', regionCode: GANZI_TOWN })))
    const m = await expectOneMessage(zhuoma, () => ok(call(w, 'POST', '/api/users/me/phone', auth, { code: 'phone-13812349003' })))
    expect(m).toMatchObject({ kind: 'nomination.received', entry: 'invites' })
    // Binding the same phone again, or saving the profile, tells her nothing new.
    await expectNoMessage(() => ok(call(w, 'POST', '/api/users/me/phone', auth, { code: 'phone-13812349003' })))
    await expectNoMessage(() => ok(call(w, 'PUT', '/api/users/me', auth, { nickname: '卓玛', role: 'farmer', regionCode: GANZI_TOWN })))

    // The outsider moves to 甘孜镇: now the nomination is theirs to see, and they are told.
    await expectOneMessage(outsider, () => ok(call(w, 'PUT', '/api/users/me', outsider.auth, { nickname: '外乡人', role: 'farmer', regionCode: GANZI_TOWN })))
  })

  test('the nominee confirms or declines: the chair is told, by the name the chair gave', async () => {
    const contest = await createContest(w)
    const yes = await newPerson(w, 'farmer', GANZI_TOWN, '确认的人')
    const no = await newPerson(w, 'farmer', GANZI_TOWN, '婉拒的人')
    const chair = { id: (await call(w, 'GET', '/api/users/me', w.verifiedChair.auth)).json().id, auth: w.verifiedChair.auth, openid: '' }
    const nominate = async (p: Person) => (await ok(call(w, 'POST', `/api/contests/${contest}/nominations`, chair.auth, nominationBody({ userId: p.id })), 201)).json().id as number
    const [a, b] = [await nominate(yes), await nominate(no)]
    const { regionCode: _, ...entry } = entryBody()
    const confirmed = await expectOneMessage(chair, () => ok(call(w, 'POST', `/api/nominations/${a}/confirm`, yes.auth, entry), 201))
    expect(confirmed).toMatchObject({ kind: 'nomination.confirmed', entry: 'nominations', target: { type: 'nomination', id: a }, title: '被举荐人已确认参赛' })
    expect(confirmed.body).toMatch(/^确认的人已确认参加「/)
    const declined = await expectOneMessage(chair, () => ok(call(w, 'POST', `/api/nominations/${b}/decline`, no.auth)))
    expect(declined).toMatchObject({ kind: 'nomination.declined', entry: 'nominations', title: '被举荐人不参加' })
    // Declining again is refused and tells nobody.
    await expectNoMessage(async () => expect((await call(w, 'POST', `/api/nominations/${b}/decline`, no.auth)).statusCode).toBe(409))
  })
})

test('a message that cannot be written undoes its event: the decision and the response are not made either', async () => {
  const pg = w.ctx.dbKind === 'postgres'
  // The database refuses every new message (a full disk, a lost connection at that statement).
  if (pg) {
    await sql`create function messages_refuse() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$`.execute(w.ctx.db)
    await sql`create trigger messages_refuse before insert on messages for each row execute function messages_refuse()`.execute(w.ctx.db)
  } else {
    await sql`create trigger messages_refuse before insert on messages begin select raise(abort, 'refused'); end`.execute(w.ctx.db)
  }
  try {
    const id = await createPending(w.ctx, w.owner.auth, { title: '消息写不进去时' })
    expect((await call(w, 'POST', `/api/staff/review/listing/${id}/approve`, w.staff.auth)).statusCode).toBe(500)
    const row = await w.ctx.db.selectFrom('listings').select('status').where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.status).toBe('pending')
    expect(await w.ctx.db.selectFrom('audit_log').select('id').where('target_type', '=', 'listing').where('target_id', '=', String(id)).execute()).toEqual([])

    const published = await w.ctx.db.selectFrom('listings').select('id').where('status', '=', 'published').where('author_id', '!=', w.stranger.id).executeTakeFirstOrThrow()
    const res = await call(w, 'POST', `/api/listings/${published.id}/responses`, w.stranger.auth, { message: '我能帮忙，有经验', phone: '13900007777' })
    expect(res.statusCode).toBe(500)
    expect(await w.ctx.db.selectFrom('listing_responses').select('id').where('listing_id', '=', published.id).where('responder_id', '=', w.stranger.id).execute()).toEqual([])
  } finally {
    await sql`drop trigger messages_refuse${pg ? sql` on messages` : sql``}`.execute(w.ctx.db)
    if (pg) await sql`drop function messages_refuse`.execute(w.ctx.db)
  }
})

describe('reading them', () => {
  test('only signed-in people, only their own: another person marking one gets 404 and it stays unread', async () => {
    expectError(await call(w, 'GET', '/api/messages'), 401, 'AUTH_REQUIRED')
    expectError(await call(w, 'GET', '/api/messages/unread'), 401, 'AUTH_REQUIRED')
    expectError(await call(w, 'POST', '/api/messages/read'), 401, 'AUTH_REQUIRED')
    const listingId = await createPublished(w, w.owner.auth)
    const mine = await expectOneMessage(w.owner, () => respondTo(w.ctx, w.stranger.auth, listingId))
    expectError(await call(w, 'POST', `/api/messages/${mine.id}/read`, w.stranger.auth), 404, 'NOT_FOUND')
    expect((await call(w, 'GET', '/api/messages?limit=50', w.stranger.auth)).json().items.map((m: { id: number }) => m.id)).not.toContain(mine.id)
    const again = (await call(w, 'GET', '/api/messages?limit=1', w.owner.auth)).json().items[0]
    expect(again).toMatchObject({ id: mine.id, read: false })
    expectError(await call(w, 'POST', '/api/messages/abc/read', w.owner.auth), 400, 'VALIDATION_FAILED')
    expectError(await call(w, 'POST', '/api/messages/read', w.owner.auth, { entry: 'everything' }), 400, 'VALIDATION_FAILED')
    expect((await call(w, 'GET', '/api/messages', w.owner.auth)).headers['cache-control']).toBe('private, no-store')
  })

  test('unread counts per entry; one read, an entry read, all read', async () => {
    const person = await newPerson(w, 'farmer', GANZI_TOWN, '数消息的人')
    const other = await newPerson(w, 'farmer', GANZI_TOWN, '旁人')
    await approve(w.ctx, w.staff.auth, await createPending(w.ctx, other.auth, { title: '旁人的发布' }))
    expect(await unread(person.auth)).toEqual({ total: 0, entries: { listings: 0, responses: 0, nominations: 0, invites: 0, verification: 0 } })
    const approved = await createPending(w.ctx, person.auth, { title: '第一条发布' })
    await approve(w.ctx, w.staff.auth, approved)
    await ok(call(w, 'POST', `/api/staff/review/listing/${await createPending(w.ctx, person.auth, { title: '第二条发布' })}/reject`, w.staff.auth, { reason: '重复发布' }))
    await ok(call(w, 'POST', `/api/contests/${contestId}/nominations`, w.verifiedChair.auth, nominationBody({ userId: person.id })), 201)
    expect(await unread(person.auth)).toEqual({ total: 3, entries: { listings: 2, responses: 0, nominations: 0, invites: 1, verification: 0 } })

    const [newest] = (await call(w, 'GET', '/api/messages', person.auth)).json().items
    const afterOne = await ok(call(w, 'POST', `/api/messages/${newest.id}/read`, person.auth))
    expect(JSON.parse(afterOne.body)).toEqual({ total: 2, entries: { listings: 2, responses: 0, nominations: 0, invites: 0, verification: 0 } })
    // Reading it twice is fine and keeps the first reading.
    const readAt = async () => (await w.ctx.db.selectFrom('messages').select('read_at').where('id', '=', newest.id).executeTakeFirstOrThrow()).read_at
    const first = await readAt()
    w.clock.set(new Date(w.clock.at.getTime() + 60_000).toISOString())
    await ok(call(w, 'POST', `/api/messages/${newest.id}/read`, person.auth))
    expect(await readAt()).toBe(first)

    const afterEntry = await ok(call(w, 'POST', '/api/messages/read', person.auth, { entry: 'listings' }))
    expect(JSON.parse(afterEntry.body).total).toBe(0)
    const items = (await call(w, 'GET', '/api/messages', person.auth)).json().items
    expect(items.map((m: { read: boolean }) => m.read)).toEqual([true, true, true])

    await approve(w.ctx, w.staff.auth, await createPending(w.ctx, person.auth, { title: '第三条发布' }))
    await ok(call(w, 'POST', `/api/contests/${await createContest(w)}/nominations`, w.verifiedChair.auth, nominationBody({ userId: person.id })), 201)
    // An empty body (wx.request sends one) marks everything.
    expect(JSON.parse((await ok(call(w, 'POST', '/api/messages/read', person.auth))).body)).toEqual({
      total: 0,
      entries: { listings: 0, responses: 0, nominations: 0, invites: 0, verification: 0 },
    })
    // Another person's messages are untouched by it.
    expect((await unread(other.auth)).total).toBe(1)
  })

  test('pages newest first with the opaque cursor: every message once, in order', async () => {
    const person = await newPerson(w, 'farmer', GANZI_TOWN, '很多消息')
    const at = w.clock.now().toISOString()
    for (let i = 1; i <= 23; i++) {
      await addMessage(w.ctx.db, { to: person.id, kind: 'listing.approved', target: { type: 'listing', id: i }, subject: `第${i}条` }, at)
    }
    const pages = await walkPages(async (cursor) => (await call(w, 'GET', `/api/messages?limit=10${cursor}`, person.auth)).json())
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 3])
    const targets = pages.flatMap((p) => p.items.map((m: Record<string, unknown>) => (m.target as { id: number }).id))
    expect(targets).toEqual(Array.from({ length: 23 }, (_, i) => 23 - i))
    const ids = idsOf(pages) as number[]
    expect(new Set(ids).size).toBe(23)
    for (const [what, cursor] of BAD_CURSORS) {
      const res = await call(w, 'GET', `/api/messages?cursor=${encodeURIComponent(cursor)}`, person.auth)
      expect({ what, code: res.json().code }).toEqual({ what, code: 'CURSOR_INVALID' })
    }
  })

  test('deleting an account erases its messages, and its name from the messages it caused', async () => {
    const gone = await newPerson(w, 'farmer', GANZI_TOWN, '要注销的人')
    await approve(w.ctx, w.staff.auth, await createPending(w.ctx, gone.auth))
    const listingId = await createPublished(w, w.owner.auth, { title: '注销测试' })
    const told = await expectOneMessage(w.owner, () => respondTo(w.ctx, gone.auth, listingId))
    expect(told.body).toContain('要注销的人')
    await ok(call(w, 'DELETE', '/api/users/me', gone.auth))
    expect(await w.ctx.db.selectFrom('messages').select('id').where('recipient_id', '=', gone.id).execute()).toEqual([])
    const after = (await call(w, 'GET', '/api/messages?limit=50', w.owner.auth)).json().items.find((m: { id: number }) => m.id === told.id)
    expect(after.body).toBe('有人申请对接「注销测试」，请去看看')
  })
})
