// 举荐: a verified township chair nominates someone of their township — possibly a person with no
// account, named by phone — who later registers, binds that phone, finds the nomination and
// confirms it (it becomes their entry) or declines. The chair follows how far each got.
import { login } from './helpers'
import { emulatorMessages, expectError, RISKY_WORD } from './listings-fixtures'
import {
  advance,
  award,
  call,
  createContest,
  entryBody,
  GANZI_TOWN,
  LAIMA_TOWN,
  moveStage,
  newPerson,
  nominationBody,
  useContestWorld,
  verify,
} from './contests-fixtures'

let contestId: number

const CHAGLONG_TOWN = '513328101' // 甘孜县查龙镇
const confirmBody = () => {
  const { regionCode: _, ...rest } = entryBody({ title: '牦牛酸奶家庭作坊', category: 'crafts' })
  return rest
}
const nominate = (auth: { authorization: string }, nominee: Record<string, unknown>, id = contestId, reason?: string) =>
  call(w, 'POST', `/api/contests/${id}/nominations`, auth, nominationBody(nominee, reason))

const w = useContestWorld()
beforeAll(async () => {
  contestId = await createContest(w)
})

test('a person without an account: nominated by phone, registers, binds the phone, sees and confirms it', async () => {
  const PHONE = '13812340001'
  const made = await nominate(w.verifiedChair.auth, { name: '卓玛', phone: PHONE, regionCode: GANZI_TOWN })
  expect(made.statusCode).toBe(201)
  const nomination = made.json()
  expect(nomination).toMatchObject({ nomineeName: '卓玛', nomineePhoneMasked: '138****0001', status: 'pending', hasAccount: false, entry: null })
  expect(nomination.regionName).toBe('甘孜藏族自治州 甘孜县 甘孜镇')
  // The phone is stored encrypted and as the keyed hash users.phone_lookup uses — never in clear.
  const row = await w.ctx.db.selectFrom('contest_nominations').selectAll().where('id', '=', nomination.id).executeTakeFirstOrThrow()
  expect(JSON.stringify(row)).not.toContain(PHONE)

  // She opens the mini program: WeChat login through the emulator, then registers.
  const { auth } = await login(w.ctx.app, 'zhuoma-first-login')
  const received = () => call(w, 'GET', '/api/me/nominations/received', auth)
  expect((await received()).json().items).toEqual([])
  const registered = await call(w, 'PUT', '/api/users/me', auth, { nickname: '卓玛', role: 'farmer', regionCode: GANZI_TOWN })
  expect(registered.statusCode).toBe(200)
  expect((await received()).json().items).toEqual([]) // no phone yet: nothing names her
  // She binds her phone (getPhoneNumber → the emulator's code for that number).
  expect((await call(w, 'POST', '/api/users/me/phone', auth, { code: `phone-${PHONE}` })).statusCode).toBe(200)
  const items = (await received()).json().items
  expect(items).toHaveLength(1)
  expect(items[0]).toMatchObject({ id: nomination.id, contestId, nominatorName: '格桑', nominatorTownship: '甘孜镇', status: 'pending', hasAccount: true })
  // The chair is not told that this phone now has an account: only her confirming says so.
  const chairView = async () =>
    (await call(w, 'GET', '/api/me/nominations', w.verifiedChair.auth)).json().items.find((n: { id: number }) => n.id === nomination.id)
  expect((await chairView()).hasAccount).toBe(false)

  const confirmed = await call(w, 'POST', `/api/nominations/${nomination.id}/confirm`, auth, confirmBody())
  expect(confirmed.statusCode).toBe(201)
  expect(confirmed.json()).toMatchObject({ contestId, source: 'nomination', regionCode: GANZI_TOWN, stageReached: 'signup', title: '牦牛酸奶家庭作坊' })
  const entry = await w.ctx.db.selectFrom('contest_entries').selectAll().where('id', '=', confirmed.json().id).executeTakeFirstOrThrow()
  expect(entry.source).toBe('nomination')
  const after = await w.ctx.db.selectFrom('contest_nominations').selectAll().where('id', '=', nomination.id).executeTakeFirstOrThrow()
  expect(after).toMatchObject({ status: 'confirmed', entry_id: entry.id, nominee_user_id: entry.user_id })
  expect((await call(w, 'GET', '/api/me/contest-entries', auth)).json().items[0]).toMatchObject({ id: entry.id, contestStage: 'signup' })
  expect((await received()).json().items[0]).toMatchObject({ status: 'confirmed', entry: { id: entry.id, stageReached: 'signup' } })
  expect(await chairView()).toMatchObject({ status: 'confirmed', hasAccount: true })
  expectError(await call(w, 'POST', `/api/nominations/${nomination.id}/confirm`, auth, confirmBody()), 409, 'NOMINATION_NOT_PENDING')
  // Her township is the nomination's: she cannot move the entry elsewhere.
  expectError(await call(w, 'PUT', `/api/contests/${contestId}/entries/mine`, auth, entryBody({ regionCode: LAIMA_TOWN })), 400, 'REGION_INVALID')
})

