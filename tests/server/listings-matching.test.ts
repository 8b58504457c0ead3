// Matching (GET /api/listings/:id/matches, GET /api/listings/for-me) on the real database of the
// run: for a need, offers that could help rank by topic, then nearness and category; posts that
// are not published are never suggested.
import { useTestContext } from './helpers'
import {
  claimBody,
  approve,
  CHENGDU_STREET,
  createPending,
  createPublished,
  GANZI_TOWNSHIP,
  LAIMA_TOWN,
  registerPerson,
  useWorld,
  type Auth,
  type Person,
} from './listings-fixtures'

/** 攀枝花市东区大渡口街道: another prefecture, far from 甘孜. */
const PANZHIHUA_STREET = '510402001'

let needAuthor: Person
let offerAuthor: Person
let farExpert: Person
const ids: Record<string, number> = {}

const YAK_FEEDING = {
  side: 'offer',
  category: 'breeding',
  title: '牦牛冬季补饲技术指导',
  description: '提供牦牛冬季补饲配方、青稞秸秆加工和犊牛越冬管理的技术指导，可到村里现场培训。',
}

const get = (url: string, auth?: Auth) => ctx.app.inject({ method: 'GET', url, headers: auth ?? {} })
const matchIds = async (id: number) => {
  const res = await get(`/api/listings/${id}/matches`)
  expect(res.statusCode).toBe(200)
  return res.json().items as Array<{ id: number; score: number }>
}

const ctx = useTestContext()
const world = useWorld(ctx, () => new Date())
beforeAll(async () => {
  needAuthor = await registerPerson(ctx, 'farmer', GANZI_TOWNSHIP)
  offerAuthor = await registerPerson(ctx, 'volunteer', LAIMA_TOWN)
  // A verified expert far away: the verified bonus must not outweigh distance for the same topic.
  farExpert = await registerPerson(ctx, 'expert', PANZHIHUA_STREET)
  // (An expert is verified against an institution and a title.)
  const asked = await ctx.app.inject({ method: 'POST', url: '/api/verifications', headers: farExpert.auth, payload: await claimBody(ctx, farExpert.auth, 'expert', { institution: '攀枝花市农林科学研究院', title: '研究员' }) })
  expect(asked.statusCode).toBe(201)
  const approved = await ctx.app.inject({ method: 'POST', url: `/api/staff/verifications/${asked.json().id}/approve`, headers: world.staff.auth })
  expect(approved.statusCode).toBe(200)

  ids.near = await createPublished(world, offerAuthor.auth, { ...YAK_FEEDING, regionCode: LAIMA_TOWN })
  ids.unrelated = await createPublished(world, offerAuthor.auth, {
    side: 'offer',
    category: 'ecommerce',
    regionCode: GANZI_TOWNSHIP,
    title: '教合作社开网店做直播',
    description: '可以教大家注册网店、拍短视频、做直播带货，把土特产卖到外地。',
  })
  ids.far = await createPublished(world, farExpert.auth, { ...YAK_FEEDING, regionCode: PANZHIHUA_STREET })
  // Same topic, same township, but never published: must never be suggested.
  ids.pending = await createPending(ctx, offerAuthor.auth, { ...YAK_FEEDING, regionCode: GANZI_TOWNSHIP })
  ids.rejected = await createPending(ctx, offerAuthor.auth, { ...YAK_FEEDING, regionCode: GANZI_TOWNSHIP })
  await ctx.app.inject({ method: 'POST', url: `/api/staff/review/listing/${ids.rejected}/reject`, headers: world.staff.auth, payload: { reason: '重复发布' } })
  ids.closed = await createPublished(world, offerAuthor.auth, { ...YAK_FEEDING, regionCode: GANZI_TOWNSHIP })
  await ctx.app.inject({ method: 'POST', url: `/api/listings/${ids.closed}/close`, headers: offerAuthor.auth })
  // Edited back to review: out of the suggestions until approved again.
  ids.edited = await createPublished(world, offerAuthor.auth, { ...YAK_FEEDING, regionCode: GANZI_TOWNSHIP })
  await ctx.app.inject({
    method: 'PUT',
    url: `/api/listings/${ids.edited}`,
    headers: offerAuthor.auth,
    payload: { ...YAK_FEEDING, regionCode: GANZI_TOWNSHIP, contact: { name: '兰', phone: '13800001234' } },
  })

  ids.need = await createPublished(world, needAuthor.auth, {
    side: 'need',
    category: 'breeding',
    regionCode: GANZI_TOWNSHIP,
    title: '牦牛冬天掉膘，求补饲技术',
    description: '家里三十头牦牛，冬春掉膘厉害，想学牦牛补饲配方，最好有人来现场指导。',
  })
})

