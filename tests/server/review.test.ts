// Staff review of 科技所能所需 posts: nothing is public before approval, WeChat's 'review' verdict
// is flagged for staff, the author is told the decision by a subscribe message (through the
// emulator), a refused subscription never fails the decision, and an edit goes back to review.
import { useTestContext } from './helpers'
import {
  approve,
  CHINESE,
  createPending,
  emulatorMessages,
  expectError,
  listingBody,
  postListing,
  refuseSubscribe,
  registerPerson,
  REVIEW_WORD,
  useWorld,
  type Auth,
} from './listings-fixtures'

const ctx = useTestContext()
const world = useWorld(ctx, () => new Date())

const get = (url: string, auth?: Auth) => ctx.app.inject({ method: 'GET', url, headers: auth ?? {} })
const feedIds = async (query = '') => ((await get(`/api/listings?${query}`)).json().items as Array<{ id: number }>).map((i) => i.id)
const searchIds = async (q: string) => feedIds(`q=${encodeURIComponent(q)}`)
const queue = async () => (await get('/api/staff/review/queue', world.staff.auth)).json().items as Array<{ id: number; flagged: boolean; title: string }>

/** Is the post visible to the public: in the feed, in search for `word`, and its page. */
async function publicView(id: number, word: string) {
  return {
    feed: (await feedIds()).includes(id),
    search: (await searchIds(word)).includes(id),
    detail: (await get(`/api/listings/${id}`)).statusCode,
  }
}

async function messagesTo(openid: string) {
  return (await emulatorMessages(ctx)).filter((m) => m.touser === openid)
}

async function notificationRows(userId: number) {
  return ctx.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id').execute()
}

function expectThingsFit(data: Record<string, { value: string }>) {
  for (const [k, v] of Object.entries(data)) if (k.startsWith('thing')) expect(Array.from(v.value).length).toBeLessThanOrEqual(20)
}

describe('before approval', () => {
  it('a new post is in nobody’s public view: not in the feed, not in search, its page is not found', async () => {
    // Warm the feed's first-page cache, so a stale cache could not hide a leak either way.
    await feedIds()
    const id = await createPending(ctx, world.owner.auth, { title: '青稞新品种试种求助', description: '想试种抗倒伏青稞新品种，求推荐适合高海拔的品种。' })
    expect(await publicView(id, '青稞')).toEqual({ feed: false, search: false, detail: 404 })
    // Nor to other signed-in people, nor its matches.
    expect((await get(`/api/listings/${id}`, world.farmer.auth)).statusCode).toBe(404)
    expect((await get(`/api/listings/${id}/matches`)).statusCode).toBe(404)
    // The owner and staff do see it, as pending.
    expect((await get(`/api/listings/${id}`, world.owner.auth)).json().status).toBe('pending')
    expect((await get(`/api/listings/${id}`, world.staff.auth)).json().status).toBe('pending')
    expect((await queue()).map((q) => q.id)).toContain(id)
  })

  it('text WeChat wants reviewed (待审词) is saved and flagged in the queue; clean text is not flagged', async () => {
    const flagged = await createPending(ctx, world.owner.auth, { description: `牦牛补饲技术交流，顺便问问${REVIEW_WORD}的事情怎么办。` })
    const clean = await createPending(ctx, world.owner.auth)
    const items = await queue()
    expect(items.find((i) => i.id === flagged)?.flagged).toBe(true)
    expect(items.find((i) => i.id === clean)?.flagged).toBe(false)
  })

  it('the queue lists the oldest first and holds nothing that is already decided', async () => {
    const a = await createPending(ctx, world.owner.auth)
    const b = await createPending(ctx, world.owner.auth)
    const ids = (await queue()).map((q) => q.id)
    expect(ids.indexOf(a)).toBeLessThan(ids.indexOf(b))
    await approve(ctx, world.staff.auth, a)
    expect((await queue()).map((q) => q.id)).not.toContain(a)
  })
})

