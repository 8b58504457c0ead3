// 科技成果 (achievements): a listing of kind 'achievement' — always an offer — with stage, transfer
// mode, a format-checked patent number and the owning institution. Only 科技工作者 post them; they
// go through the posts' review, search, 对接 and matching, and never show in the 所能所需 feed.
import type { LightMyRequestResponse } from 'fastify'
import type { ErrorCode } from '../../common/errors'
import { useTestContext } from './helpers'
import {
  accept,
  approve,
  CHENGDU_STREET,
  CHINESE,
  createPublished,
  expectError,
  GANZI_TOWN,
  GANZI_TOWNSHIP,
  listingBody,
  newKey,
  postListing,
  registerPerson,
  respondTo,
  REVIEW_WORD,
  RISKY_WORD,
  useWorld,
  type Auth,
} from './listings-fixtures'

const EXPERT_PHONE = '13900002468'
const CHAIR_PHONE = '13900001357'

/** A 科技成果 body; `achievement` overrides merge into the achievement fields. */
function achievementBody(overrides: Record<string, unknown> = {}, achievement: Record<string, unknown> = {}) {
  return listingBody({
    kind: 'achievement',
    side: 'offer',
    title: '高原牦牛冬春补饲舔砖配方',
    category: 'breeding',
    regionCode: GANZI_TOWN,
    description: '以青稞秸秆和本地矿物为原料的牦牛补饲舔砖配方，冬春枯草期补充矿物质和能量，减少牦牛掉膘，已在甘孜县多个牧场小试。',
    contact: { name: '李建国', phone: EXPERT_PHONE },
    achievement: { stage: 'small_pilot', transferMode: 'transfer', patentNo: 'zl 202110123456.7', institution: '甘孜州畜牧科学研究所', ...achievement },
    ...overrides,
  })
}

const get = (url: string, auth?: Auth) => ctx.app.inject({ method: 'GET', url, headers: auth ?? {} })
const ids = async (url: string, auth?: Auth): Promise<number[]> => {
  const res = await get(url, auth)
  expect(res.statusCode).toBe(200)
  return res.json().items.map((i: { id: number }) => i.id)
}
const q = encodeURIComponent

