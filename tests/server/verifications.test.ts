// Staff verification of role claims (乡镇科协主席, 科技工作者): a claim grants nothing until staff
// approve it; approval lets a chair post 代发 for their township; rejection carries a reason.
import { useTestContext } from './helpers'
import {
  CHINESE,
  emulatorMessages,
  expectError,
  GANZI_TOWN,
  listingBody,
  postListing,
  registerPerson,
  uploadPhoto,
  uploadProof,
  useWorld,
  type Auth,
  type Person,
} from './listings-fixtures'

const ctx = useTestContext()
const world = useWorld(ctx, () => new Date())

/** A chair's claim as the form sends it: real name, post and a proof photo uploaded first. */
const request = async (auth: Auth, note?: string) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/verifications',
    headers: auth,
    payload: { realName: '泽仁卓玛', post: '科协主席', proofId: (await uploadProof(ctx, auth)).json().id, ...(note === undefined ? {} : { note }) },
  })
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
    expect(res.json()).toMatchObject({ role: 'chair', status: 'pending', note: '甘孜镇科协主席，任命文件可补充', realName: '泽仁卓玛', post: '科协主席', reason: null, decidedAt: null })
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
    // An expert is verified against an institution, a title and a certificate (a chair's details are not theirs).
    const bare = await request(expert.auth, '四川农业大学')
    expect(bare.statusCode).toBe(400)
    expect(bare.json()).toMatchObject({ code: 'VERIFICATION_DETAILS_REQUIRED', fields: { institution: expect.any(String), title: expect.any(String) } })
    const asked = await ctx.app.inject({
      method: 'POST',
      url: '/api/verifications',
      headers: expert.auth,
      payload: { institution: '四川农业大学', title: '副教授', note: '牦牛营养方向', proofId: (await uploadProof(ctx, expert.auth)).json().id },
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

describe('an expert’s institution, title and certificate', () => {
  const ask = (auth: Auth, payload: Record<string, unknown>) => ctx.app.inject({ method: 'POST', url: '/api/verifications', headers: auth, payload })
  const upload = async (auth: Auth) => {
    const res = await uploadProof(ctx, auth)
    expect(res.statusCode).toBe(200)
    return res.json().id as number
  }
  const staffList = async (status = 'pending') =>
    (await ctx.app.inject({ method: 'GET', url: `/api/staff/verifications?status=${status}`, headers: world.staff.auth })).json().items as Array<Record<string, any>>

  it.each([
    ['nothing', {}],
    ['a note only', { note: '研究牦牛营养' }],
    ['an institution only', { institution: '四川农业大学' }],
    ['a title only', { title: '副教授' }],
    ['both but no certificate', { institution: '四川农业大学', title: '副教授' }],
  ])('without institution, title or certificate (%s) → 400 VERIFICATION_DETAILS_REQUIRED, still unverified', async (_name, payload) => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWN)
    const res = await ask(expert.auth, payload)
    expectError(res, 400, 'VERIFICATION_DETAILS_REQUIRED')
    const p = payload as Record<string, unknown>
    expect(res.json().fields).toEqual({
      ...(p.institution ? {} : { institution: expect.stringMatching(CHINESE) }),
      ...(p.title ? {} : { title: expect.stringMatching(CHINESE) }),
      proofId: expect.stringMatching(CHINESE),
    })
    expect(await userState(expert.id)).toBe('none')
    expect(await mine(expert.auth)).toBeNull()
  })

  it.each([
    ['institution of 1 character', { institution: '川', title: '副教授' }],
    ['institution of 51 characters', { institution: '川'.repeat(51), title: '副教授' }],
    ['title of 1 character', { institution: '四川农业大学', title: '师' }],
    ['title of 31 characters', { institution: '四川农业大学', title: '师'.repeat(31) }],
    ['institution of spaces only', { institution: '     ', title: '副教授' }],
    ['institution of the wrong type', { institution: 12345, title: '副教授' }],
    ['proofId that is not an id', { institution: '四川农业大学', title: '副教授', proofId: 'abc' }],
    ['proofId 0', { institution: '四川农业大学', title: '副教授', proofId: 0 }],
    ['proofId beyond the integer columns', { institution: '四川农业大学', title: '副教授', proofId: 2147483648 }],
  ])('%s → 400 VALIDATION_FAILED', async (_name, payload) => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWN)
    expectError(await ask(expert.auth, payload), 400, 'VALIDATION_FAILED')
    expect(await userState(expert.id)).toBe('none')
  })

  it('institution and title are trimmed; a chair needs neither', async () => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWN)
    const res = await ask(expert.auth, { institution: '  四川农业大学 ', title: ' 副教授  ', proofId: await upload(expert.auth) })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ institution: '四川农业大学', title: '副教授', realName: null, post: null })
    const chair = await registerPerson(ctx, 'chair', GANZI_TOWN)
    const asked = await ask(chair.auth, { realName: ' 泽仁卓玛 ', post: '科协主席', proofId: await upload(chair.auth) })
    expect(asked.statusCode).toBe(201)
    expect(asked.json()).toMatchObject({ role: 'chair', realName: '泽仁卓玛', post: '科协主席', institution: null, title: null })
  })

  it('with a certificate photo: the person and staff see institution, title and the proof’s authorised address, never its key', async () => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWN, '带证书的专家')
    const proofId = await upload(expert.auth)
    const res = await ask(expert.auth, { institution: '四川省畜牧科学研究院', title: '高级畜牧师', proofId })
    expect(res.statusCode).toBe(201)
    const id = res.json().id
    const { path, thumb_path } = await ctx.db.selectFrom('uploads').select(['path', 'thumb_path']).where('id', '=', proofId).executeTakeFirstOrThrow()
    const proofUrl = `/api/verifications/${id}/proof`
    expect(res.json()).toMatchObject({ proofUrl, proofErasedAt: null })
    expect(await mine(expert.auth)).toMatchObject({ institution: '四川省畜牧科学研究院', title: '高级畜牧师', proofUrl })
    const item = (await staffList()).find((v) => v.id === id)
    expect(item).toMatchObject({ user: { id: expert.id, nickname: '带证书的专家' }, role: 'expert', institution: '四川省畜牧科学研究院', title: '高级畜牧师', proofUrl })
    // Once approved, the studio shows institution and title — never the proof.
    expect((await decide(id, 'approve')).statusCode).toBe(200)
    expect((await staffList('verified')).find((v) => v.id === id)).toMatchObject({ proofUrl })
    const studio = await ctx.app.inject({ method: 'GET', url: `/api/studios/${expert.id}` })
    expect(studio.json()).toMatchObject({ institution: '四川省畜牧科学研究院', title: '高级畜牧师' })
    for (const body of [res.body, studio.body, JSON.stringify(item)]) {
      expect(body).not.toContain(path)
      expect(body).not.toContain(thumb_path)
      expect(body).not.toContain('/uploads/')
    }
  })

  it('the proof cannot be shown as a post photo → PHOTO_INVALID', async () => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWN)
    const unused = await upload(expert.auth)
    expectError(await postListing(ctx, expert.auth, listingBody({ side: 'offer', photoIds: [unused] })), 400, 'PHOTO_INVALID')
    const proofId = await upload(expert.auth)
    expect((await ask(expert.auth, { institution: '四川农业大学', title: '讲师', proofId })).statusCode).toBe(201)
    expectError(await postListing(ctx, expert.auth, listingBody({ side: 'offer', photoIds: [proofId] })), 400, 'PHOTO_INVALID')
  })

  it('someone else’s proof, an unknown one or an ordinary photo → 400 PHOTO_INVALID, nothing pending', async () => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWN)
    const theirs = await upload(world.stranger.auth)
    const photo = (await uploadPhoto(ctx, expert.auth)).json().id as number
    for (const proofId of [theirs, 999999, photo]) {
      const res = await ask(expert.auth, { institution: '四川农业大学', title: '讲师', proofId })
      expectError(res, 400, 'PHOTO_INVALID')
      expect(res.json().fields).toMatchObject({ proofId: expect.stringMatching(CHINESE) })
    }
    expect(await userState(expert.id)).toBe('none')
    expect(await mine(expert.auth)).toBeNull()
    // The ordinary photo is still the expert's to put on a post.
    expect((await postListing(ctx, expert.auth, listingBody({ side: 'offer', photoIds: [photo] }))).statusCode).toBe(201)
  })

  it('after a rejection the same proof may be sent again', async () => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWN)
    const proofId = await upload(expert.auth)
    const first = await ask(expert.auth, { institution: '四川农业大学', title: '讲师', proofId })
    expect((await decide(first.json().id, 'reject', { reason: '证书照片不清楚' })).statusCode).toBe(200)
    const again = await ask(expert.auth, { institution: '四川农业大学', title: '讲师', proofId })
    expect(again.statusCode).toBe(201)
    expect(again.json().proofUrl).toBe(`/api/verifications/${again.json().id}/proof`)
  })
})

