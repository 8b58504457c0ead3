// Contact details reach only the parties of a 对接. A 代发 post carries two distinctive numbers
// (the contact phone and the farmer's own phone), responders give theirs; at each stage of the
// post's life every GET endpoint is called as every kind of viewer, and a number may appear in a
// body or header only for the people entitled to it:
//   - the post's contact (and the 代发 farmer's phone): the owner, and responders once accepted;
//   - a responder's phone: that responder, and the owner once that response is accepted.
import { useTestContext } from './helpers'
import {
  claimBody,
  accept,
  approve,
  GANZI_TOWN,
  listingBody,
  postListing,
  rawText,
  registerPerson,
  respondTo,
  useWorld,
  type Auth,
  type Person,
} from './listings-fixtures'

const CONTACT = '13712340001'
const PROXY = '13712340002'
const ACCEPTED_PHONE = '13712340003'
const PENDING_PHONE = '13712340004'

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
    // 科创工作室 pages: the seeded expert's, and that of the expert who responded to this post.
    `/api/studios/${world.expert.id}`,
    `/api/studios/${pendingResponder.id}`,
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

const ctx = useTestContext()
const world = useWorld(ctx, () => new Date())
beforeAll(async () => {
  owner = await registerPerson(ctx, 'chair', GANZI_TOWN, '新认证主席')
  const request = await ctx.app.inject({ method: 'POST', url: '/api/verifications', headers: owner.auth, payload: await claimBody(ctx, owner.auth, 'chair', { note: '甘孜镇科协主席' }) })
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

// A 科技成果: its contact phone reaches only its author (the seeded expert) and, once the expert
// accepts, the township chair who expressed interest; the chair's phone only the chair and, once
// accepted, the expert. Checked on every GET of the feature, the achievement views and the
// studio pages included, at each stage of the achievement's life.
describe('a 科技成果 and the studio', () => {
  const ACHIEVEMENT_CONTACT = '13712340011'
  const INTEREST_PHONE = '13712340012'
  let achievementId: number
  let interestId: number

  const achievementEndpoints = () => [
    '/api/listings?kind=achievement',
    '/api/listings?kind=achievement&stage=pilot&category=breeding',
    `/api/listings?kind=achievement&q=${encodeURIComponent('牦牛')}`,
    `/api/listings?q=${encodeURIComponent('牦牛')}`,
    `/api/listings/${achievementId}`,
    `/api/listings/${achievementId}/matches`,
    `/api/listings/${achievementId}/responses`,
    `/api/listings/${listingId}/matches`,
    '/api/listings/mine',
    '/api/listings/responses/mine',
    '/api/listings/for-me',
    '/api/staff/review/queue',
    `/api/studios/${world.expert.id}`,
    `/api/studios/${pendingResponder.id}`,
  ]

  function allowedFor(viewer: Viewer, accepted: boolean): Set<string> {
    const allowed = new Set<string>()
    if (viewer === 'expert') {
      allowed.add(ACHIEVEMENT_CONTACT)
      if (accepted) allowed.add(INTEREST_PHONE)
    }
    if (viewer === 'verifiedChair') {
      allowed.add(INTEREST_PHONE)
      if (accepted) allowed.add(ACHIEVEMENT_CONTACT)
    }
    return allowed
  }

  async function sweepAchievement(viewer: Viewer, accepted: boolean) {
    const allowed = allowedFor(viewer, accepted)
    const leaks: string[] = []
    const bodies: Record<string, string> = {}
    for (const url of achievementEndpoints()) {
      const res = await ctx.app.inject({ method: 'GET', url, headers: authOf(viewer) ?? {} })
      expect(res.statusCode).toBeLessThan(500)
      const text = rawText(res)
      bodies[url] = text
      for (const phone of [ACHIEVEMENT_CONTACT, INTEREST_PHONE]) {
        if (!allowed.has(phone) && text.includes(phone)) leaks.push(`${phone} in GET ${url} (${res.statusCode})`)
      }
    }
    return { leaks, bodies }
  }

  beforeAll(async () => {
    const res = await postListing(
      ctx,
      world.expert.auth,
      listingBody({
        kind: 'achievement',
        side: 'offer',
        title: '牦牛冬季补饲舔砖成果',
        regionCode: GANZI_TOWN,
        description: '牦牛冬春补饲舔砖配方和青稞秸秆加工工艺，减少牦牛掉膘，已在牧场中试，可许可使用。',
        contact: { name: '李建国', phone: ACHIEVEMENT_CONTACT, note: '工作日联系' },
        achievement: { stage: 'pilot', transferMode: 'license', patentNo: 'ZL202110123456.7', institution: '四川省草原科学研究院' },
      }),
    )
    expect(res.statusCode).toBe(201)
    achievementId = res.json().id
  })

  it.each(VIEWERS)('pending review: %s sees no number they are not entitled to', async (viewer) => {
    const { leaks, bodies } = await sweepAchievement(viewer, false)
    expect(leaks).toEqual([])
    if (viewer === 'expert') expect(bodies[`/api/listings/${achievementId}`]).toContain(ACHIEVEMENT_CONTACT)
    if (viewer === 'staff') expect(bodies['/api/staff/review/queue']).toContain('牦牛冬季补饲舔砖成果')
  })

  describe('published, a township chair expressed interest', () => {
    beforeAll(async () => {
      await approve(ctx, world.staff.auth, achievementId)
      interestId = await respondTo(ctx, world.verifiedChair.auth, achievementId, { message: '合作社想引进', phone: INTEREST_PHONE })
    })

    it.each(VIEWERS)('%s sees no number they are not entitled to', async (viewer) => {
      const { leaks, bodies } = await sweepAchievement(viewer, false)
      expect(leaks).toEqual([])
      // The sweep really looked at the achievement and the studio.
      expect(bodies['/api/listings?kind=achievement']).toContain('牦牛冬季补饲舔砖成果')
      expect(bodies[`/api/studios/${world.expert.id}`]).toContain('牦牛冬季补饲舔砖成果')
    })
  })

  describe('the expert accepted', () => {
    beforeAll(async () => {
      await accept(ctx, world.expert.auth, achievementId, interestId)
    })

    it.each(VIEWERS)('%s sees no number they are not entitled to', async (viewer) => {
      const { leaks, bodies } = await sweepAchievement(viewer, true)
      expect(leaks).toEqual([])
      if (viewer === 'verifiedChair') expect(bodies[`/api/listings/${achievementId}`]).toContain(ACHIEVEMENT_CONTACT)
      if (viewer === 'expert') expect(bodies[`/api/listings/${achievementId}/responses`]).toContain(INTEREST_PHONE)
      // The studio is public: not even the parties see a phone on it.
      expect(bodies[`/api/studios/${world.expert.id}`]).not.toContain(ACHIEVEMENT_CONTACT)
      expect(bodies[`/api/studios/${world.expert.id}`]).not.toContain(INTEREST_PHONE)
    })
  })

  describe('resolved', () => {
    beforeAll(async () => {
      const res = await ctx.app.inject({ method: 'POST', url: `/api/listings/${achievementId}/resolve`, headers: world.expert.auth })
      expect(res.statusCode).toBe(200)
    })

    it.each(VIEWERS)('%s sees no number they are not entitled to', async (viewer) => {
      const { leaks, bodies } = await sweepAchievement(viewer, true)
      expect(leaks).toEqual([])
      expect(bodies[`/api/studios/${world.expert.id}`]).not.toMatch(/1[3-9]\d{9}/)
    })
  })
})