describe('approval', () => {
  it('makes the post public at once and tells the author (subscribe message, thing fields ≤ 20 characters)', async () => {
    const title = '牦牛冬季补饲与青稞秸秆加工技术求助，三十多户急需专家现场指导配方谢谢' // 35 characters
    await feedIds() // cache the first page before the decision
    const id = await createPending(ctx, world.owner.auth, { title })
    const before = (await messagesTo(world.owner.openid)).length
    const res = await ctx.app.inject({ method: 'POST', url: `/api/staff/review/listing/${id}/approve`, headers: world.staff.auth })
    expect(res.statusCode).toBe(200)
    expect(await publicView(id, '秸秆')).toEqual({ feed: true, search: true, detail: 200 })
    const post = (await get(`/api/listings/${id}`)).json()
    expect(post.status).toBe('published')
    expect(post.publishedAt).toEqual(expect.any(String))

    const sent = await messagesTo(world.owner.openid)
    expect(sent).toHaveLength(before + 1)
    const message = sent[sent.length - 1]
    expect(message.templateId).toBe('tpl-review-result')
    expect(message.page).toContain(`id=${id}`)
    expect(message.data.phrase2.value).toBe('审核通过')
    expect(message.data.thing1.value.startsWith('牦牛冬季补饲')).toBe(true)
    expectThingsFit(message.data)
    const rows = await notificationRows(world.owner.id)
    expect(rows[rows.length - 1]).toMatchObject({ template: 'review', result: 'sent' })
  })

  it('two staff approving at once: one wins, the other is told ALREADY_REVIEWED', async () => {
    const id = await createPending(ctx, world.owner.auth)
    const url = `/api/staff/review/listing/${id}/approve`
    const answers = await Promise.all([1, 2].map(() => ctx.app.inject({ method: 'POST', url, headers: world.staff.auth })))
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409])
    expectError(answers.find((a) => a.statusCode === 409)!, 409, 'ALREADY_REVIEWED')
    const events = await ctx.db.selectFrom('listing_events').select('kind').where('listing_id', '=', id).execute()
    expect(events.map((e) => e.kind)).toEqual(['submitted', 'approved'])
  })

  it('a refused subscription does not fail the approval; the notice is logged as refused', async () => {
    const author = world.volunteer
    await refuseSubscribe(ctx, author.openid)
    const id = await createPending(ctx, author.auth)
    const before = (await messagesTo(author.openid)).length
    const res = await ctx.app.inject({ method: 'POST', url: `/api/staff/review/listing/${id}/approve`, headers: world.staff.auth })
    expect(res.statusCode).toBe(200)
    expect((await get(`/api/listings/${id}`)).json().status).toBe('published')
    expect(await messagesTo(author.openid)).toHaveLength(before)
    const rows = await notificationRows(author.id)
    expect(rows[rows.length - 1]).toMatchObject({ template: 'review', result: 'refused' })
  })

  it('approving a rejected post → ALREADY_REVIEWED', async () => {
    const id = await createPending(ctx, world.owner.auth)
    await ctx.app.inject({ method: 'POST', url: `/api/staff/review/listing/${id}/reject`, headers: world.staff.auth, payload: { reason: '内容不完整' } })
    expectError(await ctx.app.inject({ method: 'POST', url: `/api/staff/review/listing/${id}/approve`, headers: world.staff.auth }), 409, 'ALREADY_REVIEWED')
  })
})

