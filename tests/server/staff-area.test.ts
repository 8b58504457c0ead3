// Staff granted an area (users.staff_region_code) see what is not public only inside it: a pending
// post or achievement, a public post's photos WeChat has not passed yet, the review queue, role
// claims and their certificates, contest entrants, the dashboard. Outside it they are like anybody:
// a post that is not public answers 404 NOT_FOUND (its existence stays hidden, as for everyone),
// and the staff-only routes on another area's things answer 403 FORBIDDEN (the routes are staff's;
// the ids they act on are not secret). The one rule is staffCovers (users/staff-area.ts).
import { useTestContext } from './helpers'
import {
  approve,
  CHINESE,
  createPending,
  devLogin,
  expectError,
  GANZI_TOWN,
  GANZI_TOWNSHIP,
  listingBody,
  postListing,
  registerPerson,
  uploadPhoto,
  uploadProof,
  type Auth,
  type Person,
} from './listings-fixtures'
import { seedDemoData } from '../../server/src/seed/seed'

const GANZI_COUNTY = '513328'
const GANZI_PREFECTURE = '5133'
const CHENGDU_COUNTY = '510104' // 成都市锦江区

let province: Person
let ganzi: Person
let prefecture: Person
let chengdu: Person
let owner: Person
let expert: Person

async function staffOf(area: string | null, nickname: string): Promise<Person> {
  const person = await registerPerson(ctx, 'farmer', GANZI_TOWN, nickname)
  await ctx.db.updateTable('users').set({ is_staff: 1, staff_region_code: area }).where('id', '=', person.id).execute()
  return person
}

const ctx = useTestContext()
beforeAll(async () => {
  await seedDemoData(ctx.db, ctx.config.phoneEncryptionKey, new Date())
  province = await devLogin(ctx, 'staff-sc')
  expert = await devLogin(ctx, 'expert-li')
  ganzi = await staffOf(GANZI_COUNTY, '甘孜县科协')
  prefecture = await staffOf(GANZI_PREFECTURE, '甘孜州科协')
  chengdu = await staffOf(CHENGDU_COUNTY, '锦江区科协')
  owner = await registerPerson(ctx, 'farmer', GANZI_TOWNSHIP, '发帖人')
})

const get = (url: string, auth: Auth) => ctx.app.inject({ method: 'GET', url, headers: auth })

async function photoId(auth: Auth): Promise<number> {
  const res = await uploadPhoto(ctx, auth)
  if (res.statusCode !== 200) throw new Error(`upload: ${res.statusCode} ${res.body}`)
  return res.json().id
}

describe('a post that is not public', () => {
  it('GET /api/listings/:id: staff of its area see it; staff of another area get 404 like anybody', async () => {
    const id = await createPending(ctx, owner.auth)
    for (const s of [province, prefecture, ganzi]) {
      const res = await get(`/api/listings/${id}`, s.auth)
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ id, status: 'pending', description: expect.stringContaining('牦牛') })
    }
    const res = await get(`/api/listings/${id}`, chengdu.auth)
    expectError(res, 404, 'NOT_FOUND')
    expect(res.body).not.toContain('牦牛')
  })

  it('the same for an achievement waiting for review', async () => {
    const res = await postListing(ctx, expert.auth, listingBody({
      kind: 'achievement',
      side: 'offer',
      title: '高原牦牛冬春补饲舔砖配方',
      regionCode: GANZI_TOWN,
      achievement: { stage: 'small_pilot', transferMode: 'transfer', patentNo: null, institution: '甘孜州畜牧科学研究所' },
    }))
    expect(res.statusCode).toBe(201)
    const id = res.json().id
    expect((await get(`/api/listings/${id}`, ganzi.auth)).json()).toMatchObject({ kind: 'achievement', achievement: { institution: '甘孜州畜牧科学研究所' } })
    expectError(await get(`/api/listings/${id}`, chengdu.auth), 404, 'NOT_FOUND')
  })

  it('a rejected post stays hidden from other areas too', async () => {
    const id = await createPending(ctx, owner.auth)
    const rejected = await ctx.app.inject({ method: 'POST', url: `/api/staff/review/listing/${id}/reject`, headers: ganzi.auth, payload: { reason: '请写清楚地点' } })
    expect(rejected.statusCode).toBe(200)
    expect((await get(`/api/listings/${id}`, ganzi.auth)).json()).toMatchObject({ status: 'rejected' })
    expectError(await get(`/api/listings/${id}`, chengdu.auth), 404, 'NOT_FOUND')
  })
})