describe('offers for a need about 牦牛补饲 in 甘孜县', () => {
  it('a nearby offer on the topic ranks above an unrelated offer and above the same offer from a far prefecture', async () => {
    const items = await matchIds(ids.need)
    const rank = (id: number) => items.findIndex((i) => i.id === id)
    expect(rank(ids.near)).toBe(0)
    expect(rank(ids.far)).toBeGreaterThan(rank(ids.near))
    // The e-commerce offer shares no word with the need and is of another category, so it is not
    // even a candidate (candidates share a distinctive word, or the category nearby).
    expect(rank(ids.unrelated)).toBe(-1)
    // Scores are within 0…1 and ordered by tenths (inside a tenth, verified authors come first).
    const tenths = items.map((i) => Math.floor(i.score * 10))
    expect([...tenths].sort((a, b) => b - a)).toEqual(tenths)
    for (const i of items) expect(i.score).toBeGreaterThanOrEqual(0)
    for (const i of items) expect(i.score).toBeLessThanOrEqual(1)
  })

  it('never suggests posts that are pending, rejected, closed or back in review', async () => {
    const suggested = (await matchIds(ids.need)).map((i) => i.id)
    for (const key of ['pending', 'rejected', 'closed', 'edited']) expect(suggested).not.toContain(ids[key])
  })

  it('suggests only the other side, never the post itself nor the author’s own posts', async () => {
    const own = await createPublished(world, needAuthor.auth, { ...YAK_FEEDING, regionCode: GANZI_TOWNSHIP })
    const items = await matchIds(ids.need)
    expect(items.map((i) => i.id)).not.toContain(ids.need)
    expect(items.map((i) => i.id)).not.toContain(own)
    const sides = await ctx.db.selectFrom('listings').select(['id', 'side']).where('id', 'in', items.map((i) => i.id)).execute()
    expect(sides.every((s) => s.side === 'offer')).toBe(true)
  })

  it('an offer approved later starts being suggested', async () => {
    const later = await createPending(ctx, offerAuthor.auth, { ...YAK_FEEDING, title: '牦牛补饲配方现场培训', regionCode: GANZI_TOWNSHIP })
    expect((await matchIds(ids.need)).map((i) => i.id)).not.toContain(later)
    await approve(ctx, world.staff.auth, later)
    expect((await matchIds(ids.need)).map((i) => i.id)).toContain(later)
  })

  it('for an offer, suggests needs', async () => {
    const items = await matchIds(ids.near)
    expect(items.map((i) => i.id)).toContain(ids.need)
  })
})

describe('GET /api/listings/for-me', () => {
  it('for an expert with a published offer on 牦牛补饲: the fitting needs, best first', async () => {
    const items = (await get('/api/listings/for-me', farExpert.auth)).json().items as Array<{ id: number; side: string; status: string }>
    expect(items.map((i) => i.id)).toContain(ids.need)
    expect(items.every((i) => i.side === 'need' && i.status === 'published')).toBe(true)
  })

  it('the seeded expert (offers on 牦牛 补饲 in 成都) finds the 甘孜 needs about 牦牛', async () => {
    const items = (await get('/api/listings/for-me', world.expert.auth)).json().items as Array<{ id: number; title: string }>
    expect(items.map((i) => i.id)).toContain(ids.need)
    expect(items.findIndex((i) => i.id === ids.need)).toBeLessThan(3)
  })

  it('someone without published offers gets nothing', async () => {
    const person = await registerPerson(ctx, 'expert', CHENGDU_STREET)
    await createPending(ctx, person.auth, { ...YAK_FEEDING })
    expect((await get('/api/listings/for-me', person.auth)).json().items).toEqual([])
  })
})

describe('verified authors first within the same tenth of the score', () => {
  // Two offers of equal relevance to a need (same words, township and category), one by a
  // staff-verified expert, one by an expert not verified. The verified author's offer is the older
  // one, so without the badge rule the newer (unverified) offer would win the tie.
  const PEPPER_OFFER = {
    side: 'offer',
    category: 'planting',
    regionCode: CHENGDU_STREET,
    title: '花椒流胶病防治技术服务',
    description: '提供花椒流胶病和花椒锈病的诊断与防治技术服务，指导修剪、刮胶涂药和冬季清园。',
  }

  it('the verified author’s offer ranks before the unverified author’s, with the same score', async () => {
    const verifiedExpert = await registerPerson(ctx, 'expert', CHENGDU_STREET, '认证专家')
    const asked = await ctx.app.inject({ method: 'POST', url: '/api/verifications', headers: verifiedExpert.auth, payload: await claimBody(ctx, verifiedExpert.auth, 'expert', { institution: '四川省农业科学院', title: '研究员' }) })
    expect(asked.statusCode).toBe(201)
    const approved = await ctx.app.inject({ method: 'POST', url: `/api/staff/verifications/${asked.json().id}/approve`, headers: world.staff.auth })
    expect(approved.statusCode).toBe(200)
    const unverifiedExpert = await registerPerson(ctx, 'expert', CHENGDU_STREET, '未认证专家')

    const verifiedOffer = await createPublished(world, verifiedExpert.auth, PEPPER_OFFER)
    const unverifiedOffer = await createPublished(world, unverifiedExpert.auth, PEPPER_OFFER)
    expect(unverifiedOffer).toBeGreaterThan(verifiedOffer)

    // The badge is what a caller sees on each suggestion's author.
    const detail = async (id: number) => (await get(`/api/listings/${id}`)).json()
    expect((await detail(verifiedOffer)).author).toMatchObject({ id: verifiedExpert.id, verified: true })
    expect((await detail(unverifiedOffer)).author).toMatchObject({ id: unverifiedExpert.id, verified: false })

    const asker = await registerPerson(ctx, 'farmer', CHENGDU_STREET)
    const need = await createPublished(world, asker.auth, {
      side: 'need',
      category: 'planting',
      regionCode: CHENGDU_STREET,
      title: '花椒流胶病怎么防治',
      description: '家里两百棵花椒树得了流胶病，想请人指导修剪、刮胶涂药和冬季清园。',
    })

    const items = await matchIds(need)
    const v = items.find((i) => i.id === verifiedOffer)
    const u = items.find((i) => i.id === unverifiedOffer)
    expect(v).toBeDefined()
    expect(u).toBeDefined()
    expect(v!.score).toBe(u!.score)
    expect(Math.floor(v!.score * 10)).toBe(Math.floor(u!.score * 10))
    expect(items.indexOf(v!)).toBeLessThan(items.indexOf(u!))
  })
})
