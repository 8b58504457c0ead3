// Uploaded files behind one storage interface (issue 10): local disk, the embedded default, and
// S3-compatible object storage, here a real S3-protocol server (s3rver) on a free port spoken to
// through the AWS SDK, never a mocked one. Each store keeps the same contract; two API instances on
// one database and one bucket serve each other's photos; and no file outlives what refers to it:
// replaced avatars, deleted accounts, uploads never attached to anything.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { loadConfig } from '../../server/src/config'
import { createStorage, type Storage } from '../../server/src/storage'
import { sweepUnattachedUploads } from '../../server/src/modules/uploads/uploads.sweep'
import { useTestContext } from './helpers'
import { startS3Server, type S3TestServer } from './s3-server'
import { TestClock, contestBody, entryBody } from './contests-fixtures'
import { createPending, listingBody, makeJpeg, multipartBody, registerPerson, uploadPhoto, uploadProof, useWorld, type Auth } from './listings-fixtures'

const HOUR = 60 * 60 * 1000

/** The key behind an image URL (…/uploads/<key> or <S3_PUBLIC_URL>/<key>). */
function keyOf(url: string): string {
  const m = /(?:avatars|photos|thumbs)\/[^/?]+$/.exec(url)
  if (!m) throw new Error(`no key in ${url}`)
  return m[0]
}