describe('a public post', () => {
  it('shows photos WeChat has not passed only to its owner and staff of its area', async () => {
    const photos = [await photoId(owner.auth)]
    const res = await postListing(ctx, owner.auth, listingBody({ photoIds: photos }))
    expect(res.statusCode).toBe(201)
    const id = res.json().id
    await approve(ctx, province.auth, id)
    const seen = async (auth: Auth) => (await get(`/api/listings/${id}`, auth)).json().photos.map((p: { id: number }) => p.id)
    expect(await seen(owner.auth)).toEqual(photos)
    expect(await seen(ganzi.auth)).toEqual(photos)
    expect(await seen(chengdu.auth)).toEqual([])
  })

  it('its responses are for the owner and the responder only, staff of any area get 403', async () => {
    const id = await createPending(ctx, owner.auth)
    await approve(ctx, province.auth, id)
    const responder = await registerPerson(ctx, 'farmer', GANZI_TOWN, '对接人')
    const answered = await ctx.app.inject({ method: 'POST', url: `/api/listings/${id}/responses`, headers: responder.auth, payload: { message: '我有经验可以帮忙', phone: '13900007777' } })
    expect(answered.statusCode).toBe(201)
    for (const s of [chengdu, ganzi]) expectError(await get(`/api/listings/${id}/responses`, s.auth), 403, 'FORBIDDEN')
  })
})

describe('staff work lists', () => {
  it('the review queue holds only posts of the staff member’s area', async () => {
    const id = await createPending(ctx, owner.auth)
    const queue = async (auth: Auth) => (await get('/api/staff/review/queue', auth)).json().items.map((i: { id: number }) => i.id)
    expect(await queue(ganzi.auth)).toContain(id)
    expect(await queue(chengdu.auth)).not.toContain(id)
  })

  it('role claims and their certificates reach only staff of the claimant’s area', async () => {
    const chair = await registerPerson(ctx, 'expert', GANZI_TOWN, '待认证专家')
    const proofId = (await uploadProof(ctx, chair.auth)).json().id
    const asked = await ctx.app.inject({
      method: 'POST',
      url: '/api/verifications',
      headers: chair.auth,
      payload: { institution: '甘孜州畜牧科学研究所', title: '高级畜牧师', proofId },
    })
    expect(asked.statusCode).toBe(201)
    const claims = async (auth: Auth) => (await get('/api/staff/verifications?status=pending', auth)).json().items
    const mine = (await claims(ganzi.auth)).find((v: { id: number }) => v.id === asked.json().id)
    expect(mine).toMatchObject({ institution: '甘孜州畜牧科学研究所', proofUrl: `/api/verifications/${asked.json().id}/proof` })
    expect((await claims(chengdu.auth)).map((v: { id: number }) => v.id)).not.toContain(asked.json().id)
    expectError(await ctx.app.inject({ method: 'POST', url: `/api/staff/verifications/${asked.json().id}/approve`, headers: chengdu.auth }), 403, 'FORBIDDEN')
  })

  it('a county contest’s entrants, before anything is published, only for staff of that county', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/staff/contests',
      headers: ganzi.auth,
      payload: {
        kind: 'contest',
        name: '甘孜县乡土人才大赛',
        organiser: '甘孜县科协',
        level: 'county',
        regionCode: GANZI_COUNTY,
        categories: ['breeding'],
        description: '面向全县土专家、田秀才和致富带头人的比赛，欢迎报名。',
        rules: '报名、初赛、复赛、决赛。',
        signupEndsAt: '2099-12-01T00:00:00+08:00',
        preliminaryEndsAt: '2100-01-01T00:00:00+08:00',
        semifinalEndsAt: '2100-02-01T00:00:00+08:00',
        finalEndsAt: '2100-03-01T00:00:00+08:00',
        articleIds: [],
      },
    })
    expect(created.statusCode).toBe(201)
    const id = created.json().id
    const entrant = await registerPerson(ctx, 'farmer', GANZI_TOWN, '参赛人')
    const entry = await ctx.app.inject({
      method: 'POST',
      url: `/api/contests/${id}/entries`,
      headers: entrant.auth,
      payload: { title: '牦牛冬季补饲', category: 'breeding', description: '十年来在牧区推广牦牛冬季补饲。', yearsExperience: 10, regionCode: GANZI_TOWN, photoIds: [] },
    })
    expect(entry.statusCode).toBe(201)
    expect((await get(`/api/staff/contests/${id}/entries`, ganzi.auth)).json().items).toHaveLength(1)
    expectError(await get(`/api/staff/contests/${id}/entries`, chengdu.auth), 403, 'FORBIDDEN')
  })

  it('the dashboard of another area is refused', async () => {
    expect((await get(`/api/dashboard?region=${GANZI_COUNTY}`, ganzi.auth)).statusCode).toBe(200)
    const res = await get(`/api/dashboard?region=${GANZI_COUNTY}`, chengdu.auth)
    expectError(res, 403, 'FORBIDDEN')
    expect(res.json().message).toMatch(CHINESE)
  })
})
