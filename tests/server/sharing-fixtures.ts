// Shared set-up for the sharing server tests (tests/server/sharing-*.test.ts): people who register
// through the real routes, and short-hands for sharing and opening.
import { randomBytes } from 'node:crypto'
import { PRIVACY_VERSION } from '../../common/enums'
import { login, type TestContext } from './helpers'

export type Auth = { authorization: string }
export interface Person {
  id: number
  auth: Auth
}

/** 甘孜县来马镇 / 甘孜县呷拉乡 / 成都市锦江区春熙路街道 */
export const LAIMA_TOWN = '513328102'
export const GALA_TOWN = '513328200'
export const CHENGDU_STREET = '510104022'
export const GANZI_COUNTY = '513328'

export const newVisitorId = () => randomBytes(12).toString('base64url')

/** Signs in a new person who has not completed the profile yet (not registered). */
export async function signInNew(ctx: TestContext): Promise<Person> {
  const s = await login(ctx.app)
  return { id: s.user.id, auth: s.auth }
}

/** Completes the profile (registers); `visitorId` is what the app sends as X-Visitor-Id. */
export async function register(ctx: TestContext, person: Person, regionCode = LAIMA_TOWN, visitorId?: string, nickname = '新用户') {
  const res = await ctx.app.inject({
    method: 'PUT',
    url: '/api/users/me',
    headers: { ...person.auth, ...(visitorId ? { 'x-visitor-id': visitorId } : {}) },
    payload: { nickname, role: 'farmer', regionCode },
  })
  if (res.statusCode !== 200) throw new Error(`register: ${res.statusCode} ${res.body}`)
  return res.json()
}

export async function registeredPerson(ctx: TestContext, regionCode = LAIMA_TOWN, nickname = '传播员'): Promise<Person> {
  const p = await signInNew(ctx)
  await register(ctx, p, regionCode, undefined, nickname)
  return p
}

export async function devLogin(ctx: TestContext, userKey: string): Promise<Person> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userKey, consentVersion: PRIVACY_VERSION } })
  if (res.statusCode !== 200) throw new Error(`dev-login ${userKey}: ${res.statusCode}`)
  return { id: res.json().user.id, auth: { authorization: `Bearer ${res.json().token}` } }
}

/** POST /api/shares; `visitorId` is the sharing phone's X-Visitor-Id (the app always sends it). */
export async function shareCode(ctx: TestContext, who: Person, targetId: number, target = 'article', channel = 'chat', visitorId?: string): Promise<string> {
  const headers = { ...who.auth, ...(visitorId ? { 'x-visitor-id': visitorId } : {}) }
  const res = await ctx.app.inject({ method: 'POST', url: '/api/shares', headers, payload: { target, targetId, channel } })
  if (res.statusCode !== 200) throw new Error(`share: ${res.statusCode} ${res.body}`)
  return res.json().code
}

export interface OpenOptions {
  /** Signed in as this person. */
  who?: Person
  /** The phone's visitor id, sent as X-Visitor-Id as the app does. */
  visitorId?: string
  /** The client's address (defaults to a new one per call, so the per-address limit stays out of the way). */
  ip?: string
  /** Extra headers, e.g. X-Forwarded-For. */
  headers?: Record<string, string>
}

let nextAddress = 0
/** A fresh client address: 10.200.x.y */
export const newAddress = () => `10.200.${Math.floor(++nextAddress / 250)}.${(nextAddress % 250) + 1}`

/** POST /api/shares/:code/opens as a signed-in person and/or a phone's visitor id. */
export function openShare(ctx: TestContext, code: string, opts: OpenOptions = {}) {
  return ctx.app.inject({
    method: 'POST',
    url: `/api/shares/${code}/opens`,
    headers: { ...(opts.who?.auth ?? {}), ...(opts.visitorId ? { 'x-visitor-id': opts.visitorId } : {}), ...opts.headers },
    payload: {},
    remoteAddress: opts.ip ?? newAddress(),
  })
}

export async function opened(ctx: TestContext, code: string, opts: OpenOptions = {}): Promise<boolean> {
  const res = await openShare(ctx, code, opts)
  if (res.statusCode !== 200) throw new Error(`open: ${res.statusCode} ${res.body}`)
  return res.json().credited
}

export async function mine(ctx: TestContext, who: Person) {
  const res = await ctx.app.inject({ method: 'GET', url: '/api/shares/mine', headers: who.auth })
  if (res.statusCode !== 200) throw new Error(`mine: ${res.statusCode} ${res.body}`)
  return res.json()
}

export async function anArticleId(ctx: TestContext): Promise<number> {
  const row = await ctx.db
    .insertInto('articles')
    .values({
      kind: 'article',
      title: `分享测试文章 ${randomBytes(3).toString('hex')}`,
      subtitle: null,
      byline: null,
      paragraphs: JSON.stringify(['正文。']),
      photos: '[]',
      published_on: '2022-06-24',
      issue_no: null,
      page_no: null,
      page_name: null,
      original_url: null,
      created_at: new Date().toISOString(),
      source_key: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A contest row as the contests feature stores it (signup open for 30 days). */
export async function insertContest(ctx: TestContext, name: string, kind: 'contest' | 'fair' = 'contest', createdBy?: number): Promise<number> {
  const owner =
    createdBy ??
    (
      await ctx.db
        .insertInto('users')
        .values({ openid: `contest-owner-${randomBytes(4).toString('hex')}`, created_at: new Date().toISOString(), updated_at: new Date().toISOString() } as any)
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const day = 86_400_000
  const at = (days: number) => new Date(Date.now() + days * day).toISOString()
  const row = await ctx.db
    .insertInto('contests')
    .values({
      kind,
      name,
      organiser: '四川省科学技术协会',
      level: 'province',
      region_code: '51',
      categories: JSON.stringify(['planting']),
      description: '面向全省乡土人才的创新创业大赛。',
      rules: '按报名、初赛、复赛、决赛进行。',
      stage: 'signup',
      signup_ends_at: at(30),
      preliminary_ends_at: at(60),
      semifinal_ends_at: at(90),
      final_ends_at: at(120),
      results_published_at: null,
      created_by: owner,
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function registrationsOf(ctx: TestContext, userId: number) {
  return ctx.db.selectFrom('share_registrations').selectAll().where('user_id', '=', userId).execute()
}
