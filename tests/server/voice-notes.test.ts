// Voice notes on posts and responses (issue 13): a need or an answer may be said rather than typed.
// Nothing is heard beyond its author and staff before the post is approved and WeChat's audio check
// passed; a note found risky is never heard again; a note leaves with its owner's account and is
// swept when nothing took it. Runs on SQLite and PostgreSQL.
import { sweepUnattachedUploads, UNATTACHED_TTL_MS } from '../../server/src/modules/uploads/uploads.sweep'
import { useTestContext } from './helpers'
import {
  approve,
  createPending,
  expectError,
  GANZI_TOWN,
  LAIMA_TOWN,
  listingBody,
  mediaCheckEvent,
  newKey,
  postListing,
  registerPerson,
  REVIEW_WORD,
  RISKY_WORD,
  signedQuery,
  useWorld,
  type Auth,
  type Person,
} from './listings-fixtures'
import { newVoice } from './voice-fixtures'

let clock = new Date()
const ctx = useTestContext({}, { now: () => clock })
const world = useWorld(ctx, () => clock)

const get = (url: string, auth?: Auth) => ctx.app.inject({ method: 'GET', url, headers: auth ?? {} })
const voiceRow = (id: number) => ctx.db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst()
/** WeChat's verdict on a note, pushed as WeChat pushes it. */
async function verdict(voiceId: number, suggest: 'pass' | 'risky') {
  const { trace_id } = (await voiceRow(voiceId))!
  const res = await ctx.app.inject({ method: 'POST', url: `/api/wechat/push?${new URLSearchParams(signedQuery())}`, payload: mediaCheckEvent(trace_id!, suggest) })
  expect(res.statusCode).toBe(200)
}
const voiceOnlyNeed = (voiceId: number, extra: Record<string, unknown> = {}) => listingBody({ title: '', description: '', voiceId, ...extra })
const heard = async (listingId: number, auth?: Auth) => (await get(`/api/listings/${listingId}`, auth)).json().voice

