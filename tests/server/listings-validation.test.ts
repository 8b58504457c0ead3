// Malformed input to 科技所能所需: every case answers 4xx with a stable code and its Chinese
// message (never a 5xx), and nothing is saved. Plus the Idempotency-Key contract of POST /api/listings.
import type { LightMyRequestResponse } from 'fastify'
import type { ErrorCode } from '../../common/errors'
import { login, useTestContext } from './helpers'
import {
  claimBody,
  accept,
  CHINESE,
  createPending,
  createPublished,
  expectError,
  GANZI_TOWN,
  GANZI_TOWNSHIP,
  listingBody,
  newKey,
  postListing,
  registerPerson,
  respondTo,
  RISKY_WORD,
  signedQuery,
  uploadPhoto,
  useWorld,
} from './listings-fixtures'

async function listingCount(): Promise<number> {
  const row = await ctx.db.selectFrom('listings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

async function uploadId(auth = world.owner.auth): Promise<number> {
  const res = await uploadPhoto(ctx, auth)
  expect(res.statusCode).toBe(200)
  return res.json().id
}

// One owner makes far more posts here than a person may in an hour; the quotas have their own
// test (quotas.test.ts), so this file raises them out of the way.
const ctx = useTestContext({ QUOTA_MULTIPLIER: '20' })
const world = useWorld(ctx, () => new Date())

function expect4xx(res: LightMyRequestResponse, status: number, code: ErrorCode) {
  expect(res.statusCode).toBeGreaterThanOrEqual(400)
  expect(res.statusCode).toBeLessThan(500)
  expectError(res, status, code)
}

describe('POST /api/listings refuses bad posts and saves nothing', () => {
  const long = (n: number) => '牦'.repeat(n)
  // [name, body overrides (a function of the world for ids made at run time), status, code]
  type Case = [string, () => Promise<Record<string, unknown>> | Record<string, unknown>, number, ErrorCode]
  const cases: Case[] = [
    ['title of the wrong type', () => ({ title: 12345 }), 400, 'VALIDATION_FAILED'],
    ['photoIds of the wrong type', () => ({ photoIds: 'abc' }), 400, 'VALIDATION_FAILED'],
    ['contact missing', () => ({ contact: undefined }), 400, 'VALIDATION_FAILED'],
    ['side unknown', () => ({ side: 'sell' }), 400, 'VALIDATION_FAILED'],
    ['title of 41 characters', () => ({ title: long(41) }), 400, 'VALIDATION_FAILED'],
    ['title of 3 characters', () => ({ title: '求指导' }), 400, 'VALIDATION_FAILED'],
    ['title of spaces only', () => ({ title: '      ' }), 400, 'VALIDATION_FAILED'],
    ['description of 2001 characters', () => ({ description: long(2001) }), 400, 'VALIDATION_FAILED'],
    ['description of 9 characters', () => ({ description: long(9) }), 400, 'VALIDATION_FAILED'],
    ['unknown category', () => ({ category: 'mining' }), 400, 'CATEGORY_INVALID'],
    ['a region outside the list', () => ({ regionCode: '513328999' }), 400, 'REGION_INVALID'],
    ['a county instead of a township', () => ({ regionCode: '513328' }), 400, 'REGION_INVALID'],
    ['a region that is not a code', () => ({ regionCode: 'abc' }), 400, 'REGION_INVALID'],
    ['a region outside Sichuan', () => ({ regionCode: '110101001' }), 400, 'REGION_INVALID'],
    ['10 photos', () => ({ photoIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }), 400, 'PHOTO_LIMIT'],
    ['a photo id that does not exist', () => ({ photoIds: [999999] }), 400, 'PHOTO_INVALID'],
    ['someone else’s photo', async () => ({ photoIds: [await uploadId(world.stranger.auth)] }), 400, 'PHOTO_INVALID'],
    [
      'a photo already used by another post',
      async () => {
        const id = await uploadId()
        await createPending(ctx, world.owner.auth, { photoIds: [id] })
        return { photoIds: [id] }
      },
      400,
      'PHOTO_INVALID',
    ],
    [
      'the same photo twice',
      async () => {
        const id = await uploadId()
        return { photoIds: [id, id] }
      },
      400,
      'PHOTO_INVALID',
    ],
    ['a bad contact phone', () => ({ contact: { name: '扎西', phone: '12345' } }), 400, 'PHONE_INVALID'],
    ['a landline as contact phone', () => ({ contact: { name: '扎西', phone: '08363322111' } }), 400, 'PHONE_INVALID'],
    ['risky text in the title', () => ({ title: `出售${RISKY_WORD}牦牛` }), 400, 'CONTENT_RISKY'],
    ['risky text in the description', () => ({ description: `牦牛补饲技术交流，另有${RISKY_WORD}出售，价格面议。` }), 400, 'CONTENT_RISKY'],
    ['risky text in the contact note', () => ({ contact: { name: '扎西', phone: '13800009999', note: RISKY_WORD } }), 400, 'CONTENT_RISKY'],
  ]

  it.each(cases)('%s', async (_name, overrides, status, code) => {
    const body: Record<string, unknown> = listingBody(await overrides())
    const before = await listingCount()
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k]
    const res = await postListing(ctx, world.owner.auth, body)
    expect4xx(res, status, code)
    expect(await listingCount()).toBe(before)
  })

  it('a body that is not JSON', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/listings',
      headers: { ...world.owner.auth, 'idempotency-key': newKey(), 'content-type': 'application/json' },
      payload: '{"title": ',
    })
    expect4xx(res, 400, 'VALIDATION_FAILED')
  })

  it('names the field that is wrong, in Chinese', async () => {
    const res = await postListing(ctx, world.owner.auth, listingBody({ title: '牦'.repeat(41) }))
    expect(res.json().fields.title).toMatch(CHINESE)
  })
})

