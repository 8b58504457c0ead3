// Staff verification of role claims (乡镇科协主席, 科技工作者): a claim grants nothing until staff
// approve it; approval lets a chair post 代发 for their township; rejection carries a reason.
import { createTestContext, type TestContext } from './helpers'
import {
  emulatorMessages,
  expectError,
  GANZI_TOWN,
  listingBody,
  postListing,
  registerPerson,
  setupWorld,
  type Auth,
  type Person,
  type World,
} from './listings-fixtures'

let ctx: TestContext
let world: World

beforeAll(async () => {
  ctx = await createTestContext()
  world = await setupWorld(ctx)
})
afterAll(async () => {
  await ctx?.close()
})

const request = (auth: Auth, note?: string) => ctx.app.inject({ method: 'POST', url: '/api/verifications', headers: auth, payload: note === undefined ? {} : { note } })
const mine = async (auth: Auth) => (await ctx.app.inject({ method: 'GET', url: '/api/verifications/mine', headers: auth })).json().verification
const decide = (id: number, how: 'approve' | 'reject', payload?: unknown) =>
  ctx.app.inject({ method: 'POST', url: `/api/staff/verifications/${id}/${how}`, headers: world.staff.auth, payload: payload as any })
const userState = async (id: number) => (await ctx.db.selectFrom('users').select(['verification', 'role']).where('id', '=', id).executeTakeFirstOrThrow()).verification
const proxyPost = (chair: Person) =>
  postListing(ctx, chair.auth, listingBody({ regionCode: GANZI_TOWN, proxy: { name: '扎西多吉', phone: '13800002222', regionCode: GANZI_TOWN, consent: true } }))

describe('a chair asks to be verified', () => {
  let chair: Person
  let verificationId: number

  beforeAll(async () => {
    chair = await registerPerson(ctx, 'chair', GANZI_TOWN, '新来的主席')
  })

  it('starts with nothing to show and cannot post 代发', async () => {
    expect(await mine(chair.auth)).toBeNull()
    expectError(await proxyPost(chair), 403, 'PROXY_NOT_ALLOWED')
  })

  it('the request is pending, for the person and for staff', async () => {
    const res = await request(chair.auth, '甘孜镇科协主席，任命文件可补充')
    expect(res.statusCode).toBe(201)
    verificationId = res.json().id
    expect(res.json()).toMatchObject({ role: 'chair', status: 'pending', note: '甘孜镇科协主席，任命文件可补充', reason: null, decidedAt: null })
    expect(res.json().region.township.name).toBe('甘孜镇')
    expect(await userState(chair.id)).toBe('pending')
    expect(await mine(chair.auth)).toMatchObject({ id: verificationId, status: 'pending' })
    const me = (await ctx.app.inject({ method: 'GET', url: '/api/users/me', headers: chair.auth })).json()
    expect(me.verification).toBe('pending')
    const list = (await ctx.app.inject({ method: 'GET', url: '/api/staff/verifications', headers: world.staff.auth })).json().items
    expect(list.find((v: { id: number }) => v.id === verificationId)).toMatchObject({ user: { id: chair.id, nickname: '新来的主席', verified: false } })
  })

  it('asking again while pending → VERIFICATION_PENDING, nothing added', async () => {
    expectError(await request(chair.auth), 409, 'VERIFICATION_PENDING')
    const rows = await ctx.db.selectFrom('verifications').select('id').where('user_id', '=', chair.id).execute()
    expect(rows).toHaveLength(1)
    // Still pending: no 代发 yet.
    expectError(await proxyPost(chair), 403, 'PROXY_NOT_ALLOWED')
  })

  it('staff approve: the person is verified, is told, and can now post 代发', async () => {
    const before = (await emulatorMessages(ctx)).length
    const res = await decide(verificationId, 'approve')
    expect(res.statusCode).toBe(200)
    expect(await userState(chair.id)).toBe('verified')
    expect(await mine(chair.auth)).toMatchObject({ status: 'verified', decidedAt: expect.any(String) })
    const messages = (await emulatorMessages(ctx)).slice(before)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({ touser: chair.openid, templateId: 'tpl-review-result', data: { thing1: { value: '身份认证' }, phrase2: { value: '审核通过' } } })

    const proxy = await proxyPost(chair)
    expect(proxy.statusCode).toBe(201)
    expect(proxy.json()).toMatchObject({ proxyLabel: '由 甘孜镇科协 代发', author: { id: chair.id, verified: true } })
    // Out of the pending list, into the verified one.
    const pending = (await ctx.app.inject({ method: 'GET', url: '/api/staff/verifications', headers: world.staff.auth })).json().items
    expect(pending.map((v: { id: number }) => v.id)).not.toContain(verificationId)
    const verified = (await ctx.app.inject({ method: 'GET', url: '/api/staff/verifications?status=verified', headers: world.staff.auth })).json().items
    expect(verified.map((v: { id: number }) => v.id)).toContain(verificationId)
  })

  it('deciding twice → ALREADY_REVIEWED; the decision stands', async () => {
    expectError(await decide(verificationId, 'approve'), 409, 'ALREADY_REVIEWED')
    expectError(await decide(verificationId, 'reject', { reason: '改主意了' }), 409, 'ALREADY_REVIEWED')
    expect(await userState(chair.id)).toBe('verified')
  })

  it('once verified there is nothing more to verify → VERIFICATION_NOT_NEEDED', async () => {
    expectError(await request(chair.auth), 409, 'VERIFICATION_NOT_NEEDED')
  })
})