describe('a need said by voice alone', () => {
  let herder: Person
  beforeAll(async () => {
    herder = await registerPerson(ctx, 'farmer', GANZI_TOWN, '卓玛')
  })

  it('is titled from its category, heard by its author and staff while pending, by everyone once approved and checked', async () => {
    const note = await newVoice(ctx, herder.auth)
    const res = await postListing(ctx, herder.auth, voiceOnlyNeed(note.id, { regionCode: GANZI_TOWN }))
    expect(res.statusCode).toBe(201)
    const post = res.json()
    expect(post).toMatchObject({ title: '语音求助·养殖', description: '', status: 'pending', voice: { id: note.id, url: note.url, durationMs: 3096 } })
    // Pending: nobody else opens it; staff reviewing it listen first (the note is still unchecked).
    expect((await get(`/api/listings/${post.id}`, world.stranger.auth)).statusCode).toBe(404)
    const queue = (await get('/api/staff/review/queue', world.staff.auth)).json().items
    expect(queue.find((i: { id: number }) => i.id === post.id).voice).toEqual({ id: note.id, url: note.url, durationMs: 3096, check: 'pending' })
    // Approved, but WeChat has not answered: still only the author (and staff) hear it.
    await approve(ctx, world.staff.auth, post.id)
    expect(await heard(post.id)).toBeNull()
    expect(await heard(post.id, world.stranger.auth)).toBeNull()
    expect((await heard(post.id, herder.auth)).url).toBe(note.url)
    await verdict(note.id, 'pass')
    expect(await heard(post.id)).toEqual({ id: note.id, url: note.url, durationMs: 3096 })
    // Search knows it by the title it was given: chairs find the needs still waiting for words.
    expect((await get(`/api/listings?q=${encodeURIComponent('语音求助')}`)).json().items.map((i: { id: number }) => i.id)).toContain(post.id)
    expect((await get(note.url)).statusCode).toBe(200)
  })

  it('an offer, or a need without a note, still needs its words', async () => {
    const note = await newVoice(ctx, herder.auth)
    expectError(await postListing(ctx, herder.auth, voiceOnlyNeed(note.id, { side: 'offer' })), 400, 'VALIDATION_FAILED')
    expectError(await postListing(ctx, herder.auth, listingBody({ title: '', description: '' })), 400, 'VALIDATION_FAILED')
    // The note was not used: still free for the next try.
    expect((await postListing(ctx, herder.auth, voiceOnlyNeed(note.id))).statusCode).toBe(201)
  })

  it('a note is its owner’s and goes on one thing only', async () => {
    const note = await newVoice(ctx, herder.auth)
    expectError(await postListing(ctx, world.stranger.auth, voiceOnlyNeed(note.id)), 400, 'VOICE_NOT_USABLE')
    expect((await postListing(ctx, herder.auth, voiceOnlyNeed(note.id))).statusCode).toBe(201)
    expectError(await postListing(ctx, herder.auth, voiceOnlyNeed(note.id)), 400, 'VOICE_NOT_USABLE')
    // A photo's id is not a voice note.
    const photo = (await ctx.db.selectFrom('uploads').select('id').where('kind', '=', 'photo').executeTakeFirst())?.id ?? 2_000_000
    expectError(await postListing(ctx, herder.auth, voiceOnlyNeed(photo)), 400, 'VOICE_NOT_USABLE')
  })

  it('an edit keeps its note, or replaces it and lets the old one go to the sweep', async () => {
    const first = await newVoice(ctx, herder.auth)
    const id = await createPending(ctx, herder.auth, { title: '', description: '', voiceId: first.id })
    const put = (body: unknown) => ctx.app.inject({ method: 'PUT', url: `/api/listings/${id}`, headers: herder.auth, payload: body as any })
    expect((await put(voiceOnlyNeed(first.id, { title: '语音求助·养殖' }))).statusCode).toBe(200)
    const second = await newVoice(ctx, herder.auth)
    const res = await put(voiceOnlyNeed(second.id))
    expect(res.json().voice.id).toBe(second.id)
    expect((await voiceRow(first.id))!.attached_at).toBeNull()
    expect((await voiceRow(second.id))!.attached_at).not.toBeNull()
  })
})

