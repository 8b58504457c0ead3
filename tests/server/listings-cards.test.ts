// Post cards (the feed, search results, a studio) are kept built between requests (listings.cards.ts):
// whatever a person changes shows on the cards at once, on every page that shows them, and a page
// made of kept cards is exactly what the schema encodes.
import { listingPage } from '../../common/schemas/listings'
import { studio } from '../../common/schemas/studios'
import { useTestContext } from './helpers'
import { accept, approve, createPublished, GANZI_TOWNSHIP, listingBody, registerPerson, respondTo, useWorld, type Auth } from './listings-fixtures'

const ctx = useTestContext()
const world = useWorld(ctx, () => new Date())
const get = async (url: string, auth?: Auth) => {
  const res = await ctx.app.inject({ method: 'GET', url, headers: auth ?? {} })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res
}
type Card = { id: number; title: string; responseCount: number; status: string; author: { nickname: string; verified: boolean } }
/** The card of post `id` on a page read from the database (a cursor past every post: the first-page cache never answers it). */
const cardIn = async (id: number, query = '') => {
  const first = (await get(`/api/listings?limit=50${query}`)).json()
  const page = (await get(`/api/listings?limit=50&before=${id + 1}${query}`)).json()
  const fromFirst = first.items.find((i: Card) => i.id === id)
  const fromDb = page.items.find((i: Card) => i.id === id)
  expect(fromFirst).toEqual(fromDb)
  return fromDb as Card | undefined
}

test('a page of kept cards is what the schema encodes, and the second read equals the first', async () => {
  await createPublished(world, world.owner.auth, listingBody({ title: '牦牛冬季补饲求助' }))
  const once = await get('/api/listings?limit=20&before=100000000')
  const twice = await get('/api/listings?limit=20&before=100000000')
  expect(twice.json()).toEqual(once.json())
  expect(listingPage.strict().parse(once.json())).toEqual(once.json())
  for (const item of once.json().items) expect(listingPage.shape.items.element.strict().parse(item)).toEqual(item)
  const search = (await get(`/api/listings?q=${encodeURIComponent('牦牛')}`)).json()
  expect(listingPage.parse(search)).toEqual(search)
})

test('an edit, a 对接 and a new name show on the cards at once', async () => {
  const id = await createPublished(world, world.owner.auth, listingBody({ title: '青稞黄叶问题请教' }))
  expect((await cardIn(id))!.title).toBe('青稞黄叶问题请教')

  const edit = await ctx.app.inject({ method: 'PUT', url: `/api/listings/${id}`, headers: world.owner.auth, payload: listingBody({ title: '青稞黄叶怎么办' }) })
  expect(edit.statusCode).toBe(200)
  // An edited post is reviewed again before it is public again.
  expect(await cardIn(id)).toBeUndefined()
  await approve(ctx, world.staff.auth, id)
  expect((await cardIn(id))!.title).toBe('青稞黄叶怎么办')

  const responseId = await respondTo(ctx, world.stranger.auth, id)
  expect((await cardIn(id))!.responseCount).toBe(1)
  await accept(ctx, world.owner.auth, id, responseId)

  const rename = await ctx.app.inject({ method: 'PUT', url: '/api/users/me', headers: world.owner.auth, payload: { nickname: '新名字', role: 'farmer', regionCode: GANZI_TOWNSHIP } })
  expect(rename.statusCode).toBe(200)
  expect((await cardIn(id))!.author.nickname).toBe('新名字')

  const resolve = await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/resolve`, headers: world.owner.auth })
  expect(resolve.statusCode).toBe(200)
  expect(await cardIn(id)).toBeUndefined()
})

test("an expert's studio shows their offers' cards as the feed does, and a closed offer leaves both", async () => {
  const expert = await registerPerson(ctx, 'expert', undefined, '周专家')
  const id = await createPublished(world, expert.auth, listingBody({ side: 'offer', title: '提供花椒修剪技术指导' }))
  const feedCard = await cardIn(id)
  const page = (await get(`/api/studios/${expert.id}`)).json()
  expect(studio.parse(page)).toEqual(page)
  expect(page.offers).toEqual([feedCard])

  const close = await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/close`, headers: expert.auth })
  expect(close.statusCode).toBe(200)
  expect(await cardIn(id)).toBeUndefined()
  expect((await get(`/api/studios/${expert.id}`)).json().offers).toEqual([])
})