async function listingCount(): Promise<number> {
  const row = await ctx.db.selectFrom('listings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

async function createAchievement(auth: Auth, overrides: Record<string, unknown> = {}, achievement: Record<string, unknown> = {}): Promise<number> {
  const res = await postListing(ctx, auth, achievementBody(overrides, achievement))
  if (res.statusCode !== 201) throw new Error(`create achievement: ${res.statusCode} ${res.body}`)
  return res.json().id
}

function expect4xx(res: LightMyRequestResponse, status: number, code: ErrorCode) {
  expect(res.statusCode).toBeGreaterThanOrEqual(400)
  expect(res.statusCode).toBeLessThan(500)
  expectError(res, status, code)
}

const ctx = useTestContext()
const world = useWorld(ctx, () => new Date())

describe('an expert posts an achievement', () => {
  let id: number

  it('is saved pending, normalised, and shown to its owner with its achievement fields', async () => {
    const res = await postListing(ctx, world.expert.auth, achievementBody())
    expect(res.statusCode).toBe(201)
    id = res.json().id
    expect(res.json()).toMatchObject({
      kind: 'achievement',
      side: 'offer',
      status: 'pending',
      achievement: { stage: 'small_pilot', transferMode: 'transfer', patentNo: 'ZL202110123456.7', institution: '甘孜州畜牧科学研究所' },
      author: { id: world.expert.id, role: 'expert', verified: true },
      contact: { phone: EXPERT_PHONE },
      timeline: [{ kind: 'submitted' }],
    })
    const row = await ctx.db.selectFrom('listings').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ kind: 'achievement', stage: 'small_pilot', transfer_mode: 'transfer', patent_no: 'ZL202110123456.7', status: 'pending' })
  })

  it('is not public before review', async () => {
    for (const auth of [undefined, world.farmer.auth, world.verifiedChair.auth]) expectError(await get(`/api/listings/${id}`, auth), 404, 'NOT_FOUND')
    expect(await ids('/api/listings?kind=achievement')).not.toContain(id)
    expect(await ids(`/api/listings?kind=achievement&q=${q('牦牛')}`)).not.toContain(id)
    expectError(await get(`/api/listings/${id}/matches`), 404, 'NOT_FOUND')
    // Studio shows published achievements only.
    const studio = (await get(`/api/studios/${world.expert.id}`)).json()
    expect(studio.achievements.map((a: { id: number }) => a.id)).not.toContain(id)
  })

  it('staff see its stage, transfer mode, patent number and institution in the queue', async () => {
    const res = await get('/api/staff/review/queue', world.staff.auth)
    expect(res.statusCode).toBe(200)
    const item = res.json().items.find((i: { id: number }) => i.id === id)
    expect(item).toMatchObject({
      kind: 'listing',
      listingKind: 'achievement',
      side: 'offer',
      achievement: { stage: 'small_pilot', transferMode: 'transfer', patentNo: 'ZL202110123456.7', institution: '甘孜州畜牧科学研究所' },
    })
    // An ordinary post in the queue says so.
    const post = await createPendingPost()
    const queue = (await get('/api/staff/review/queue', world.staff.auth)).json().items
    expect(queue.find((i: { id: number }) => i.id === post)).toMatchObject({ listingKind: 'post', achievement: null })
  })

  it('once approved: listed under kind=achievement, never in the 所能所需 feed', async () => {
    await approve(ctx, world.staff.auth, id)
    const detail = await get(`/api/listings/${id}`)
    expect(detail.statusCode).toBe(200)
    expect(detail.json()).toMatchObject({ kind: 'achievement', status: 'published', contact: null, achievement: { patentNo: 'ZL202110123456.7' } })
    expect(detail.json().timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'approved'])

    const achievements = await get('/api/listings?kind=achievement')
    expect(achievements.json().items.map((i: { id: number }) => i.id)).toContain(id)
    for (const item of achievements.json().items) expect(item).toMatchObject({ kind: 'achievement', side: 'offer', achievement: expect.any(Object) })

    for (const url of ['/api/listings', '/api/listings?kind=post', '/api/listings?side=offer', '/api/listings?kind=post&side=offer&category=breeding']) {
      const res = await get(url)
      expect(res.statusCode).toBe(200)
      expect(res.json().items.map((i: { id: number }) => i.id)).not.toContain(id)
      for (const item of res.json().items) expect(item).toMatchObject({ kind: 'post', achievement: null })
    }
    // In the author's own list, with its kind.
    const mine = (await get('/api/listings/mine', world.expert.auth)).json().items
    expect(mine.find((i: { id: number }) => i.id === id)).toMatchObject({ kind: 'achievement', status: 'published' })
  })

  it('filters by stage and category', async () => {
    expect(await ids('/api/listings?kind=achievement&stage=small_pilot')).toContain(id)
    expect(await ids('/api/listings?kind=achievement&stage=pilot')).not.toContain(id)
    expect(await ids('/api/listings?kind=achievement&stage=industrial')).not.toContain(id)
    expect(await ids('/api/listings?kind=achievement&category=breeding')).toContain(id)
    expect(await ids('/api/listings?kind=achievement&category=planting')).not.toContain(id)
    expect(await ids('/api/listings?kind=achievement&stage=small_pilot&category=breeding&region=5133')).toContain(id)
    expect(await ids('/api/listings?kind=achievement&stage=small_pilot&region=5101')).not.toContain(id)
    // Every item of a stage page has that stage.
    const pilot = (await get('/api/listings?kind=achievement&stage=pilot')).json().items
    expect(pilot.length).toBeGreaterThan(0) // the seeded TMR achievement
    for (const item of pilot) expect(item.achievement.stage).toBe('pilot')
    // Bad filters are refused, not ignored.
    expectError(await get('/api/listings?kind=achievement&stage=lab'), 400, 'VALIDATION_FAILED')
    expectError(await get('/api/listings?kind=patent'), 400, 'VALIDATION_FAILED')
  })

  it('search honours kind: 牦牛 finds it among achievements, not among posts', async () => {
    expect(await ids(`/api/listings?kind=achievement&q=${q('牦牛')}`)).toContain(id)
    expect(await ids(`/api/listings?kind=achievement&q=${q('补饲舔砖')}`)).toContain(id)
    expect(await ids(`/api/listings?kind=achievement&stage=small_pilot&q=${q('牦牛')}`)).toContain(id)
    expect(await ids(`/api/listings?kind=achievement&stage=industrial&q=${q('牦牛')}`)).not.toContain(id)
    const posts = await get(`/api/listings?kind=post&q=${q('牦牛')}`)
    expect(posts.json().items.length).toBeGreaterThan(0) // the search did find posts
    expect(posts.json().items.map((i: { id: number }) => i.id)).not.toContain(id)
    expect(await ids(`/api/listings?q=${q('牦牛')}`)).not.toContain(id)
    expect(await ids(`/api/listings?q=${q('舔砖')}`)).toEqual([])
  })

  it('the same Idempotency-Key returns the same achievement', async () => {
    const key = newKey()
    const first = await postListing(ctx, world.expert.auth, achievementBody({ title: '青稞秸秆微贮饲料技术' }), key)
    const second = await postListing(ctx, world.expert.auth, achievementBody({ title: '青稞秸秆微贮饲料技术' }), key)
    expect(first.statusCode).toBe(201)
    expect(second.statusCode).toBe(200)
    expect(second.json()).toMatchObject({ id: first.json().id, kind: 'achievement' })
  })
})