describe('WeChat finds a note risky', () => {
  it('the emulator’s push marks it: never heard again (the file is gone), and it cannot be attached', async () => {
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const steer = (path: string, body: unknown) =>
      fetch(`${ctx.emulatorUrl}/__emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    await steer('push-url', { url: `${address}/api/wechat/push` })
    await steer('media-verdict', { mediaType: 1, suggest: 'risky' })
    try {
      const risky = await newVoice(ctx, world.owner.auth)
      const id = await createPending(ctx, world.owner.auth, { title: '', description: '', voiceId: risky.id })
      // The push arrives on its own (the emulator sends it ~100 ms after the check).
      const deadline = Date.now() + 10_000
      while ((await voiceRow(risky.id))!.check_status !== 'risky' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      expect((await voiceRow(risky.id))!.check_status).toBe('risky')
      expect(await heard(id, world.owner.auth)).toBeNull()
      // Staff are not offered it either; the post is flagged (what was said is gone: look closer).
      expect((await get('/api/staff/review/queue', world.staff.auth)).json().items.find((i: { id: number }) => i.id === id)).toMatchObject({ voice: null, flagged: true })
      expect((await get(risky.url)).statusCode).toBe(404)
      // The next note (no verdict queued) passes.
      const fine = await newVoice(ctx, world.owner.auth)
      while ((await voiceRow(fine.id))!.check_status === 'pending' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      expect((await voiceRow(fine.id))!.check_status).toBe('pass')
    } finally {
      await steer('push-url', { url: 'http://127.0.0.1:9/nowhere' })
    }
  })

  it('found risky after staff approved a need said by it alone: the need goes back to review, flagged, off the feed', async () => {
    const note = await newVoice(ctx, world.owner.auth)
    const spoken = await createPending(ctx, world.owner.auth, { title: '', description: '', voiceId: note.id })
    await approve(ctx, world.staff.auth, spoken)
    const another = await newVoice(ctx, world.owner.auth)
    const written = await createPending(ctx, world.owner.auth, { voiceId: another.id })
    await approve(ctx, world.staff.auth, written)
    await verdict(note.id, 'risky')
    await verdict(another.id, 'risky')
    expect((await get(`/api/listings/${spoken}`, world.staff.auth)).json()).toMatchObject({ status: 'pending', voice: null })
    expect((await get('/api/staff/review/queue', world.staff.auth)).json().items.find((i: { id: number }) => i.id === spoken)).toMatchObject({ flagged: true })
    expect((await get('/api/listings?side=need')).json().items.map((i: { id: number }) => i.id)).not.toContain(spoken)
    // One with words of its own stays up, without the note.
    expect((await get(`/api/listings/${written}`)).json()).toMatchObject({ status: 'published', voice: null })
  })

  it('a note found risky before it was used is refused', async () => {
    const note = await newVoice(ctx, world.owner.auth)
    await verdict(note.id, 'risky')
    expectError(await postListing(ctx, world.owner.auth, voiceOnlyNeed(note.id)), 400, 'VOICE_NOT_USABLE')
  })
})

describe('an answer by voice', () => {
  it('a response may be a note alone; the owner hears it once checked, its responder at once', async () => {
    const id = await createPending(ctx, world.owner.auth)
    await approve(ctx, world.staff.auth, id)
    const note = await newVoice(ctx, world.expert.auth)
    const sent = await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/responses`, headers: world.expert.auth, payload: { voiceId: note.id, phone: '13900007777' } })
    expect(sent.statusCode).toBe(201)
    expect(sent.json()).toMatchObject({ message: '', voice: { id: note.id, url: note.url, durationMs: 3096 } })
    const responses = async (auth: Auth) => (await get(`/api/listings/${id}/responses`, auth)).json().items
    // Until WeChat's check passes the owner cannot hear it, but is told it is there (no empty answer to accept blind).
    expect((await responses(world.owner.auth))[0]).toMatchObject({ voice: null, voicePending: true })
    expect((await responses(world.expert.auth))[0]).toMatchObject({ voice: { url: note.url }, voicePending: false })
    // 我的对接 shows the responder their answer: the note, since there are no words.
    const mine = (await get('/api/listings/responses/mine', world.expert.auth)).json().items
    expect(mine.find((r: { id: number }) => r.id === sent.json().id)).toMatchObject({ message: '', voice: { id: note.id, url: note.url, durationMs: 3096 } })
    // Nobody else sees responses at all.
    expect((await get(`/api/listings/${id}/responses`, world.stranger.auth)).statusCode).toBe(403)
    await verdict(note.id, 'pass')
    expect((await responses(world.owner.auth))[0]).toMatchObject({ message: '', voice: { url: note.url, durationMs: 3096 }, voicePending: false })
  })

  it('sent again (the 待发送 queue after a lost answer) → 409 ALREADY_RESPONDED, which the app takes as delivered; one response', async () => {
    const id = await createPending(ctx, world.owner.auth)
    await approve(ctx, world.staff.auth, id)
    const note = await newVoice(ctx, world.expert.auth)
    const send = () => ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/responses`, headers: world.expert.auth, payload: { voiceId: note.id, phone: '13900007777' } })
    expect((await send()).statusCode).toBe(201)
    expectError(await send(), 409, 'ALREADY_RESPONDED')
    expect(await ctx.db.selectFrom('listing_responses').select('voice_id').where('listing_id', '=', id).execute()).toEqual([{ voice_id: note.id }])
  })

  it('no words and no note → 400 VALIDATION_FAILED (message)', async () => {
    const id = await createPending(ctx, world.owner.auth)
    await approve(ctx, world.staff.auth, id)
    const res = await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/responses`, headers: world.volunteer.auth, payload: { message: '', phone: '13900007777' } })
    expectError(res, 400, 'VALIDATION_FAILED')
    expect(Object.keys(res.json().fields)).toEqual(['message'])
  })
})

