// The owner's buttons on a post (viewer.canEdit / canClose / canResolve) come from the same rule
// the edit, close and resolve calls enforce (common/rules listingActions), so the app never has to
// know which statuses allow what. And every timestamp a listings write stores is the app's clock.
import { useTestContext } from './helpers'
import { accept, createPending, createPublished, listingBody, newKey, registerPerson, respondTo, useWorld, type Auth } from './listings-fixtures'

// The app's clock stands still at an instant that is not "now", so a timestamp from wall time shows.
let clock = new Date('2026-03-01T02:00:00.000Z')
const ctx = useTestContext({}, { now: () => clock })
const world = useWorld(ctx, () => clock)

const get = (id: number, auth?: Auth) => ctx.app.inject({ method: 'GET', url: `/api/listings/${id}`, headers: auth ?? {} })
const post = (url: string, auth: Auth) => ctx.app.inject({ method: 'POST', url, headers: auth })
const edit = (id: number, auth: Auth) => ctx.app.inject({ method: 'PUT', url: `/api/listings/${id}`, headers: auth, payload: listingBody({ title: '牦牛冬季补饲求指导（改）' }) })

async function viewerOf(id: number, auth: Auth) {
  const res = await get(id, auth)
  expect(res.statusCode).toBe(200)
  return res.json().viewer as { isOwner: boolean; canEdit: boolean; canClose: boolean; canResolve: boolean }
}

/** Each flag the owner is shown, next to what the call it stands for answers (without the side effect where it succeeds). */
async function agrees(id: number, owner: Auth) {
  const v = await viewerOf(id, owner)
  if (!v.canClose) expect((await post(`/api/listings/${id}/close`, owner)).statusCode).toBe(409)
  if (!v.canResolve) expect((await post(`/api/listings/${id}/resolve`, owner)).statusCode).toBe(409)
  if (!v.canEdit) expect((await edit(id, owner)).statusCode).toBe(409)
  return v
}

describe('the owner’s buttons follow listingActions', () => {
  it('pending: edit and close, nothing to resolve', async () => {
    const id = await createPending(ctx, world.owner.auth)
    expect(await agrees(id, world.owner.auth)).toEqual({ isOwner: true, canRespond: false, canEdit: true, canClose: true, canResolve: false, canRetitle: false, readsTriage: false, response: null })
  })

  it('published without an accepted response: resolve waits; with one, resolve is offered and works', async () => {
    const id = await createPublished(world, world.owner.auth)
    expect(await agrees(id, world.owner.auth)).toMatchObject({ canEdit: true, canClose: true, canResolve: false })
    const responseId = await respondTo(ctx, world.expert.auth, id)
    expect(await viewerOf(id, world.owner.auth)).toMatchObject({ canResolve: false })
    await accept(ctx, world.owner.auth, id, responseId)
    expect(await viewerOf(id, world.owner.auth)).toMatchObject({ canEdit: true, canClose: true, canResolve: true })
    const resolved = await post(`/api/listings/${id}/resolve`, world.owner.auth)
    expect(resolved.statusCode).toBe(200)
    // Resolved: the answer to the call already carries the new buttons, and they agree with the calls.
    expect(resolved.json().viewer).toMatchObject({ canEdit: false, canClose: false, canResolve: false })
    expect(await agrees(id, world.owner.auth)).toMatchObject({ canEdit: false, canClose: false, canResolve: false })
  })

  it('closed: nothing more', async () => {
    const id = await createPublished(world, world.owner.auth)
    const closed = await post(`/api/listings/${id}/close`, world.owner.auth)
    expect(closed.statusCode).toBe(200)
    expect(closed.json().viewer).toMatchObject({ canEdit: false, canClose: false, canResolve: false })
    expect(await agrees(id, world.owner.auth)).toMatchObject({ canEdit: false, canClose: false, canResolve: false })
  })

  it('anyone but the owner is offered none of them, staff and an accepted responder included', async () => {
    const id = await createPublished(world, world.owner.auth)
    const responseId = await respondTo(ctx, world.expert.auth, id)
    await accept(ctx, world.owner.auth, id, responseId)
    const none = { isOwner: false, canEdit: false, canClose: false, canResolve: false }
    expect(await viewerOf(id, world.expert.auth)).toMatchObject(none)
    expect(await viewerOf(id, world.staff.auth)).toMatchObject(none)
    expect(await viewerOf(id, world.stranger.auth)).toMatchObject(none)
    expect((await get(id)).json().viewer).toMatchObject(none)
  })
})

describe('listings writes stamp the app’s clock', () => {
  it('a post, its review, a response, its acceptance and feedback are dated by deps.now, not the wall clock', async () => {
    const owner = await registerPerson(ctx, 'farmer')
    clock = new Date('2026-03-01T02:10:00.000Z')
    const res = await ctx.app.inject({ method: 'POST', url: '/api/listings', headers: { ...owner.auth, 'idempotency-key': newKey() }, payload: listingBody() })
    expect(res.statusCode).toBe(201)
    const id = res.json().id as number
    expect(res.json().createdAt).toBe('2026-03-01T02:10:00.000Z')
    clock = new Date('2026-03-01T02:20:00.000Z')
    expect((await post(`/api/staff/review/listing/${id}/approve`, world.staff.auth)).statusCode).toBe(200)
    clock = new Date('2026-03-01T02:30:00.000Z')
    const responseId = await respondTo(ctx, world.expert.auth, id)
    clock = new Date('2026-03-01T02:40:00.000Z')
    await accept(ctx, owner.auth, id, responseId)
    clock = new Date('2026-03-01T02:50:00.000Z')
    const feedback = await ctx.app.inject({
      method: 'POST',
      url: `/api/listings/${id}/responses/${responseId}/feedback`,
      headers: owner.auth,
      payload: { rating: 5, text: '很有帮助' },
    })
    expect(feedback.statusCode).toBe(200)
    const seen = (await get(id, owner.auth)).json()
    expect(seen.publishedAt).toBe('2026-03-01T02:20:00.000Z')
    expect(seen.timeline.map((e: { kind: string; at: string }) => [e.kind, e.at])).toEqual([
      ['submitted', '2026-03-01T02:10:00.000Z'],
      ['approved', '2026-03-01T02:20:00.000Z'],
      ['responded', '2026-03-01T02:30:00.000Z'],
      ['accepted', '2026-03-01T02:40:00.000Z'],
      ['feedback', '2026-03-01T02:50:00.000Z'],
    ])
    const row = await ctx.db.selectFrom('listing_responses').select(['created_at', 'decided_at']).where('id', '=', responseId).executeTakeFirstOrThrow()
    expect(row).toEqual({ created_at: '2026-03-01T02:30:00.000Z', decided_at: '2026-03-01T02:40:00.000Z' })
  })
})