async function createPendingPost(): Promise<number> {
  const res = await postListing(ctx, world.owner.auth, listingBody())
  expect(res.statusCode).toBe(201)
  return res.json().id
}

describe('malformed achievements → 4xx with a stable code and a Chinese message; nothing saved', () => {
  const long = (n: number) => '所'.repeat(n)
  type Case = [string, Record<string, unknown>, number, ErrorCode]
  const cases: Case[] = [
    ['patent ZL2021.7', achievementBody({}, { patentNo: 'ZL2021.7' }), 400, 'PATENT_NO_INVALID'],
    ['patent abc', achievementBody({}, { patentNo: 'abc' }), 400, 'PATENT_NO_INVALID'],
    ['patent of 13 digits', achievementBody({}, { patentNo: 'ZL2021101234567.8' }), 400, 'PATENT_NO_INVALID'],
    ['patent of 10 digits', achievementBody({}, { patentNo: 'ZL2021101234.5' }), 400, 'PATENT_NO_INVALID'],
    ['patent without its check digit', achievementBody({}, { patentNo: 'ZL202110123456' }), 400, 'PATENT_NO_INVALID'],
    ['patent with two check digits', achievementBody({}, { patentNo: 'ZL202110123456.78' }), 400, 'PATENT_NO_INVALID'],
    ['plant variety of 7 digits', achievementBody({}, { patentNo: 'CNA2020123.4' }), 400, 'PATENT_NO_INVALID'],
    ['plant variety of 10 digits', achievementBody({}, { patentNo: 'CNA2020123456.4' }), 400, 'PATENT_NO_INVALID'],
    ['patent as a number', achievementBody({}, { patentNo: 202110123456 }), 400, 'VALIDATION_FAILED'],
    ['kind achievement without achievement fields', { ...achievementBody(), achievement: undefined }, 400, 'ACHIEVEMENT_FIELDS_REQUIRED'],
    ['kind achievement with achievement null', { ...achievementBody(), achievement: null }, 400, 'ACHIEVEMENT_FIELDS_REQUIRED'],
    ['achievement fields on a post', { ...achievementBody(), kind: 'post' }, 400, 'VALIDATION_FAILED'],
    ['achievement fields without a kind', { ...achievementBody(), kind: undefined }, 400, 'VALIDATION_FAILED'],
    ['side need on an achievement', achievementBody({ side: 'need' }), 400, 'VALIDATION_FAILED'],
    ['proxy on an achievement', achievementBody({ proxy: { name: '扎西多吉', phone: '13800002222', regionCode: GANZI_TOWN, consent: true } }), 400, 'VALIDATION_FAILED'],
    ['unknown stage', achievementBody({}, { stage: 'lab' }), 400, 'VALIDATION_FAILED'],
    ['missing stage', achievementBody({}, { stage: undefined }), 400, 'VALIDATION_FAILED'],
    ['unknown transferMode', achievementBody({}, { transferMode: 'sell' }), 400, 'VALIDATION_FAILED'],
    ['missing transferMode', achievementBody({}, { transferMode: undefined }), 400, 'VALIDATION_FAILED'],
    ['institution of 1 character', achievementBody({}, { institution: '所' }), 400, 'VALIDATION_FAILED'],
    ['institution of 51 characters', achievementBody({}, { institution: long(51) }), 400, 'VALIDATION_FAILED'],
    ['institution of spaces only', achievementBody({}, { institution: '     ' }), 400, 'VALIDATION_FAILED'],
    ['missing institution', achievementBody({}, { institution: undefined }), 400, 'VALIDATION_FAILED'],
    ['unknown kind', achievementBody({ kind: 'patent' }), 400, 'VALIDATION_FAILED'],
    ['achievement as a string', { ...achievementBody(), achievement: 'pilot' }, 400, 'VALIDATION_FAILED'],
    ['a region outside the list', achievementBody({ regionCode: '513328999' }), 400, 'REGION_INVALID'],
    ['unknown category', achievementBody({ category: 'mining' }), 400, 'CATEGORY_INVALID'],
    ['risky text', achievementBody({ description: `这项成果包含${RISKY_WORD}的内容，用于测试内容安全检查。` }), 400, 'CONTENT_RISKY'],
  ]

  it.each(cases)('%s', async (_name, body, status, code) => {
    const before = await listingCount()
    const res = await postListing(ctx, world.expert.auth, body)
    expect4xx(res, status, code)
    // The field at fault is named, in Chinese.
    if (res.json().fields) for (const message of Object.values(res.json().fields)) expect(message).toMatch(CHINESE)
    expect(await listingCount()).toBe(before)
  })

  it('names the achievement field that is wrong', async () => {
    const patent = await postListing(ctx, world.expert.auth, achievementBody({}, { patentNo: 'abc' }))
    expect(patent.json().fields).toMatchObject({ 'achievement.patentNo': expect.stringMatching(CHINESE) })
    const side = await postListing(ctx, world.expert.auth, achievementBody({ side: 'need' }))
    expect(side.json().fields).toMatchObject({ side: expect.stringMatching(CHINESE) })
    const missing = await postListing(ctx, world.expert.auth, { ...achievementBody(), achievement: undefined })
    expect(missing.json().fields).toMatchObject({ achievement: expect.stringMatching(CHINESE) })
  })

  it.each([
    ['zl 202110123456.7', 'ZL202110123456.7'],
    ['ZL 2021 1012 3456.X', 'ZL202110123456.X'],
    ['zl202110123456.x', 'ZL202110123456.X'],
    ['202110123456.7', '202110123456.7'],
    ['ZL98123456.1', 'ZL98123456.1'],
    ['cna 20201234.5', 'CNA20201234.5'],
    ['CNA202012345.6', 'CNA202012345.6'],
  ])('patent %s is accepted and stored as %s', async (given, stored) => {
    const res = await postListing(ctx, world.expert.auth, achievementBody({}, { patentNo: given }))
    expect(res.statusCode).toBe(201)
    expect(res.json().achievement.patentNo).toBe(stored)
    const row = await ctx.db.selectFrom('listings').select('patent_no').where('id', '=', res.json().id).executeTakeFirstOrThrow()
    expect(row.patent_no).toBe(stored)
  })

  it('no patent number at all is fine (null or absent)', async () => {
    for (const patentNo of [null, undefined]) {
      const res = await postListing(ctx, world.expert.auth, achievementBody({}, { patentNo }))
      expect(res.statusCode).toBe(201)
      expect(res.json().achievement.patentNo).toBeNull()
    }
  })

  it('text the content check wants reviewed is saved pending with that note for staff', async () => {
    const res = await postListing(ctx, world.expert.auth, achievementBody({ description: `这项成果的说明里有${REVIEW_WORD}，需要人工审核后再发布。` }))
    expect(res.statusCode).toBe(201)
    const row = await ctx.db.selectFrom('listings').select(['status', 'check_suggest']).where('id', '=', res.json().id).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'pending', check_suggest: 'review' })
  })
})

