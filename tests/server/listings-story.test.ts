// The 对接 story of a 科技所能所需 post, end to end through the routes: post → review → a response
// (the owner is told) → contacts stay hidden → accept (exchanged, both told) → resolve → feedback
// from both sides, with the status timeline recording each step in order. Then browsing the feed.
import { LISTING_COLUMNS } from '../../server/src/modules/listings/listings.repository'
import { useTestContext } from './helpers'
import { BAD_CURSORS, idsOf, KEYSET_CURSOR, PAGE_CURSOR, walkPages } from './paging'
import {
  approve,
  CHENGDU_STREET,
  createPending,
  createPublished,
  emulatorMessages,
  expectError,
  GANZI_TOWNSHIP,
  LAIMA_TOWN,
  listingBody,
  postListing,
  registerPerson,
  respondTo,
  useWorld,
  type Auth,
  type Person,
} from './listings-fixtures'

const ctx = useTestContext()
const world = useWorld(ctx, () => new Date())

const get = (url: string, auth?: Auth) => ctx.app.inject({ method: 'GET', url, headers: auth ?? {} })
const post = (url: string, auth: Auth, payload?: unknown) => ctx.app.inject({ method: 'POST', url, headers: auth, payload: payload as any })

describe('对接, step by step', () => {
  const OWNER_PHONE = '13511112222'
  const HELPER_PHONE = '13533334444'
  const OTHER_PHONE = '13555556666'
  let owner: Person
  let helper: Person
  let other: Person
  let id: number
  let responseId: number
  let otherResponseId: number

  beforeAll(async () => {
    owner = world.owner
    helper = world.expert
    other = world.volunteer
  })

  it('1. the owner posts, staff approve', async () => {
    const res = await postListing(
      ctx,
      owner.auth,
      listingBody({ title: '牦牛犊牛腹泻怎么防治', category: 'veterinary', contact: { name: '次仁', phone: OWNER_PHONE, note: '下午方便' } }),
    )
    expect(res.statusCode).toBe(201)
    id = res.json().id
    expect(res.json()).toMatchObject({ status: 'pending', contact: { phone: OWNER_PHONE }, viewer: { isOwner: true, canRespond: false } })
    await approve(ctx, world.staff.auth, id)
    const seen = (await get(`/api/listings/${id}`, helper.auth)).json()
    expect(seen).toMatchObject({ status: 'published', contact: null, viewer: { isOwner: false, canRespond: true, response: null } })
  })

  it('2. someone responds: the owner is told by a subscribe message', async () => {
    const before = (await emulatorMessages(ctx)).length
    const res = await post(`/api/listings/${id}/responses`, helper.auth, { message: '我是兽医，可以远程指导犊牛腹泻防治', phone: HELPER_PHONE })
    expect(res.statusCode).toBe(201)
    responseId = res.json().id
    expect(res.json()).toMatchObject({ listingId: id, status: 'pending', contact: null, responder: { nickname: '李建国', verified: true } })
    const messages = (await emulatorMessages(ctx)).slice(before)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({ touser: owner.openid, templateId: 'tpl-new-response' })
    expect(messages[0].page).toContain(`id=${id}`)
    expect(messages[0].data.thing1.value).toBe('牦牛犊牛腹泻怎么防治')
    expect(messages[0].data.thing2.value).toBe('李建国')
    for (const [k, v] of Object.entries(messages[0].data)) if (k.startsWith('thing')) expect(Array.from(v.value).length).toBeLessThanOrEqual(20)

    otherResponseId = await respondTo(ctx, other.auth, id, { phone: OTHER_PHONE })
    const summary = (await get('/api/listings')).json().items.find((i: { id: number }) => i.id === id)
    expect(summary.responseCount).toBe(2)
  })

  it('3. before accepting, neither side sees the other’s phone', async () => {
    const ownerView = (await get(`/api/listings/${id}/responses`, owner.auth)).json().items
    expect(ownerView.map((r: { id: number }) => r.id)).toEqual([responseId, otherResponseId])
    expect(ownerView.every((r: { contact: unknown }) => r.contact === null)).toBe(true)
    expect(JSON.stringify(ownerView)).not.toContain(HELPER_PHONE)

    const helperPost = (await get(`/api/listings/${id}`, helper.auth)).json()
    expect(helperPost.contact).toBeNull()
    expect(helperPost.viewer).toMatchObject({ canRespond: false, response: { id: responseId, status: 'pending' } })
    // A responder sees only their own response.
    const helperResponses = (await get(`/api/listings/${id}/responses`, helper.auth)).json().items
    expect(helperResponses.map((r: { id: number }) => r.id)).toEqual([responseId])
    expect(JSON.stringify(helperResponses)).not.toContain(OTHER_PHONE)
    expect(JSON.stringify(helperResponses)).not.toContain(OWNER_PHONE)
  })

  it('4. the owner accepts: contacts are exchanged and the responder is told', async () => {
    const before = (await emulatorMessages(ctx)).length
    const res = await post(`/api/listings/${id}/responses/${responseId}/accept`, owner.auth)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'accepted', contact: { phone: HELPER_PHONE, name: '李建国' } })
    const messages = (await emulatorMessages(ctx)).slice(before)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({ touser: helper.openid, templateId: 'tpl-new-response' })

    // Both see each other now…
    expect((await get(`/api/listings/${id}`, helper.auth)).json().contact).toEqual({ name: '次仁', phone: OWNER_PHONE, note: '下午方便' })
    const ownerView = (await get(`/api/listings/${id}/responses`, owner.auth)).json().items
    expect(ownerView.find((r: { id: number }) => r.id === responseId).contact.phone).toBe(HELPER_PHONE)
    // …but the response not accepted stays closed, both ways.
    expect(ownerView.find((r: { id: number }) => r.id === otherResponseId).contact).toBeNull()
    expect((await get(`/api/listings/${id}`, other.auth)).json().contact).toBeNull()
    // Accepting again changes nothing.
    expect((await post(`/api/listings/${id}/responses/${responseId}/accept`, owner.auth)).statusCode).toBe(200)
  })

  it('5. the owner marks it resolved: no more responses, still readable, out of the feed', async () => {
    const res = await post(`/api/listings/${id}/resolve`, owner.auth)
    expect(res.statusCode).toBe(200)
    expect(res.json().status).toBe('resolved')
    expect((await get(`/api/listings/${id}`)).statusCode).toBe(200)
    expect((await get('/api/listings')).json().items.map((i: { id: number }) => i.id)).not.toContain(id)
    const late = await registerPerson(ctx, 'farmer')
    expectError(await post(`/api/listings/${id}/responses`, late.auth, { message: '还需要吗', phone: '13900001111' }), 409, 'LISTING_NOT_OPEN')
    expectError(await post(`/api/listings/${id}/responses/${otherResponseId}/accept`, owner.auth), 409, 'LISTING_NOT_OPEN')
    expectError(await post(`/api/listings/${id}/resolve`, owner.auth), 409, 'LISTING_NOT_EDITABLE')
    expectError(await ctx.app.inject({ method: 'PUT', url: `/api/listings/${id}`, headers: owner.auth, payload: listingBody() }), 409, 'LISTING_NOT_EDITABLE')
  })

  it('6. both leave feedback; the party not accepted cannot', async () => {
    const url = `/api/listings/${id}/responses/${responseId}/feedback`
    const fromOwner = await post(url, owner.auth, { rating: 5, text: '李老师讲得很清楚，犊牛好了' })
    expect(fromOwner.statusCode).toBe(200)
    const fromHelper = await post(url, helper.auth, { rating: 4, text: '' })
    expect(fromHelper.statusCode).toBe(200)
    expect(fromHelper.json().feedback).toEqual([
      expect.objectContaining({ fromOwner: true, rating: 5, text: '李老师讲得很清楚，犊牛好了' }),
      expect.objectContaining({ fromOwner: false, rating: 4, text: '' }),
    ])
    expectError(await post(url, other.auth, { rating: 1, text: '我也评' }), 403, 'FORBIDDEN')
    expectError(await post(`/api/listings/${id}/responses/${otherResponseId}/feedback`, other.auth, { rating: 1, text: '' }), 409, 'RESPONSE_NOT_ACCEPTED')
  })

  it('7. the timeline lists every step in order', async () => {
    const timeline = (await get(`/api/listings/${id}`)).json().timeline
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'approved', 'responded', 'responded', 'accepted', 'resolved', 'feedback', 'feedback'])
    const times = timeline.map((e: { at: string }) => e.at)
    expect([...times].sort()).toEqual(times)
  })

  it('8. each side finds it in their own lists', async () => {
    const mine = (await get('/api/listings/mine', owner.auth)).json().items
    expect(mine.find((i: { id: number }) => i.id === id)).toMatchObject({ status: 'resolved', responseCount: 2 })
    const responses = (await get('/api/listings/responses/mine', helper.auth)).json().items
    expect(responses.find((r: { id: number }) => r.id === responseId)).toMatchObject({ status: 'accepted', listing: { id, status: 'resolved' } })
    const others = (await get('/api/listings/responses/mine', other.auth)).json().items
    expect(others.find((r: { id: number }) => r.id === otherResponseId)).toMatchObject({ status: 'pending' })
  })
})

