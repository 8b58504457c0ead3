// Contact details reach only the parties of a 对接. A 代发 post carries two distinctive numbers
// (the contact phone and the farmer's own phone), responders give theirs; at each stage of the
// post's life every GET endpoint is called as every kind of viewer, and a number may appear in a
// body or header only for the people entitled to it:
//   - the post's contact (and the 代发 farmer's phone): the owner, and responders once accepted;
//   - a responder's phone: that responder, and the owner once that response is accepted.
import { createTestContext, type TestContext } from './helpers'
import {
  accept,
  approve,
  GANZI_TOWN,
  listingBody,
  postListing,
  rawText,
  registerPerson,
  respondTo,
  setupWorld,
  type Auth,
  type Person,
  type World,
} from './listings-fixtures'

const CONTACT = '13712340001'
const PROXY = '13712340002'
const ACCEPTED_PHONE = '13712340003'
const PENDING_PHONE = '13712340004'

let ctx: TestContext
let world: World
/** A chair verified through the API, who posts 代发 for a farmer of 甘孜镇. */
let owner: Person
let acceptedResponder: Person
let pendingResponder: Person
let listingId: number
let acceptedResponseId: number
let expertOfferId: number

const VIEWERS = ['anonymous', 'farmer', 'unverifiedChair', 'verifiedChair', 'expert', 'staff', 'stranger', 'owner', 'acceptedResponder', 'pendingResponder'] as const
type Viewer = (typeof VIEWERS)[number]

function authOf(v: Viewer): Auth | undefined {
  if (v === 'anonymous') return undefined
  if (v === 'owner') return owner.auth
  if (v === 'acceptedResponder') return acceptedResponder.auth
  if (v === 'pendingResponder') return pendingResponder.auth
  return world[v].auth
}

/** Every GET endpoint of the feature, as this post and these people see it. */
function endpoints(): string[] {
  return [
    '/api/listings',
    '/api/listings?side=need&region=5133',
    `/api/listings?q=${encodeURIComponent('牦牛补饲')}`,
    `/api/listings?q=${encodeURIComponent('补饲')}&region=${GANZI_TOWN}`,
    `/api/listings/${listingId}`,
    `/api/listings/${listingId}/matches`,
    `/api/listings/${expertOfferId}/matches`,
    '/api/listings/mine',
    '/api/listings/responses/mine',
    '/api/listings/for-me',
    `/api/listings/${listingId}/responses`,
    '/api/staff/review/queue',
    '/api/staff/verifications',
    '/api/staff/verifications?status=verified',
    '/api/verifications/mine',
  ]
}

type Stage = { accepted: boolean }

/** Which numbers `viewer` is entitled to at this stage. */
function entitled(viewer: Viewer, stage: Stage): Set<string> {
  const allowed = new Set<string>()
  if (viewer === 'owner') {
    allowed.add(CONTACT).add(PROXY)
    if (stage.accepted) allowed.add(ACCEPTED_PHONE)
  }
  if (viewer === 'acceptedResponder') {
    allowed.add(ACCEPTED_PHONE)
    if (stage.accepted) allowed.add(CONTACT).add(PROXY)
  }
  if (viewer === 'pendingResponder') allowed.add(PENDING_PHONE)
  return allowed
}

/** Calls every endpoint as `viewer`; returns the leaks found and all bodies seen. */
async function sweep(viewer: Viewer, stage: Stage) {
  const allowed = entitled(viewer, stage)
  const leaks: string[] = []
  const bodies: Record<string, string> = {}
  for (const url of endpoints()) {
    const res = await ctx.app.inject({ method: 'GET', url, headers: authOf(viewer) ?? {} })
    expect(res.statusCode).toBeLessThan(500)
    const text = rawText(res)
    bodies[url] = text
    for (const phone of [CONTACT, PROXY, ACCEPTED_PHONE, PENDING_PHONE]) {
      if (!allowed.has(phone) && text.includes(phone)) leaks.push(`${phone} in GET ${url} (${res.statusCode})`)
    }
  }
  return { leaks, bodies }
}