describe('only 科技工作者 post achievements', () => {
  it.each(['farmer', 'verifiedChair', 'unverifiedChair', 'volunteer', 'owner', 'stranger'] as const)('%s → 403 ACHIEVEMENT_NOT_EXPERT, nothing saved', async (who) => {
    const before = await listingCount()
    expect4xx(await postListing(ctx, world[who].auth, achievementBody()), 403, 'ACHIEVEMENT_NOT_EXPERT')
    expect(await listingCount()).toBe(before)
  })

  it('staff who are not experts → ACHIEVEMENT_NOT_EXPERT', async () => {
    const role = (await ctx.db.selectFrom('users').select('role').where('id', '=', world.staff.id).executeTakeFirstOrThrow()).role
    if (role === 'expert') return
    expect4xx(await postListing(ctx, world.staff.auth, achievementBody()), 403, 'ACHIEVEMENT_NOT_EXPERT')
  })

  it('anonymous → 401', async () => {
    expectError(await postListing(ctx, undefined, achievementBody()), 401, 'AUTH_REQUIRED')
  })

  it('an expert not yet verified may post one (it still goes to review)', async () => {
    const expert = await registerPerson(ctx, 'expert', CHENGDU_STREET, '新专家')
    const res = await postListing(ctx, expert.auth, achievementBody())
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ kind: 'achievement', status: 'pending', author: { verified: false } })
  })

  it('a farmer may still post ordinary offers', async () => {
    const res = await postListing(ctx, world.farmer.auth, listingBody({ side: 'offer' }))
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ kind: 'post', achievement: null })
  })
})

