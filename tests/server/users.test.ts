// The profile a person fills in after logging in: nickname, role, township, phone, avatar, and
// deleting it all. Through the real routes, against the WeChat emulator over HTTP.
import { randomBytes } from 'node:crypto'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import sharp from 'sharp'
import { GANZI_TOWNSHIP, login, useTestContext } from './helpers'

/** Every response this file received, to check that the raw phone number never left the server. */
const seen: string[] = []

async function call(opts: InjectOptions): Promise<LightMyRequestResponse> {
  const res = await ctx.app.inject(opts)
  seen.push(JSON.stringify(res.headers) + '\n' + res.rawPayload.toString('latin1') + '\n' + res.body)
  return res
}

const CHINESE = /[\u4e00-\u9fa5]/
/** A word the emulator's msg_sec_check always calls risky (buildEmulator's default riskyWords). */
const RISKY_WORD = '违禁词'
const PHONE = '13800001234'

const validProfile = { nickname: '扎西', role: 'farmer', regionCode: GANZI_TOWNSHIP }

type Auth = { authorization: string }
const putProfile = (auth: Auth, payload: unknown) => call({ method: 'PUT', url: '/api/users/me', headers: auth, payload: payload as any })
const getMe = (auth: Auth) => call({ method: 'GET', url: '/api/users/me', headers: auth })

