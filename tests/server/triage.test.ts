// 科服保姆 (issue 14): the queue of unanswered needs, assignments with deadlines, escalation by the
// scheduled jobs (once, on two instances), 问题解决了吗 at 7 and 30 days, who may see what, and the
// figures. Runs on SQLite and PostgreSQL; time moves only through the injected clock.
import { useTestContext } from './helpers'
import {
  accept,
  approve,
  createPending,
  emulatorMessages,
  expectError,
  registerPerson,
  respondTo,
  type Auth,
  type Person,
} from './listings-fixtures'
import { newVoice } from './voice-fixtures'

const HOUR = 3_600_000
const DAY = 24 * HOUR
// Two counties of 甘孜州, and a township of each.
const GANZI_COUNTY = '513328'
const GANZI_TOWNSHIP = '513328200'
const LUHUO_COUNTY = '513327'
const LUHUO_TOWNSHIP = '513327100'

let clock = new Date('2026-12-01T02:00:00Z')
// Sessions outlive the months this file's clock moves through.
const ctx = useTestContext({ SESSION_DAYS: '365' }, { now: () => clock })
/** A second API instance on the same database, with its own scheduler. */
const second = useTestContext({ SESSION_DAYS: '365' }, () => ({ sharing: ctx, now: () => clock }))

/**
 * Both instances tick. On PostgreSQL at the same moment; on SQLite one after the other: two
 * connections to one SQLite file inside one process wait for each other's write lock on the one
 * event loop (better-sqlite3 waits synchronously), which two real processes do not.
 */
async function tickBoth() {
  const schedulers = [ctx.app.scheduler, second.app.scheduler]
  if (ctx.dbKind === 'postgres') await Promise.all(schedulers.map((s) => s.tick()))
  else for (const s of schedulers) await s.tick()
}

const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms)
}

let staff: Person
let ganziKeeper: Person
let luhuoKeeper: Person
let expertA: Person
let expertB: Person

async function call(method: 'GET' | 'POST' | 'DELETE', url: string, auth?: Auth, payload?: unknown) {
  return ctx.app.inject({ method, url, headers: auth ?? {}, payload: payload as never })
}

/** The steps on a post's public page, as someone not signed in is shown it. */
async function publicTimeline(id: number): Promise<string[]> {
  const res = await call('GET', `/api/listings/${id}`)
  expect(res.statusCode).toBe(200)
  return res.json().timeline.map((e: { kind: string }) => e.kind)
}

async function makeStaff(p: Person, area: string | null) {
  await ctx.db.updateTable('users').set({ is_staff: 1, staff_region_code: area }).where('id', '=', p.id).execute()
}

async function makeVerifiedExpert(name: string): Promise<Person> {
  const p = await registerPerson(ctx, 'expert', '510104022', name)
  await ctx.db.updateTable('users').set({ verification: 'verified' }).where('id', '=', p.id).execute()
  return p
}

let phones = 0
/** Staff appoint a registered person 科服保姆 of a county (found by the phone they bound). */
async function appoint(county: string, township: string, name: string): Promise<Person> {
  const p = await registerPerson(ctx, 'volunteer', township, name)
  const phone = `1390000${String(++phones).padStart(4, '0')}`
  expect((await call('POST', '/api/users/me/phone', p.auth, { code: `phone-${phone}` })).statusCode).toBe(200)
  const res = await call('POST', '/api/staff/triage/keepers', staff.auth, { phone, countyCode: county })
  expect(res.statusCode).toBe(200)
  return p
}

/** A herder's need, approved by staff: public from now (the clock). */
async function publishedNeed(author: Person, township: string, title = '牦牛拉稀不吃草怎么办'): Promise<number> {
  const id = await createPending(ctx, author.auth, { regionCode: township, title, category: 'veterinary' })
  await approve(ctx, staff.auth, id)
  return id
}

async function queueIds(auth: Auth, query = ''): Promise<number[]> {
  const res = await call('GET', `/api/triage/queue${query}`, auth)
  expect(res.statusCode).toBe(200)
  return res.json().items.map((i: { listing: { id: number } }) => i.listing.id)
}