test('confirming needs a registered profile; nobody else can confirm or decline', async () => {
  const PHONE = '13812340002'
  const nomination = (await nominate(w.verifiedChair.auth, { name: '次仁', phone: PHONE, regionCode: GANZI_TOWN })).json()
  const { auth } = await login(w.ctx.app)
  await call(w, 'POST', '/api/users/me/phone', auth, { code: `phone-${PHONE}` })
  expectError(await call(w, 'POST', `/api/nominations/${nomination.id}/confirm`, auth, confirmBody()), 403, 'PROFILE_INCOMPLETE')
  const stranger = await newPerson(w)
  expectError(await call(w, 'POST', `/api/nominations/${nomination.id}/confirm`, stranger.auth, confirmBody()), 403, 'FORBIDDEN')
  expectError(await call(w, 'POST', `/api/nominations/${nomination.id}/decline`, stranger.auth), 403, 'FORBIDDEN')
  expectError(await call(w, 'POST', '/api/nominations/999999/confirm', stranger.auth, confirmBody()), 404, 'NOT_FOUND')
})

test('a registered person is nominated by account, is told, and may decline', async () => {
  const person = await newPerson(w, 'farmer', GANZI_TOWN, '多吉')
  const made = await nominate(w.verifiedChair.auth, { userId: person.id })
  expect(made.statusCode).toBe(201)
  expect(made.json()).toMatchObject({ nomineeName: '多吉', nomineePhoneMasked: null, hasAccount: true })
  const told = (await emulatorMessages(w.ctx)).filter((m) => m.touser === person.openid)
  expect(told.at(-1)?.data.phrase2.value).toBe('被举荐')
  const declined = await call(w, 'POST', `/api/nominations/${made.json().id}/decline`, person.auth)
  expect(declined.statusCode).toBe(200)
  expect(declined.json().status).toBe('declined')
  expectError(await call(w, 'POST', `/api/nominations/${made.json().id}/confirm`, person.auth, confirmBody()), 409, 'NOMINATION_NOT_PENDING')
  // Declined is an answer: the same person is not nominated again for this contest.
  expectError(await nominate(w.verifiedChair.auth, { userId: person.id }), 409, 'ALREADY_NOMINATED')
})

test('who may nominate whom', async () => {
  const local = await newPerson(w, 'farmer', GANZI_TOWN)
  expectError(await nominate(w.farmer.auth, { userId: local.id }), 403, 'NOMINATION_NOT_ALLOWED')
  expectError(await nominate(w.unverifiedChair.auth, { userId: local.id }), 403, 'NOMINATION_NOT_ALLOWED')
  // The chair of 来马镇 cannot nominate a 甘孜镇 person, by account or by phone.
  expectError(await nominate(w.otherChair.auth, { userId: local.id }), 403, 'NOMINATION_REGION')
  expectError(await nominate(w.otherChair.auth, { name: '拉姆', phone: '13812340003', regionCode: GANZI_TOWN }), 403, 'NOMINATION_REGION')
  expectError(await nominate(w.verifiedChair.auth, { userId: w.verifiedChair.id }), 400, 'VALIDATION_FAILED')
  expectError(await nominate(w.verifiedChair.auth, { userId: 999999 }), 404, 'NOT_FOUND')
  expectError(await nominate(w.verifiedChair.auth, { userId: local.id }, contestId, `他是${RISKY_WORD}的带头人，值得举荐。`), 400, 'CONTENT_RISKY')
  // Someone who signed up already cannot be nominated.
  await call(w, 'POST', `/api/contests/${contestId}/entries`, local.auth, entryBody())
  expectError(await nominate(w.verifiedChair.auth, { userId: local.id }), 409, 'ALREADY_ENTERED')
})