describe('responding with the phone bound to the profile', () => {
  it('uses the bound number when none is typed in', async () => {
    const person = await registerPerson(ctx, 'farmer')
    const bind = await post('/api/users/me/phone', person.auth, { code: 'phone-13877776666' })
    expect(bind.statusCode).toBe(200)
    const id = await createPublished(world, world.owner.auth)
    const res = await post(`/api/listings/${id}/responses`, person.auth, { message: '我有经验' })
    expect(res.statusCode).toBe(201)
    await post(`/api/listings/${id}/responses/${res.json().id}/accept`, world.owner.auth)
    const seen = (await get(`/api/listings/${id}/responses`, world.owner.auth)).json().items[0]
    expect(seen.contact.phone).toBe('13877776666')
  })
})

describe('closing a post', () => {
  it('takes it out of public view; a responder still sees it; it cannot be closed twice', async () => {
    const id = await createPublished(world, world.owner.auth)
    const responder = await registerPerson(ctx, 'volunteer')
    await respondTo(ctx, responder.auth, id)
    const res = await post(`/api/listings/${id}/close`, world.owner.auth)
    expect(res.statusCode).toBe(200)
    expect(res.json().status).toBe('closed')
    expect((await get(`/api/listings/${id}`)).statusCode).toBe(404)
    expect((await get(`/api/listings/${id}`, responder.auth)).json().status).toBe('closed')
    expectError(await post(`/api/listings/${id}/close`, world.owner.auth), 409, 'LISTING_NOT_EDITABLE')
    expect((await get(`/api/listings/${id}`, world.owner.auth)).json().timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'submitted',
      'approved',
      'responded',
      'closed',
    ])
  })

  it('a pending post can be withdrawn and leaves the review queue', async () => {
    const id = await createPending(ctx, world.owner.auth)
    expect((await post(`/api/listings/${id}/close`, world.owner.auth)).statusCode).toBe(200)
    const queue = (await get('/api/staff/review/queue', world.staff.auth)).json().items
    expect(queue.map((q: { id: number }) => q.id)).not.toContain(id)
    expectError(await post(`/api/staff/review/listing/${id}/approve`, world.staff.auth), 409, 'ALREADY_REVIEWED')
  })
})