/** The need is at the top of the queue: among the urgent ones (oldest first), ahead of every need that is not. */
async function expectAtTop(auth: Auth, id: number) {
  const items = (await call('GET', '/api/triage/queue', auth)).json().items
  const at = items.findIndex((i: { listing: { id: number } }) => i.listing.id === id)
  expect(at).toBeGreaterThanOrEqual(0)
  expect(items.slice(0, at + 1).every((i: { urgent: unknown }) => i.urgent !== null)).toBe(true)
}

async function messagesOf(p: Person, kind: string) {
  return ctx.db.selectFrom('messages').selectAll().where('recipient_id', '=', p.id).where('kind', '=', kind).execute()
}

const tick = () => ctx.app.scheduler.tick()

beforeAll(async () => {
  staff = await registerPerson(ctx, 'other', GANZI_TOWNSHIP, '省科协')
  await makeStaff(staff, null)
  ganziKeeper = await appoint(GANZI_COUNTY, GANZI_TOWNSHIP, '甘孜保姆')
  luhuoKeeper = await appoint(LUHUO_COUNTY, LUHUO_TOWNSHIP, '炉霍保姆')
  expertA = await makeVerifiedExpert('兽医甲')
  expertB = await makeVerifiedExpert('兽医乙')
  // The jobs registered at the test's clock: every run below is due when the test says.
  await tick()
})

test('a need unanswered for 24 h comes to the top of its county queue, its 科服保姆 are told once, and no other county sees it', async () => {
  const herder = await registerPerson(ctx, 'farmer', GANZI_TOWNSHIP, '扎西')
  const id = await publishedNeed(herder, GANZI_TOWNSHIP)
  // In the queue from publication, not urgent yet.
  const first = (await call('GET', '/api/triage/queue', ganziKeeper.auth)).json()
  expect(first.items.find((i: any) => i.listing.id === id)).toMatchObject({ state: 'open', urgent: null })
  expect(first.areas).toEqual([{ code: GANZI_COUNTY, name: '甘孜县' }])

  advance(23 * HOUR)
  await tick()
  expect(await messagesOf(ganziKeeper, 'triage.escalated')).toHaveLength(0)

  expect(await publicTimeline(id)).not.toContain('escalated')
  advance(2 * HOUR)
  await tick()
  // The post's public page (kept between visitors) shows the step at once.
  expect(await publicTimeline(id)).toContain('escalated')
  const queue = (await call('GET', '/api/triage/queue', ganziKeeper.auth)).json()
  expect(queue.items[0]).toMatchObject({ listing: { id }, urgent: { reason: 'unanswered' } })
  expect((await messagesOf(ganziKeeper, 'triage.escalated')).map((m) => m.target_id)).toEqual([id])
  // Nowhere else: not in 炉霍's queue, its keeper told nothing, its case 404 for them.
  expect(await queueIds(luhuoKeeper.auth)).not.toContain(id)
  expect(await messagesOf(luhuoKeeper, 'triage.escalated')).toHaveLength(0)
  expectError(await call('GET', `/api/triage/cases/${id}`, luhuoKeeper.auth), 404, 'NOT_FOUND')
  expectError(await call('GET', `/api/triage/queue?region=${GANZI_COUNTY}`, luhuoKeeper.auth), 403, 'FORBIDDEN')
  // Provincial staff see every county's.
  expect(await queueIds(staff.auth)).toContain(id)

  // Later runs do not tell again.
  advance(HOUR)
  await tick()
  expect(await messagesOf(ganziKeeper, 'triage.escalated')).toHaveLength(1)
  const events = await ctx.db.selectFrom('listing_events').select('kind').where('listing_id', '=', id).where('kind', '=', 'escalated').execute()
  expect(events).toHaveLength(1)
})

