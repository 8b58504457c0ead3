// 科创工作室 (GET /api/studios/:id): a 科技工作者's public page — their verified institution and
// title (only once staff verified them), the fields they work in, their public offers and
// achievements (never pending, rejected, closed or back in review), and how many 对接 ended resolved.
import { LISTING_COLUMNS } from '../../server/src/modules/listings/listings.repository'
import { login, useTestContext } from './helpers'
import {
  claimBody,
  accept,
  approve,
  CHENGDU_STREET,
  createPending,
  createPublished,
  expectError,
  GANZI_TOWN,
  GANZI_TOWNSHIP,
  listingBody,
  mediaCheckEvent,
  postListing,
  registerPerson,
  respondTo,
  signedQuery,
  uploadPhoto,
  useWorld,
  type Auth,
  type Person,
} from './listings-fixtures'

const get = (url: string, auth?: Auth) => ctx.app.inject({ method: 'GET', url, headers: auth ?? {} })
const studioOf = async (id: number, auth?: Auth) => {
  const res = await get(`/api/studios/${id}`, auth)
  if (res.statusCode !== 200) throw new Error(`studio ${id}: ${res.statusCode} ${res.body}`)
  return res.json()
}
const idsOf = (items: Array<{ id: number }>) => items.map((i) => i.id)

function achievementBody(overrides: Record<string, unknown> = {}) {
  return listingBody({
    kind: 'achievement',
    side: 'offer',
    title: '牦牛补饲舔砖配方成果',
    category: 'breeding',
    description: '牦牛冬春补饲舔砖配方，减少掉膘，可技术转让或合作推广。',
    contact: { name: '王老师', phone: '13900003333' },
    achievement: { stage: 'pilot', transferMode: 'cooperation', patentNo: null, institution: '四川农业大学' },
    ...overrides,
  })
}

async function postAchievement(auth: Auth, overrides: Record<string, unknown> = {}): Promise<number> {
  const res = await postListing(ctx, auth, achievementBody(overrides))
  if (res.statusCode !== 201) throw new Error(`achievement: ${res.statusCode} ${res.body}`)
  return res.json().id
}

const reject = (id: number) =>
  ctx.app.inject({ method: 'POST', url: `/api/staff/review/listing/${id}/reject`, headers: world.staff.auth, payload: { reason: '请补充成果说明' } })
const decideVerification = (id: number, how: 'approve' | 'reject') =>
  ctx.app.inject({ method: 'POST', url: `/api/staff/verifications/${id}/${how}`, headers: world.staff.auth, payload: how === 'reject' ? { reason: '请补充职称证明' } : undefined })