describe('rejection', () => {
  const reason = '描述中没有写清楚具体需要什么样的技术帮助，也没有说明养殖规模，请补充后重新提交审核，谢谢配合' // > 20 characters

  it('keeps the post private, shows the owner the reason and tells the author', async () => {
    const id = await createPending(ctx, world.owner.auth)
    const res = await ctx.app.inject({ method: 'POST', url: `/api/staff/review/listing/${id}/reject`, headers: world.staff.auth, payload: { reason } })
    expect(res.statusCode).toBe(200)
    expect(await publicView(id, '牦牛')).toMatchObject({ feed: false, detail: 404 })
    expect((await searchIds('牦牛')).includes(id)).toBe(false)

    const mine = (await get(`/api/listings/${id}`, world.owner.auth)).json()
    expect(mine.status).toBe('rejected')
    expect(mine.rejectReason).toBe(reason)
    expect(mine.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'rejected'])
    expect(mine.timeline[1].note).toBe(reason)
    // Staff see the post but the reason is for the owner's page.
    expect((await get(`/api/listings/${id}`, world.staff.auth)).json().rejectReason).toBeNull()

    const sent = await messagesTo(world.owner.openid)
    const message = sent[sent.length - 1]
    expect(message.templateId).toBe('tpl-review-result')
    expect(message.data.phrase2.value).toBe('未通过')
    expect(message.data.thing3.value.startsWith('描述中没有写清楚')).toBe(true)
    expectThingsFit(message.data)
  })

  it('the reason stays the owner’s: not in the public timeline once the post is approved after an edit', async () => {
    const secret = '联系电话不要写在描述里'
    const id = await createPending(ctx, world.owner.auth)
    await ctx.app.inject({ method: 'POST', url: `/api/staff/review/listing/${id}/reject`, headers: world.staff.auth, payload: { reason: secret } })
    await ctx.app.inject({ method: 'PUT', url: `/api/listings/${id}`, headers: world.owner.auth, payload: listingBody() })
    await approve(ctx, world.staff.auth, id)
    for (const viewer of [undefined, world.farmer.auth, world.stranger.auth]) {
      const res = await get(`/api/listings/${id}`, viewer)
      expect(res.statusCode).toBe(200)
      expect(res.json().timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'rejected', 'edited', 'approved'])
      expect(res.body).not.toContain(secret)
    }
    const owners = (await get(`/api/listings/${id}`, world.owner.auth)).json()
    expect(owners.timeline[1].note).toBe(secret)
  })

  it('an edit after rejection goes back to review with the reason cleared', async () => {
    const id = await createPending(ctx, world.owner.auth)
    await ctx.app.inject({ method: 'POST', url: `/api/staff/review/listing/${id}/reject`, headers: world.staff.auth, payload: { reason: '请补充' } })
    const res = await ctx.app.inject({ method: 'PUT', url: `/api/listings/${id}`, headers: world.owner.auth, payload: listingBody({ title: '牦牛补饲求指导（已补充）' }) })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'pending', rejectReason: null })
    expect((await queue()).map((q) => q.id)).toContain(id)
  })
})

describe('editing a published post', () => {
  it('sends it back to review and out of the feed, search and public page until approved again', async () => {
    const id = await createPending(ctx, world.owner.auth, { title: '酥油加工设备求推荐', category: 'processing', description: '合作社想买酥油加工设备，求推荐靠谱的厂家和型号。' })
    await approve(ctx, world.staff.auth, id)
    expect(await publicView(id, '酥油')).toEqual({ feed: true, search: true, detail: 200 })

    const edit = await ctx.app.inject({
      method: 'PUT',
      url: `/api/listings/${id}`,
      headers: world.owner.auth,
      payload: listingBody({ title: '酥油加工设备求推荐（预算五万）', category: 'processing', description: '合作社想买酥油加工设备，预算五万元左右，求推荐。' }),
    })
    expect(edit.statusCode).toBe(200)
    expect(edit.json().status).toBe('pending')
    expect(await publicView(id, '酥油')).toEqual({ feed: false, search: false, detail: 404 })
    expect((await queue()).map((q) => q.id)).toContain(id)

    await approve(ctx, world.staff.auth, id)
    const again = (await get(`/api/listings/${id}`)).json()
    expect(again.title).toBe('酥油加工设备求推荐（预算五万）')
    expect(again.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'approved', 'edited', 'approved'])
  })

  it('an edit with risky text changes nothing and stays public', async () => {
    const id = await createPending(ctx, world.owner.auth)
    await approve(ctx, world.staff.auth, id)
    const res = await ctx.app.inject({ method: 'PUT', url: `/api/listings/${id}`, headers: world.owner.auth, payload: listingBody({ title: '违禁词出售' }) })
    expectError(res, 400, 'CONTENT_RISKY')
    expect((await get(`/api/listings/${id}`)).json().status).toBe('published')
  })
})

describe('what staff see', () => {
  it('queue items carry the post, its author and 代发 label, and no contact details', async () => {
    const res = await postListing(
      ctx,
      world.verifiedChair.auth,
      listingBody({ regionCode: '513328100', contact: { name: '扎西多吉', phone: '13611112222' }, proxy: { name: '扎西多吉', phone: '13611113333', regionCode: '513328100', consent: true } }),
    )
    const id = res.json().id
    const item = (await get('/api/staff/review/queue', world.staff.auth)).json().items.find((i: { id: number }) => i.id === id)
    expect(item).toMatchObject({ kind: 'listing', proxyLabel: '由 甘孜镇科协 代发', proxyName: '扎西多吉', author: { nickname: '格桑', verified: true } })
    const text = JSON.stringify(item)
    expect(text).not.toContain('13611112222')
    expect(text).not.toContain('13611113333')
    expect(item.region.county.name).toMatch(CHINESE)
  })
})