test('assigning tells exactly the assigned experts, in the app and by subscribe message; answering completes the assignment', async () => {
  const herder = await registerPerson(ctx, 'farmer', GANZI_TOWNSHIP, '卓玛')
  const id = await publishedNeed(herder, GANZI_TOWNSHIP, '青稞叶子发黄')
  const bystander = await makeVerifiedExpert('旁观专家')
  const before = (await emulatorMessages(ctx)).length
  const res = await call('POST', `/api/triage/cases/${id}/assign`, ganziKeeper.auth, { expertIds: [expertA.id, expertB.id] })
  expect(res.statusCode).toBe(200)
  expect(res.json().assignments.map((a: any) => [a.expert.id, a.status])).toEqual([
    [expertA.id, 'open'],
    [expertB.id, 'open'],
  ])
  expect(res.json().assignments[0].dueAt).toBe(new Date(clock.getTime() + 48 * HOUR).toISOString())
  for (const e of [expertA, expertB]) expect((await messagesOf(e, 'triage.assigned')).filter((m) => m.target_id === id)).toHaveLength(1)
  expect(await messagesOf(bystander, 'triage.assigned')).toHaveLength(0)
  const sent = (await emulatorMessages(ctx)).slice(before)
  expect(sent.map((m) => m.touser).sort()).toEqual([expertA.openid, expertB.openid].sort())
  expect(sent.every((m) => m.templateId === ctx.config.wechat.templates.triage)).toBe(true)

  // An unverified "expert" or the need's own author cannot be assigned.
  const claimant = await registerPerson(ctx, 'expert', GANZI_TOWNSHIP, '未认证')
  expectError(await call('POST', `/api/triage/cases/${id}/assign`, ganziKeeper.auth, { expertIds: [claimant.id] }), 400, 'ASSIGNEE_NOT_EXPERT')
  // 炉霍's keeper cannot assign 甘孜's need.
  expectError(await call('POST', `/api/triage/cases/${id}/assign`, luhuoKeeper.auth, { expertIds: [expertA.id] }), 404, 'NOT_FOUND')
  // A farmer triages nothing.
  expectError(await call('GET', '/api/triage/queue', herder.auth), 403, 'FORBIDDEN')

  await respondTo(ctx, expertA.auth, id, { message: '可能是缺氮，建议追施尿素' })
  const mine = (await call('GET', '/api/triage/assigned', expertA.auth)).json().items
  expect(mine.find((a: any) => a.listing.id === id)).toMatchObject({ status: 'answered' })
  const c = (await call('GET', `/api/triage/cases/${id}`, ganziKeeper.auth)).json()
  expect(c.firstResponseAt).toBe(clock.toISOString())
  // 代为回复 is a phone call: those who triage it see how to reach the asker.
  expect(c.contact).toMatchObject({ name: expect.any(String), phone: expect.stringMatching(/^1\d{10}$/) })
})

test("every step of a need's care shows on its public page at once, though the page is kept between visitors", async () => {
  const herder = await registerPerson(ctx, 'farmer', GANZI_TOWNSHIP, '次仁')
  const id = await publishedNeed(herder, GANZI_TOWNSHIP, '牦牛犊拉稀不止')
  expect(await publicTimeline(id)).toEqual(['submitted', 'approved'])
  const assigned = await call('POST', `/api/triage/cases/${id}/assign`, ganziKeeper.auth, { expertIds: [expertA.id] })
  expect(assigned.statusCode).toBe(200)
  expect((await publicTimeline(id)).slice(-1)).toEqual(['assigned'])
  const assignmentId = assigned.json().assignments[0].id
  expect((await call('POST', `/api/triage/assignments/${assignmentId}/decline`, expertA.auth, { reason: '不熟悉犊牛腹泻' })).statusCode).toBe(200)
  expect((await publicTimeline(id)).slice(-1)).toEqual(['assignment_declined'])
  expect((await call('POST', `/api/triage/cases/${id}/call`, ganziKeeper.auth, { note: '电话里讲了补液和隔离' })).statusCode).toBe(200)
  expect((await publicTimeline(id)).slice(-1)).toEqual(['called'])
})

test('nobody triages their own need', async () => {
  const id = await publishedNeed(ganziKeeper, GANZI_TOWNSHIP, '保姆自己的需求')
  expectError(await call('POST', `/api/triage/cases/${id}/call`, ganziKeeper.auth, { note: '我自己回答自己' }), 403, 'FORBIDDEN')
  expectError(await call('POST', `/api/triage/cases/${id}/assign`, ganziKeeper.auth, { expertIds: [expertA.id] }), 403, 'FORBIDDEN')
  expect((await call('POST', `/api/triage/cases/${id}/assign`, staff.auth, { expertIds: [expertA.id] })).statusCode).toBe(200)
})