test('one nomination per person per contest, however the person is named', async () => {
  const PHONE = '13812340004'
  expect((await nominate(w.verifiedChair.auth, { name: '央金', phone: PHONE, regionCode: GANZI_TOWN })).statusCode).toBe(201)
  expectError(await nominate(w.verifiedChair.auth, { name: '央金', phone: PHONE, regionCode: GANZI_TOWN }), 409, 'ALREADY_NOMINATED')
  // She registers with that phone; naming her by account is the same person.
  const yangjin = await newPerson(w, 'farmer', GANZI_TOWN, '央金')
  await call(w, 'POST', '/api/users/me/phone', yangjin.auth, { code: `phone-${PHONE}` })
  expectError(await nominate(w.verifiedChair.auth, { userId: yangjin.id }), 409, 'ALREADY_NOMINATED')
  // A phone that belongs to a registered person names that person.
  const PHONE2 = '13812340005'
  const baima = await newPerson(w, 'farmer', GANZI_TOWN, '白玛')
  await call(w, 'POST', '/api/users/me/phone', baima.auth, { code: `phone-${PHONE2}` })
  const byPhone = await nominate(w.verifiedChair.auth, { name: '白玛', phone: PHONE2, regionCode: GANZI_TOWN })
  expect(byPhone.statusCode).toBe(201)
  // …without telling the chair that the number is registered.
  expect(byPhone.json().hasAccount).toBe(false)
  expectError(await nominate(w.verifiedChair.auth, { userId: baima.id }), 409, 'ALREADY_NOMINATED')
  // Concurrent nominations of one person: one wins.
  const PHONE3 = '13812340006'
  const all = await Promise.all([0, 1, 2, 3].map(() => nominate(w.verifiedChair.auth, { name: '尼玛', phone: PHONE3, regionCode: GANZI_TOWN })))
  expect(all.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409])
})

test('a phone bound by someone of another township: the chair learns nothing, and that person never sees the nomination', async () => {
  const [PHONE, UNKNOWN] = ['13812340021', '13812340024']
  const outsider = await newPerson(w, 'farmer', LAIMA_TOWN, '外乡人')
  expect((await call(w, 'POST', '/api/users/me/phone', outsider.auth, { code: `phone-${PHONE}` })).statusCode).toBe(200)
  // The chair types their own township; the phone happens to be a 来马镇 person's. The answer is the
  // one an unregistered phone gets, so trying numbers tells a chair nothing about who registered.
  const made = await nominate(w.verifiedChair.auth, { name: '外乡人', phone: PHONE, regionCode: GANZI_TOWN })
  const unknown = await nominate(w.verifiedChair.auth, { name: '外乡人', phone: UNKNOWN, regionCode: GANZI_TOWN })
  expect([made.statusCode, unknown.statusCode]).toEqual([201, 201])
  const shape = ({ id: _i, nomineePhoneMasked: _p, createdAt: _c, ...rest }: Record<string, unknown>) => rest
  expect(shape(made.json())).toEqual(shape(unknown.json()))
  // Nobody was told, and the 来马镇 person neither sees it nor can answer it: 甘孜镇 is not theirs.
  expect((await emulatorMessages(w.ctx)).filter((m) => m.touser === outsider.openid)).toEqual([])
  expect((await call(w, 'GET', '/api/me/nominations/received', outsider.auth)).json().items).toEqual([])
  expectError(await call(w, 'POST', `/api/nominations/${made.json().id}/confirm`, outsider.auth, confirmBody()), 403, 'FORBIDDEN')
  expectError(await call(w, 'POST', `/api/nominations/${made.json().id}/decline`, outsider.auth), 403, 'FORBIDDEN')
  // The chair of 来马镇 may nominate them, by phone as by account, and they see that one.
  const theirs = await nominate(w.otherChair.auth, { name: '外乡人', phone: PHONE, regionCode: LAIMA_TOWN })
  expect(theirs.statusCode).toBe(201)
  const received = (await call(w, 'GET', '/api/me/nominations/received', outsider.auth)).json().items
  expect(received.map((n: { id: number }) => n.id)).toEqual([theirs.json().id])
})