async function userRow(id: number) {
  return ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

/** A multipart/form-data body as a browser or wx.uploadFile sends it. */
async function multipart(parts: Array<{ name: string; filename?: string; type?: string; data: Buffer | string }>) {
  const form = new FormData()
  for (const p of parts) {
    if (p.filename) form.append(p.name, new Blob([typeof p.data === 'string' ? p.data : new Uint8Array(p.data)], { type: p.type ?? 'application/octet-stream' }), p.filename)
    else form.append(p.name, String(p.data))
  }
  const encoded = new Response(form)
  return { payload: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! }
}

async function uploadAvatar(auth: Auth, data: Buffer, filename = 'photo.jpg', type = 'image/jpeg') {
  const body = await multipart([{ name: 'file', filename, type, data }])
  return call({
    method: 'POST',
    url: '/api/users/me/avatar',
    headers: { ...auth, 'content-type': body.contentType },
    payload: body.payload,
  })
}

/** A 3000×2000 phone-camera-like JPEG (noisy, so it is megabytes, not kilobytes), with EXIF. */
let cameraJpeg: Buffer
const ctx = useTestContext()
beforeAll(async () => {
  cameraJpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .resize(3000, 2000)
    .withExif({ IFD0: { Make: 'TestPhone', Model: 'GPS-Leaker 1', Copyright: 'secret-location' } })
    .jpeg({ quality: 90 })
    .toBuffer()
})

describe('PUT /api/users/me', () => {
  it('saves the profile and answers the township with its prefecture and county', async () => {
    const { auth, user } = await login(ctx.app)
    expect(user.registered).toBe(false)
    const res = await putProfile(auth, { ...validProfile, nickname: '  扎西  ' })
    expect(res.statusCode).toBe(200)
    const profile = res.json()
    expect(profile).toMatchObject({ id: user.id, nickname: '扎西', role: 'farmer', registered: true, verification: 'none' })
    expect([profile.region.prefecture.name, profile.region.county.name, profile.region.township.name].join('/')).toBe(
      '甘孜藏族自治州/甘孜县/呷拉乡',
    )
    expect(profile.region.township.code).toBe(GANZI_TOWNSHIP)
    // It sticks.
    expect((await getMe(auth)).json()).toEqual(profile)
  })

  it('needs a login', async () => {
    const res = await call({ method: 'PUT', url: '/api/users/me', payload: validProfile })
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('AUTH_REQUIRED')
  })

  it('tells a person whose session ended to log in again before judging what they typed', async () => {
    const { auth, user } = await login(ctx.app)
    await ctx.db.deleteFrom('sessions').where('user_id', '=', user.id).execute()
    for (const payload of [{ ...validProfile, nickname: '' }, { ...validProfile, nickname: `我是${RISKY_WORD}` }]) {
      const res = await putProfile(auth, payload)
      expect(res.statusCode).toBe(401)
      expect(res.json()).toEqual({ code: 'SESSION_EXPIRED', message: expect.stringMatching(CHINESE) })
    }
    const anonymous = await call({ method: 'PUT', url: '/api/users/me', payload: { nickname: '' } })
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json()).toEqual({ code: 'AUTH_REQUIRED', message: expect.stringMatching(CHINESE) })
  })

  it('accepts a nickname of 20 emoji (counted as characters, not UTF-16 units)', async () => {
    const { auth } = await login(ctx.app)
    const nickname = '🐑'.repeat(20)
    expect(nickname.length).toBe(40)
    const res = await putProfile(auth, { ...validProfile, nickname })
    expect(res.statusCode).toBe(200)
    expect(res.json().nickname).toBe(nickname)
  })

  describe('bad input gets a 4xx with a stable code and a Chinese message, never a 5xx', () => {
    let auth: Auth
    let before: unknown
    const statuses: number[] = []

    beforeAll(async () => {
      auth = (await login(ctx.app)).auth
      const saved = await putProfile(auth, { ...validProfile, nickname: '原来的名字' })
      expect(saved.statusCode).toBe(200)
      before = saved.json()
    })

    async function expectRejected(payload: unknown, status: number, code: string, field?: string, raw?: Partial<InjectOptions>) {
      const res = raw ? await call({ method: 'PUT', url: '/api/users/me', headers: auth, ...raw } as InjectOptions) : await putProfile(auth, payload)
      statuses.push(res.statusCode)
      expect(res.statusCode).toBe(status)
      const body = res.json()
      expect(body.code).toBe(code)
      expect(body.message).toMatch(CHINESE)
      if (field) expect(body.fields?.[field]).toMatch(CHINESE)
      return body
    }

    it.each([
      ['21 characters', '一二三四五六七八九十一二三四五六七八九十一'],
      ['21 emoji', '🐑'.repeat(21)],
      ['empty', ''],
      ['only spaces', '   '],
      ['only a full-width space and tabs', '\u3000\t\t'],
      ['with a line break inside', '扎西\n德勒'],
    ])('nickname %s → NICKNAME_INVALID', async (_label, nickname) => {
      await expectRejected({ ...validProfile, nickname }, 400, 'NICKNAME_INVALID', 'nickname')
    })

    it.each(['admin', 'FARMER', '', 'staff'])('role %j → ROLE_INVALID', async (role) => {
      await expectRejected({ ...validProfile, role }, 400, 'ROLE_INVALID', 'role')
    })

    it.each([
      ['a county, not a township', '513328'],
      ['well-formed but not a real township', '510000000'],
      ['too short', '1234'],
      ['outside Sichuan', '110101001'],
      ['not digits', '51332820a'],
    ])('region %s → REGION_INVALID', async (_label, regionCode) => {
      await expectRejected({ ...validProfile, regionCode }, 400, 'REGION_INVALID', 'regionCode')
    })

    it('a missing field → VALIDATION_FAILED naming it', async () => {
      const { regionCode: _omit, ...rest } = validProfile
      await expectRejected(rest, 400, 'VALIDATION_FAILED', 'regionCode')
    })

    it.each([
      ['a number as nickname', { ...validProfile, nickname: 12345 }, 'nickname'],
      ['an array body', [validProfile], 'body'],
      ['a JSON string body', 'nickname=扎西', 'body'],
    ])('%s → 400 VALIDATION_FAILED', async (_label, payload, field) => {
      const body = await expectRejected(null, 400, 'VALIDATION_FAILED', field, {
        payload: JSON.stringify(payload),
        headers: { ...auth, 'content-type': 'application/json' },
      })
      expect(Object.keys(body.fields)).toEqual([field])
    })

    it('null fields → 400 naming each of them', async () => {
      const res = await putProfile(auth, { nickname: null, role: null, regionCode: null })
      statuses.push(res.statusCode)
      expect(res.statusCode).toBe(400)
      expect(res.json().message).toMatch(CHINESE)
      expect(Object.keys(res.json().fields).sort()).toEqual(['nickname', 'regionCode', 'role'])
    })

    it('a form-encoded body → 415, still our error shape', async () => {
      await expectRejected(null, 415, 'VALIDATION_FAILED', undefined, {
        payload: 'nickname=扎西&role=farmer',
        headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      })
    })

    it('a body over 256 KB → 413 PAYLOAD_TOO_LARGE', async () => {
      const payload = JSON.stringify({ ...validProfile, padding: 'x'.repeat(300 * 1024) })
      await expectRejected(null, 413, 'PAYLOAD_TOO_LARGE', undefined, { payload, headers: { ...auth, 'content-type': 'application/json' } })
    })

    it('a body that is not JSON → 400', async () => {
      await expectRejected(null, 400, 'VALIDATION_FAILED', undefined, {
        payload: '{"nickname": "扎西", ',
        headers: { ...auth, 'content-type': 'application/json' },
      })
    })

    it('an empty JSON body → 400', async () => {
      await expectRejected(null, 400, 'VALIDATION_FAILED', undefined, { payload: '', headers: { ...auth, 'content-type': 'application/json' } })
    })

    it('an unsupported content type → 415, still our error shape', async () => {
      await expectRejected(null, 415, 'VALIDATION_FAILED', undefined, {
        payload: '<xml/>',
        headers: { ...auth, 'content-type': 'application/xml' },
      })
    })

    it('a nickname WeChat calls risky → 400 CONTENT_RISKY', async () => {
      await expectRejected({ ...validProfile, nickname: `我是${RISKY_WORD}` }, 400, 'CONTENT_RISKY', 'nickname')
    })

    it('none of the above changed the saved profile', async () => {
      expect((await getMe(auth)).json()).toEqual(before)
    })

    it('none of the above was a 5xx', () => {
      expect(statuses.length).toBeGreaterThan(15)
      expect(statuses.filter((s) => s >= 500)).toEqual([])
    })
  })

  describe('verification of a role claim', () => {
    it('is kept while the role stays the same and reset to none when the role changes', async () => {
      const { auth, user } = await login(ctx.app)
      expect((await putProfile(auth, { ...validProfile, role: 'chair' })).statusCode).toBe(200)
      await ctx.db.updateTable('users').set({ verification: 'verified' }).where('id', '=', user.id).execute()
      expect((await getMe(auth)).json().verification).toBe('verified')

      // Editing the nickname keeps the verified chair verified.
      const same = await putProfile(auth, { ...validProfile, role: 'chair', nickname: '格桑主席' })
      expect(same.statusCode).toBe(200)
      expect(same.json()).toMatchObject({ role: 'chair', verification: 'verified', nickname: '格桑主席' })

      // A chair is chair of one township: moving to another is a new claim.
      const moved = await putProfile(auth, { ...validProfile, role: 'chair', nickname: '格桑主席', regionCode: '513328100' })
      expect(moved.json()).toMatchObject({ role: 'chair', verification: 'none' })
      await ctx.db.updateTable('users').set({ verification: 'verified' }).where('id', '=', user.id).execute()

      // A different role is a new claim: unverified.
      const changed = await putProfile(auth, { ...validProfile, role: 'farmer' })
      expect(changed.statusCode).toBe(200)
      expect(changed.json()).toMatchObject({ role: 'farmer', verification: 'none' })

      // Going back to chair does not bring the old verification back.
      const back = await putProfile(auth, { ...validProfile, role: 'chair' })
      expect(back.json()).toMatchObject({ role: 'chair', verification: 'none' })
      expect((await userRow(user.id)).verification).toBe('none')
    })
  })
})