describe('代发 (a chair posting for a farmer)', () => {
  const proxy = (overrides: Record<string, unknown> = {}) => ({ name: '扎西多吉', phone: '13800002222', regionCode: GANZI_TOWN, consent: true, ...overrides })

  it.each([
    ['without consent', { consent: false }, 400, 'PROXY_CONSENT_REQUIRED'],
    ['with consent missing', { consent: undefined }, 400, 'PROXY_CONSENT_REQUIRED'],
    ['with a bad farmer phone', { phone: '1380000' }, 400, 'PHONE_INVALID'],
    ['for another township', { regionCode: GANZI_TOWNSHIP }, 403, 'PROXY_REGION'],
    ['for a region that is not a township', { regionCode: '5133' }, 400, 'REGION_INVALID'],
  ] as Array<[string, Record<string, unknown>, number, ErrorCode]>)('by a verified chair %s', async (_name, overrides, status, code) => {
    const before = await listingCount()
    const res = await postListing(ctx, world.verifiedChair.auth, listingBody({ proxy: proxy(overrides) }))
    expect4xx(res, status, code)
    expect(await listingCount()).toBe(before)
  })

  it.each(['unverifiedChair', 'farmer', 'expert', 'staff'] as const)('by %s → PROXY_NOT_ALLOWED', async (who) => {
    const before = await listingCount()
    const proxyRegion = who === 'farmer' ? GANZI_TOWNSHIP : GANZI_TOWN
    const res = await postListing(ctx, world[who].auth, listingBody({ proxy: proxy({ regionCode: proxyRegion }) }))
    expect4xx(res, 403, 'PROXY_NOT_ALLOWED')
    expect(await listingCount()).toBe(before)
  })

  it('by a verified chair for their own township: saved with the label', async () => {
    const res = await postListing(ctx, world.verifiedChair.auth, listingBody({ proxy: proxy() }))
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ proxyLabel: '由 甘孜镇科协 代发', proxyName: '扎西多吉', status: 'pending' })
  })
})