describe('correcting a voice need’s title', () => {
  let herder: Person
  let postId: number
  beforeAll(async () => {
    herder = await registerPerson(ctx, 'farmer', GANZI_TOWN, '次仁')
    const note = await newVoice(ctx, herder.auth)
    postId = (await postListing(ctx, herder.auth, voiceOnlyNeed(note.id, { regionCode: GANZI_TOWN }), newKey())).json().id
  })
  const retitle = (auth: Auth | undefined, title = '牦牛冬季掉膘，求补饲配方', id = postId) =>
    ctx.app.inject({ method: 'PUT', url: `/api/listings/${id}/title`, headers: auth ?? {}, payload: { title } })

  it('the verified chair of its township puts it into words; the post keeps its status, the audit log says who', async () => {
    const res = await retitle(world.verifiedChair.auth)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ title: '牦牛冬季掉膘，求补饲配方', status: 'pending' })
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'listing.retitle').where('target_id', '=', String(postId)).execute()
    expect(audit.map((a) => a.actor_id)).toEqual([world.verifiedChair.id])
    // Search finds it by its new words.
    await approve(ctx, world.staff.auth, postId)
    // The app shows the title field to those who may use it, and to nobody else.
    const canRetitle = async (auth: Auth) => (await get(`/api/listings/${postId}`, auth)).json().viewer.canRetitle
    expect([await canRetitle(world.verifiedChair.auth), await canRetitle(world.staff.auth)]).toEqual([true, true])
    expect([await canRetitle(herder.auth), await canRetitle(world.unverifiedChair.auth), await canRetitle(world.stranger.auth)]).toEqual([false, false, false])
    expect((await get(`/api/listings?q=${encodeURIComponent('掉膘')}`)).json().items.map((i: { id: number }) => i.id)).toContain(postId)
  })

  it('staff of its area may too', async () => {
    expect((await retitle(world.staff.auth, '牦牛掉膘求助')).json().title).toBe('牦牛掉膘求助')
  })

  it('nobody else: not its author, not another township’s chair, not an unverified chair → 403', async () => {
    const otherChair = await registerPerson(ctx, 'chair', LAIMA_TOWN)
    await ctx.db.updateTable('users').set({ verification: 'verified' }).where('id', '=', otherChair.id).execute()
    for (const auth of [herder.auth, otherChair.auth, world.unverifiedChair.auth, world.stranger.auth]) expectError(await retitle(auth), 403, 'FORBIDDEN')
    expect((await retitle(undefined)).statusCode).toBe(401)
  })

  it('only a post with a voice note, and words of 4–40 characters', async () => {
    const typed = await createPending(ctx, herder.auth, { regionCode: GANZI_TOWN })
    expectError(await retitle(world.staff.auth, '新标题四字', typed), 409, 'LISTING_NOT_EDITABLE')
    expectError(await retitle(world.staff.auth, '牦牛'), 400, 'VALIDATION_FAILED')
  })

  it('never the author’s own words: a need with a note whose author wrote its title, or wrote a description → 409', async () => {
    for (const words of [{ title: '牦牛冬季掉膘怎么办' }, { description: '三十多头牦牛掉膘严重，想请专家看看。' }]) {
      const note = await newVoice(ctx, herder.auth)
      const written = await createPending(ctx, herder.auth, { title: '', description: '', ...words, voiceId: note.id, regionCode: GANZI_TOWN })
      expectError(await retitle(world.staff.auth, '牦牛掉膘求助', written), 409, 'LISTING_NOT_EDITABLE')
      expect((await get(`/api/listings/${written}`, world.staff.auth)).json().viewer.canRetitle).toBe(false)
      expect((await get(`/api/listings/${written}`, herder.auth)).json()).toMatchObject({ title: words.title ?? '语音求助·养殖' })
    }
  })

  it('a chair’s words WeChat wants a person to look at send a published need back to staff review; staff’s do not', async () => {
    const note = await newVoice(ctx, herder.auth)
    const id = await createPending(ctx, herder.auth, { title: '', description: '', voiceId: note.id, regionCode: GANZI_TOWN })
    await approve(ctx, world.staff.auth, id)
    expect((await retitle(world.staff.auth, `牦牛掉膘${REVIEW_WORD}`, id)).json()).toMatchObject({ status: 'published' })
    expect((await retitle(world.verifiedChair.auth, `牦牛掉膘求助${REVIEW_WORD}`, id)).json()).toMatchObject({ status: 'pending' })
  })

  it('words WeChat finds risky are refused and the title stays', async () => {
    const before = (await get(`/api/listings/${postId}`, world.staff.auth)).json().title
    expectError(await retitle(world.verifiedChair.auth, `出售${RISKY_WORD}牦牛`), 400, 'CONTENT_RISKY')
    expect((await get(`/api/listings/${postId}`, world.staff.auth)).json().title).toBe(before)
  })

  it('not once its author closed it → 409 LISTING_NOT_EDITABLE', async () => {
    const note = await newVoice(ctx, herder.auth)
    const closed = await createPending(ctx, herder.auth, { title: '', description: '', voiceId: note.id, regionCode: GANZI_TOWN })
    expect((await ctx.app.inject({ method: 'POST', url: `/api/listings/${closed}/close`, headers: herder.auth })).statusCode).toBe(200)
    expectError(await retitle(world.staff.auth, '牦牛掉膘求助', closed), 409, 'LISTING_NOT_EDITABLE')
  })
})