describe.each(['local', 's3'] as const)('the %s store keeps the one contract', (kind) => {
  let storage: Storage
  let s3: S3TestServer | undefined
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tianfu-store-'))
    if (kind === 's3') s3 = await startS3Server()
    storage = createStorage(loadConfig({ UPLOAD_DIR: dir, ...(s3?.env ?? {}) }))
  })
  afterAll(async () => {
    await storage?.close()
    await s3?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const read = async (key: string) => {
    const object = await storage.get(key)
    if (!object) return null
    const chunks: Buffer[] = []
    for await (const chunk of object.body) chunks.push(Buffer.from(chunk))
    return { bytes: Buffer.concat(chunks), contentType: object.contentType, size: object.size }
  }

  it('puts, gets, lists and deletes', async () => {
    const bytes = await makeJpeg(300, 200)
    await storage.put('photos/contract-a.jpg', bytes, 'image/jpeg')
    await storage.put('thumbs/contract-a.jpg', Buffer.from('thumb'), 'image/jpeg')
    expect(storage.kind).toBe(kind)
    const got = await read('photos/contract-a.jpg')
    expect(got).toEqual({ bytes, contentType: 'image/jpeg', size: bytes.length })
    expect(await storage.list('photos/')).toEqual(['photos/contract-a.jpg'])
    expect(await storage.list('')).toEqual(['photos/contract-a.jpg', 'thumbs/contract-a.jpg'])

    await storage.delete('photos/contract-a.jpg')
    expect(await storage.get('photos/contract-a.jpg')).toBeNull()
    expect(await storage.list('')).toEqual(['thumbs/contract-a.jpg'])
  })

  it('a key that is not there: get answers null, delete is no error (deletions are retried)', async () => {
    expect(await storage.get('photos/never-there.jpg')).toBeNull()
    await expect(storage.delete('photos/never-there.jpg')).resolves.toBeUndefined()
  })

  it('putting a key again replaces it whole', async () => {
    await storage.put('avatars/replaced.jpg', Buffer.from('first version, longer'), 'image/jpeg')
    await storage.put('avatars/replaced.jpg', Buffer.from('second'), 'image/jpeg')
    expect((await read('avatars/replaced.jpg'))?.bytes.toString()).toBe('second')
    expect(await storage.list('avatars/')).toEqual(['avatars/replaced.jpg'])
  })

  it.each(['../outside.jpg', 'photos/../../etc/passwd', '/photos/a.jpg', 'photos/', 'photos/a b.jpg', ''])('refuses %j as a key', async (key) => {
    await expect(storage.put(key, Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/not a storage key/)
    await expect(storage.get(key)).rejects.toThrow(/not a storage key/)
    await expect(storage.delete(key)).rejects.toThrow(/not a storage key/)
  })

  it('has no public URL of its own unless S3_PUBLIC_URL names one', async () => {
    expect(storage.publicUrl('photos/a.jpg')).toBeNull()
    if (kind !== 's3') return
    const bucketUrl = `${s3!.env.S3_ENDPOINT}/${s3!.env.S3_BUCKET}/`
    const withPublic = createStorage(loadConfig({ ...s3!.env, S3_PUBLIC_URL: bucketUrl }))
    try {
      expect(withPublic.publicUrl('photos/a.jpg')).toBe(`${bucketUrl}photos/a.jpg`)
    } finally {
      await withPublic.close()
    }
  })
})

describe('STORAGE=s3 settings', () => {
  it('names every missing setting, and none of the secrets', () => {
    let message = ''
    try {
      loadConfig({ STORAGE: 's3', S3_SECRET_ACCESS_KEY: 'very-secret-value' })
    } catch (err) {
      message = (err as Error).message
    }
    for (const name of ['S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID']) expect(message).toContain(name)
    expect(message).not.toContain('S3_SECRET_ACCESS_KEY')
    expect(message).not.toContain('very-secret-value')
  })

  it('reads a Tencent COS setup', () => {
    const config = loadConfig({
      STORAGE: 's3',
      S3_ENDPOINT: 'https://cos.ap-chengdu.myqcloud.com',
      S3_REGION: 'ap-chengdu',
      S3_BUCKET: 'tianfu-1250000000',
      S3_ACCESS_KEY_ID: 'AKIDexample',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_PUBLIC_URL: 'https://img.example.cn/',
    })
    expect(config.storage).toMatchObject({ kind: 's3', region: 'ap-chengdu', forcePathStyle: false, publicUrl: 'https://img.example.cn' })
  })
})

describe('two API instances on one database and one bucket', () => {
  let s3: S3TestServer
  const clock = new TestClock()

  beforeAll(async () => {
    s3 = await startS3Server()
  })
  const a = useTestContext(() => s3.env, { now: clock.now })
  // Closed with A, before it.
  const b = useTestContext({}, () => ({ sharing: a, now: clock.now }))
  const world = useWorld(a, clock.now)
  // Declared after the instances, so it stops once they are closed.
  afterAll(async () => {
    await s3?.close()
  })

  it('a photo uploaded through A is served by B from the bucket, with long cache headers', async () => {
    const res = await uploadPhoto(a, world.owner.auth, await makeJpeg(3000, 2000))
    expect(res.statusCode).toBe(200)
    const photo = res.json() as { id: number; url: string; thumbUrl: string }
    expect(photo.url).toMatch(/^\/uploads\/photos\/[0-9a-f-]{36}\.jpg$/)
    // In the bucket, not on either instance's disk.
    expect(await a.storage.list('photos/')).toContain(keyOf(photo.url))

    const onB = await b.app.inject({ method: 'GET', url: photo.url })
    expect(onB.statusCode).toBe(200)
    expect(onB.headers['content-type']).toBe('image/jpeg')
    expect(onB.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    const meta = await sharp(onB.rawPayload).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1280, 853])
    expect(onB.rawPayload.equals((await a.app.inject({ method: 'GET', url: photo.url })).rawPayload)).toBe(true)
    const thumb = await sharp((await b.app.inject({ method: 'GET', url: photo.thumbUrl })).rawPayload).metadata()
    expect([thumb.width, thumb.height]).toEqual([360, 360])

    // A browser asking again with the ETag it has gets 304; HEAD answers without the body.
    const again = await b.app.inject({ method: 'GET', url: photo.url, headers: { 'if-none-match': String(onB.headers.etag) } })
    expect(again.statusCode).toBe(304)
    expect(again.rawPayload.length).toBe(0)
    const head = await b.app.inject({ method: 'HEAD', url: photo.url })
    expect(head.statusCode).toBe(200)
    expect(head.rawPayload.length).toBe(0)

    // And B can publish it: the photo is the same row to both.
    const id = await createPending(b, world.owner.auth, { photoIds: [photo.id] })
    const detail = (await a.app.inject({ method: 'GET', url: `/api/listings/${id}`, headers: world.owner.auth })).json()
    expect(detail.photos.map((p: { id: number }) => p.id)).toEqual([photo.id])
  })

  it('an avatar set through B shows through A', async () => {
    const body = await multipartBody(await makeJpeg(800, 800))
    const set = await b.app.inject({ method: 'POST', url: '/api/users/me/avatar', headers: { ...world.owner.auth, 'content-type': body.contentType }, payload: body.payload })
    expect(set.statusCode).toBe(200)
    const { avatarUrl } = (await a.app.inject({ method: 'GET', url: '/api/users/me', headers: world.owner.auth })).json()
    expect(avatarUrl).toBe(set.json().avatarUrl)
    const image = await a.app.inject({ method: 'GET', url: avatarUrl })
    expect(image.statusCode).toBe(200)
    expect(await sharp(image.rawPayload).metadata()).toMatchObject({ width: 256, height: 256 })
  })

  it('a key no instance stored → 404 NOT_FOUND in Chinese, as is anything that is not a key', async () => {
    for (const url of ['/uploads/photos/00000000-0000-0000-0000-000000000000.jpg', '/uploads/..%2F..%2Fetc%2Fpasswd', '/uploads/photos']) {
      const res = await b.app.inject({ method: 'GET', url })
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/[\u4e00-\u9fa5]/) })
    }
  })
})