describe('editing an achievement', () => {
  const put = (id: number, auth: Auth, body: unknown) => ctx.app.inject({ method: 'PUT', url: `/api/listings/${id}`, headers: auth, payload: body as any })

  it('keeps its kind: changing it either way → 400, nothing changes', async () => {
    const achievement = await createAchievement(world.expert.auth)
    await approve(ctx, world.staff.auth, achievement)
    const post = await createPublished(world, world.expert.auth, { side: 'offer', title: '牦牛养殖技术咨询服务' })

    // Achievement → post (explicitly, or by leaving kind out: it defaults to post).
    const { achievement: _a, ...plain } = achievementBody() as Record<string, unknown>
    for (const body of [{ ...plain, kind: 'post' }, { ...plain, kind: undefined }]) {
      const res = await put(achievement, world.expert.auth, body)
      expect4xx(res, 400, 'VALIDATION_FAILED')
      expect(res.json().fields).toMatchObject({ kind: expect.stringMatching(CHINESE) })
    }
    // Post → achievement.
    const res = await put(post, world.expert.auth, achievementBody())
    expect4xx(res, 400, 'VALIDATION_FAILED')
    expect(res.json().fields).toMatchObject({ kind: expect.stringMatching(CHINESE) })

    const rows = await ctx.db.selectFrom('listings').select(['id', 'kind', 'status', 'stage']).where('id', 'in', [achievement, post]).orderBy('id').execute()
    expect(rows).toEqual([
      { id: achievement, kind: 'achievement', status: 'published', stage: 'small_pilot' },
      { id: post, kind: 'post', status: 'published', stage: null },
    ])
  })

  it('with its kind kept: saved, normalised and back to review', async () => {
    const id = await createAchievement(world.expert.auth)
    await approve(ctx, world.staff.auth, id)
    const res = await put(id, world.expert.auth, achievementBody({}, { stage: 'industrial', transferMode: 'license', patentNo: 'cna 20201234.5', institution: '四川农业大学' }))
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      kind: 'achievement',
      status: 'pending',
      achievement: { stage: 'industrial', transferMode: 'license', patentNo: 'CNA20201234.5', institution: '四川农业大学' },
    })
    expect(await ids('/api/listings?kind=achievement')).not.toContain(id)
    const queue = (await get('/api/staff/review/queue', world.staff.auth)).json().items
    expect(queue.find((i: { id: number }) => i.id === id)).toMatchObject({ listingKind: 'achievement', achievement: { stage: 'industrial', patentNo: 'CNA20201234.5' } })
    // Bad achievement fields on an edit are refused the same way.
    expect4xx(await put(id, world.expert.auth, achievementBody({}, { patentNo: 'abc' })), 400, 'PATENT_NO_INVALID')
    expect4xx(await put(id, world.expert.auth, { ...achievementBody(), achievement: null }), 400, 'ACHIEVEMENT_FIELDS_REQUIRED')
  })

  it('an author who is no longer an expert cannot edit it → ACHIEVEMENT_NOT_EXPERT', async () => {
    const expert = await registerPerson(ctx, 'expert', GANZI_TOWN, '转行者')
    const id = await createAchievement(expert.auth)
    const change = await ctx.app.inject({ method: 'PUT', url: '/api/users/me', headers: expert.auth, payload: { nickname: '转行者', role: 'farmer', regionCode: GANZI_TOWN } })
    expect(change.statusCode).toBe(200)
    expect4xx(await put(id, expert.auth, achievementBody()), 403, 'ACHIEVEMENT_NOT_EXPERT')
  })

  it('someone else cannot edit it', async () => {
    const id = await createAchievement(world.expert.auth)
    const other = await registerPerson(ctx, 'expert', GANZI_TOWN)
    expectError(await put(id, other.auth, achievementBody()), 403, 'FORBIDDEN')
  })
})