describe('Idempotency-Key', () => {
  it.each([
    ['missing', null],
    ['too short', 'abc123'],
    ['too long', 'k'.repeat(65)],
    ['with characters outside [A-Za-z0-9_-]', 'key with spaces and 中文!!'],
    ['empty', ''],
  ])('%s → IDEMPOTENCY_KEY_INVALID', async (_name, key) => {
    const before = await listingCount()
    const res = await postListing(ctx, world.owner.auth, listingBody(), key)
    expect4xx(res, 400, 'IDEMPOTENCY_KEY_INVALID')
    expect(await listingCount()).toBe(before)
  })

  it('the same key twice makes one post; the second answer is 200 with the same id', async () => {
    const key = newKey()
    const first = await postListing(ctx, world.owner.auth, listingBody(), key)
    expect(first.statusCode).toBe(201)
    const second = await postListing(ctx, world.owner.auth, listingBody(), key)
    expect(second.statusCode).toBe(200)
    expect(second.json().id).toBe(first.json().id)
    const rows = await ctx.db.selectFrom('listings').select('id').where('idempotency_key', '=', key).execute()
    expect(rows).toHaveLength(1)
  })

  it('5 concurrent submits with one key make exactly one post', async () => {
    const key = newKey()
    const answers = await Promise.all(Array.from({ length: 5 }, () => postListing(ctx, world.owner.auth, listingBody(), key)))
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 201])
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1)
    const rows = await ctx.db.selectFrom('listings').select('id').where('idempotency_key', '=', key).execute()
    expect(rows).toHaveLength(1)
    const events = await ctx.db.selectFrom('listing_events').select('kind').where('listing_id', '=', rows[0].id).execute()
    expect(events.map((e) => e.kind)).toEqual(['submitted'])
  })

  it('is per person: another person’s key does not return their post', async () => {
    const key = newKey()
    const mine = await postListing(ctx, world.owner.auth, listingBody(), key)
    const theirs = await postListing(ctx, world.stranger.auth, listingBody(), key)
    expect(mine.statusCode).toBe(201)
    expect(theirs.statusCode).toBe(201)
    expect(theirs.json().id).not.toBe(mine.json().id)
  })
})

describe('PUT /api/listings/:id', () => {
  it.each([
    ['title of 41 characters', { title: '牦'.repeat(41) }, 'VALIDATION_FAILED'],
    ['unknown category', { category: 'x' }, 'CATEGORY_INVALID'],
    ['county-level region', { regionCode: '513328' }, 'REGION_INVALID'],
    ['bad phone', { contact: { name: '扎西', phone: '1' } }, 'PHONE_INVALID'],
    ['risky text', { description: `牦牛补饲技术交流，${RISKY_WORD}。` }, 'CONTENT_RISKY'],
  ] as Array<[string, Record<string, unknown>, ErrorCode]>)('%s → 400 and the post is unchanged', async (_name, overrides, code) => {
    const id = await createPublished(world, world.owner.auth)
    const res = await ctx.app.inject({ method: 'PUT', url: `/api/listings/${id}`, headers: world.owner.auth, payload: listingBody(overrides) })
    expect4xx(res, 400, code)
    const row = await ctx.db.selectFrom('listings').select(['status', 'title']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'published', title: listingBody().title })
  })

  it('a closed post cannot be edited → LISTING_NOT_EDITABLE', async () => {
    const id = await createPublished(world, world.owner.auth)
    await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/close`, headers: world.owner.auth })
    const res = await ctx.app.inject({ method: 'PUT', url: `/api/listings/${id}`, headers: world.owner.auth, payload: listingBody() })
    expect4xx(res, 409, 'LISTING_NOT_EDITABLE')
  })

  it.each(['abc', '0', '-1', '1.5', '99999999999999999999'])('a bad id (%s) → 400, not 5xx', async (id) => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/listings/${id}` })
    expect(res.statusCode).toBeGreaterThanOrEqual(400)
    expect(res.statusCode).toBeLessThan(500)
    expect(res.json().message).toMatch(CHINESE)
  })
})