describe('a note leaves with its owner', () => {
  it('account deletion erases their notes (files too); their post and response lose the note', async () => {
    const leaver = await registerPerson(ctx, 'farmer', GANZI_TOWN)
    const onPost = await newVoice(ctx, leaver.auth)
    const postId = await createPending(ctx, leaver.auth, { voiceId: onPost.id })
    const target = await createPending(ctx, world.owner.auth)
    await approve(ctx, world.staff.auth, target)
    const onAnswer = await newVoice(ctx, leaver.auth)
    const answered = await ctx.app.inject({ method: 'POST', url: `/api/listings/${target}/responses`, headers: leaver.auth, payload: { voiceId: onAnswer.id, phone: '13900007777' } })
    expect(answered.statusCode).toBe(201)
    const loose = await newVoice(ctx, leaver.auth)
    for (const n of [onPost, onAnswer, loose]) expect((await get(n.url)).statusCode).toBe(200)

    expect((await ctx.app.inject({ method: 'DELETE', url: '/api/users/me', headers: leaver.auth })).statusCode).toBe(200)
    for (const n of [onPost, onAnswer, loose]) {
      expect((await get(n.url)).statusCode).toBe(404)
      expect(await voiceRow(n.id)).toBeUndefined()
    }
    expect((await ctx.db.selectFrom('listings').select('voice_id').where('id', '=', postId).executeTakeFirstOrThrow()).voice_id).toBeNull()
    expect((await ctx.db.selectFrom('listing_responses').select('voice_id').where('id', '=', answered.json().id).executeTakeFirstOrThrow()).voice_id).toBeNull()
    expect(await ctx.db.selectFrom('file_deletions').selectAll().where('key', 'like', 'voices/%').execute()).toEqual([])
  })

  it('a note nothing took within a day is swept with its file; one on a post stays', async () => {
    const loose = await newVoice(ctx, world.owner.auth)
    const kept = await newVoice(ctx, world.owner.auth)
    await createPending(ctx, world.owner.auth, { voiceId: kept.id })
    await sweepUnattachedUploads({ db: ctx.db, storage: ctx.storage }, new Date(clock.getTime() + UNATTACHED_TTL_MS - 60_000))
    expect(await voiceRow(loose.id)).toBeDefined()
    await sweepUnattachedUploads({ db: ctx.db, storage: ctx.storage }, new Date(clock.getTime() + UNATTACHED_TTL_MS + 60_000))
    expect(await voiceRow(loose.id)).toBeUndefined()
    expect((await get(loose.url)).statusCode).toBe(404)
    expect((await voiceRow(kept.id))!.kind).toBe('voice')
    expect((await get(kept.url)).statusCode).toBe(200)
  })
})