const askVerification = async (auth: Auth, payload: Record<string, unknown>) => {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/verifications', headers: auth, payload: await claimBody(ctx, auth, 'expert', payload) })
  if (res.statusCode !== 201) throw new Error(`verification: ${res.statusCode} ${res.body}`)
  return res.json().id as number
}
const resolve = async (id: number, auth: Auth) => {
  const res = await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/resolve`, headers: auth })
  if (res.statusCode !== 200) throw new Error(`resolve: ${res.statusCode} ${res.body}`)
}

const ctx = useTestContext()
const world = useWorld(ctx, () => new Date())

describe('the seeded expert’s studio', () => {
  it('is public and shows the verified institution, title, offers and the demo achievement', async () => {
    for (const auth of [undefined, world.farmer.auth, world.expert.auth, world.staff.auth]) {
      const studio = await studioOf(world.expert.id, auth)
      expect(studio).toMatchObject({
        person: { id: world.expert.id, role: 'expert', verified: true },
        institution: '四川省草原科学研究院',
        title: '研究员',
        region: { township: { code: CHENGDU_STREET } },
      })
      expect(studio.achievements.map((a: { title: string }) => a.title)).toContain('牦牛冬季全混合日粮（TMR）补饲技术')
      expect(studio.offers.map((a: { title: string }) => a.title)).toContain('高原牦牛科学养殖与冬春补饲技术服务')
      for (const a of studio.achievements) expect(a).toMatchObject({ kind: 'achievement', side: 'offer', author: { id: world.expert.id } })
      for (const o of studio.offers) expect(o).toMatchObject({ kind: 'post', side: 'offer', achievement: null, author: { id: world.expert.id } })
      expect(studio.fields[0]).toBe('breeding')
      expect(studio.fields).toEqual(expect.arrayContaining(['breeding', 'ecology']))
    }
  })
})

describe('a new expert’s studio as it fills', () => {
  let expert: Person
  const ids: Record<string, number> = {}

  beforeAll(async () => {
    expert = await registerPerson(ctx, 'expert', GANZI_TOWN, '王老师')
  })

  it('starts empty, unverified, without institution or title', async () => {
    expect(await studioOf(expert.id)).toEqual({
      person: { id: expert.id, nickname: '王老师', avatarUrl: null, role: 'expert', verified: false },
      region: expect.objectContaining({ township: expect.objectContaining({ code: GANZI_TOWN }) }),
      institution: null,
      title: null,
      intro: '',
      photo: null,
      fields: [],
      offers: [],
      achievements: [],
      resolvedCount: 0,
    })
  })

  it('shows institution and title only once staff verified them', async () => {
    const first = await askVerification(expert.auth, { institution: '某某大学', title: '讲师' })
    // Pending: what the person claims is not shown.
    expect(await studioOf(expert.id)).toMatchObject({ institution: null, title: null, person: { verified: false } })
    expect((await decideVerification(first, 'reject')).statusCode).toBe(200)
    expect(await studioOf(expert.id)).toMatchObject({ institution: null, title: null, person: { verified: false } })
    const second = await askVerification(expert.auth, { institution: '四川农业大学', title: '副教授' })
    expect(await studioOf(expert.id)).toMatchObject({ institution: null, title: null })
    expect((await decideVerification(second, 'approve')).statusCode).toBe(200)
    expect(await studioOf(expert.id)).toMatchObject({ institution: '四川农业大学', title: '副教授', person: { verified: true } })
  })

  it('lists public offers and achievements only, newest first, never pending, rejected, closed or in review again', async () => {
    ids.offerPlanting = await createPublished(world, expert.auth, { side: 'offer', category: 'planting', title: '青稞良种选育与栽培指导', description: '提供青稞新品种选育和高产栽培技术指导，可到村里培训。' })
    ids.offerBreeding = await createPublished(world, expert.auth, { side: 'offer', category: 'breeding', title: '牦牛疫病防治技术服务', description: '提供牦牛常见疫病防治技术咨询和培训，可远程指导。' })
    ids.offerPending = await createPending(ctx, expert.auth, { side: 'offer', title: '待审核的技术服务' })
    ids.offerRejected = await createPending(ctx, expert.auth, { side: 'offer', title: '被退回的技术服务' })
    expect((await reject(ids.offerRejected)).statusCode).toBe(200)
    ids.offerClosed = await createPublished(world, expert.auth, { side: 'offer', category: 'ecology', title: '已关闭的技术服务' })
    expect((await ctx.app.inject({ method: 'POST', url: `/api/listings/${ids.offerClosed}/close`, headers: expert.auth })).statusCode).toBe(200)
    ids.need = await createPublished(world, expert.auth, { side: 'need', category: 'ecology', title: '求草场监测设备' })

    ids.achievement = await postAchievement(expert.auth)
    await approve(ctx, world.staff.auth, ids.achievement)
    ids.achievementPending = await postAchievement(expert.auth, { title: '待审核的科技成果' })
    ids.achievementRejected = await postAchievement(expert.auth, { title: '被退回的科技成果' })
    expect((await reject(ids.achievementRejected)).statusCode).toBe(200)
    // Published, then edited: back in review, so out of the studio until approved again.
    ids.achievementEdited = await postAchievement(expert.auth, { title: '修改中的科技成果' })
    await approve(ctx, world.staff.auth, ids.achievementEdited)
    const edit = await ctx.app.inject({ method: 'PUT', url: `/api/listings/${ids.achievementEdited}`, headers: expert.auth, payload: achievementBody({ title: '修改后的科技成果' }) })
    expect(edit.statusCode).toBe(200)

    const studio = await studioOf(expert.id)
    expect(idsOf(studio.offers)).toEqual([ids.offerBreeding, ids.offerPlanting])
    expect(idsOf(studio.achievements)).toEqual([ids.achievement])
    expect(studio.achievements[0]).toMatchObject({ status: 'published', achievement: { stage: 'pilot', transferMode: 'cooperation', institution: '四川农业大学' } })
    // Fields: categories of the public offers and achievements, most used first.
    expect(studio.fields).toEqual(['breeding', 'planting'])
    // What is hidden is hidden from everyone, the owner included (the studio is one public page).
    const asOwner = await studioOf(expert.id, expert.auth)
    expect(idsOf(asOwner.offers)).toEqual(idsOf(studio.offers))
    expect(idsOf(asOwner.achievements)).toEqual(idsOf(studio.achievements))

    // Approved again: it comes back.
    await approve(ctx, world.staff.auth, ids.achievementEdited)
    expect(idsOf((await studioOf(expert.id)).achievements)).toEqual([ids.achievementEdited, ids.achievement])
  })

  it('achievements are not crowded out by many offers', async () => {
    const busy = await registerPerson(ctx, 'expert', GANZI_TOWN, '多产专家')
    const achievement = await postAchievement(busy.auth)
    await approve(ctx, world.staff.auth, achievement)
    // More offers than the studio shows, all newer than the achievement (written directly: fast).
    // (The listing columns only: PostgreSQL's generated search_vector cannot be written.)
    const template = await ctx.db.selectFrom('listings').select(LISTING_COLUMNS).where('id', '=', ids.offerPlanting).executeTakeFirstOrThrow()
    const { id: _id, idempotency_key: _k, ...rest } = template
    for (let i = 0; i < 110; i++) {
      await ctx.db
        .insertInto('listings')
        .values({ ...rest, author_id: busy.id, title: `技术服务${i}`, idempotency_key: `busy-${i}-${busy.id}` })
        .execute()
    }
    const studio = await studioOf(busy.id)
    expect(studio.offers.length).toBeGreaterThan(0)
    expect(studio.offers.length).toBeLessThanOrEqual(50)
    expect(idsOf(studio.achievements)).toEqual([achievement])
  })
})

describe('resolvedCount', () => {
  it('counts the expert’s own resolved posts and their accepted responses on resolved posts, nothing else', async () => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWNSHIP, '对接专家')
    const helper = await registerPerson(ctx, 'volunteer', GANZI_TOWNSHIP)
    const farmer = await registerPerson(ctx, 'farmer', GANZI_TOWNSHIP)
    const other = await registerPerson(ctx, 'volunteer', GANZI_TOWNSHIP)

    // +1: the expert's own need, resolved.
    const ownNeed = await createPublished(world, expert.auth, { side: 'need' })
    await accept(ctx, expert.auth, ownNeed, await respondTo(ctx, helper.auth, ownNeed))
    await resolve(ownNeed, expert.auth)
    // +1: the expert's own achievement, resolved.
    const ownAchievement = await postAchievement(expert.auth)
    await approve(ctx, world.staff.auth, ownAchievement)
    await accept(ctx, expert.auth, ownAchievement, await respondTo(ctx, helper.auth, ownAchievement))
    await resolve(ownAchievement, expert.auth)
    // +1: accepted on a farmer's need, which the farmer resolved.
    const helped = await createPublished(world, farmer.auth)
    await accept(ctx, farmer.auth, helped, await respondTo(ctx, expert.auth, helped))
    await resolve(helped, farmer.auth)
    // +0: accepted, but the need is not resolved yet.
    const open = await createPublished(world, farmer.auth)
    await accept(ctx, farmer.auth, open, await respondTo(ctx, expert.auth, open))
    // +0: the need was resolved with someone else; the expert's response stayed pending.
    const passedOver = await createPublished(world, farmer.auth)
    await respondTo(ctx, expert.auth, passedOver)
    await accept(ctx, farmer.auth, passedOver, await respondTo(ctx, other.auth, passedOver))
    await resolve(passedOver, farmer.auth)
    // +0: the expert's own post, closed.
    const closed = await createPublished(world, expert.auth, { side: 'offer' })
    await ctx.app.inject({ method: 'POST', url: `/api/listings/${closed}/close`, headers: expert.auth })
    // +0: someone else's resolved post the expert never responded to.
    const unrelated = await createPublished(world, farmer.auth)
    await accept(ctx, farmer.auth, unrelated, await respondTo(ctx, other.auth, unrelated))
    await resolve(unrelated, farmer.auth)

    const studio = await studioOf(expert.id)
    expect(studio.resolvedCount).toBe(3)
    // A resolved achievement is still shown (a public success), marked resolved.
    expect(studio.achievements).toEqual([expect.objectContaining({ id: ownAchievement, status: 'resolved' })])
  })
})

describe('who has no studio → 404 NOT_A_STUDIO', () => {
  it('a farmer, a chair, a volunteer, staff', async () => {
    for (const p of [world.farmer, world.verifiedChair, world.unverifiedChair, world.volunteer, world.staff, world.stranger]) {
      expectError(await get(`/api/studios/${p.id}`), 404, 'NOT_A_STUDIO')
    }
  })

  it('no such user', async () => {
    expectError(await get('/api/studios/999999'), 404, 'NOT_A_STUDIO')
    expectError(await get('/api/studios/2147483647'), 404, 'NOT_A_STUDIO')
  })

  it('a deleted expert, whose achievements were public', async () => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWN, '要注销的专家')
    const id = await postAchievement(expert.auth)
    await approve(ctx, world.staff.auth, id)
    await studioOf(expert.id)
    const res = await ctx.app.inject({ method: 'DELETE', url: '/api/users/me', headers: expert.auth })
    expect(res.statusCode).toBe(200)
    expectError(await get(`/api/studios/${expert.id}`), 404, 'NOT_A_STUDIO')
  })

  it('an expert who changed their role', async () => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWN, '改行')
    await studioOf(expert.id)
    const change = await ctx.app.inject({ method: 'PUT', url: '/api/users/me', headers: expert.auth, payload: { nickname: '改行', role: 'farmer', regionCode: GANZI_TOWN } })
    expect(change.statusCode).toBe(200)
    expectError(await get(`/api/studios/${expert.id}`), 404, 'NOT_A_STUDIO')
  })

  it('someone who logged in but never registered', async () => {
    const { user } = await login(ctx.app)
    expectError(await get(`/api/studios/${user.id}`), 404, 'NOT_A_STUDIO')
  })

  it('an id that is not an id → 400', async () => {
    for (const id of ['abc', '0', '-1', '1.5', '2147483648']) expectError(await get(`/api/studios/${id}`), 400, 'VALIDATION_FAILED')
  })
})

describe('PUT /api/studios/me: an expert writes their studio', () => {
  const put = (auth: Auth | undefined, payload: unknown) => ctx.app.inject({ method: 'PUT', url: '/api/studios/me', headers: auth ?? {}, payload: payload as object })
  const photoId = async (auth: Auth) => {
    const res = await uploadPhoto(ctx, auth)
    expect(res.statusCode).toBe(200)
    return res.json().id as number
  }
  const uploadRow = (id: number) => ctx.db.selectFrom('uploads').select(['id', 'attached_at']).where('id', '=', id).executeTakeFirst()
  /** WeChat's asynchronous image check answers, as its signed push does. */
  const mediaCheck = async (id: number, suggest: 'pass' | 'risky') => {
    const { trace_id } = await ctx.db.selectFrom('uploads').select('trace_id').where('id', '=', id).executeTakeFirstOrThrow()
    const res = await ctx.app.inject({ method: 'POST', url: `/api/wechat/push?${new URLSearchParams(signedQuery())}`, payload: mediaCheckEvent(trace_id!, suggest) })
    expect(res.statusCode).toBe(200)
  }
  const passCheck = (id: number) => mediaCheck(id, 'pass')

  it('shows the introduction, photo and chosen fields to everyone; the chosen fields replace the derived ones', async () => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWN, '赵老师')
    await postListing(ctx, expert.auth, listingBody({ side: 'offer', category: 'planting' }))
    const photo = await photoId(expert.auth)
    const res = await put(expert.auth, { intro: '在甘孜做了十年青稞育种。\n可以到村里讲课。', photoId: photo, fields: ['veterinary', 'breeding'] })
    expect(res.statusCode).toBe(200)
    await passCheck(photo)
    for (const auth of [undefined, world.farmer.auth]) {
      const studio = await studioOf(expert.id, auth)
      expect(studio).toMatchObject({ intro: '在甘孜做了十年青稞育种。\n可以到村里讲课。', fields: ['veterinary', 'breeding'], photo: { id: photo, url: expect.stringMatching(/^\/uploads\//), thumbUrl: expect.stringMatching(/^\/uploads\//) } })
      expect((await ctx.app.inject({ method: 'GET', url: studio.photo.url })).statusCode).toBe(200)
    }
    expect((await uploadRow(photo))?.attached_at).not.toBeNull()
    // No fields chosen: back to the fields of their posts.
    await put(expert.auth, { intro: '', photoId: photo, fields: [] })
    expect((await studioOf(expert.id)).fields).toEqual([])
  })

  it('the photo shows once WeChat’s image check passed it (the expert sees it meanwhile); one found risky, no one sees', async () => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWN, '钱老师')
    const photo = await photoId(expert.auth)
    const saved = await put(expert.auth, { intro: '', photoId: photo, fields: [] })
    expect(saved.json().photo).toMatchObject({ id: photo })
    expect((await studioOf(expert.id, expert.auth)).photo).toMatchObject({ id: photo })
    // Everyone else: nothing yet (a visitor's page is kept meanwhile).
    for (const auth of [undefined, world.farmer.auth, world.staff.auth]) expect((await studioOf(expert.id, auth)).photo).toBeNull()
    // The pass shows at once, the visitor's kept page too.
    await passCheck(photo)
    for (const auth of [undefined, world.farmer.auth]) expect((await studioOf(expert.id, auth)).photo).toMatchObject({ id: photo })

    // A second photo, found risky: gone for everyone, the expert included.
    const risky = await photoId(expert.auth)
    await put(expert.auth, { intro: '', photoId: risky, fields: [] })
    expect((await studioOf(expert.id)).photo).toBeNull()
    await mediaCheck(risky, 'risky')
    for (const auth of [undefined, world.farmer.auth, expert.auth]) expect((await studioOf(expert.id, auth)).photo).toBeNull()
  })

  it('a replaced photo is let go for the sweep; removing it shows none', async () => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWN)
    const [first, second] = [await photoId(expert.auth), await photoId(expert.auth)]
    expect((await put(expert.auth, { intro: '', photoId: first, fields: [] })).statusCode).toBe(200)
    expect((await put(expert.auth, { intro: '', photoId: second, fields: [] })).statusCode).toBe(200)
    expect((await uploadRow(first))?.attached_at).toBeNull()
    expect((await uploadRow(second))?.attached_at).not.toBeNull()
    expect((await put(expert.auth, { intro: '', photoId: null, fields: [] })).json().photo).toBeNull()
    expect((await uploadRow(second))?.attached_at).toBeNull()
  })

  it('only a registered 科技工作者, only their own photo, checked text, valid fields', async () => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWN)
    const body = { intro: '介绍', photoId: null, fields: ['breeding'] }
    expect((await put(undefined, body)).statusCode).toBe(401)
    for (const who of [world.farmer, world.verifiedChair]) expectError(await put(who.auth, body), 403, 'STUDIO_NOT_EXPERT')
    // Someone else's photo.
    expectError(await put(expert.auth, { ...body, photoId: await photoId(world.farmer.auth) }), 400, 'PHOTO_INVALID')
    expectError(await put(expert.auth, { ...body, intro: '违禁词' }), 400, 'CONTENT_RISKY')
    expectError(await put(expert.auth, { ...body, fields: ['breeding', 'breeding'] }), 400, 'VALIDATION_FAILED')
    expectError(await put(expert.auth, { ...body, fields: ['breeding', 'planting', 'veterinary', 'ecology', 'processing', 'other'] }), 400, 'VALIDATION_FAILED')
    expectError(await put(expert.auth, { ...body, fields: ['cooking'] }), 400, 'CATEGORY_INVALID')
    expectError(await put(expert.auth, { ...body, intro: '长'.repeat(501) }), 400, 'VALIDATION_FAILED')
    // Nothing was saved by any of them.
    expect(await ctx.db.selectFrom('studio_profiles').selectAll().where('user_id', '=', expert.id).execute()).toEqual([])
  })

  it('is erased with the account, photo and all', async () => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWN)
    const photo = await photoId(expert.auth)
    await put(expert.auth, { intro: '我的介绍', photoId: photo, fields: ['breeding'] })
    expect((await ctx.app.inject({ method: 'DELETE', url: '/api/users/me', headers: expert.auth })).statusCode).toBe(200)
    expect(await ctx.db.selectFrom('studio_profiles').selectAll().where('user_id', '=', expert.id).execute()).toEqual([])
    expect(await uploadRow(photo)).toBeUndefined()
  })
})

describe('向专家提问: a need put to one expert', () => {
  const ask = (auth: Auth, expertId: unknown, overrides: Record<string, unknown> = {}) => postListing(ctx, auth, listingBody({ expertId, ...overrides }))

  it('is a need like any other, showing the expert it was put to', async () => {
    const res = await ask(world.farmer.auth, world.expert.id)
    expect(res.statusCode).toBe(201)
    expect(res.json().askedExpert).toMatchObject({ id: world.expert.id, role: 'expert' })
    const row = await ctx.db.selectFrom('listings').select(['addressed_to', 'status', 'side']).where('id', '=', res.json().id).executeTakeFirstOrThrow()
    expect(row).toEqual({ addressed_to: world.expert.id, status: 'pending', side: 'need' })
    // Everyone reads it once published, with the expert named.
    await approve(ctx, world.staff.auth, res.json().id)
    const seen = await get(`/api/listings/${res.json().id}`)
    expect(seen.json().askedExpert).toMatchObject({ id: world.expert.id })
    // A post not put to anyone says so.
    const plain = await postListing(ctx, world.farmer.auth, listingBody())
    expect(plain.json().askedExpert).toBeNull()
  })

  it('once published, the expert — and nobody else — gets one message in 我的消息, not again after a re-review', async () => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWN, '孙老师')
    const asker = await registerPerson(ctx, 'farmer', GANZI_TOWN, '次仁')
    const messages = async (auth: Auth) => (await get('/api/messages', auth)).json().items.filter((m: { kind: string }) => m.kind === 'listing.asked')
    const res = await ask(asker.auth, expert.id, { title: '青稞倒伏怎么办' })
    expect(res.statusCode).toBe(201)
    // Not while it waits for review.
    expect(await messages(expert.auth)).toEqual([])
    await approve(ctx, world.staff.auth, res.json().id)
    expect(await messages(expert.auth)).toEqual([
      expect.objectContaining({ kind: 'listing.asked', entry: null, target: { type: 'listing', id: res.json().id }, read: false, body: expect.stringContaining('次仁向您提问：「青稞倒伏怎么办」') }),
    ])
    // Counted in 我的消息 only: no entry of 我的 lists someone else's post (我的对接 would open empty).
    expect((await get('/api/messages/unread', expert.auth)).json()).toMatchObject({ total: 1, entries: { responses: 0, listings: 0 } })
    const otherExpert = await registerPerson(ctx, 'expert', GANZI_TOWN)
    for (const other of [asker, otherExpert, world.staff]) expect(await messages(other.auth)).toEqual([])
    // Edited, reviewed and approved again: still one.
    const edited = await ctx.app.inject({ method: 'PUT', url: `/api/listings/${res.json().id}`, headers: asker.auth, payload: listingBody({ title: '青稞倒伏了怎么办' }) })
    expect(edited.statusCode).toBe(200)
    await approve(ctx, world.staff.auth, res.json().id)
    expect(await messages(expert.auth)).toHaveLength(1)
  })

  it('only a need, only to a registered 科技工作者, never to oneself', async () => {
    expectError(await ask(world.farmer.auth, world.expert.id, { side: 'offer' }), 400, 'VALIDATION_FAILED')
    expectError(await ask(world.farmer.auth, world.verifiedChair.id), 400, 'ASK_NOT_AN_EXPERT')
    expectError(await ask(world.farmer.auth, 2_000_000_000), 400, 'ASK_NOT_AN_EXPERT')
    expectError(await ask(world.expert.auth, world.expert.id), 400, 'ASK_NOT_AN_EXPERT')
    const leaving = await registerPerson(ctx, 'expert', GANZI_TOWN)
    expect((await ctx.app.inject({ method: 'DELETE', url: '/api/users/me', headers: leaving.auth })).statusCode).toBe(200)
    expectError(await ask(world.farmer.auth, leaving.id), 400, 'ASK_NOT_AN_EXPERT')
  })
})

describe("a visitor's studio page is kept a few seconds (it is shared like a post)", () => {
  it('shows at once a 对接 on an offer it shows, a new offer, the studio’s own words and a new name; anyone signed in is shown it fresh', async () => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWN, '孙老师')
    const offer = await createPublished(world, expert.auth, listingBody({ side: 'offer', title: '提供青稞种植指导' }))
    expect(idsOf((await studioOf(expert.id)).offers)).toEqual([offer])

    // Written behind this instance's back (as another instance would): visitors see the kept page
    // for a few seconds, anyone signed in sees it at once.
    await ctx.db.updateTable('users').set({ nickname: '孙老师（另一台）' }).where('id', '=', expert.id).execute()
    expect((await studioOf(expert.id)).person.nickname).toBe('孙老师')
    expect((await studioOf(expert.id, world.farmer.auth)).person.nickname).toBe('孙老师（另一台）')

    await respondTo(ctx, world.farmer.auth, offer)
    expect((await studioOf(expert.id)).offers[0].responseCount).toBe(1)

    const second = await createPublished(world, expert.auth, listingBody({ side: 'offer', title: '提供牦牛防疫指导' }))
    expect(idsOf((await studioOf(expert.id)).offers)).toEqual([second, offer])

    const intro = await ctx.app.inject({ method: 'PUT', url: '/api/studios/me', headers: expert.auth, payload: { intro: '可以到村里讲课。', photoId: null, fields: [] } })
    expect(intro.statusCode).toBe(200)
    expect((await studioOf(expert.id)).intro).toBe('可以到村里讲课。')

    const rename = await ctx.app.inject({ method: 'PUT', url: '/api/users/me', headers: expert.auth, payload: { nickname: '孙教授', role: 'expert', regionCode: GANZI_TOWN } })
    expect(rename.statusCode).toBe(200)
    expect((await studioOf(expert.id)).person.nickname).toBe('孙教授')
  })
})