describe('对接 rules', () => {
  it('responding to one’s own post → RESPOND_OWN_LISTING', async () => {
    const id = await createPublished(world, world.owner.auth)
    const res = await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/responses`, headers: world.owner.auth, payload: { message: '我自己', phone: '13900001111' } })
    expect4xx(res, 403, 'RESPOND_OWN_LISTING')
  })

  it('responding twice → ALREADY_RESPONDED, one response saved', async () => {
    const id = await createPublished(world, world.owner.auth)
    await respondTo(ctx, world.farmer.auth, id)
    const res = await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/responses`, headers: world.farmer.auth, payload: { message: '再来一次', phone: '13900001111' } })
    expect4xx(res, 409, 'ALREADY_RESPONDED')
    const rows = await ctx.db.selectFrom('listing_responses').select('id').where('listing_id', '=', id).execute()
    expect(rows).toHaveLength(1)
    const listing = await ctx.db.selectFrom('listings').select('response_count').where('id', '=', id).executeTakeFirstOrThrow()
    expect(listing.response_count).toBe(1)
  })

  it.each([
    ['a message of 1 character', { message: '好', phone: '13900001111' }, 400, 'VALIDATION_FAILED'],
    ['a message of 201 characters', { message: '好'.repeat(201), phone: '13900001111' }, 400, 'VALIDATION_FAILED'],
    ['a bad phone', { message: '我能帮忙', phone: '139' }, 400, 'PHONE_INVALID'],
    ['no phone and none bound to the profile', { message: '我能帮忙' }, 400, 'PHONE_INVALID'],
    ['risky text', { message: `我有${RISKY_WORD}`, phone: '13900001111' }, 400, 'CONTENT_RISKY'],
  ] as Array<[string, Record<string, unknown>, number, ErrorCode]>)('a response with %s → %s', async (_name, payload, status, code) => {
    const id = await createPublished(world, world.owner.auth)
    const res = await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/responses`, headers: world.farmer.auth, payload })
    expect4xx(res, status, code)
    const rows = await ctx.db.selectFrom('listing_responses').select('id').where('listing_id', '=', id).execute()
    expect(rows).toHaveLength(0)
  })

  it('resolving with nothing accepted → NOTHING_ACCEPTED', async () => {
    const id = await createPublished(world, world.owner.auth)
    await respondTo(ctx, world.farmer.auth, id)
    const res = await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/resolve`, headers: world.owner.auth })
    expect4xx(res, 409, 'NOTHING_ACCEPTED')
  })

  it('feedback before accept → RESPONSE_NOT_ACCEPTED; twice → FEEDBACK_EXISTS', async () => {
    const id = await createPublished(world, world.owner.auth)
    const responseId = await respondTo(ctx, world.farmer.auth, id)
    const url = `/api/listings/${id}/responses/${responseId}/feedback`
    const early = await ctx.app.inject({ method: 'POST', url, headers: world.owner.auth, payload: { rating: 5, text: '好' } })
    expect4xx(early, 409, 'RESPONSE_NOT_ACCEPTED')
    await accept(ctx, world.owner.auth, id, responseId)
    const first = await ctx.app.inject({ method: 'POST', url, headers: world.owner.auth, payload: { rating: 5, text: '很好' } })
    expect(first.statusCode).toBe(200)
    const again = await ctx.app.inject({ method: 'POST', url, headers: world.owner.auth, payload: { rating: 4, text: '再评' } })
    expect4xx(again, 409, 'FEEDBACK_EXISTS')
  })

  it.each([
    ['rating 0', { rating: 0, text: '' }],
    ['rating 6', { rating: 6, text: '' }],
    ['rating 4.5', { rating: 4.5, text: '' }],
    ['rating as text', { rating: 'five', text: '' }],
    ['text of 201 characters', { rating: 5, text: '好'.repeat(201) }],
  ])('feedback with %s → VALIDATION_FAILED', async (_name, payload) => {
    const id = await createPublished(world, world.owner.auth)
    const responseId = await respondTo(ctx, world.farmer.auth, id)
    await accept(ctx, world.owner.auth, id, responseId)
    const res = await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/responses/${responseId}/feedback`, headers: world.owner.auth, payload })
    expect4xx(res, 400, 'VALIDATION_FAILED')
  })

  it('accepting a response of another post → NOT_FOUND', async () => {
    const a = await createPublished(world, world.owner.auth)
    const b = await createPublished(world, world.owner.auth)
    const responseId = await respondTo(ctx, world.farmer.auth, b)
    const res = await ctx.app.inject({ method: 'POST', url: `/api/listings/${a}/responses/${responseId}/accept`, headers: world.owner.auth })
    expect4xx(res, 404, 'NOT_FOUND')
  })
})

describe('staff review rules', () => {
  it('approving twice → ALREADY_REVIEWED', async () => {
    const id = await createPending(ctx, world.owner.auth)
    const url = `/api/staff/review/listing/${id}/approve`
    expect((await ctx.app.inject({ method: 'POST', url, headers: world.staff.auth })).statusCode).toBe(200)
    expect4xx(await ctx.app.inject({ method: 'POST', url, headers: world.staff.auth }), 409, 'ALREADY_REVIEWED')
  })

  it.each([
    ['no reason', {}],
    ['a reason of 1 character', { reason: '不' }],
    ['a reason of 201 characters', { reason: '不'.repeat(201) }],
  ])('rejecting with %s → VALIDATION_FAILED', async (_name, payload) => {
    const id = await createPending(ctx, world.owner.auth)
    const res = await ctx.app.inject({ method: 'POST', url: `/api/staff/review/listing/${id}/reject`, headers: world.staff.auth, payload })
    expect4xx(res, 400, 'VALIDATION_FAILED')
  })

  it.each([
    ['an unknown kind', '/api/staff/review/achievement/1/approve', 400],
    ['a missing post', '/api/staff/review/listing/999999/approve', 404],
    ['a bad id', '/api/staff/review/listing/abc/approve', 400],
  ])('%s → 4xx', async (_name, url, status) => {
    const res = await ctx.app.inject({ method: 'POST', url, headers: world.staff.auth })
    expect(res.statusCode).toBe(status)
    expect(res.json().message).toMatch(CHINESE)
  })
})

describe('GET /api/listings query parameters', () => {
  it.each([
    ['limit=0', 'limit=0', 'VALIDATION_FAILED'],
    ['limit=51', 'limit=51', 'VALIDATION_FAILED'],
    ['limit=abc', 'limit=abc', 'VALIDATION_FAILED'],
    ['page=0', `q=${encodeURIComponent('牦牛')}&page=0`, 'VALIDATION_FAILED'],
    ['page=51', `q=${encodeURIComponent('牦牛')}&page=51`, 'VALIDATION_FAILED'],
    ['q of 41 characters', `q=${encodeURIComponent('牦'.repeat(41))}`, 'VALIDATION_FAILED'],
    ["region 'abc'", 'region=abc', 'REGION_INVALID'],
    ['region outside Sichuan', 'region=11', 'REGION_INVALID'],
    ['region of 5 digits', 'region=51332', 'REGION_INVALID'],
    ['unknown side', 'side=sell', 'VALIDATION_FAILED'],
    ['unknown category', 'category=mining', 'CATEGORY_INVALID'],
    ['before=0', 'before=0', 'VALIDATION_FAILED'],
    ['before=-5', 'before=-5', 'VALIDATION_FAILED'],
  ] as Array<[string, string, ErrorCode]>)('%s → 400 %s', async (_name, query, code) => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/listings?${query}` })
    expect4xx(res, 400, code)
  })

  it('limit=50, page=50 and a 40-character q are fine', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/listings?limit=50&page=50&q=${encodeURIComponent('牦'.repeat(40))}` })
    expect(res.statusCode).toBe(200)
  })

  it('a q of punctuation only answers an empty page, not an error', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/listings?q=${encodeURIComponent('"*)(OR AND:^')}` })
    expect(res.statusCode).toBe(200)
    expect(res.json().items).toEqual([])
  })

  it('GET /api/listings/mine?before=abc → 400', async () => {
    expect4xx(await ctx.app.inject({ method: 'GET', url: '/api/listings/mine?before=abc', headers: world.owner.auth }), 400, 'VALIDATION_FAILED')
  })

  it('GET /api/staff/verifications?status=nope → 400', async () => {
    expect4xx(await ctx.app.inject({ method: 'GET', url: '/api/staff/verifications?status=nope', headers: world.staff.auth }), 400, 'VALIDATION_FAILED')
  })
})

