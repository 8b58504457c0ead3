// Photos of 科技所能所需 posts: POST /api/uploads stores a 1280 px copy and a 360×360 thumbnail and
// hands the image to WeChat's asynchronous check; the result comes back as a signed message push
// (POST /api/wechat/push). Until it says 'pass', the public never sees the photo.
import sharp from 'sharp'
import { pngOfSize } from '../fixtures/png'
import { useTestContext } from './helpers'
import {
  approve,
  createPending,
  expectError,
  listingBody,
  makeJpeg,
  mediaCheckEvent,
  multipartBody,
  newKey,
  postListing,
  signedQuery,
  uploadPhoto,
  useWorld,
  type Auth,
} from './listings-fixtures'

let photoJpeg: Buffer

const ctx = useTestContext()
const world = useWorld(ctx, () => new Date())
beforeAll(async () => {
  photoJpeg = await makeJpeg(3000, 2000)
})


const get = (url: string, auth?: Auth) => ctx.app.inject({ method: 'GET', url, headers: auth ?? {} })

async function upload(auth: Auth = world.owner.auth, data?: Buffer) {
  const res = await uploadPhoto(ctx, auth, data)
  expect(res.statusCode).toBe(200)
  return res.json() as { id: number; url: string; thumbUrl: string }
}