test('triage finds any verified expert by a part of the name or the bound phone; % and _ are characters', async () => {
  const names = async (q: string, auth = ganziKeeper.auth) => {
    const res = await call('GET', `/api/triage/experts?q=${encodeURIComponent(q)}`, auth)
    expect(res.statusCode).toBe(200)
    return res.json().items.map((i: { expert: { nickname: string } }) => i.expert.nickname)
  }
  await registerPerson(ctx, 'expert', GANZI_TOWNSHIP, '兽医未认证')
  expect(await names('兽医')).toEqual(['兽医甲', '兽医乙'])
  expect(await names('%')).toEqual([])
  expect(await names('_')).toEqual([])
  expect((await call('POST', '/api/users/me/phone', expertA.auth, { code: 'phone-13900007777' })).statusCode).toBe(200)
  expect(await names('13900007777')).toEqual(['兽医甲'])
  const farmer = await registerPerson(ctx, 'farmer', GANZI_TOWNSHIP)
  expectError(await call('GET', '/api/triage/experts?q=兽医', farmer.auth), 403, 'FORBIDDEN')
})

test('a missed 48 h deadline escalates once, however many instances tick and however often', async () => {
  const herder = await registerPerson(ctx, 'farmer', GANZI_TOWNSHIP, '次仁')
  const id = await publishedNeed(herder, GANZI_TOWNSHIP, '羊羔咳嗽')
  await call('POST', `/api/triage/cases/${id}/assign`, ganziKeeper.auth, { expertIds: [expertB.id] })
  advance(47 * HOUR)
  await tickBoth()
  expect((await call('GET', `/api/triage/cases/${id}`, ganziKeeper.auth)).json().assignments[0].status).toBe('open')

  advance(2 * HOUR)
  await tickBoth()
  advance(10 * 60_000)
  await tickBoth()
  const c = (await call('GET', `/api/triage/cases/${id}`, ganziKeeper.auth)).json()
  expect(c.assignments[0].status).toBe('overdue')
  expect(c.urgent).toMatchObject({ reason: 'overdue' })
  const told = (await messagesOf(ganziKeeper, 'triage.escalated')).filter((m) => m.target_id === id)
  expect(told.map((m) => m.dedupe_key)).toEqual([expect.stringMatching(/^assignment:\d+:overdue$/)])
  expect(c.events.filter((e: any) => e.kind === 'escalated')).toHaveLength(1)
  // Too late to decline; answering late still counts as answered.
  const assignmentId = c.assignments[0].id
  expectError(await call('POST', `/api/triage/assignments/${assignmentId}/decline`, expertB.auth, { reason: '太忙' }), 409, 'ASSIGNMENT_CLOSED')
})

test('an expert declines with a reason: the need goes back to the top and the keepers are told why', async () => {
  const herder = await registerPerson(ctx, 'farmer', GANZI_TOWNSHIP, '拉姆')
  const id = await publishedNeed(herder, GANZI_TOWNSHIP, '蜂箱里蜜蜂死了很多')
  const c = (await call('POST', `/api/triage/cases/${id}/assign`, ganziKeeper.auth, { expertIds: [expertA.id] })).json()
  const assignmentId = c.assignments[0].id
  // Only the assigned expert may decline.
  expectError(await call('POST', `/api/triage/assignments/${assignmentId}/decline`, expertB.auth, { reason: '不懂蜜蜂' }), 404, 'NOT_FOUND')
  expect((await call('POST', `/api/triage/assignments/${assignmentId}/decline`, expertA.auth, { reason: '不懂蜜蜂' })).statusCode).toBe(200)
  const after = (await call('GET', `/api/triage/cases/${id}`, ganziKeeper.auth)).json()
  expect(after.urgent).toMatchObject({ reason: 'declined' })
  expect(after.assignments[0]).toMatchObject({ status: 'declined', declineReason: '不懂蜜蜂' })
  const told = (await messagesOf(ganziKeeper, 'triage.escalated')).filter((m) => m.target_id === id)
  expect(told.map((m) => m.reason)).toEqual([expect.stringContaining('不懂蜜蜂')])
  await expectAtTop(ganziKeeper.auth, id)
})

test('代为回复 records what the farmer was told and counts as the first answer; resolving it that way starts the follow-ups', async () => {
  const herder = await registerPerson(ctx, 'farmer', GANZI_TOWNSHIP, '多吉')
  const id = await publishedNeed(herder, GANZI_TOWNSHIP, '土豆晚疫病')
  advance(3 * HOUR)
  const res = await call('POST', `/api/triage/cases/${id}/call`, ganziKeeper.auth, { note: '电话里讲了用药办法', resolved: true })
  expect(res.statusCode).toBe(200)
  expect(res.json()).toMatchObject({ state: 'resolved', firstResponseAt: clock.toISOString() })
  expect(res.json().events.map((e: any) => e.kind)).toEqual(['submitted', 'approved', 'called', 'resolved'])
  expect(await queueIds(ganziKeeper.auth)).not.toContain(id)
  expect((await call('GET', `/api/listings/${id}`)).json().status).toBe('resolved')
})