beforeAll(async () => {
  ctx = await createTestContext()
  world = await setupWorld(ctx)
  owner = await registerPerson(ctx, 'chair', GANZI_TOWN, '新认证主席')
  const request = await ctx.app.inject({ method: 'POST', url: '/api/verifications', headers: owner.auth, payload: { note: '甘孜镇科协主席' } })
  expect(request.statusCode).toBe(201)
  const decided = await ctx.app.inject({ method: 'POST', url: `/api/staff/verifications/${request.json().id}/approve`, headers: world.staff.auth })
  expect(decided.statusCode).toBe(200)
  acceptedResponder = await registerPerson(ctx, 'volunteer', GANZI_TOWN, '热心人')
  pendingResponder = await registerPerson(ctx, 'expert', GANZI_TOWN, '另一位')
  const res = await postListing(
    ctx,
    owner.auth,
    listingBody({
      title: '牦牛冬季补饲技术求助',
      description: '村里牦牛冬春掉膘，想请专家指导牦牛补饲配方和青稞秸秆加工，帮帮扎西多吉家。',
      regionCode: GANZI_TOWN,
      contact: { name: '扎西多吉', phone: CONTACT, note: '晚上打' },
      proxy: { name: '扎西多吉', phone: PROXY, regionCode: GANZI_TOWN, consent: true },
    }),
  )
  expect(res.statusCode).toBe(201)
  listingId = res.json().id
  // The expert's demo offer about 牦牛 补饲 (seeded, published): its matches list this need.
  const offer = await ctx.db.selectFrom('listings').select('id').where('title', 'like', '%牦牛科学养殖%').executeTakeFirstOrThrow()
  expertOfferId = offer.id
})
afterAll(async () => {
  await ctx?.close()
})

describe('while the post waits for review', () => {
  it.each(VIEWERS)('%s sees no number they are not entitled to', async (viewer) => {
    const { leaks, bodies } = await sweep(viewer, { accepted: false })
    expect(leaks).toEqual([])
    if (viewer === 'owner') expect(bodies[`/api/listings/${listingId}`]).toContain(CONTACT)
    if (viewer === 'staff') expect(bodies['/api/staff/review/queue']).toContain('牦牛冬季补饲技术求助')
  })
})

describe('published, with two responses waiting', () => {
  beforeAll(async () => {
    await approve(ctx, world.staff.auth, listingId)
    acceptedResponseId = await respondTo(ctx, acceptedResponder.auth, listingId, { phone: ACCEPTED_PHONE })
    await respondTo(ctx, pendingResponder.auth, listingId, { phone: PENDING_PHONE })
  })

  it.each(VIEWERS)('%s sees no number they are not entitled to', async (viewer) => {
    const { leaks, bodies } = await sweep(viewer, { accepted: false })
    expect(leaks).toEqual([])
    // The post really is out there (so the sweep looked at it).
    expect(bodies['/api/listings']).toContain('牦牛冬季补饲技术求助')
    if (viewer === 'expert') expect(bodies['/api/listings/for-me']).toContain('牦牛冬季补饲技术求助')
    if (viewer === 'owner') expect(JSON.parse(bodies[`/api/listings/${listingId}/responses`].split('\n')[1]).items).toHaveLength(2)
  })
})

describe('after the owner accepted one response', () => {
  beforeAll(async () => {
    await accept(ctx, owner.auth, listingId, acceptedResponseId)
  })

  it.each(VIEWERS)('%s sees no number they are not entitled to', async (viewer) => {
    const { leaks, bodies } = await sweep(viewer, { accepted: true })
    expect(leaks).toEqual([])
    if (viewer === 'owner') {
      expect(bodies[`/api/listings/${listingId}`]).toContain(CONTACT)
      expect(bodies[`/api/listings/${listingId}/responses`]).toContain(ACCEPTED_PHONE)
    }
    if (viewer === 'acceptedResponder') {
      expect(bodies[`/api/listings/${listingId}`]).toContain(CONTACT)
      expect(bodies[`/api/listings/${listingId}/responses`]).toContain(ACCEPTED_PHONE)
    }
  })
})

describe('after the post is resolved', () => {
  beforeAll(async () => {
    const res = await ctx.app.inject({ method: 'POST', url: `/api/listings/${listingId}/resolve`, headers: owner.auth })
    expect(res.statusCode).toBe(200)
  })

  it.each(VIEWERS)('%s sees no number they are not entitled to', async (viewer) => {
    const { leaks } = await sweep(viewer, { accepted: true })
    expect(leaks).toEqual([])
  })
})

describe('answers to writes', () => {
  it('a new response answers the responder without the owner’s contact', async () => {
    const other = await registerPerson(ctx, 'farmer')
    const published = await ctx.app.inject({
      method: 'POST',
      url: '/api/listings',
      headers: { ...owner.auth, 'idempotency-key': 'contacts-write-check-1' },
      payload: listingBody({ contact: { name: '扎西多吉', phone: CONTACT } }),
    })
    const id = published.json().id
    await approve(ctx, world.staff.auth, id)
    const res = await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/responses`, headers: other.auth, payload: { message: '我能帮忙', phone: '13712340009' } })
    expect(res.statusCode).toBe(201)
    expect(rawText(res)).not.toContain(CONTACT)
    expect(res.json().contact).toBeNull()
  })
})