async function uploadRow(id: number) {
  return ctx.db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

function push(event: unknown, query = signedQuery()) {
  return ctx.app.inject({ method: 'POST', url: `/api/wechat/push?${new URLSearchParams(query)}`, payload: event as any })
}

/** A published post of the owner with these photos. */
async function publishedWith(photoIds: number[]) {
  const id = await createPending(ctx, world.owner.auth, { photoIds })
  await approve(ctx, world.staff.auth, id)
  return id
}

/** What the public sees of a post's photos: on its page and as the feed thumbnail. */
async function publicPhotos(listingId: number) {
  const detail = (await get(`/api/listings/${listingId}`)).json()
  const feedItem = (await get('/api/listings')).json().items.find((i: { id: number }) => i.id === listingId)
  return { photos: detail.photos.map((p: { id: number }) => p.id) as number[], thumbUrl: feedItem?.thumbUrl ?? null }
}

describe('POST /api/uploads', () => {
  it('stores a real camera JPEG as a ≤ 1280 px copy and a 360×360 thumbnail', async () => {
    const photo = await upload(world.owner.auth, photoJpeg)
    expect(photo.url).toMatch(/^\/uploads\/photos\/.+\.jpg$/)
    expect(photo.thumbUrl).toMatch(/^\/uploads\/thumbs\/.+\.jpg$/)
    const big = await get(photo.url)
    expect(big.statusCode).toBe(200)
    const bigMeta = await sharp(big.rawPayload).metadata()
    expect(bigMeta.format).toBe('jpeg')
    expect(Math.max(bigMeta.width!, bigMeta.height!)).toBe(1280)
    expect(bigMeta.width! / bigMeta.height!).toBeCloseTo(1.5, 1)
    const thumb = await sharp((await get(photo.thumbUrl)).rawPayload).metadata()
    expect([thumb.width, thumb.height]).toEqual([360, 360])
    // Sent to WeChat's asynchronous image check; pending until the push.
    const row = await uploadRow(photo.id)
    expect(row).toMatchObject({ owner_id: world.owner.id, check_status: 'pending', listing_id: null })
    expect(row.trace_id).toEqual(expect.any(String))
    const checks = (await (await fetch(`${ctx.emulatorUrl}/__emulator/media-checks`)).json()).mediaChecks
    expect(checks.find((c: { traceId: string }) => c.traceId === row.trace_id)).toMatchObject({ mediaType: 2, scene: 3 }) // WeChat: 2 = image
  })

  it('a small image is not enlarged', async () => {
    const photo = await upload(world.owner.auth, await makeJpeg(400, 300))
    const meta = await sharp((await get(photo.url)).rawPayload).metadata()
    expect([meta.width, meta.height]).toEqual([400, 300])
  })

  it('a file that is not an image → 400 IMAGE_INVALID, nothing stored', async () => {
    const before = (await ctx.db.selectFrom('uploads').select('id').execute()).length
    const res = await uploadPhoto(ctx, world.owner.auth, Buffer.from('this is not a picture'))
    expectError(res, 400, 'IMAGE_INVALID')
    expect((await ctx.db.selectFrom('uploads').select('id').execute()).length).toBe(before)
  })

  it('a request that is not multipart → 4xx, not 5xx', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/uploads', headers: world.owner.auth, payload: { file: 'x' } })
    expect(res.statusCode).toBeGreaterThanOrEqual(400)
    expect(res.statusCode).toBeLessThan(500)
  })

  it('a multipart request without a file → 400 IMAGE_INVALID', async () => {
    const form = new FormData()
    form.append('note', 'no file here')
    const encoded = new Response(form)
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: { ...world.owner.auth, 'content-type': encoded.headers.get('content-type')! },
      payload: Buffer.from(await encoded.arrayBuffer()),
    })
    expectError(res, 400, 'IMAGE_INVALID')
  })

  it('a truncated JPEG → 400 IMAGE_INVALID', async () => {
    const res = await uploadPhoto(ctx, world.owner.auth, photoJpeg.subarray(0, 2000))
    expectError(res, 400, 'IMAGE_INVALID')
  })

  it.each([
    ['a body cut short', 'multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc'],
    ['garbage before the boundary', 'multipart/form-data; boundary=xyz', 'garbage--xyz\r\nContent-Disposition: form-data; name="file"'],
    ['no boundary', 'multipart/form-data', 'x'],
  ])('a broken multipart body (%s) → 400 IMAGE_INVALID, not a 5xx', async (_name, contentType, payload) => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/uploads', headers: { ...world.owner.auth, 'content-type': contentType }, payload })
    expectError(res, 400, 'IMAGE_INVALID')
  })

  it('a 16000×16000 PNG of a few kilobytes → 400 IMAGE_TOO_MANY_PIXELS, refused from its header, nothing stored', async () => {
    const bomb = pngOfSize(16000, 16000)
    expect(bomb.length).toBeLessThan(300 * 1024)
    const rows = async () => (await ctx.db.selectFrom('uploads').select('id').execute()).length
    const before = { rows: await rows(), files: (await ctx.storage.list('')).length }
    const res = await uploadPhoto(ctx, world.owner.auth, bomb)
    expectError(res, 400, 'IMAGE_TOO_MANY_PIXELS')
    expect({ rows: await rows(), files: (await ctx.storage.list('')).length }).toEqual(before)
    // The avatar takes the same road.
    const body = await multipartBody(bomb, 'bomb.png', 'image/png')
    const avatar = await ctx.app.inject({ method: 'POST', url: '/api/users/me/avatar', headers: { ...world.owner.auth, 'content-type': body.contentType }, payload: body.payload })
    expectError(avatar, 400, 'IMAGE_TOO_MANY_PIXELS')
  })

  it('an image just under the pixel limit (8000×6000 = 48 MP) is taken', async () => {
    const big = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#4a7' } }).jpeg({ quality: 60 }).toBuffer()
    const photo = await upload(world.owner.auth, big)
    const meta = await sharp((await get(photo.url)).rawPayload).metadata()
    expect([meta.width, meta.height]).toEqual([1280, 960])
  })

  it('a file over 10 MB → 413 IMAGE_TOO_LARGE', async () => {
    const res = await uploadPhoto(ctx, world.owner.auth, Buffer.alloc(10 * 1024 * 1024 + 1, 7))
    expectError(res, 413, 'IMAGE_TOO_LARGE')
  })

  it('needs a login', async () => {
    const body = await multipartBody(photoJpeg)
    const res = await ctx.app.inject({ method: 'POST', url: '/api/uploads', headers: { 'content-type': body.contentType }, payload: body.payload })
    expectError(res, 401, 'AUTH_REQUIRED')
  })
})