describe('staff granted an area (users.staff_region_code; none = the whole province)', () => {
  // Verifying a chair gives them 举荐 for contests and their township's dashboard: staff of one
  // county must not hand that out elsewhere. The area is set directly in the database, as in
  // tests/server/contests-scope.test.ts (there is no API that grants it).
  const KANGDING_STREET = '513301001' // 康定市炉城街道: another county of 甘孜州
  const CHENGDU_STREET = '510104022' // 成都市锦江区春熙路街道: another prefecture
  let countyStaff: Auth // 甘孜县
  let prefectureStaff: Auth // 甘孜州
  const claims: Record<'ganzi' | 'kangding' | 'chengdu', { person: Person; id: number }> = {} as never

  async function staffOf(area: string, nickname: string): Promise<Auth> {
    const person = await registerPerson(ctx, 'farmer', GANZI_TOWN, nickname)
    await ctx.db.updateTable('users').set({ is_staff: 1, staff_region_code: area }).where('id', '=', person.id).execute()
    return person.auth
  }
  const listAs = async (auth: Auth) =>
    (await ctx.app.inject({ method: 'GET', url: '/api/staff/verifications?status=pending', headers: auth })).json().items as Array<{
      id: number
      region: { county: { code: string } } | null
    }>
  const decideAs = (auth: Auth, id: number, how: 'approve' | 'reject') =>
    ctx.app.inject({ method: 'POST', url: `/api/staff/verifications/${id}/${how}`, headers: auth, ...(how === 'reject' ? { payload: { reason: '不在本县' } } : {}) })
  const status = async (id: number) => (await ctx.db.selectFrom('verifications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status

  beforeAll(async () => {
    countyStaff = await staffOf('513328', '甘孜县科协')
    prefectureStaff = await staffOf('5133', '甘孜州科协')
    for (const [key, town] of [['ganzi', GANZI_TOWN], ['kangding', KANGDING_STREET], ['chengdu', CHENGDU_STREET]] as const) {
      const person = await registerPerson(ctx, 'chair', town, `${key}主席`)
      const res = await request(person.auth, '乡镇科协主席')
      expect(res.statusCode).toBe(201)
      claims[key] = { person, id: res.json().id }
    }
  })

  it('the queue lists only claimants whose township lies in the area; provincial staff see all', async () => {
    const county = await listAs(countyStaff)
    expect(county.map((v) => v.id)).toContain(claims.ganzi.id)
    expect(county.map((v) => v.id)).not.toContain(claims.kangding.id)
    expect(county.map((v) => v.id)).not.toContain(claims.chengdu.id)
    expect(county.every((v) => v.region?.county.code === '513328')).toBe(true)
    const prefecture = (await listAs(prefectureStaff)).map((v) => v.id)
    expect(prefecture).toEqual(expect.arrayContaining([claims.ganzi.id, claims.kangding.id]))
    expect(prefecture).not.toContain(claims.chengdu.id)
    const province = (await listAs(world.staff.auth)).map((v) => v.id)
    expect(province).toEqual(expect.arrayContaining([claims.ganzi.id, claims.kangding.id, claims.chengdu.id]))
  })

  it('approving or rejecting a claimant outside the area → 403 FORBIDDEN, the claim stays pending', async () => {
    for (const how of ['approve', 'reject'] as const) {
      expectError(await decideAs(countyStaff, claims.kangding.id, how), 403, 'FORBIDDEN')
      expectError(await decideAs(countyStaff, claims.chengdu.id, how), 403, 'FORBIDDEN')
      expectError(await decideAs(prefectureStaff, claims.chengdu.id, how), 403, 'FORBIDDEN')
    }
    for (const key of ['kangding', 'chengdu'] as const) {
      expect(await status(claims[key].id)).toBe('pending')
      expect(await userState(claims[key].person.id)).toBe('pending')
    }
    // Still no 代发: the Chengdu chair was not verified by anyone.
    expectError(
      await postListing(ctx, claims.chengdu.person.auth, listingBody({ regionCode: CHENGDU_STREET, proxy: { name: '王大爷', phone: '13800002222', regionCode: CHENGDU_STREET, consent: true } })),
      403,
      'PROXY_NOT_ALLOWED',
    )
  })

  it('inside the area county and prefecture staff decide as before; provincial staff decide anywhere', async () => {
    expect((await decideAs(countyStaff, claims.ganzi.id, 'approve')).statusCode).toBe(200)
    expect(await userState(claims.ganzi.person.id)).toBe('verified')
    expect((await decideAs(prefectureStaff, claims.kangding.id, 'reject')).statusCode).toBe(200)
    expect(await userState(claims.kangding.person.id)).toBe('rejected')
    expect((await decideAs(world.staff.auth, claims.chengdu.id, 'approve')).statusCode).toBe(200)
    expect(await userState(claims.chengdu.person.id)).toBe('verified')
  })
})