describe('staff granted an area (users.staff_region_code; none = the whole province)', () => {
  // The area is set directly in the database, as in tests/server/contests-scope.test.ts.
  const GANZI_COUNTY_TOWN = '513328100' // 甘孜县甘孜镇
  const KANGDING_STREET = '513301001' // 康定市炉城街道: another county of 甘孜州
  const CHENGDU_STREET = '510104022' // 成都市锦江区春熙路街道: another prefecture
  let countyStaff: Auth // 甘孜县
  let prefectureStaff: Auth // 甘孜州
  const posts = { ganzi: 0, kangding: 0, chengdu: 0 }

  async function staffOf(area: string, nickname: string): Promise<Auth> {
    const person = await registerPerson(ctx, 'farmer', GANZI_COUNTY_TOWN, nickname)
    await ctx.db.updateTable('users').set({ is_staff: 1, staff_region_code: area }).where('id', '=', person.id).execute()
    return person.auth
  }
  const queueOf = async (auth: Auth) =>
    (await get('/api/staff/review/queue', auth)).json().items as Array<{ id: number; region: { county: { code: string }; prefecture: { code: string } } }>
  const decideAs = (auth: Auth, id: number, how: 'approve' | 'reject') =>
    ctx.app.inject({ method: 'POST', url: `/api/staff/review/listing/${id}/${how}`, headers: auth, ...(how === 'reject' ? { payload: { reason: '描述不清楚' } } : {}) })
  const statusOf = async (id: number) => (await ctx.db.selectFrom('listings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status

  beforeAll(async () => {
    countyStaff = await staffOf('513328', '甘孜县科协')
    prefectureStaff = await staffOf('5133', '甘孜州科协')
    posts.ganzi = await createPending(ctx, world.owner.auth, { regionCode: GANZI_COUNTY_TOWN })
    posts.kangding = await createPending(ctx, world.owner.auth, { regionCode: KANGDING_STREET })
    posts.chengdu = await createPending(ctx, world.owner.auth, { regionCode: CHENGDU_STREET })
  })

  it('the queue lists only posts of townships in the area; provincial staff see all', async () => {
    const county = await queueOf(countyStaff)
    expect(county.map((i) => i.id)).toContain(posts.ganzi)
    expect(county.map((i) => i.id)).not.toContain(posts.kangding)
    expect(county.map((i) => i.id)).not.toContain(posts.chengdu)
    expect(county.every((i) => i.region.county.code === '513328')).toBe(true)
    const prefecture = await queueOf(prefectureStaff)
    expect(prefecture.map((i) => i.id)).toEqual(expect.arrayContaining([posts.ganzi, posts.kangding]))
    expect(prefecture.map((i) => i.id)).not.toContain(posts.chengdu)
    expect(prefecture.every((i) => i.region.prefecture.code === '5133')).toBe(true)
    expect((await queueOf(world.staff.auth)).map((i) => i.id)).toEqual(expect.arrayContaining([posts.ganzi, posts.kangding, posts.chengdu]))
  })

  it('approving or rejecting a post outside the area → 403 FORBIDDEN, it stays pending and unseen', async () => {
    for (const how of ['approve', 'reject'] as const) {
      expectError(await decideAs(countyStaff, posts.kangding, how), 403, 'FORBIDDEN')
      expectError(await decideAs(countyStaff, posts.chengdu, how), 403, 'FORBIDDEN')
      expectError(await decideAs(prefectureStaff, posts.chengdu, how), 403, 'FORBIDDEN')
    }
    expect(await statusOf(posts.kangding)).toBe('pending')
    expect(await statusOf(posts.chengdu)).toBe('pending')
    expect((await get(`/api/listings/${posts.chengdu}`)).statusCode).toBe(404)
  })

  it('inside the area county and prefecture staff decide as before; provincial staff decide anywhere', async () => {
    expect((await decideAs(countyStaff, posts.ganzi, 'approve')).statusCode).toBe(200)
    expect(await statusOf(posts.ganzi)).toBe('published')
    expect((await decideAs(prefectureStaff, posts.kangding, 'reject')).statusCode).toBe(200)
    expect(await statusOf(posts.kangding)).toBe('rejected')
    expect((await decideAs(world.staff.auth, posts.chengdu, 'approve')).statusCode).toBe(200)
    expect(await statusOf(posts.chengdu)).toBe('published')
  })
})