describe('photos on a post and WeChat’s image check', () => {
  it('the public sees no photo until a signed push says pass; then on the page and in the feed at once', async () => {
    const photo = await upload()
    const id = await publishedWith([photo.id])
    expect(await publicPhotos(id)).toEqual({ photos: [], thumbUrl: null })
    // The owner and staff see the photo while it is checked.
    expect((await get(`/api/listings/${id}`, world.owner.auth)).json().photos.map((p: { id: number }) => p.id)).toEqual([photo.id])
    expect((await get(`/api/listings/${id}`, world.staff.auth)).json().photos).toHaveLength(1)

    const row = await uploadRow(photo.id)
    const res = await push(mediaCheckEvent(row.trace_id!, 'pass'))
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('success')
    expect(await publicPhotos(id)).toEqual({ photos: [photo.id], thumbUrl: photo.thumbUrl })
  })

  it('a wrongly signed push → 403 and nothing changes', async () => {
    const photo = await upload()
    const id = await publishedWith([photo.id])
    const row = await uploadRow(photo.id)
    const good = signedQuery()
    const cases = [
      signedQuery('wrong-token'),
      { ...good, nonce: `${good.nonce}x` },
      { ...good, timestamp: String(Number(good.timestamp) + 1) },
      { ...good, signature: good.signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) },
    ]
    for (const query of cases) {
      const res = await push(mediaCheckEvent(row.trace_id!, 'pass'), query)
      expectError(res, 403, 'FORBIDDEN')
    }
    // Unsigned or malformed signatures are refused too.
    expect((await ctx.app.inject({ method: 'POST', url: '/api/wechat/push', payload: mediaCheckEvent(row.trace_id!, 'pass') })).statusCode).toBe(400)
    expect((await push(mediaCheckEvent(row.trace_id!, 'pass'), { ...good, signature: 'zz' })).statusCode).toBe(400)
    expect((await uploadRow(photo.id)).check_status).toBe('pending')
    expect(await publicPhotos(id)).toEqual({ photos: [], thumbUrl: null })
  })

  it('a risky (or review) push: the photo is never shown, not even to the owner', async () => {
    const risky = await upload()
    const review = await upload()
    const fine = await upload()
    const id = await publishedWith([risky.id, review.id, fine.id])
    for (const [photo, suggest] of [
      [risky, 'risky'],
      [review, 'review'],
      [fine, 'pass'],
    ] as const) {
      expect((await push(mediaCheckEvent((await uploadRow(photo.id)).trace_id!, suggest))).statusCode).toBe(200)
    }
    expect(await publicPhotos(id)).toEqual({ photos: [fine.id], thumbUrl: fine.thumbUrl })
    expect((await get(`/api/listings/${id}`, world.owner.auth)).json().photos.map((p: { id: number }) => p.id)).toEqual([fine.id])
    const queueItem = async () => (await get('/api/staff/review/queue', world.staff.auth)).json().items.find((i: { id: number }) => i.id === id)
    // Edited back to review: staff see only what may be shown.
    await ctx.app.inject({ method: 'PUT', url: `/api/listings/${id}`, headers: world.owner.auth, payload: listingBody({ photoIds: [fine.id] }) })
    expect((await queueItem()).photos).toHaveLength(1)
  })

  it('a push for a trace id we do not know, or another event, is acknowledged and ignored', async () => {
    const res = await push(mediaCheckEvent('emu-unknown-trace', 'pass'))
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('success')
    const other = await push({ MsgType: 'event', Event: 'user_enter_tempsession' })
    expect(other.statusCode).toBe(200)
  })

  it('answers WeChat’s URL check (GET with echostr) only when signed', async () => {
    const ok = await get(`/api/wechat/push?${new URLSearchParams({ ...signedQuery(), echostr: 'check-123' })}`)
    expect(ok.statusCode).toBe(200)
    expect(ok.body).toBe('check-123')
    const bad = await get(`/api/wechat/push?${new URLSearchParams({ ...signedQuery('nope'), echostr: 'check-123' })}`)
    expect(bad.statusCode).toBe(403)
    expect(bad.body).not.toContain('check-123')
  })

  it('photos are kept in the order given, and dropping one from an edit frees it', async () => {
    const a = await upload()
    const b = await upload()
    const id = await createPending(ctx, world.owner.auth, { photoIds: [b.id, a.id] })
    expect((await get(`/api/listings/${id}`, world.owner.auth)).json().photos.map((p: { id: number }) => p.id)).toEqual([b.id, a.id])
    await ctx.app.inject({ method: 'PUT', url: `/api/listings/${id}`, headers: world.owner.auth, payload: listingBody({ photoIds: [a.id] }) })
    expect((await uploadRow(b.id)).listing_id).toBeNull()
    // … and usable by another post of the same person.
    const res = await postListing(ctx, world.owner.auth, listingBody({ photoIds: [b.id] }), newKey())
    expect(res.statusCode).toBe(201)
  })
})

describe('with the emulator pushing for real', () => {
  it('an uploaded photo becomes public once the emulator’s signed push reaches the listening server', async () => {
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const set = await fetch(`${ctx.emulatorUrl}/__emulator/push-url`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${address}/api/wechat/push` }),
    })
    expect((await set.json()).ok).toBe(true)

    const photo = await upload()
    const id = await publishedWith([photo.id])
    const deadline = Date.now() + 5000
    let seen = await publicPhotos(id)
    while (!seen.photos.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50))
      seen = await publicPhotos(id)
    }
    expect(seen).toEqual({ photos: [photo.id], thumbUrl: photo.thumbUrl })
    const checks = (await (await fetch(`${ctx.emulatorUrl}/__emulator/media-checks`)).json()).mediaChecks
    const traceId = (await uploadRow(photo.id)).trace_id
    expect(checks.find((c: { traceId: string }) => c.traceId === traceId)?.push).toBe('delivered')
  })
})