test('hasAccount is no phone-registration oracle: the chair learns it only when the nominee confirms', async () => {
  const [REGISTERED, UNKNOWN] = ['13812340022', '13812340023']
  const person = await newPerson(w, 'farmer', GANZI_TOWN, '次旺')
  expect((await call(w, 'POST', '/api/users/me/phone', person.auth, { code: `phone-${REGISTERED}` })).statusCode).toBe(200)
  const a = await nominate(w.verifiedChair.auth, { name: '次旺', phone: REGISTERED, regionCode: GANZI_TOWN })
  const b = await nominate(w.verifiedChair.auth, { name: '次旺', phone: UNKNOWN, regionCode: GANZI_TOWN })
  expect([a.statusCode, b.statusCode]).toEqual([201, 201])
  // The two answers differ only in what the chair typed and in the row's id.
  const shape = ({ id: _i, nomineePhoneMasked: _p, createdAt: _c, ...rest }: Record<string, unknown>) => rest
  expect(shape(a.json())).toEqual(shape(b.json()))
  expect(a.json().hasAccount).toBe(false)
  const listed = async (id: number) => (await call(w, 'GET', '/api/me/nominations', w.verifiedChair.auth)).json().items.find((n: { id: number }) => n.id === id)
  expect((await listed(a.json().id)).hasAccount).toBe(false)
  expect((await listed(b.json().id)).hasAccount).toBe(false)
  // The registered person sees it addressed to them, and confirms: now the chair knows.
  const received = (await call(w, 'GET', '/api/me/nominations/received', person.auth)).json().items
  expect(received.find((n: { id: number }) => n.id === a.json().id)).toMatchObject({ status: 'pending', hasAccount: true })
  expect((await call(w, 'POST', `/api/nominations/${a.json().id}/confirm`, person.auth, confirmBody())).statusCode).toBe(201)
  expect(await listed(a.json().id)).toMatchObject({ status: 'confirmed', hasAccount: true })
  expect((await listed(b.json().id)).hasAccount).toBe(false)
})

test('re-nominating a withdrawn person five times at once: one 201, four 409 ALREADY_NOMINATED', async () => {
  const person = await newPerson(w, 'farmer', GANZI_TOWN)
  const first = (await nominate(w.verifiedChair.auth, { userId: person.id })).json().id
  // A few rounds: the race (all five read "withdrawn" before one of them reuses the row) is likelier.
  for (let round = 0; round < 3; round++) {
    expect((await call(w, 'DELETE', `/api/nominations/${first}`, w.verifiedChair.auth)).statusCode).toBe(200)
    const all = await Promise.all([0, 1, 2, 3, 4].map(() => nominate(w.verifiedChair.auth, { userId: person.id })))
    expect(all.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409])
    for (const r of all.filter((r) => r.statusCode === 409)) expectError(r, 409, 'ALREADY_NOMINATED')
    const rows = await w.ctx.db.selectFrom('contest_nominations').selectAll().where('nominee_user_id', '=', person.id).execute()
    expect(rows.map((r) => [r.id, r.status])).toEqual([[first, 'pending']])
  }
})

test('the chair withdraws a pending nomination; it disappears for the nominee and can be made again', async () => {
  const person = await newPerson(w, 'farmer', GANZI_TOWN)
  const id = (await nominate(w.verifiedChair.auth, { userId: person.id })).json().id
  expectError(await call(w, 'DELETE', `/api/nominations/${id}`, w.otherChair.auth), 403, 'FORBIDDEN')
  expect((await call(w, 'DELETE', `/api/nominations/${id}`, w.verifiedChair.auth)).statusCode).toBe(200)
  expectError(await call(w, 'DELETE', `/api/nominations/${id}`, w.verifiedChair.auth), 409, 'NOMINATION_NOT_PENDING')
  expect((await call(w, 'GET', '/api/me/nominations/received', person.auth)).json().items).toEqual([])
  expectError(await call(w, 'POST', `/api/nominations/${id}/confirm`, person.auth, confirmBody()), 409, 'NOMINATION_NOT_PENDING')
  const again = await nominate(w.verifiedChair.auth, { userId: person.id })
  expect(again.statusCode).toBe(201)
  expect(again.json().status).toBe('pending')
})