describe('S3_PUBLIC_URL: the app loads images straight from the bucket', () => {
  let s3: S3TestServer

  beforeAll(async () => {
    s3 = await startS3Server()
  })
  const ctx = useTestContext(() => ({ ...s3.env, S3_PUBLIC_URL: `${s3.env.S3_ENDPOINT}/${s3.env.S3_BUCKET}` }))
  // Declared after the context, so it stops once the app is closed.
  afterAll(async () => {
    await s3?.close()
  })

  it('an avatar URL names the bucket, and the bucket answers it without the API', async () => {
    const person = await registerPerson(ctx, 'farmer')
    const body = await multipartBody(await makeJpeg(600, 400))
    const res = await ctx.app.inject({ method: 'POST', url: '/api/users/me/avatar', headers: { ...person.auth, 'content-type': body.contentType }, payload: body.payload })
    expect(res.statusCode).toBe(200)
    const { avatarUrl } = res.json()
    expect(avatarUrl).toMatch(new RegExp(`^${s3.env.S3_ENDPOINT}/${s3.env.S3_BUCKET}/avatars/[0-9a-f-]{36}\\.jpg$`))
    const fetched = await fetch(avatarUrl)
    expect(fetched.status).toBe(200)
    expect(fetched.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await sharp(Buffer.from(await fetched.arrayBuffer())).metadata()).toMatchObject({ format: 'jpeg', width: 256, height: 256 })
  })
})