describe('POST /api/users/me/phone', () => {
  it('stores the number WeChat confirms, encrypted, and only ever shows it masked', async () => {
    const { auth, user } = await login(ctx.app)
    const res = await call({ method: 'POST', url: '/api/users/me/phone', headers: auth, payload: { code: `phone-${PHONE}` } })
    expect(res.statusCode).toBe(200)
    expect(res.json().phoneMasked).toBe('138****1234')
    expect((await getMe(auth)).json().phoneMasked).toBe('138****1234')

    const row = await userRow(user.id)
    expect(row.phone_encrypted).toEqual(expect.any(String))
    expect(row.phone_encrypted).not.toBe(PHONE)
    expect(JSON.stringify(row)).not.toContain(PHONE)
    expect(JSON.stringify(row)).not.toContain('8000012')
  })

  it('refuses a phone code WeChat does not accept, keeping the old number', async () => {
    const { auth } = await login(ctx.app)
    await call({ method: 'POST', url: '/api/users/me/phone', headers: auth, payload: { code: 'phone-13900005678' } })
    for (const code of ['not-a-phone-code', 'phone-123', 'invalid-phone-13800001234']) {
      const res = await call({ method: 'POST', url: '/api/users/me/phone', headers: auth, payload: { code } })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({ code: 'PHONE_CODE_INVALID', message: expect.stringMatching(CHINESE) })
    }
    expect((await getMe(auth)).json().phoneMasked).toBe('139****5678')
  })

  it('needs a code', async () => {
    const { auth } = await login(ctx.app)
    const res = await call({ method: 'POST', url: '/api/users/me/phone', headers: auth, payload: { code: '' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('VALIDATION_FAILED')
  })
})

describe('POST /api/users/me/avatar', () => {
  it('accepts a multi-megabyte camera photo and serves it back as a 256×256 JPEG without metadata', async () => {
    expect(cameraJpeg.length).toBeGreaterThan(512 * 1024) // well over the 256 KB JSON body limit
    const { auth } = await login(ctx.app)
    const res = await uploadAvatar(auth, cameraJpeg)
    expect(res.statusCode).toBe(200)
    const { avatarUrl } = res.json()
    expect(avatarUrl).toEqual(expect.any(String))
    expect((await getMe(auth)).json().avatarUrl).toBe(avatarUrl)

    const image = await ctx.app.inject({ method: 'GET', url: avatarUrl })
    expect(image.statusCode).toBe(200)
    expect(image.headers['content-type']).toMatch(/^image\/jpeg/)
    const meta = await sharp(image.rawPayload).metadata()
    expect(meta).toMatchObject({ format: 'jpeg', width: 256, height: 256 })
    expect(meta.exif).toBeUndefined()
    expect(image.rawPayload.includes(Buffer.from('GPS-Leaker'))).toBe(false)
  })

  it('accepts a PNG too and stores it as JPEG', async () => {
    const { auth } = await login(ctx.app)
    const png = await sharp({ create: { width: 400, height: 300, channels: 4, background: '#3366cc80' } }).png().toBuffer()
    const res = await uploadAvatar(auth, png, 'a.png', 'image/png')
    expect(res.statusCode).toBe(200)
    const image = await ctx.app.inject({ method: 'GET', url: res.json().avatarUrl })
    expect(await sharp(image.rawPayload).metadata()).toMatchObject({ format: 'jpeg', width: 256, height: 256 })
  })

  it.each([
    ['a text file', Buffer.from('这不是图片，只是一段文字。'), 'note.txt', 'text/plain'],
    ['a text file claiming to be a JPEG', Buffer.from('hello, not a jpeg'), 'fake.jpg', 'image/jpeg'],
    ['a truncated JPEG', Buffer.alloc(0), 'empty.jpg', 'image/jpeg'],
  ])('refuses %s with 400 IMAGE_INVALID and keeps the old avatar', async (_label, data, filename, type) => {
    const { auth } = await login(ctx.app)
    const first = await uploadAvatar(auth, cameraJpeg)
    const res = await uploadAvatar(auth, data, filename, type)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'IMAGE_INVALID', message: expect.stringMatching(CHINESE) })
    expect((await getMe(auth)).json().avatarUrl).toBe(first.json().avatarUrl)
    expect((await ctx.app.inject({ method: 'GET', url: first.json().avatarUrl })).statusCode).toBe(200)
  })

  it('refuses a form without a file', async () => {
    const { auth } = await login(ctx.app)
    const body = await multipart([{ name: 'note', data: 'no file here' }])
    const res = await call({
      method: 'POST',
      url: '/api/users/me/avatar',
      headers: { ...auth, 'content-type': body.contentType },
      payload: body.payload,
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('IMAGE_INVALID')
  })

  it('refuses a JSON body with a 4xx, not a 5xx', async () => {
    const { auth } = await login(ctx.app)
    const res = await call({ method: 'POST', url: '/api/users/me/avatar', headers: auth, payload: { file: 'data:image/jpeg;base64,AAAA' } })
    expect(res.statusCode).toBeGreaterThanOrEqual(400)
    expect(res.statusCode).toBeLessThan(500)
    expect(res.json().message).toMatch(CHINESE)
  })

  it('refuses a file over 10 MB with 413 IMAGE_TOO_LARGE', async () => {
    const { auth } = await login(ctx.app)
    const res = await uploadAvatar(auth, Buffer.concat([cameraJpeg, randomBytes(10 * 1024 * 1024)]))
    expect(res.statusCode).toBe(413)
    expect(res.json()).toMatchObject({ code: 'IMAGE_TOO_LARGE', message: expect.stringMatching(CHINESE) })
  })

  it('needs a login', async () => {
    const body = await multipart([{ name: 'file', filename: 'a.jpg', type: 'image/jpeg', data: cameraJpeg }])
    const res = await call({ method: 'POST', url: '/api/users/me/avatar', headers: { 'content-type': body.contentType }, payload: body.payload })
    expect(res.statusCode).toBe(401)
  })

  it('replaces the old picture: the old URL stops working', async () => {
    const { auth } = await login(ctx.app)
    const first = (await uploadAvatar(auth, cameraJpeg)).json().avatarUrl
    const second = (await uploadAvatar(auth, cameraJpeg)).json().avatarUrl
    expect(second).not.toBe(first)
    const old = await ctx.app.inject({ method: 'GET', url: first })
    expect(old.statusCode).toBe(404)
    expect(old.json().code).toBe('NOT_FOUND')
    expect((await ctx.app.inject({ method: 'GET', url: second })).statusCode).toBe(200)
  })
})

describe('DELETE /api/users/me', () => {
  it('erases the person: every session, their data and picture; WeChat login then starts a new account', async () => {
    const person = `leaver-${randomBytes(4).toString('hex')}`
    const phone = await login(ctx.app, `${person}:1`)
    const browser = await login(ctx.app, `${person}:2`)
    expect(browser.user.id).toBe(phone.user.id)
    const id = phone.user.id
    expect((await putProfile(phone.auth, validProfile)).statusCode).toBe(200)
    expect((await call({ method: 'POST', url: '/api/users/me/phone', headers: phone.auth, payload: { code: `phone-${PHONE}` } })).statusCode).toBe(200)
    const avatarUrl = (await uploadAvatar(phone.auth, cameraJpeg)).json().avatarUrl
    expect((await ctx.app.inject({ method: 'GET', url: avatarUrl })).statusCode).toBe(200)

    const res = await call({ method: 'DELETE', url: '/api/users/me', headers: phone.auth })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ ok: true })

    for (const auth of [phone.auth, browser.auth]) {
      const after = await getMe(auth)
      expect(after.statusCode).toBe(401)
      expect(after.json().code).toBe('SESSION_EXPIRED')
    }
    const sessions = await ctx.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute()
    expect(sessions).toEqual([])

    const row = await userRow(id)
    expect(row).toMatchObject({ nickname: null, phone_encrypted: null, phone_lookup: null, region_code: null, avatar_path: null, role: null })
    expect(row.deleted_at).not.toBeNull()
    expect(JSON.stringify(row)).not.toContain(PHONE)

    expect((await ctx.app.inject({ method: 'GET', url: avatarUrl })).statusCode).toBe(404)

    const again = await login(ctx.app, `${person}:3`)
    expect(again.user.id).not.toBe(id)
    expect(again.user).toMatchObject({ registered: false, nickname: null, phoneMasked: null, avatarUrl: null, region: null })
  })

  it('needs a login', async () => {
    const res = await call({ method: 'DELETE', url: '/api/users/me' })
    expect(res.statusCode).toBe(401)
  })
})

describe('a contact phone kept in the profile', () => {
  const CONTACT = '13911112222'

  it('is saved encrypted, given back in full to its owner only, kept when left out and removed with null', async () => {
    const { auth, user } = await login(ctx.app)
    const saved = await putProfile(auth, { ...validProfile, contactPhone: CONTACT })
    expect(saved.statusCode).toBe(200)
    expect(saved.json()).toMatchObject({ contactPhone: CONTACT, phoneMasked: null })
    const row = await userRow(user.id)
    expect(row.contact_phone_encrypted).toEqual(expect.any(String))
    expect(JSON.stringify(row)).not.toContain(CONTACT)
    // A later save without it (an older app) keeps it.
    expect((await putProfile(auth, { ...validProfile, nickname: '扎西德勒' })).json().contactPhone).toBe(CONTACT)
    expect((await getMe(auth)).json().contactPhone).toBe(CONTACT)
    expect((await putProfile(auth, { ...validProfile, contactPhone: null })).json().contactPhone).toBeNull()
    expect((await userRow(user.id)).contact_phone_encrypted).toBeNull()
  })

  it('must be a mobile number, and a wrong one changes nothing', async () => {
    const { auth } = await login(ctx.app)
    await putProfile(auth, { ...validProfile, contactPhone: CONTACT })
    for (const contactPhone of ['', '1391111222', '23911112222', '139-1111-2222']) {
      const res = await putProfile(auth, { ...validProfile, nickname: '改了', contactPhone })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({ code: 'PHONE_INVALID', fields: { contactPhone: expect.stringMatching(CHINESE) } })
    }
    expect((await getMe(auth)).json()).toMatchObject({ nickname: '扎西', contactPhone: CONTACT })
  })

  it('is what a 对接 offers when no phone is typed, before the number WeChat vouches for', async () => {
    const author = await login(ctx.app)
    await putProfile(author.auth, validProfile)
    const post = await ctx.app.inject({
      method: 'POST',
      url: '/api/listings',
      headers: { ...author.auth, 'idempotency-key': randomBytes(8).toString('hex') },
      payload: { side: 'need', title: '牦牛冬季补饲', category: 'breeding', regionCode: GANZI_TOWNSHIP, description: '想请专家讲讲冬季补饲怎么配。', contact: { name: '扎西', phone: PHONE } },
    })
    expect(post.statusCode).toBe(201)
    await ctx.db.updateTable('listings').set({ status: 'published' }).where('id', '=', post.json().id).execute()

    const helper = await login(ctx.app)
    await putProfile(helper.auth, { ...validProfile, nickname: '卓玛', contactPhone: CONTACT })
    await call({ method: 'POST', url: '/api/users/me/phone', headers: helper.auth, payload: { code: 'phone-13700003333' } })
    const res = await ctx.app.inject({ method: 'POST', url: `/api/listings/${post.json().id}/responses`, headers: helper.auth, payload: { message: '我可以上门讲。' } })
    expect(res.statusCode).toBe(201)
    // The author accepts and sees the number from the helper's profile.
    const accepted = await ctx.app.inject({ method: 'POST', url: `/api/listings/${post.json().id}/responses/${res.json().id}/accept`, headers: author.auth })
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json().contact).toMatchObject({ phone: CONTACT })
  })

  it('is erased with the account', async () => {
    const { auth, user } = await login(ctx.app)
    await putProfile(auth, { ...validProfile, contactPhone: CONTACT })
    expect((await call({ method: 'DELETE', url: '/api/users/me', headers: auth })).statusCode).toBe(200)
    expect((await userRow(user.id)).contact_phone_encrypted).toBeNull()
  })
})

describe('the raw phone number', () => {
  it('appeared in no response of this file', async () => {
    // At least this person's own phone answers are among them, whichever tests ran before.
    const { auth } = await login(ctx.app)
    expect((await call({ method: 'POST', url: '/api/users/me/phone', headers: auth, payload: { code: `phone-${PHONE}` } })).statusCode).toBe(200)
    expect((await getMe(auth)).json().phoneMasked).toBe('138****1234')
    for (const text of seen) expect(text).not.toContain(PHONE)
  })
})
