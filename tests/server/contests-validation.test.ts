// Malformed input to every contest endpoint answers 400/404/409 with a stable code and a
// Chinese message — never a 500, on SQLite and PostgreSQL alike (ids beyond int4, U+0000…).
import type { ErrorCode } from '../../common/errors'
import { CHINESE, expectError, REVIEW_WORD, RISKY_WORD, uploadPhoto } from './listings-fixtures'
import {
  call,
  contestBody,
  contestInFinal,
  createContest,
  entryBody,
  GANZI_TOWN,
  newPerson,
  nominationBody,
  signUp,
  useContestWorld,
} from './contests-fixtures'

let open: number
let final: { id: number; entryIds: number[] }
let voter: Awaited<ReturnType<typeof newPerson>>
let entrant: Awaited<ReturnType<typeof newPerson>>
let othersPhoto: number

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'
interface Case {
  name: string
  method: Method
  url: () => string
  who: () => { authorization: string }
  body?: () => unknown
  status: number
  code: ErrorCode
}

const BIG = 2147483648 // beyond PostgreSQL's int4 ids
const staff = () => w.staff.auth
const chair = () => w.verifiedChair.auth
const farmer = () => entrant.auth
const entries = () => `/api/contests/${open}/entries`

const CASES: Case[] = [
  // ---- contest dates: real instants in 2015–2100 (China time), never 500 on PostgreSQL ----
  { name: 'sign-up ending in year 9999 at −10:00 (year 10000 in UTC)', method: 'POST', url: () => '/api/staff/contests', who: staff, body: () => contestBody({ signupEndsAt: '9999-12-31T23:59:59-10:00' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'sign-up ending in year 0000', method: 'POST', url: () => '/api/staff/contests', who: staff, body: () => contestBody({ signupEndsAt: '0000-01-01T00:00:00Z' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'sign-up ending in 2014 (China time)', method: 'POST', url: () => '/api/staff/contests', who: staff, body: () => contestBody({ signupEndsAt: '2014-12-31T23:59:59+08:00' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a final ending in 2101 (China time)', method: 'POST', url: () => '/api/staff/contests', who: staff, body: () => contestBody({ finalEndsAt: '2101-01-01T00:00:00+08:00' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'editing to a final in year 9999', method: 'PUT', url: () => `/api/staff/contests/${open}`, who: staff, body: () => contestBody({ finalEndsAt: '9999-12-31T23:59:59Z' }), status: 400, code: 'VALIDATION_FAILED' },
  // ---- sign-up bodies ----
  { name: 'empty body', method: 'POST', url: entries, who: farmer, body: () => ({}), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'title too short', method: 'POST', url: entries, who: farmer, body: () => entryBody({ title: '牦牛' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'title of 41 characters', method: 'POST', url: entries, who: farmer, body: () => entryBody({ title: '牦'.repeat(41) }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'U+0000 in the description', method: 'POST', url: entries, who: farmer, body: () => entryBody({ description: '牦牛冬季补饲技术推广\u0000十年' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'unknown category', method: 'POST', url: entries, who: farmer, body: () => entryBody({ category: 'mining' }), status: 400, code: 'CATEGORY_INVALID' },
  { name: 'a category this contest does not have', method: 'POST', url: entries, who: farmer, body: () => entryBody({ category: 'ecommerce' }), status: 400, code: 'CATEGORY_INVALID' },
  { name: 'years of experience 81', method: 'POST', url: entries, who: farmer, body: () => entryBody({ yearsExperience: 81 }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'years of experience 2.5', method: 'POST', url: entries, who: farmer, body: () => entryBody({ yearsExperience: 2.5 }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'years of experience as text', method: 'POST', url: entries, who: farmer, body: () => entryBody({ yearsExperience: '十' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a county instead of a township', method: 'POST', url: entries, who: farmer, body: () => entryBody({ regionCode: '513328' }), status: 400, code: 'REGION_INVALID' },
  { name: 'a township that does not exist', method: 'POST', url: entries, who: farmer, body: () => entryBody({ regionCode: '513328999' }), status: 400, code: 'REGION_INVALID' },
  { name: 'ten photos', method: 'POST', url: entries, who: farmer, body: () => entryBody({ photoIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }), status: 400, code: 'PHOTO_LIMIT' },
  { name: 'someone else’s photo', method: 'POST', url: entries, who: farmer, body: () => entryBody({ photoIds: [othersPhoto] }), status: 400, code: 'PHOTO_INVALID' },
  { name: 'a photo id beyond int4', method: 'POST', url: entries, who: farmer, body: () => entryBody({ photoIds: [BIG] }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'risky words', method: 'POST', url: entries, who: farmer, body: () => entryBody({ description: `十年来推广${RISKY_WORD}，带动三十户牧民增收。` }), status: 400, code: 'CONTENT_RISKY' },
  // ---- params ----
  { name: 'contest id not a number', method: 'GET', url: () => '/api/contests/abc', who: farmer, status: 400, code: 'VALIDATION_FAILED' },
  { name: 'contest id beyond int4', method: 'GET', url: () => `/api/contests/${BIG}`, who: farmer, status: 400, code: 'VALIDATION_FAILED' },
  { name: 'contest id 0', method: 'GET', url: () => '/api/contests/0', who: farmer, status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a contest that does not exist', method: 'POST', url: () => '/api/contests/999999/entries', who: farmer, body: () => entryBody(), status: 404, code: 'NOT_FOUND' },
  { name: 'results of a contest that does not exist', method: 'GET', url: () => '/api/contests/999999/results', who: farmer, status: 404, code: 'NOT_FOUND' },
  { name: 'withdrawing an entry one never made', method: 'DELETE', url: () => `/api/contests/${open}/entries/mine`, who: () => voter.auth, status: 404, code: 'NOT_FOUND' },
  // ---- votes ----
  { name: 'vote without entryId', method: 'POST', url: () => `/api/contests/${final.id}/votes`, who: () => voter.auth, body: () => ({}), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'vote for entry "1"', method: 'POST', url: () => `/api/contests/${final.id}/votes`, who: () => voter.auth, body: () => ({ entryId: '1' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'vote for entry -1', method: 'POST', url: () => `/api/contests/${final.id}/votes`, who: () => voter.auth, body: () => ({ entryId: -1 }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'vote in a contest still at sign-up', method: 'POST', url: () => `/api/contests/${open}/votes`, who: () => voter.auth, body: () => ({ entryId: final.entryIds[0] }), status: 409, code: 'VOTE_CLOSED' },
  // ---- nominations ----
  { name: 'nominee with both an account and a phone', method: 'POST', url: () => `/api/contests/${open}/nominations`, who: chair, body: () => nominationBody({ userId: 1, name: '卓玛', phone: '13800001111', regionCode: GANZI_TOWN }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'nominee phone of 10 digits', method: 'POST', url: () => `/api/contests/${open}/nominations`, who: chair, body: () => nominationBody({ name: '卓玛', phone: '1380000111', regionCode: GANZI_TOWN }), status: 400, code: 'PHONE_INVALID' },
  { name: 'nomination reason too short', method: 'POST', url: () => `/api/contests/${open}/nominations`, who: chair, body: () => nominationBody({ name: '卓玛', phone: '13800001111', regionCode: GANZI_TOWN }, '人好'), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'nominee township outside Sichuan', method: 'POST', url: () => `/api/contests/${open}/nominations`, who: chair, body: () => nominationBody({ name: '卓玛', phone: '13800001111', regionCode: '110101001' }), status: 400, code: 'REGION_INVALID' },
  { name: 'a nomination that does not exist', method: 'POST', url: () => '/api/nominations/999999/decline', who: farmer, status: 404, code: 'NOT_FOUND' },
  { name: 'nomination id beyond int4', method: 'DELETE', url: () => `/api/nominations/${BIG}`, who: chair, status: 400, code: 'VALIDATION_FAILED' },
  // ---- staff ----
  { name: 'contest dates out of order', method: 'POST', url: () => '/api/staff/contests', who: staff, body: () => contestBody({ finalEndsAt: '2026-12-15T00:00:00+08:00' }), status: 400, code: 'CONTEST_DATES_ORDER' },
  { name: 'a date without a zone', method: 'POST', url: () => '/api/staff/contests', who: staff, body: () => contestBody({ signupEndsAt: '2026-12-01 00:00' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'no categories', method: 'POST', url: () => '/api/staff/contests', who: staff, body: () => contestBody({ categories: [] }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a prefecture code for a county contest', method: 'POST', url: () => '/api/staff/contests', who: staff, body: () => contestBody({ level: 'county', regionCode: '5133' }), status: 400, code: 'REGION_INVALID' },
  { name: 'a county that does not exist', method: 'POST', url: () => '/api/staff/contests', who: staff, body: () => contestBody({ level: 'county', regionCode: '513399' }), status: 400, code: 'REGION_INVALID' },
  { name: 'an article that does not exist', method: 'POST', url: () => '/api/staff/contests', who: staff, body: () => contestBody({ articleIds: [999999] }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'an unknown kind', method: 'POST', url: () => '/api/staff/contests', who: staff, body: () => contestBody({ kind: 'lottery' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'an unknown stage', method: 'POST', url: () => `/api/staff/contests/${open}/stage`, who: staff, body: () => ({ stage: 'done' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'advance to 报名', method: 'POST', url: () => `/api/staff/contests/${final.id}/entries/${final.entryIds[0]}/advance`, who: staff, body: () => ({ stage: 'signup' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'an “other” award without a name', method: 'POST', url: () => `/api/staff/contests/${final.id}/entries/${final.entryIds[0]}/award`, who: staff, body: () => ({ award: 'other' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'an unknown award', method: 'POST', url: () => `/api/staff/contests/${final.id}/entries/${final.entryIds[0]}/award`, who: staff, body: () => ({ award: 'platinum' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'entry id beyond int4', method: 'POST', url: () => `/api/staff/contests/${final.id}/entries/${BIG}/advance`, who: staff, body: () => ({ stage: 'final' }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'an unknown entry stage filter', method: 'GET', url: () => `/api/staff/contests/${final.id}/entries?stage=finished`, who: staff, status: 400, code: 'VALIDATION_FAILED' },
  // ---- queries ----
  { name: 'contest list stage=soon', method: 'GET', url: () => '/api/contests?stage=soon', who: farmer, status: 400, code: 'VALIDATION_FAILED' },
  { name: 'contest list limit=500', method: 'GET', url: () => '/api/contests?limit=500', who: farmer, status: 400, code: 'VALIDATION_FAILED' },
  { name: 'talents region outside Sichuan', method: 'GET', url: () => '/api/talents?region=11', who: farmer, status: 400, code: 'REGION_INVALID' },
  { name: 'talents year 1999', method: 'GET', url: () => '/api/talents?year=1999', who: farmer, status: 400, code: 'VALIDATION_FAILED' },
  { name: 'talents award=platinum', method: 'GET', url: () => '/api/talents?award=platinum', who: farmer, status: 400, code: 'VALIDATION_FAILED' },
  { name: 'talents page 0', method: 'GET', url: () => '/api/talents?page=0', who: farmer, status: 400, code: 'VALIDATION_FAILED' },
  { name: 'talents q of 41 characters', method: 'GET', url: () => `/api/talents?q=${encodeURIComponent('牦'.repeat(41))}`, who: farmer, status: 400, code: 'VALIDATION_FAILED' },
  { name: 'talent id beyond int4', method: 'GET', url: () => `/api/talents/${BIG}`, who: farmer, status: 400, code: 'VALIDATION_FAILED' },
]

const w = useContestWorld()
beforeAll(async () => {
  open = await createContest(w, { categories: ['planting', 'breeding'] })
  entrant = await newPerson(w)
  voter = await newPerson(w, 'volunteer')
  final = await contestInFinal(w, [{ auth: (await newPerson(w)).auth, category: 'planting' }])
  const photo = await uploadPhoto(w.ctx, w.farmer.auth)
  othersPhoto = photo.json().id
})

test(`at least 20 malformed inputs are covered (${CASES.length})`, () => {
  expect(CASES.length).toBeGreaterThanOrEqual(20)
})

test.each(CASES)('$name → $status $code', async (c) => {
  const res = await call(w, c.method, c.url(), c.who(), c.body?.())
  expect(res.statusCode).toBeLessThan(500)
  expectError(res, c.status, c.code)
  expect(res.json().message).toMatch(CHINESE)
})

test('contest years 2015 and 2100 in China time are accepted (the edges of the range)', async () => {
  const res = await call(w, 'POST', '/api/staff/contests', staff(), contestBody({
    signupEndsAt: '2015-01-01T00:00:00+08:00',
    preliminaryEndsAt: '2015-02-01T00:00:00+08:00',
    semifinalEndsAt: '2100-12-01T00:00:00+08:00',
    finalEndsAt: '2100-12-31T23:59:59+08:00',
  }))
  expect(res.statusCode).toBe(201)
  expect(res.json()).toMatchObject({ signupEndsAt: '2014-12-31T16:00:00.000Z', finalEndsAt: '2100-12-31T15:59:59.000Z' })
})

test('malformed JSON is a 400, not a 500', async () => {
  const res = await w.ctx.app.inject({ method: 'POST', url: entries(), headers: { ...farmer(), 'content-type': 'application/json' }, payload: '{"title": "牦牛' })
  expectError(res, 400, 'VALIDATION_FAILED')
})

test('field errors name the field in Chinese', async () => {
  const res = await call(w, 'POST', entries(), farmer(), entryBody({ title: '牦牛' }))
  expect(res.json().fields.title).toBe('须为 4–40 个字')
})

test('text the check wants reviewed is kept (staff see it), not refused', async () => {
  const person = await newPerson(w)
  const id = await signUp(w, person.auth, open, { description: `十年来推广${REVIEW_WORD}，带动三十户牧民增收。` })
  const row = await w.ctx.db.selectFrom('contest_entries').select('check_suggest').where('id', '=', id).executeTakeFirstOrThrow()
  expect(row.check_suggest).toBe('review')
})

test('one’s own photo is accepted and shown with the entry', async () => {
  const photo = (await uploadPhoto(w.ctx, entrant.auth)).json()
  const res = await call(w, 'POST', entries(), entrant.auth, entryBody({ photoIds: [photo.id] }))
  expect(res.statusCode).toBe(201)
  expect(res.json().photos).toEqual([{ id: photo.id, url: photo.url, thumbUrl: photo.thumbUrl }])
})