test('问题解决了吗 goes out once at 7 and once at 30 days; 没有解决 reopens the need into triage', async () => {
  const herder = await registerPerson(ctx, 'farmer', GANZI_TOWNSHIP, '央金')
  const id = await publishedNeed(herder, GANZI_TOWNSHIP, '奶牛产奶少')
  const responseId = await respondTo(ctx, expertA.auth, id, { message: '调整精料比例' })
  await accept(ctx, herder.auth, id, responseId)
  expect((await call('POST', `/api/listings/${id}/resolve`, herder.auth)).statusCode).toBe(200)
  // Nobody else answers for it.
  expectError(await call('GET', `/api/triage/followups/${id}`, expertA.auth), 404, 'NOT_FOUND')
  expect((await call('GET', `/api/triage/followups/${id}`, herder.auth)).json().asking).toBeNull()
  expectError(await call('POST', `/api/triage/followups/${id}`, herder.auth, { outcome: 'solved' }), 409, 'FOLLOWUP_NOT_ASKED')

  const followups = async () => (await messagesOf(herder, 'triage.followup')).filter((m) => m.target_id === id)
  advance(7 * DAY - HOUR)
  await tick()
  expect(await followups()).toHaveLength(0)
  advance(2 * HOUR)
  await tick()
  advance(2 * HOUR)
  await tick()
  expect(await followups()).toHaveLength(1)
  expect((await call('GET', `/api/triage/followups/${id}`, herder.auth)).json().asking).toBe(7)
  const solved = await call('POST', `/api/triage/followups/${id}`, herder.auth, { outcome: 'partial', note: '好了一些' })
  expect(solved.json()).toMatchObject({ asking: null, answers: [{ round: 7, outcome: 'partial', note: '好了一些' }] })

  advance(23 * DAY)
  await tick()
  advance(2 * HOUR)
  await tick()
  expect(await followups()).toHaveLength(2)
  const asked = await call('GET', `/api/triage/followups/${id}`, herder.auth)
  expect(asked.json()).toMatchObject({ asking: 30 })
  // Said, not only typed: the herder hears their note back at once; triage once WeChat's audio check passed it.
  const note = await newVoice(ctx, herder.auth)
  const answered = await call('POST', `/api/triage/followups/${id}`, herder.auth, { outcome: 'unsolved', note: '又不行了', voiceId: note.id })
  expect(answered.json().answers[1]).toMatchObject({ round: 30, outcome: 'unsolved', voice: { id: note.id, durationMs: note.durationMs } })
  // Reopened: public and open again, at the top of its county's queue, the keepers told.
  expect((await call('GET', `/api/listings/${id}`)).json().status).toBe('published')
  const c = (await call('GET', `/api/triage/cases/${id}`, ganziKeeper.auth)).json()
  expect(c).toMatchObject({ state: 'open', urgent: { reason: 'reopened' }, outcome: 'unsolved', resolvedAt: null })
  expect(c.followups[1]).toMatchObject({ round: 30, note: '又不行了', voice: null })
  await expectAtTop(ganziKeeper.auth, id)
  expect((await messagesOf(ganziKeeper, 'triage.escalated')).filter((m) => m.target_id === id)).toHaveLength(1)

  // No third question for that resolution, however long it waits.
  advance(40 * DAY)
  await tick()
  expect(await followups()).toHaveLength(2)
})