describe('browsing the feed', () => {
  let author: Person
  const ids: Record<string, number> = {}

  beforeAll(async () => {
    author = await registerPerson(ctx, 'expert', CHENGDU_STREET)
    ids.needGarze = await createPublished(world, author.auth, { side: 'need', category: 'planting', regionCode: GANZI_TOWNSHIP, title: '青稞播种机求推荐' })
    ids.offerLaima = await createPublished(world, author.auth, { side: 'offer', category: 'planting', regionCode: LAIMA_TOWN, title: '提供青稞种植技术培训' })
    ids.offerChengdu = await createPublished(world, author.auth, { side: 'offer', category: 'it', regionCode: CHENGDU_STREET, title: '帮合作社做网店' })
    ids.pending = await createPending(ctx, author.auth, { side: 'offer', category: 'it', regionCode: CHENGDU_STREET, title: '还在审核的网店服务' })
  })

  const feed = async (query: string) => (await get(`/api/listings?${query}`)).json()

  it('newest first, page by page with the cursor, without repeats or gaps', async () => {
    const all = (await feed('limit=50')).items.map((i: { id: number }) => i.id)
    expect([...all].sort((a: number, b: number) => b - a)).toEqual(all)
    const walked: number[] = []
    let cursor: number | null = null
    do {
      const page: { items: Array<{ id: number }>; nextCursor: number | null } = await feed(`limit=2${cursor ? `&before=${cursor}` : ''}`)
      expect(page.items.length).toBeLessThanOrEqual(2)
      walked.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(walked).toEqual(all)
    expect(all).not.toContain(ids.pending)
  })

  it('pages with `next` passed back as `cursor` to the end, every post once, the old fields beside it', async () => {
    const all = (await feed('limit=50')).items.map((i: { id: number }) => i.id)
    const pages = await walkPages(async (cursor) => {
      const res = await get(`/api/listings?limit=2${cursor}`)
      expect(res.statusCode).toBe(200)
      return res.json()
    })
    expect(idsOf(pages)).toEqual(all)
    // Older builds read nextCursor (the last id shown) until 2027-03-01; nextPage is for search.
    for (const page of pages) {
      expect(page.nextCursor).toBe(page.next === null ? null : page.items[page.items.length - 1].id)
      expect(page.nextPage).toBeNull()
    }
  })

  it('pages search results with `next` too, and still takes the old `page`', async () => {
    const q = `q=${encodeURIComponent('青稞')}`
    const all = (await feed(`${q}&limit=50`)).items.map((i: { id: number }) => i.id)
    expect(all).toEqual(expect.arrayContaining([ids.needGarze, ids.offerLaima]))
    const pages = await walkPages(async (cursor) => (await get(`/api/listings?${q}&limit=1${cursor}`)).json())
    expect(idsOf(pages)).toEqual(all)
    expect(pages.map((p) => p.nextPage)).toEqual([...all.slice(1).map((_: number, i: number) => i + 2), null])
    expect(pages.every((p) => p.nextCursor === null)).toBe(true)
    expect((await feed(`${q}&limit=1&page=2`)).items.map((i: { id: number }) => i.id)).toEqual([all[1]])
  })

  it('refuses a cursor it did not make, or of the other kind, with 400 CURSOR_INVALID', async () => {
    const q = `q=${encodeURIComponent('青稞')}`
    for (const [, cursor] of BAD_CURSORS) {
      expectError(await get(`/api/listings?cursor=${encodeURIComponent(cursor)}`), 400, 'CURSOR_INVALID')
      expectError(await get(`/api/listings?${q}&cursor=${encodeURIComponent(cursor)}`), 400, 'CURSOR_INVALID')
    }
    expectError(await get(`/api/listings?cursor=${PAGE_CURSOR}`), 400, 'CURSOR_INVALID')
    expectError(await get(`/api/listings?${q}&cursor=${KEYSET_CURSOR}`), 400, 'CURSOR_INVALID')
    // A page past the last one search can rank.
    expectError(await get(`/api/listings?${q}&cursor=${Buffer.from('{"p":51}').toString('base64url')}`), 400, 'CURSOR_INVALID')
  })

  it('pages my posts with `next` (21 of them, over one page), every post once, pending ones included', async () => {
    const busy = await registerPerson(ctx, 'expert', CHENGDU_STREET)
    const pending = await createPending(ctx, busy.auth, { title: '还在审核的第一条' })
    // More posts than a page holds, written directly (fast); the listing columns only, as
    // PostgreSQL's generated search_vector cannot be written.
    const template = await ctx.db.selectFrom('listings').select(LISTING_COLUMNS).where('id', '=', ids.offerChengdu).executeTakeFirstOrThrow()
    const { id: _id, idempotency_key: _k, ...rest } = template
    for (let i = 0; i < 20; i++) {
      await ctx.db.insertInto('listings').values({ ...rest, author_id: busy.id, title: `网店服务第${i}条`, idempotency_key: `mine-${i}-${busy.id}` }).execute()
    }
    const pages = await walkPages(async (cursor) => {
      const res = await get(`/api/listings/mine?${cursor.slice(1)}`, busy.auth)
      expect(res.statusCode).toBe(200)
      return res.json()
    })
    expect(pages.map((p) => p.items.length)).toEqual([20, 1])
    const walked = idsOf(pages) as number[]
    expect(walked).toHaveLength(21)
    expect(new Set(walked).size).toBe(21)
    expect([...walked].sort((a, b) => b - a)).toEqual(walked)
    expect(walked[20]).toBe(pending)
    // The old way: `before` the last id shown, answered with nextCursor.
    expect(pages[0].nextCursor).toBe(walked[19])
    const old = (await get(`/api/listings/mine?before=${pages[0].nextCursor}`, busy.auth)).json()
    expect(old.items.map((i: { id: number }) => i.id)).toEqual([pending])
    expect(old).toMatchObject({ next: null, nextCursor: null })
    expectError(await get(`/api/listings/mine?cursor=${PAGE_CURSOR}`, busy.auth), 400, 'CURSOR_INVALID')
  })

  it('filters by side, category and region (prefecture, county, township)', async () => {
    const idsOf = async (q: string) => (await feed(q)).items.map((i: { id: number }) => i.id)
    const offers = await idsOf('side=offer&limit=50')
    expect(offers).toEqual(expect.arrayContaining([ids.offerLaima, ids.offerChengdu]))
    expect(offers).not.toContain(ids.needGarze)
    expect(await idsOf('category=it&limit=50')).toEqual(expect.arrayContaining([ids.offerChengdu]))
    expect(await idsOf('category=it&limit=50')).not.toContain(ids.offerLaima)
    const garze = await idsOf('region=5133&limit=50')
    expect(garze).toEqual(expect.arrayContaining([ids.needGarze, ids.offerLaima]))
    expect(garze).not.toContain(ids.offerChengdu)
    const county = await idsOf('region=513328&limit=50')
    expect(county).toEqual(expect.arrayContaining([ids.needGarze, ids.offerLaima]))
    const township = await idsOf(`region=${LAIMA_TOWN}&limit=50`)
    expect(township).toContain(ids.offerLaima)
    expect(township).not.toContain(ids.needGarze)
    expect(await idsOf('region=51&side=offer&category=planting&limit=50')).toContain(ids.offerLaima)
  })

  it('summaries carry region names and no contact details', async () => {
    const item = (await feed(`region=${LAIMA_TOWN}`)).items.find((i: { id: number }) => i.id === ids.offerLaima)
    expect(item.region.township.name).toBe('来马镇')
    expect(item).not.toHaveProperty('contact')
    expect(JSON.stringify(item)).not.toContain('13800009999')
  })
})