describe('"express interest" is a response: a township chair and the expert exchange contacts', () => {
  let id: number
  let responseId: number

  beforeAll(async () => {
    id = await createAchievement(world.expert.auth, { title: '牦牛犊牛越冬成活技术成果' })
    await approve(ctx, world.staff.auth, id)
  })

  it('the chair expresses interest: the expert is told, nobody sees the other’s number yet', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/listings/${id}/responses`,
      headers: world.verifiedChair.auth,
      payload: { message: '甘孜镇合作社想引进这项成果，请联系', phone: CHAIR_PHONE },
    })
    expect(res.statusCode).toBe(201)
    responseId = res.json().id
    expect(res.json()).toMatchObject({ status: 'pending', contact: null })
    expect(res.body).not.toContain(EXPERT_PHONE)

    const asChair = (await get(`/api/listings/${id}`, world.verifiedChair.auth)).json()
    expect(asChair).toMatchObject({ contact: null, viewer: { response: { id: responseId, status: 'pending' }, canRespond: false } })
    const forExpert = (await get(`/api/listings/${id}/responses`, world.expert.auth)).json().items
    expect(forExpert).toEqual([expect.objectContaining({ id: responseId, status: 'pending', contact: null })])
    expect(JSON.stringify(forExpert)).not.toContain(CHAIR_PHONE)
    expect((await get(`/api/listings/${id}`)).json().responseCount).toBe(1)
  })

  it('the expert accepts: contacts go both ways, and the timeline shows it', async () => {
    await accept(ctx, world.expert.auth, id, responseId)
    const asChair = (await get(`/api/listings/${id}`, world.verifiedChair.auth)).json()
    expect(asChair.contact).toMatchObject({ name: '李建国', phone: EXPERT_PHONE })
    const forExpert = (await get(`/api/listings/${id}/responses`, world.expert.auth)).json().items
    expect(forExpert[0]).toMatchObject({ status: 'accepted', contact: { phone: CHAIR_PHONE } })
    const mine = (await get('/api/listings/responses/mine', world.verifiedChair.auth)).json().items
    expect(mine.find((r: { id: number }) => r.id === responseId)).toMatchObject({ status: 'accepted', listing: { id, kind: 'achievement' } })
    // Others still see neither number.
    for (const auth of [undefined, world.farmer.auth, world.stranger.auth]) {
      const res = await get(`/api/listings/${id}`, auth)
      expect(res.json().contact).toBeNull()
      expect(res.body).not.toContain(EXPERT_PHONE)
      expect(res.body).not.toContain(CHAIR_PHONE)
    }
    const timeline = (await get(`/api/listings/${id}`)).json().timeline.map((e: { kind: string }) => e.kind)
    expect(timeline).toEqual(['submitted', 'approved', 'responded', 'accepted'])
  })

  it('the expert cannot express interest in their own achievement', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/responses`, headers: world.expert.auth, payload: { message: '我自己', phone: EXPERT_PHONE } })
    expectError(res, 403, 'RESPOND_OWN_LISTING')
  })

  it('resolving it after the 对接 works like a post', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/resolve`, headers: world.expert.auth })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ kind: 'achievement', status: 'resolved' })
  })
})

describe('matching offers achievements to fitting needs', () => {
  let achievementId: number
  let needId: number

  beforeAll(async () => {
    achievementId = await createAchievement(world.expert.auth, {
      title: '牦牛冬季补饲青稞秸秆加工技术',
      regionCode: GANZI_TOWNSHIP,
      description: '青稞秸秆揉丝加工后制作牦牛冬季补饲饲料，配合舔砖补饲，牦牛冬春掉膘减少，已在甘孜县牧场中试。',
    })
    await approve(ctx, world.staff.auth, achievementId)
    const author = await registerPerson(ctx, 'farmer', GANZI_TOWNSHIP, '牧民')
    needId = await createPublished(world, author.auth, {
      side: 'need',
      category: 'breeding',
      regionCode: GANZI_TOWNSHIP,
      title: '牦牛补饲求技术',
      description: '冬天牦牛掉膘，想学牦牛补饲，用青稞秸秆加工饲料，请专家指导。',
    })
  })

  it('a need about 牦牛补饲 gets the achievement among its matches', async () => {
    const res = await get(`/api/listings/${needId}/matches`)
    expect(res.statusCode).toBe(200)
    const match = res.json().items.find((i: { id: number }) => i.id === achievementId)
    expect(match).toMatchObject({ kind: 'achievement', side: 'offer', achievement: { stage: 'small_pilot' }, score: expect.any(Number) })
    for (const item of res.json().items) expect(item.side).toBe('offer')
  })

  it('the achievement’s matches are needs, and the expert sees the need in 为我推荐', async () => {
    const matches = (await get(`/api/listings/${achievementId}/matches`)).json().items
    expect(matches.map((i: { id: number }) => i.id)).toContain(needId)
    for (const item of matches) expect(item).toMatchObject({ side: 'need', kind: 'post' })
    expect(await ids('/api/listings/for-me', world.expert.auth)).toContain(needId)
  })

  it('a pending achievement is never suggested', async () => {
    const pending = await createAchievement(world.expert.auth, {
      title: '牦牛冬季补饲青稞秸秆加工技术',
      regionCode: GANZI_TOWNSHIP,
      description: '青稞秸秆揉丝加工后制作牦牛冬季补饲饲料，配合舔砖补饲，牦牛冬春掉膘减少，已在甘孜县牧场中试。',
    })
    expect(await ids(`/api/listings/${needId}/matches`)).not.toContain(pending)
  })
})

describe('an empty patent field', () => {
  it('means no patent, as null does', async () => {
    const res = await postListing(ctx, world.expert.auth, achievementBody({ title: '青稞秸秆氨化处理技术' }, { patentNo: '  ' }))
    expect(res.statusCode).toBe(201)
    expect(res.json().achievement.patentNo).toBeNull()
  })
})

describe('the owner withdraws a published achievement', () => {
  const close = (id: number, auth: Auth) => ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/close`, headers: auth })

  it('it leaves the achievement list and search; its detail is gone for the public', async () => {
    const id = await createAchievement(world.expert.auth, { title: '青稞抗倒伏栽培技术成果' }, { patentNo: null })
    await approve(ctx, world.staff.auth, id)
    // Before: listed and found (so the checks below can fail).
    expect(await ids('/api/listings?kind=achievement')).toContain(id)
    expect(await ids(`/api/listings?kind=achievement&q=${q('抗倒伏')}`)).toContain(id)

    const res = await close(id, world.expert.auth)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id, kind: 'achievement', status: 'closed' })

    expect(await ids('/api/listings?kind=achievement')).not.toContain(id)
    expect(await ids('/api/listings?kind=achievement&category=breeding')).not.toContain(id)
    expect(await ids(`/api/listings?kind=achievement&q=${q('抗倒伏')}`)).not.toContain(id)
    expect(await ids(`/api/listings?kind=achievement&q=${q('青稞')}`)).not.toContain(id)
    expectError(await get(`/api/listings/${id}`), 404, 'NOT_FOUND')
    const studio = (await get(`/api/studios/${world.expert.id}`)).json()
    expect(studio.achievements.map((a: { id: number }) => a.id)).not.toContain(id)
    // The owner still has it, marked closed.
    const mine = (await get('/api/listings/mine', world.expert.auth)).json().items
    expect(mine.find((i: { id: number }) => i.id === id)).toMatchObject({ kind: 'achievement', status: 'closed' })
  })

  it('someone else cannot withdraw it → 403 FORBIDDEN, and it stays listed', async () => {
    const id = await createAchievement(world.expert.auth, { title: '牦牛犊牛腹泻快速诊断试剂盒' }, { patentNo: null })
    await approve(ctx, world.staff.auth, id)
    const otherExpert = await registerPerson(ctx, 'expert', GANZI_TOWN)
    for (const auth of [otherExpert.auth, world.farmer.auth, world.verifiedChair.auth]) expectError(await close(id, auth), 403, 'FORBIDDEN')
    expectError(await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/close` }), 401, 'AUTH_REQUIRED')
    const row = await ctx.db.selectFrom('listings').select('status').where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.status).toBe('published')
    expect(await ids('/api/listings?kind=achievement')).toContain(id)
    expect(await ids(`/api/listings?kind=achievement&q=${q('腹泻')}`)).toContain(id)
  })
})
