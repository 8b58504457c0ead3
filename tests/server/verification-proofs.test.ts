// Verification on evidence (issue 12, defect 3): a chair sends real name, post and a photo of the
// appointment letter or work card; an expert institution, title and a certificate photo. The photos
// are private — no public URL, not served by /uploads/, only to the applicant and staff who may
// decide the claim, never cached, every view audited — and erased PROOF_RETENTION_DAYS after the
// decision by a scheduled job, and at once when the account is deleted. On both stores (local disk
// and a real S3-protocol server with a public bucket origin) and both databases.
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { PROOF_RETENTION_DAYS } from '../../server/src/modules/verifications/verifications.proofs'
import { useTestContext } from './helpers'
import { startS3Server, type S3TestServer } from './s3-server'
import { TestClock } from './contests-fixtures'
import { CHINESE, devLogin, expectError, GANZI_TOWN, makeJpeg, registerPerson, uploadPhoto, uploadProof, useWorld, type Auth, type InjectOptions, type Person } from './listings-fixtures'

const DAY = 24 * 60 * 60 * 1000

describe.each(['local', 's3'] as const)('proof photos (%s store)', (kind) => {
  let s3: S3TestServer | undefined
  const clock = new TestClock()
  beforeAll(async () => {
    if (kind === 's3') s3 = await startS3Server()
  })
  // With S3_PUBLIC_URL the bucket serves ordinary photos itself: proofs must still get no URL there.
  const ctx = useTestContext(() => (s3 ? { ...s3.env, S3_PUBLIC_URL: `${s3.env.S3_ENDPOINT}/${s3.env.S3_BUCKET}` } : {}), { now: clock.now })
  const world = useWorld(ctx, clock.now)
  afterAll(async () => {
    await s3?.close()
  })

  /** Every answer's body the tests saw: no proof key or public address may appear in any of them. */
  const bodies: string[] = []
  const json = (res: { body: string; json(): any }) => {
    bodies.push(res.body)
    return res.json()
  }
  const inject = async (opts: InjectOptions) => {
    const res = await ctx.app.inject(opts)
    if (String(res.headers['content-type'] ?? '').includes('json')) bodies.push(res.body)
    return res
  }
  const proof = async (auth: Auth) => {
    const res = await uploadProof(ctx, auth, await makeJpeg(900, 600))
    expect(res.statusCode).toBe(200)
    return json(res).id as number
  }
  const ask = (auth: Auth, payload: object) => inject({ method: 'POST', url: '/api/verifications', headers: auth, payload })
  const view = (id: number, auth?: Auth, size?: 'thumb') =>
    ctx.app.inject({ method: 'GET', url: `/api/verifications/${id}/proof${size ? `?size=${size}` : ''}`, headers: auth ?? {} })
  const keysOf = async (uploadId: number) => {
    const row = await ctx.db.selectFrom('uploads').select(['path', 'thumb_path', 'kind']).where('id', '=', uploadId).executeTakeFirst()
    return row ? { ...row, keys: [row.path, row.thumb_path] } : null
  }
  const stored = async (key: string) => {
    const object = await ctx.storage.get(key)
    if (!object) return null
    const chunks: Buffer[] = []
    for await (const chunk of object.body) chunks.push(Buffer.from(chunk))
    return Buffer.concat(chunks)
  }
  const audits = async (id: number, action = 'verification.proof_view') =>
    (await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target_id', '=', String(id)).orderBy('id').execute()).map((r) => ({
      actor: r.actor_id,
      details: JSON.parse(r.details),
    }))
  async function staffOf(area: string): Promise<Person> {
    const person = await registerPerson(ctx, 'farmer', GANZI_TOWN)
    await ctx.db.updateTable('users').set({ is_staff: 1, staff_region_code: area }).where('id', '=', person.id).execute()
    return person
  }
  const chairClaim = async (chair: Person) => {
    const proofId = await proof(chair.auth)
    const res = await ask(chair.auth, { realName: '泽仁卓玛', post: '科协主席', proofId })
    expect(res.statusCode).toBe(201)
    return { id: json(res).id as number, proofId }
  }
  // Moving the clock a month on expires every session (and the sessions job deletes them): staff sign in again.
  const freshStaff = async () => (await devLogin(ctx, 'staff-sc')).auth
  const decide = (id: number, how: 'approve' | 'reject', auth = world.staff.auth) =>
    ctx.app.inject({ method: 'POST', url: `/api/staff/verifications/${id}/${how}`, headers: auth, ...(how === 'reject' ? { payload: { reason: '任命文件照片看不清，请重新拍摄' } } : {}) })

  describe('what each role must send', () => {
    it.each([
      ['nothing', {}, ['realName', 'post', 'proofId']],
      ['only a note (what was enough before)', { note: '甘孜镇科协主席' }, ['realName', 'post', 'proofId']],
      ['name and post, no photo', { realName: '泽仁卓玛', post: '科协主席' }, ['proofId']],
      ['a photo, no name', { post: '科协主席', proof: true }, ['realName']],
      ['an expert’s details instead', { institution: '甘孜县科协', title: '主席', proof: true }, ['realName', 'post']],
    ])('a chair sending %s → 400 VERIFICATION_DETAILS_REQUIRED naming what is missing; nothing pending', async (_name, body, fields) => {
      const chair = await registerPerson(ctx, 'chair', GANZI_TOWN)
      const { proof: withProof, ...rest } = body as Record<string, unknown>
      const res = await ask(chair.auth, { ...rest, ...(withProof ? { proofId: await proof(chair.auth) } : {}) })
      expectError(res, 400, 'VERIFICATION_DETAILS_REQUIRED')
      expect(Object.keys(res.json().fields).sort()).toEqual([...fields].sort())
      for (const message of Object.values(res.json().fields)) expect(message).toMatch(CHINESE)
      expect(await ctx.db.selectFrom('verifications').select('id').where('user_id', '=', chair.id).execute()).toEqual([])
    })

    it('a chair with name, post and photo is pending, and staff see all three with the township', async () => {
      const chair = await registerPerson(ctx, 'chair', GANZI_TOWN, '甘孜镇主席')
      const { id } = await chairClaim(chair)
      const item = json(await inject({ method: 'GET', url: '/api/staff/verifications', headers: world.staff.auth })).items.find((v: { id: number }) => v.id === id)
      expect(item).toMatchObject({ role: 'chair', realName: '泽仁卓玛', post: '科协主席', proofUrl: `/api/verifications/${id}/proof`, status: 'pending' })
      expect(item.region.township.name).toBe('甘孜镇')
    })

    it('an expert without a certificate photo → VERIFICATION_DETAILS_REQUIRED on proofId', async () => {
      const expert = await registerPerson(ctx, 'expert', GANZI_TOWN)
      const res = await ask(expert.auth, { institution: '四川农业大学', title: '讲师' })
      expectError(res, 400, 'VERIFICATION_DETAILS_REQUIRED')
      expect(res.json().fields).toEqual({ proofId: expect.stringMatching(CHINESE) })
    })
  })

  describe('who gets the photo', () => {
    let chair: Person
    let claim: { id: number; proofId: number }
    let county: Person
    let otherCounty: Person

    beforeAll(async () => {
      chair = await registerPerson(ctx, 'chair', GANZI_TOWN, '隐私主席')
      claim = await chairClaim(chair)
      county = await staffOf('513328') // 甘孜县: holds the claimant's township
      otherCounty = await staffOf('510104') // 成都市锦江区
    })

    it('is stored under the private prefix, and the upload answers its id only', async () => {
      const files = await keysOf(claim.proofId)
      expect(files).toMatchObject({ kind: 'proof' })
      for (const key of files!.keys) {
        expect(key).toMatch(/^proofs\//)
        expect(await stored(key)).not.toBeNull()
      }
      const res = await uploadProof(ctx, chair.auth)
      expect(Object.keys(res.json())).toEqual(['id'])
    })

    it('anonymous → 401, another person → 404, staff of another area → 403; none is audited', async () => {
      expectError(await view(claim.id), 401, 'AUTH_REQUIRED')
      expectError(await view(claim.id, world.stranger.auth), 404, 'NOT_FOUND')
      expectError(await view(claim.id, world.verifiedChair.auth, 'thumb'), 404, 'NOT_FOUND')
      expectError(await view(claim.id, otherCounty.auth), 403, 'FORBIDDEN')
      expect(await audits(claim.id)).toEqual([])
    })

    // Object storage only: the local store keeps no headers of its own (the route sets them).
    if (kind === 's3')
      it('in the bucket, a proof object says no cache may keep it (a photo says the opposite)', async () => {
        if (!s3) throw new Error('no S3 server')
        const client = new S3Client({
          endpoint: s3.env.S3_ENDPOINT,
          region: s3.env.S3_REGION,
          forcePathStyle: true,
          credentials: { accessKeyId: s3.env.S3_ACCESS_KEY_ID, secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY },
        })
        try {
          const head = (key: string) => client.send(new HeadObjectCommand({ Bucket: s3!.env.S3_BUCKET, Key: key }))
          for (const key of (await keysOf(claim.proofId))!.keys) expect((await head(key)).CacheControl).toBe('private, no-store')
          const photo = json(await uploadPhoto(ctx, chair.auth))
          expect((await head((await keysOf(photo.id))!.path)).CacheControl).toBe('public, max-age=31536000, immutable')
          // And the photo's public address is the bucket's; a proof never gets one.
          expect(photo.url.startsWith(`${s3.env.S3_ENDPOINT}/${s3.env.S3_BUCKET}/photos/`)).toBe(true)
        } finally {
          client.destroy()
        }
      })

    it('is not served by the public files route, whoever asks', async () => {
      for (const key of (await keysOf(claim.proofId))!.keys) {
        for (const headers of [{}, world.staff.auth, chair.auth]) expect((await ctx.app.inject({ method: 'GET', url: `/uploads/${key}`, headers })).statusCode).toBe(404)
      }
    })

    it('staff of the area and the applicant get the bytes, never cached; each view is audited', async () => {
      const files = (await keysOf(claim.proofId))!
      for (const [auth, size, key] of [
        [county.auth, undefined, files.path],
        [world.staff.auth, 'thumb', files.thumb_path],
        [chair.auth, undefined, files.path],
      ] as const) {
        const res = await view(claim.id, auth, size)
        expect(res.statusCode).toBe(200)
        expect(res.headers['content-type']).toBe('image/jpeg')
        expect(res.headers['cache-control']).toBe('private, no-store')
        expect(res.rawPayload.equals((await stored(key))!)).toBe(true)
      }
      expect(await audits(claim.id)).toEqual([
        { actor: county.id, details: { userId: chair.id, by: 'staff', size: 'full' } },
        { actor: world.staff.id, details: { userId: chair.id, by: 'staff', size: 'thumb' } },
        { actor: chair.id, details: { userId: chair.id, by: 'applicant', size: 'full' } },
      ])
    })

    it('no answer carries a key, a /uploads/ or a bucket address of a proof', async () => {
      for (const auth of [chair.auth, world.staff.auth, county.auth]) {
        await inject({ method: 'GET', url: '/api/verifications/mine', headers: auth })
        await inject({ method: 'GET', url: '/api/staff/verifications?status=pending', headers: auth })
        await inject({ method: 'GET', url: '/api/users/me', headers: auth })
      }
      const proofs = await ctx.db.selectFrom('uploads').select(['path', 'thumb_path']).where('kind', '=', 'proof').execute()
      expect(proofs.length).toBeGreaterThan(3)
      const all = bodies.join('\n')
      expect(all).not.toContain('proofs/')
      for (const p of proofs) for (const key of [p.path, p.thumb_path]) expect(all).not.toContain(key.slice(key.lastIndexOf('/') + 1, -4))
    })

    it('a claim decided or not, the applicant’s own view of /mine points at the authorised route only', async () => {
      const mine = json(await inject({ method: 'GET', url: '/api/verifications/mine', headers: chair.auth })).verification
      expect(mine.proofUrl).toBe(`/api/verifications/${claim.id}/proof`)
    })
  })

  describe('retention', () => {
    it(`erases the photo ${PROOF_RETENTION_DAYS} days after the decision, by the scheduled job; the decision stays`, async () => {
      clock.set('2026-12-01T02:00:00.000Z')
      const approved = await registerPerson(ctx, 'chair', GANZI_TOWN)
      const rejected = await registerPerson(ctx, 'expert', GANZI_TOWN)
      const waiting = await registerPerson(ctx, 'chair', GANZI_TOWN)
      const a = await chairClaim(approved)
      const rProof = await proof(rejected.auth)
      const r = json(await ask(rejected.auth, { institution: '四川农业大学', title: '讲师', proofId: rProof })).id as number
      const w = await chairClaim(waiting)
      expect((await decide(a.id, 'approve')).statusCode).toBe(200)
      expect((await decide(r, 'reject')).statusCode).toBe(200)
      const files = { a: (await keysOf(a.proofId))!.keys, r: (await keysOf(rProof))!.keys, w: (await keysOf(w.proofId))!.keys }

      // A day short of the retention: nothing goes.
      clock.set(new Date(Date.parse('2026-12-01T02:00:00.000Z') + (PROOF_RETENTION_DAYS - 1) * DAY).toISOString())
      expect(await ctx.app.scheduler.tick()).toContain('verifications.proofs')
      for (const key of [...files.a, ...files.r, ...files.w]) expect(await stored(key)).not.toBeNull()

      clock.set(new Date(Date.parse('2026-12-01T02:00:00.000Z') + (PROOF_RETENTION_DAYS + 1) * DAY).toISOString())
      expect(await ctx.app.scheduler.tick()).toContain('verifications.proofs')
      for (const key of [...files.a, ...files.r]) expect(await stored(key)).toBeNull()
      expect(await keysOf(a.proofId)).toBeNull()
      expect(await keysOf(rProof)).toBeNull()
      const rows = await ctx.db.selectFrom('verifications').select(['id', 'status', 'reason', 'proof_upload_id', 'proof_erased_at', 'real_name']).where('id', 'in', [a.id, r]).orderBy('id').execute()
      expect(rows).toEqual([
        { id: a.id, status: 'verified', reason: null, proof_upload_id: null, proof_erased_at: expect.anything(), real_name: '泽仁卓玛' },
        { id: r, status: 'rejected', reason: '任命文件照片看不清，请重新拍摄', proof_upload_id: null, proof_erased_at: expect.anything(), real_name: null },
      ])
      const staff = await freshStaff()
      expectError(await view(a.id, staff), 404, 'NOT_FOUND')
      const decided = (await ctx.app.inject({ method: 'GET', url: '/api/staff/verifications?status=verified', headers: staff })).json().items
      expect(decided.find((v: { id: number }) => v.id === a.id)).toMatchObject({ status: 'verified', realName: '泽仁卓玛', proofUrl: null, proofErasedAt: expect.any(String) })
      expect((await audits(a.id, 'verification.proof_erase')).map((e) => e.actor)).toEqual([null])
      // A claim still pending keeps its photo, however old.
      for (const key of files.w) expect(await stored(key)).not.toBeNull()
      expect((await view(w.id, staff)).statusCode).toBe(200)
    })

    it('a photo sent again after a rejection stays while the new claim is pending', async () => {
      clock.set('2027-02-01T02:00:00.000Z')
      const expert = await registerPerson(ctx, 'expert', GANZI_TOWN)
      const proofId = await proof(expert.auth)
      const first = json(await ask(expert.auth, { institution: '四川农业大学', title: '讲师', proofId })).id as number
      expect((await decide(first, 'reject', await freshStaff())).statusCode).toBe(200)
      clock.set('2027-02-25T02:00:00.000Z')
      const second = json(await ask(expert.auth, { institution: '四川农业大学', title: '副教授', proofId })).id as number
      clock.set('2027-03-20T02:00:00.000Z')
      expect(await ctx.app.scheduler.tick()).toContain('verifications.proofs')
      expect(await keysOf(proofId)).not.toBeNull()
      expect((await view(second, await freshStaff())).statusCode).toBe(200)
      const firstRow = await ctx.db.selectFrom('verifications').select('proof_upload_id').where('id', '=', first).executeTakeFirstOrThrow()
      expect(firstRow.proof_upload_id).toBe(proofId)
    })

    it('moves a certificate sent before proofs were private off its public key', async () => {
      // As migration 016 leaves one: an ordinary photo's keys, marked a proof.
      const expert = await registerPerson(ctx, 'expert', GANZI_TOWN)
      const photo = json(await uploadPhoto(ctx, expert.auth, await makeJpeg(500, 400)))
      const old = (await keysOf(photo.id))!
      const bytes = await stored(old.path)
      await ctx.db.updateTable('uploads').set({ kind: 'proof', attached_at: clock.now().toISOString() }).where('id', '=', photo.id).execute()
      const row = await ctx.db
        .insertInto('verifications')
        .values({ user_id: expert.id, role: 'expert', institution: '四川农业大学', title: '讲师', proof_upload_id: photo.id, status: 'pending', created_at: clock.now().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow()
      clock.set(new Date(clock.now().getTime() + 2 * 60 * 60 * 1000).toISOString())
      expect(await ctx.app.scheduler.tick()).toContain('verifications.proofs')
      const moved = (await keysOf(photo.id))!
      for (const key of moved.keys) expect(key).toMatch(/^proofs\//)
      for (const key of old.keys) expect(await stored(key)).toBeNull()
      expect((await ctx.app.inject({ method: 'GET', url: `/uploads/${old.path}` })).statusCode).toBe(404)
      const res = await view(row.id, await freshStaff())
      expect(res.statusCode).toBe(200)
      expect(res.rawPayload.equals(bytes!)).toBe(true)
    })
  })

  it('deleting the account erases the photo and what was told to staff at once', async () => {
    const chair = await registerPerson(ctx, 'chair', GANZI_TOWN, '将注销的主席')
    const claim = await chairClaim(chair)
    const keys = (await keysOf(claim.proofId))!.keys
    expect((await ctx.app.inject({ method: 'DELETE', url: '/api/users/me', headers: chair.auth })).statusCode).toBe(200)
    for (const key of keys) expect(await stored(key)).toBeNull()
    expect(await keysOf(claim.proofId)).toBeNull()
    const row = await ctx.db.selectFrom('verifications').select(['real_name', 'post', 'note', 'proof_upload_id', 'proof_erased_at']).where('id', '=', claim.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ real_name: null, post: null, note: null, proof_upload_id: null, proof_erased_at: expect.anything() })
    expectError(await view(claim.id, await freshStaff()), 404, 'NOT_FOUND')
  })
})