test('candidates: registered people of the chair’s own township', async () => {
  const named = await newPerson(w, 'farmer', GANZI_TOWN, '候选人贡布')
  await newPerson(w, 'farmer', LAIMA_TOWN, '候选人外乡')
  const res = await call(w, 'GET', `/api/contests/${contestId}/nominees?q=${encodeURIComponent('候选人')}`, w.verifiedChair.auth)
  expect(res.json().items).toEqual([
    { userId: named.id, name: '候选人贡布', role: 'farmer', place: '甘孜县 甘孜镇', phoneMasked: null, registeredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
  ])
  const all = (await call(w, 'GET', `/api/contests/${contestId}/nominees`, w.verifiedChair.auth)).json().items
  expect(all.map((c: { userId: number }) => c.userId)).not.toContain(w.verifiedChair.id)
  expectError(await call(w, 'GET', `/api/contests/${contestId}/nominees`, w.farmer.auth), 403, 'NOMINATION_NOT_ALLOWED')
})

test('two people of one name: the chair tells them apart by role and masked phone, never the whole number', async () => {
  const herder = await newPerson(w, 'farmer', GANZI_TOWN, '同名扎西')
  const expert = await newPerson(w, 'expert', GANZI_TOWN, '同名扎西')
  const PHONE = '13812345678'
  expect((await call(w, 'POST', '/api/users/me/phone', herder.auth, { code: `phone-${PHONE}` })).statusCode).toBe(200)
  const res = await call(w, 'GET', `/api/contests/${contestId}/nominees?q=${encodeURIComponent('同名扎西')}`, w.verifiedChair.auth)
  expect(res.statusCode).toBe(200)
  expect(res.json().items).toEqual([
    expect.objectContaining({ userId: herder.id, name: '同名扎西', role: 'farmer', place: '甘孜县 甘孜镇', phoneMasked: '138****5678' }),
    expect.objectContaining({ userId: expert.id, name: '同名扎西', role: 'expert', place: '甘孜县 甘孜镇', phoneMasked: null }),
  ])
  expect(res.body).not.toContain(PHONE)
})

test('the chair’s summary counts how far their nominations got', async () => {
  // A fresh chair of 查龙镇, so the counts are this test's alone.
  const chair = await newPerson(w, 'chair', CHAGLONG_TOWN, '查龙主席')
  await verify(w.ctx, w.staff.auth, chair.auth)
  const id = await createContest(w)
  const [a, b, c, d, e] = await Promise.all([0, 1, 2, 3, 4].map(() => newPerson(w, 'farmer', CHAGLONG_TOWN)))
  const nom = async (p: { id: number }) => (await nominate(chair.auth, { userId: p.id }, id)).json().id as number
  const [na, nb, nc] = [await nom(a), await nom(b), await nom(c)]
  await nom(d)
  const ne = await nom(e)
  const ea = (await call(w, 'POST', `/api/nominations/${na}/confirm`, a.auth, confirmBody())).json().id
  await call(w, 'POST', `/api/nominations/${nb}/confirm`, b.auth, confirmBody())
  await call(w, 'POST', `/api/nominations/${nc}/decline`, c.auth)
  await call(w, 'DELETE', `/api/nominations/${ne}`, chair.auth)
  const summary = async () => (await call(w, 'GET', '/api/me/nominations', chair.auth)).json().summary
  expect(await summary()).toEqual({ total: 4, pending: 1, confirmed: 2, declined: 1, reachedFinal: 0, awarded: 0 })
  for (const stage of ['preliminary', 'semifinal', 'final']) {
    await moveStage(w, id, stage)
    await advance(w, id, ea, stage)
  }
  await award(w, id, ea, { award: 'gold' })
  // Awards count once published.
  expect(await summary()).toEqual({ total: 4, pending: 1, confirmed: 2, declined: 1, reachedFinal: 1, awarded: 0 })
  await call(w, 'POST', `/api/staff/contests/${id}/results`, w.staff.auth)
  expect(await summary()).toEqual({ total: 4, pending: 1, confirmed: 2, declined: 1, reachedFinal: 1, awarded: 1 })
  const items = (await call(w, 'GET', '/api/me/nominations', chair.auth)).json().items
  expect(items.find((n: { id: number }) => n.id === na).entry).toMatchObject({ stageReached: 'final', award: 'gold', awardName: '金奖' })
})
