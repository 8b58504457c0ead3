import { useTestContext, type TestContext } from './helpers'
import {
  accept,
  createPublished,
  expectError,
  listingBody,
  makeJpeg,
  postListing,
  registerPerson,
  respondTo,
  uploadPhoto,
  uploadProof,
  useWorld,
} from './listings-fixtures'

// What happens to posts around them: an author deleting their account, WeChat being unreachable
// when a photo is uploaded, the feed's first-page cache, and the region filter's range.
/** The first page of the feed as an anonymous visitor sees it. */
const feedOf = (ctx: TestContext) => async (query = '') => (await ctx.app.inject({ method: 'GET', url: `/api/listings${query}` })).json()

// Until its last test takes the emulator down with it.
describe('with WeChat reachable', () => {
  const ctx = useTestContext()
  const world = useWorld(ctx, () => new Date())
  const feed = feedOf(ctx)

  test('deleting an account closes its open posts and erases the contacts in them and in its responses', async () => {
    const id = await createPublished(world, world.stranger.auth, { contact: { name: '路人甲', phone: '13811112222' } })
    const other = await createPublished(world, world.owner.auth, { contact: { name: '发帖人', phone: '13833334444' } })
    const responseId = await respondTo(ctx, world.stranger.auth, other, { phone: '13855556666' })
    await accept(ctx, world.owner.auth, other, responseId)

    const del = await ctx.app.inject({ method: 'DELETE', url: '/api/users/me', headers: world.stranger.auth })
    expect(del.statusCode).toBe(200)

    const row = await ctx.db.selectFrom('listings').select(['status', 'contact_name']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'closed', contact_name: '已注销用户' })
    expect((await feed()).items.map((i: { id: number }) => i.id)).not.toContain(id)
    // The owner of the other post no longer receives the deleted person's phone.
    const responses = await ctx.app.inject({ method: 'GET', url: `/api/listings/${other}/responses`, headers: world.owner.auth })
    expect(responses.body).not.toContain('13855556666')
    expect(responses.json().items[0].responder.nickname).toBe('已注销用户')
  })

  test('deleting an account erases what was given for verification and every uploaded photo', async () => {
    const expert = await registerPerson(ctx, 'expert', '510104022', '将注销的专家')
    const photo = (await uploadPhoto(ctx, expert.auth, await makeJpeg(400, 300))).json()
    const proof = (await uploadProof(ctx, expert.auth)).json()
    const asked = await ctx.app.inject({
      method: 'POST',
      url: '/api/verifications',
      headers: expert.auth,
      payload: { institution: '四川农业大学', title: '讲师', proofId: proof.id },
    })
    expect(asked.statusCode).toBe(201)
    expect((await ctx.app.inject({ method: 'GET', url: photo.url })).statusCode).toBe(200)

    expect((await ctx.app.inject({ method: 'DELETE', url: '/api/users/me', headers: expert.auth })).statusCode).toBe(200)
    const row = await ctx.db.selectFrom('verifications').select(['institution', 'title', 'proof_upload_id']).where('user_id', '=', expert.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ institution: null, title: null, proof_upload_id: null })
    expect(await ctx.db.selectFrom('uploads').select('id').where('owner_id', '=', expert.id).execute()).toEqual([])
    expect((await ctx.app.inject({ method: 'GET', url: photo.url })).statusCode).toBe(404)
  })

  test('a photo is not kept when WeChat cannot take its image check, and the person gets a clear answer', async () => {
    const before = await ctx.db.selectFrom('uploads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    await ctx.emulator.close()
    const res = await uploadPhoto(ctx, world.farmer.auth, await makeJpeg(400, 300))
    expectError(res, 502, 'WECHAT_UNAVAILABLE')
    const after = await ctx.db.selectFrom('uploads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })
})

// A fresh context, since the one above has lost its WeChat.
describe('with WeChat back', () => {
  const ctx = useTestContext()
  const world = useWorld(ctx, () => new Date())
  const feed = feedOf(ctx)

  test('the cached first page is the same answer and a write shows at once', async () => {
    const first = await ctx.app.inject({ method: 'GET', url: '/api/listings?side=need' })
    const cached = await ctx.app.inject({ method: 'GET', url: '/api/listings?side=need' })
    expect(cached.headers['content-type']).toMatch(/application\/json/)
    expect(cached.body).toBe(first.body)
    const id = await createPublished(world, world.owner.auth)
    expect((await feed('?side=need')).items[0].id).toBe(id)
  })

  test('an area filter takes exactly the posts of that prefecture or county', async () => {
    const here = await createPublished(world, world.owner.auth, { regionCode: '513328200' })
    const next = await createPublished(world, world.owner.auth, { regionCode: '513329100' }) // 新龙县如龙镇: the next county's code
    const county = (await feed('?region=513328&limit=50')).items.map((i: { id: number }) => i.id)
    expect(county).toContain(here)
    expect(county).not.toContain(next)
    const prefecture = (await feed('?region=5133&limit=50')).items.map((i: { id: number }) => i.id)
    expect(prefecture).toEqual(expect.arrayContaining([here, next]))
    expect((await feed('?region=5134&limit=50')).items.map((i: { id: number }) => i.id)).not.toContain(here)
  })

  test('search offers no page beyond the ranked window', async () => {
    const res = await feed(`?q=${encodeURIComponent('牦牛')}&limit=50&page=40`)
    expect(res.nextPage).toBeNull()
    const bad = await postListing(ctx, world.owner.auth, listingBody({ title: '牦牛\u0000补饲' }))
    expectError(bad, 400, 'VALIDATION_FAILED')
  })
})