test('deleting an account erases the words of its follow-up answers, closes its needs in the queue and ends its appointments', async () => {
  const herder = await registerPerson(ctx, 'farmer', GANZI_TOWNSHIP, '格桑')
  const id = await publishedNeed(herder, GANZI_TOWNSHIP, '牦牛掉毛')
  const open = await publishedNeed(herder, GANZI_TOWNSHIP, '牛棚怎么保暖')
  const responseId = await respondTo(ctx, expertA.auth, id, { message: '补充微量元素' })
  await accept(ctx, herder.auth, id, responseId)
  await call('POST', `/api/listings/${id}/resolve`, herder.auth)
  advance(7 * DAY + HOUR)
  await tick()
  await call('POST', `/api/triage/followups/${id}`, herder.auth, { outcome: 'solved', note: '谢谢李老师，我家在呷拉乡三村' })
  const keeper = await appoint(GANZI_COUNTY, GANZI_TOWNSHIP, '要注销的保姆')
  expect((await call('DELETE', '/api/users/me', herder.auth)).statusCode).toBe(200)
  expect((await call('DELETE', '/api/users/me', keeper.auth)).statusCode).toBe(200)
  const rows = await ctx.db.selectFrom('triage_followups').select(['note', 'outcome']).where('listing_id', '=', id).execute()
  expect(rows).toEqual([{ note: null, outcome: 'solved' }])
  expect(await queueIds(ganziKeeper.auth)).not.toContain(open)
  const keepers = (await call('GET', `/api/staff/triage/keepers?county=${GANZI_COUNTY}`, staff.auth)).json().items
  expect(keepers.map((k: any) => k.user.id)).not.toContain(keeper.id)
})

test('staff of one county cannot appoint keepers of another; the township chair reads the 保姆单 but cannot triage', async () => {
  const countyStaff = await registerPerson(ctx, 'other', LUHUO_TOWNSHIP, '炉霍县科协')
  await makeStaff(countyStaff, LUHUO_COUNTY)
  expectError(await call('POST', '/api/staff/triage/keepers', countyStaff.auth, { phone: '13900000001', countyCode: GANZI_COUNTY }), 403, 'FORBIDDEN')
  // A farmer is not made a 科服保姆 (their 我的 would never show the queue): they change their role first.
  const farmer = await registerPerson(ctx, 'farmer', LUHUO_TOWNSHIP, '想当保姆的牧民')
  expect((await call('POST', '/api/users/me/phone', farmer.auth, { code: 'phone-13900009999' })).statusCode).toBe(200)
  expectError(await call('POST', '/api/staff/triage/keepers', countyStaff.auth, { phone: '13900009999', countyCode: LUHUO_COUNTY }), 409, 'KEEPER_IS_FARMER')
  expect(await queueIds(countyStaff.auth, `?region=${LUHUO_COUNTY}`)).toEqual(expect.any(Array))
  expectError(await call('GET', `/api/triage/queue?region=${GANZI_COUNTY}`, countyStaff.auth), 403, 'FORBIDDEN')

  const chair = await registerPerson(ctx, 'chair', GANZI_TOWNSHIP, '呷拉乡主席')
  await ctx.db.updateTable('users').set({ verification: 'verified' }).where('id', '=', chair.id).execute()
  const herder = await registerPerson(ctx, 'farmer', GANZI_TOWNSHIP, '尼玛')
  const id = await publishedNeed(herder, GANZI_TOWNSHIP, '草场鼠害')
  const record = await call('GET', `/api/triage/cases/${id}`, chair.auth)
  expect(record.json()).toMatchObject({ viewer: { canTriage: false }, suggestions: [], contact: null })
  // The need's page links the 保姆单 for those who read it, and for nobody else.
  const readsTriage = async (auth?: Auth) => (await call('GET', `/api/listings/${id}`, auth)).json().viewer.readsTriage
  expect([await readsTriage(chair.auth), await readsTriage(ganziKeeper.auth), await readsTriage(staff.auth)]).toEqual([true, true, true])
  expect([await readsTriage(herder.auth), await readsTriage(luhuoKeeper.auth), await readsTriage(undefined)]).toEqual([false, false, false])
  const csv = await call('GET', `/api/triage/cases/${id}/export`, chair.auth)
  expect(csv.statusCode).toBe(200)
  expect(csv.body).toContain('草场鼠害')
  expectError(await call('POST', `/api/triage/cases/${id}/assign`, chair.auth, { expertIds: [expertA.id] }), 404, 'NOT_FOUND')
  // A chair of another township reads nothing.
  const otherChair = await registerPerson(ctx, 'chair', '513328100', '甘孜镇主席')
  await ctx.db.updateTable('users').set({ verification: 'verified' }).where('id', '=', otherChair.id).execute()
  expectError(await call('GET', `/api/triage/cases/${id}`, otherChair.auth), 404, 'NOT_FOUND')
})