describe.each(['local', 's3'] as const)('no file is left behind (%s store)', (kind) => {
  let s3: S3TestServer | undefined
  const clock = new TestClock()

  beforeAll(async () => {
    if (kind === 's3') s3 = await startS3Server()
  })
  const ctx = useTestContext(() => s3?.env ?? {}, { now: clock.now })
  const world = useWorld(ctx, clock.now)
  // Declared after the context, so it stops once the app is closed.
  afterAll(async () => {
    await s3?.close()
  })

  const avatar = async (auth: Auth, image: Buffer) => {
    const body = await multipartBody(image)
    return ctx.app.inject({ method: 'POST', url: '/api/users/me/avatar', headers: { ...auth, 'content-type': body.contentType }, payload: body.payload })
  }
  const upload = async (auth: Auth) => {
    const res = await uploadPhoto(ctx, auth)
    expect(res.statusCode).toBe(200)
    return res.json() as { id: number; url: string; thumbUrl: string }
  }
  const pendingDeletions = async () => (await ctx.db.selectFrom('file_deletions').select('key').execute()).map((r) => r.key)

  it('parallel avatar uploads leave exactly one file: the one the profile shows', async () => {
    const person = await registerPerson(ctx, 'farmer')
    const images = await Promise.all([makeJpeg(500, 500), makeJpeg(600, 600), makeJpeg(700, 700), makeJpeg(800, 800)])
    const before = new Set(await ctx.storage.list('avatars/'))
    const results = await Promise.all(images.map((image) => avatar(person.auth, image)))
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200])

    const { avatarUrl } = (await ctx.app.inject({ method: 'GET', url: '/api/users/me', headers: person.auth })).json()
    const added = (await ctx.storage.list('avatars/')).filter((k) => !before.has(k))
    expect(added).toEqual([keyOf(avatarUrl)])
    expect((await ctx.app.inject({ method: 'GET', url: avatarUrl })).statusCode).toBe(200)
    // Nothing waits to be retried either: every replaced file is gone already.
    expect(await pendingDeletions()).toEqual([])
  })

  it('deleting an account removes every file of the person from the store, and only theirs', async () => {
    const person = await registerPerson(ctx, 'expert', '513328100', '将注销的人')
    const other = await registerPerson(ctx, 'farmer', '513328100', '留下的人')
    const othersPhoto = await upload(other.auth)
    expect((await avatar(other.auth, await makeJpeg(300, 300))).statusCode).toBe(200)

    // An avatar, a post's photo, a verification's proof photo, a contest entry's photo, and one never used.
    expect((await avatar(person.auth, await makeJpeg(300, 300))).statusCode).toBe(200)
    const postPhoto = await upload(person.auth)
    await createPending(ctx, person.auth, { photoIds: [postPhoto.id], regionCode: '513328100' })
    const proof = (await uploadProof(ctx, person.auth)).json()
    const asked = await ctx.app.inject({
      method: 'POST',
      url: '/api/verifications',
      headers: person.auth,
      payload: { institution: '四川农业大学', title: '讲师', proofId: proof.id },
    })
    expect(asked.statusCode).toBe(201)
    const proofKeys = Object.values(await ctx.db.selectFrom('uploads').select(['path', 'thumb_path']).where('id', '=', proof.id).executeTakeFirstOrThrow())
    const entryPhoto = await upload(person.auth)
    const contest = await ctx.app.inject({ method: 'POST', url: '/api/staff/contests', headers: world.staff.auth, payload: contestBody() })
    expect(contest.statusCode).toBe(201)
    const entry = await ctx.app.inject({
      method: 'POST',
      url: `/api/contests/${contest.json().id}/entries`,
      headers: person.auth,
      payload: entryBody({ photoIds: [entryPhoto.id] }),
    })
    expect(entry.statusCode).toBe(201)
    const unused = await upload(person.auth)

    const { avatarUrl } = (await ctx.app.inject({ method: 'GET', url: '/api/users/me', headers: person.auth })).json()
    const theirs = [avatarUrl, ...[postPhoto, entryPhoto, unused].flatMap((p) => [p.url, p.thumbUrl])].map(keyOf).concat(proofKeys)
    const stored = new Set(await ctx.storage.list(''))
    for (const key of theirs) expect(stored.has(key)).toBe(true)

    expect((await ctx.app.inject({ method: 'DELETE', url: '/api/users/me', headers: person.auth })).statusCode).toBe(200)

    const left = new Set(await ctx.storage.list(''))
    expect(theirs.filter((key) => left.has(key))).toEqual([])
    for (const url of [avatarUrl, postPhoto.url, entryPhoto.thumbUrl]) expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(404)
    // The other person's files stay.
    const othersAvatar = (await ctx.app.inject({ method: 'GET', url: '/api/users/me', headers: other.auth })).json().avatarUrl
    for (const url of [othersPhoto.url, othersPhoto.thumbUrl, othersAvatar]) expect(left.has(keyOf(url))).toBe(true)
    expect(await pendingDeletions()).toEqual([])
  })

  it('the sweep removes uploads never attached after a day, and keeps attached and fresh ones', async () => {
    const person = await registerPerson(ctx, 'farmer', '513328100')
    const abandoned = await upload(person.auth)
    const attached = await upload(person.auth)
    await createPending(ctx, person.auth, { photoIds: [attached.id], regionCode: '513328100' })
    clock.at = new Date(clock.at.getTime() + 23 * HOUR)
    const fresh = await upload(person.auth)
    const deps = { db: ctx.db, storage: ctx.storage }

    // 23 hours on: nothing is a day old yet.
    expect(await sweepUnattachedUploads(deps, clock.now())).toBe(0)
    clock.at = new Date(clock.at.getTime() + 2 * HOUR)
    const count = async () => (await ctx.db.selectFrom('uploads').select('id').execute()).length
    const before = await count()
    const swept = await sweepUnattachedUploads(deps, clock.now())
    // Earlier tests left a day-old unattached photo or two as well: the count is of rows removed.
    expect(swept).toBeGreaterThanOrEqual(1)
    expect(before - (await count())).toBe(swept)

    const ids = (await ctx.db.selectFrom('uploads').select('id').where('id', 'in', [abandoned.id, attached.id, fresh.id]).execute()).map((r) => r.id)
    expect(ids.sort()).toEqual([attached.id, fresh.id].sort())
    const left = new Set(await ctx.storage.list(''))
    expect(left.has(keyOf(abandoned.url)) || left.has(keyOf(abandoned.thumbUrl))).toBe(false)
    for (const p of [attached, fresh]) for (const url of [p.url, p.thumbUrl]) expect(left.has(keyOf(url))).toBe(true)
    expect((await ctx.app.inject({ method: 'GET', url: abandoned.url })).statusCode).toBe(404)
    // The swept photo can no longer be attached; the app is told to upload it again.
    const late = await ctx.app.inject({
      method: 'POST',
      url: '/api/listings',
      headers: { ...person.auth, 'idempotency-key': `k_sweep_${kind}_late_attach` },
      payload: listingBody({ photoIds: [abandoned.id], regionCode: '513328100' }),
    })
    expect(late.statusCode).toBe(400)
    expect(late.json().code).toBe('PHOTO_INVALID')
    expect(await sweepUnattachedUploads(deps, clock.now())).toBe(0)
  })

  if (kind === 's3') {
    it('files the bucket could not delete while it was down are removed by the next sweep', async () => {
      const person = await registerPerson(ctx, 'farmer', '513328100')
      const photo = await upload(person.auth)
      const keys = [photo.url, photo.thumbUrl].map(keyOf)
      await s3!.stop()
      try {
        // The account is erased all the same; the files wait on the list.
        expect((await ctx.app.inject({ method: 'DELETE', url: '/api/users/me', headers: person.auth })).statusCode).toBe(200)
        expect((await pendingDeletions()).sort()).toEqual(keys.sort())
      } finally {
        await s3!.start()
      }
      expect(await ctx.storage.list('')).toEqual(expect.arrayContaining(keys))
      await sweepUnattachedUploads({ db: ctx.db, storage: ctx.storage }, clock.now())
      const left = new Set(await ctx.storage.list(''))
      expect(keys.filter((k) => left.has(k))).toEqual([])
      expect(await pendingDeletions()).toEqual([])
    })
  }
})