test('search results are kept between requests, and a post published, edited or closed shows in them at once', async () => {
  const found = async (q: string) => (await get(`/api/listings?q=${encodeURIComponent(q)}&limit=50`)).json().items.map((i: Card) => i.id)
  expect(await found('羊肚菌')).toEqual([])
  const id = await createPublished(world, world.owner.auth, listingBody({ title: '羊肚菌大棚种植求助' }))
  expect(await found('羊肚菌')).toEqual([id])
  expect(await found('羊肚菌')).toEqual([id])

  const edit = await ctx.app.inject({ method: 'PUT', url: `/api/listings/${id}`, headers: world.owner.auth, payload: listingBody({ title: '川贝母大棚种植求助' }) })
  expect(edit.statusCode).toBe(200)
  await approve(ctx, world.staff.auth, id)
  expect(await found('羊肚菌')).toEqual([])
  expect(await found('川贝母')).toEqual([id])

  const close = await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/close`, headers: world.owner.auth })
  expect(close.statusCode).toBe(200)
  expect(await found('川贝母')).toEqual([])
})

test('a 对接 and its acceptance keep the searches (what posts match is as it was) but show on their cards; closing clears them', async () => {
  const search = async () => (await get(`/api/listings?q=${encodeURIComponent('松茸')}&limit=50`)).json().items as Card[]
  const id = await createPublished(world, world.owner.auth, listingBody({ title: '松茸采收保鲜求助' }))
  expect((await search()).map((c) => c.id)).toEqual([id])
  // Another instance publishes a second 松茸 post: this one is not told, as it would not be.
  const other = await createPublished(world, world.volunteer.auth, listingBody({ title: '松茸烘干设备求助' }))
  await ctx.db.updateTable('listings').set({ status: 'closed' }).where('id', '=', other).execute()
  expect((await search()).map((c) => c.id)).toEqual([id])
  await ctx.db.updateTable('listings').set({ status: 'published' }).where('id', '=', other).execute()

  // A 对接 and its acceptance: the kept ranking stands (the second post is not in it yet) and the
  // card shows the 对接 at once.
  const responseId = await respondTo(ctx, world.stranger.auth, id)
  await accept(ctx, world.owner.auth, id, responseId)
  const kept = await search()
  expect(kept.map((c) => [c.id, c.responseCount])).toEqual([[id, 1]])

  // Closing changes what matches: every kept search goes, and the other instance's post shows.
  const close = await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/close`, headers: world.owner.auth })
  expect(close.statusCode).toBe(200)
  expect((await search()).map((c) => c.id)).toEqual([other])
})

test("a post's public page is kept for visitors not signed in, and shows an edit, a 对接, a new name and closing at once", async () => {
  const id = await createPublished(world, world.owner.auth, listingBody({ title: '藏香猪仔猪成活率低' }))
  // What someone not signed in is shown equals what a signed-in passer-by (world.volunteer, never
  // kept) is shown, but for what the viewer may do.
  const publicPage = async () => {
    const { viewer: _anonymous, ...page } = (await get(`/api/listings/${id}`)).json()
    const { viewer: _volunteer, ...fresh } = (await get(`/api/listings/${id}`, world.volunteer.auth)).json()
    expect(page).toEqual(fresh)
    return page
  }
  expect((await publicPage()).title).toBe('藏香猪仔猪成活率低')
  expect((await get(`/api/listings/${id}`)).body).toBe((await get(`/api/listings/${id}`)).body)

  const edit = await ctx.app.inject({ method: 'PUT', url: `/api/listings/${id}`, headers: world.owner.auth, payload: listingBody({ title: '藏香猪仔猪怎么养' }) })
  expect(edit.statusCode).toBe(200)
  expect((await ctx.app.inject({ method: 'GET', url: `/api/listings/${id}` })).statusCode).toBe(404)
  await approve(ctx, world.staff.auth, id)
  expect((await publicPage()).title).toBe('藏香猪仔猪怎么养')

  const responseId = await respondTo(ctx, world.stranger.auth, id)
  expect((await publicPage()).responseCount).toBe(1)
  await accept(ctx, world.owner.auth, id, responseId)
  await publicPage()

  const rename = await ctx.app.inject({ method: 'PUT', url: '/api/users/me', headers: world.owner.auth, payload: { nickname: '养猪人', role: 'farmer', regionCode: GANZI_TOWNSHIP } })
  expect(rename.statusCode).toBe(200)
  expect((await publicPage()).author.nickname).toBe('养猪人')

  const resolve = await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/resolve`, headers: world.owner.auth })
  expect(resolve.statusCode).toBe(200)
  expect((await publicPage()).status).toBe('resolved')
})