describe('a double tap on submit', () => {
  it('two requests at once make one pending request; the other → VERIFICATION_PENDING', async () => {
    const chair = await registerPerson(ctx, 'chair', GANZI_TOWN)
    const answers = await Promise.all([request(chair.auth, '一'), request(chair.auth, '二')])
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409])
    expectError(answers.find((a) => a.statusCode === 409)!, 409, 'VERIFICATION_PENDING')
    const rows = await ctx.db.selectFrom('verifications').select('id').where('user_id', '=', chair.id).execute()
    expect(rows).toHaveLength(1)
    expect(await userState(chair.id)).toBe('pending')
  })
})

describe('rejection', () => {
  it('carries the reason to the person, who may then ask again', async () => {
    const chair = await registerPerson(ctx, 'chair', GANZI_TOWN)
    const id = (await request(chair.auth)).json().id
    const reason = '请上传乡镇科协主席的任命文件或单位证明，以便我们核实您的身份信息'
    const before = (await emulatorMessages(ctx)).length
    expect((await decide(id, 'reject', { reason })).statusCode).toBe(200)
    expect(await userState(chair.id)).toBe('rejected')
    expect(await mine(chair.auth)).toMatchObject({ status: 'rejected', reason })
    expectError(await proxyPost(chair), 403, 'PROXY_NOT_ALLOWED')
    const [message] = (await emulatorMessages(ctx)).slice(before)
    expect(message).toMatchObject({ touser: chair.openid, data: { phrase2: { value: '未通过' } } })
    for (const [k, v] of Object.entries(message.data)) if (k.startsWith('thing')) expect(Array.from(v.value).length).toBeLessThanOrEqual(20)

    const again = await request(chair.auth, '已补充任命文件')
    expect(again.statusCode).toBe(201)
    expect(await userState(chair.id)).toBe('pending')
  })

  it('needs a reason of 2–200 characters', async () => {
    const chair = await registerPerson(ctx, 'chair', GANZI_TOWN)
    const id = (await request(chair.auth)).json().id
    for (const payload of [undefined, {}, { reason: '不' }, { reason: '不'.repeat(201) }, { reason: 5 }]) {
      expectError(await decide(id, 'reject', payload), 400, 'VALIDATION_FAILED')
    }
    expect(await userState(chair.id)).toBe('pending')
  })
})

describe('who has something to verify', () => {
  it.each(['farmer', 'volunteer', 'other'])('a %s → VERIFICATION_NOT_NEEDED', async (role) => {
    const person = await registerPerson(ctx, role)
    expectError(await request(person.auth), 409, 'VERIFICATION_NOT_NEEDED')
    expect(await mine(person.auth)).toBeNull()
  })

  it('the seeded verified chair and expert, and staff → VERIFICATION_NOT_NEEDED', async () => {
    for (const who of [world.verifiedChair, world.expert, world.staff, world.farmer]) expectError(await request(who.auth), 409, 'VERIFICATION_NOT_NEEDED')
  })

  it('an expert claim is verified the same way and shows on their posts', async () => {
    const expert = await registerPerson(ctx, 'expert', '510104022', '王研究员')
    // An expert is verified against an institution and a title.
    const bare = await request(expert.auth, '四川农业大学')
    expect(bare.statusCode).toBe(400)
    expect(bare.json()).toMatchObject({ code: 'VERIFICATION_DETAILS_REQUIRED', fields: { institution: expect.any(String), title: expect.any(String) } })
    const asked = await ctx.app.inject({
      method: 'POST',
      url: '/api/verifications',
      headers: expert.auth,
      payload: { institution: '四川农业大学', title: '副教授', note: '牦牛营养方向' },
    })
    expect(asked.statusCode).toBe(201)
    expect(asked.json()).toMatchObject({ institution: '四川农业大学', title: '副教授', status: 'pending' })
    const id = asked.json().id
    expect((await decide(id, 'approve')).statusCode).toBe(200)
    const post = await postListing(ctx, expert.auth, listingBody({ side: 'offer' }))
    expect(post.json().author).toMatchObject({ nickname: '王研究员', role: 'expert', verified: true })
  })

  it('a note over 200 characters → VALIDATION_FAILED', async () => {
    const chair = await registerPerson(ctx, 'chair', GANZI_TOWN)
    expectError(await request(chair.auth, '长'.repeat(201)), 400, 'VALIDATION_FAILED')
    expect(await userState(chair.id)).toBe('none')
  })

  it('approving an unknown request → 404; a bad id → 400', async () => {
    expectError(await decide(999999, 'approve'), 404, 'NOT_FOUND')
    expect((await decide(0, 'approve')).statusCode).toBe(400)
  })
})

describe('a claim changed while pending', () => {
  it('approval of the old claim does not verify the new role', async () => {
    const person = await registerPerson(ctx, 'chair', GANZI_TOWN, '改身份')
    const id = (await request(person.auth)).json().id
    const change = await ctx.app.inject({ method: 'PUT', url: '/api/users/me', headers: person.auth, payload: { nickname: '改身份', role: 'expert', regionCode: GANZI_TOWN } })
    expect(change.statusCode).toBe(200)
    expect((await decide(id, 'approve')).statusCode).toBe(200)
    expect(await userState(person.id)).toBe('none')
  })
})