describe('never a 5xx', () => {
  /** Every route that takes a body, ready to be called by someone allowed to. */
  async function bodyRoutes() {
    const id = await createPublished(world, world.owner.auth)
    const responseId = await respondTo(ctx, world.farmer.auth, id)
    await accept(ctx, world.owner.auth, id, responseId)
    const pending = await createPending(ctx, world.owner.auth)
    const chair = await registerPerson(ctx, 'chair', GANZI_TOWN)
    const verification = (await ctx.app.inject({ method: 'POST', url: '/api/verifications', headers: chair.auth, payload: await claimBody(ctx, chair.auth) })).json().id
    const otherChair = await registerPerson(ctx, 'chair', GANZI_TOWN)
    // `nul`: a valid body but for a U+0000 inside a string.
    return [
      { method: 'POST', url: '/api/listings', auth: { ...world.owner.auth, 'idempotency-key': newKey() }, nul: listingBody({ title: '牦牛\u0000补饲求指导' }) },
      { method: 'PUT', url: `/api/listings/${id}`, auth: world.owner.auth, nul: listingBody({ description: '家里二十头牦牛冬天掉膘\u0000厉害想学配方' }) },
      { method: 'POST', url: `/api/listings/${id}/responses`, auth: world.stranger.auth, nul: { message: '我\u0000能帮忙', phone: '13900001111' } },
      { method: 'POST', url: `/api/listings/${id}/responses/${responseId}/feedback`, auth: world.owner.auth, nul: { rating: 5, text: '好\u0000' } },
      { method: 'POST', url: `/api/staff/review/listing/${pending}/reject`, auth: world.staff.auth, nul: { reason: '理由\u0000不清' } },
      { method: 'POST', url: '/api/verifications', auth: otherChair.auth, nul: { note: '主席\u0000' } },
      { method: 'POST', url: `/api/staff/verifications/${verification}/reject`, auth: world.staff.auth, nul: { reason: '材料\u0000不全' } },
      {
        method: 'POST',
        url: `/api/wechat/push?${new URLSearchParams(signedQuery())}`,
        auth: {},
        nul: { Event: 'wxa_media_check', trace_id: 'a\u0000b', result: { suggest: 'pass' } },
      },
    ] as const
  }

  it.each([
    ['null', 'null'],
    ['an array', '[1,2,3]'],
    ['a string', '"牦牛"'],
    ['a number', '42'],
    ['an empty object', '{}'],
    ['cut-off JSON', '{"title": "牦'],
    ['deep nesting', `${'{"a":'.repeat(500)}1${'}'.repeat(500)}`],
    ['wrong types everywhere', JSON.stringify({ side: 1, title: [], category: {}, regionCode: 513328200, description: null, contact: 'x', proxy: 5, photoIds: {}, message: 1, rating: '5', text: 9, reason: [], note: {}, Event: 1 })],
  ])('a body that is %s → 4xx with a Chinese message on every route that needs one', async (_name, payload) => {
    for (const route of await bodyRoutes()) {
      const res = await ctx.app.inject({ method: route.method, url: route.url, headers: { ...route.auth, 'content-type': 'application/json' }, payload })
      // POST /api/verifications: an object of the right shape may be a fine request there.
      if (route.url === '/api/verifications' && payload.startsWith('{') && res.statusCode === 201) continue
      if (res.statusCode >= 500 || res.statusCode < 400) throw new Error(`${route.method} ${route.url}: ${res.statusCode} ${res.body}`)
      expect(res.json().message).toMatch(CHINESE)
    }
  })

  // PostgreSQL text cannot hold U+0000 (SQLite can): refused, not a crash.
  it('text with a NUL character is stored or refused, never a 5xx', async () => {
    for (const route of await bodyRoutes()) {
      const res = await ctx.app.inject({ method: route.method, url: route.url, headers: route.auth, payload: route.nul as any })
      if (res.statusCode >= 500) throw new Error(`${route.method} ${route.url}: ${res.statusCode} ${res.body}`)
      if (res.statusCode >= 400) expect(res.json().message).toMatch(CHINESE)
    }
  })

  // Ids are integer columns (int4 on PostgreSQL); the schemas accept any positive integer.
  it.each([
    ['GET', '/api/listings/2147483648'],
    ['GET', '/api/listings?before=2147483648'],
    ['GET', '/api/listings/mine?before=2147483648'],
    ['GET', '/api/listings/2147483648/matches'],
    ['GET', '/api/listings/2147483648/responses'],
    ['PUT', '/api/listings/2147483648'],
    ['POST', '/api/listings/2147483648/close'],
    ['POST', '/api/listings/2147483648/resolve'],
    ['POST', '/api/listings/2147483648/responses'],
    ['POST', '/api/listings/1/responses/2147483648/accept'],
    ['POST', '/api/listings/1/responses/2147483648/feedback'],
    ['POST', '/api/staff/review/listing/2147483648/approve'],
    ['POST', '/api/staff/review/listing/2147483648/reject'],
    ['POST', '/api/staff/verifications/2147483648/approve'],
    ['POST', '/api/staff/verifications/2147483648/reject'],
  ])('%s %s (an id beyond the integer columns) → never a 5xx', async (method, url) => {
    const auth = url.includes('/staff/') ? world.staff.auth : world.owner.auth
    const payload =
      method === 'PUT' ? listingBody() : url.endsWith('/responses') ? { message: '我能帮忙', phone: '13900001111' } : url.endsWith('/feedback') ? { rating: 5, text: '' } : url.endsWith('/reject') ? { reason: '不合适' } : undefined
    const res = await ctx.app.inject({ method: method as 'GET', url, headers: auth, payload: payload as any })
    expect(res.statusCode).toBeLessThan(500)
    // A cursor beyond every id is simply "nothing older" on SQLite; PostgreSQL refuses the value.
    if (url.includes('before=')) expect([200, 400]).toContain(res.statusCode)
    else expect(res.statusCode).toBeGreaterThanOrEqual(400)
    if (res.statusCode >= 400) expect(res.json().message).toMatch(CHINESE)
  })

  it('a photo id beyond the integer columns → PHOTO_INVALID', async () => {
    expect4xx(await postListing(ctx, world.owner.auth, listingBody({ photoIds: [2147483648] })), 400, 'PHOTO_INVALID')
  })
})

describe('people who have not finished registering', () => {
  it('cannot post, respond, upload or ask for verification → PROFILE_INCOMPLETE', async () => {
    const { auth } = await login(ctx.app)
    expect4xx(await postListing(ctx, auth), 403, 'PROFILE_INCOMPLETE')
    const id = await createPublished(world, world.owner.auth)
    expect4xx(
      await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/responses`, headers: auth, payload: { message: '我能帮忙', phone: '13900001111' } }),
      403,
      'PROFILE_INCOMPLETE',
    )
    expect4xx(await uploadPhoto(ctx, auth), 403, 'PROFILE_INCOMPLETE')
    expect4xx(await ctx.app.inject({ method: 'POST', url: '/api/verifications', headers: auth, payload: {} }), 403, 'PROFILE_INCOMPLETE')
  })
})
