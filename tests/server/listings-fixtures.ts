// Shared set-up for the 科技所能所需 (listings) server tests: the demo people signed in, a few
// freshly registered people, and short-hands for the calls the tests repeat. Everything goes
// through the real routes (app.inject) and the WeChat emulator over HTTP.
import { createHash, randomBytes } from 'node:crypto'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import sharp from 'sharp'
import { ERROR_MESSAGES, type ErrorCode } from '../../common/errors'
import { PRIVACY_VERSION } from '../../common/enums'
import { seedDemoData } from '../../server/src/seed/seed'
import { EMULATOR_PUSH_TOKEN } from '../../server/src/wechat/emulator'
import { GANZI_TOWNSHIP, login, useLazy, type TestContext } from './helpers'

export { GANZI_TOWNSHIP }
/** 甘孜县甘孜镇: chair-ganzi's township. */
export const GANZI_TOWN = '513328100'
/** 甘孜县来马镇: another township of the same county. */
export const LAIMA_TOWN = '513328102'
/** 成都市锦江区春熙路街道: far from 甘孜. */
export const CHENGDU_STREET = '510104022'
/** Words the emulator's msg_sec_check calls risky / review (buildEmulator defaults). */
export const RISKY_WORD = '违禁词'
export const REVIEW_WORD = '待审词'
export const CHINESE = /[\u4e00-\u9fa5]/

export type Auth = { authorization: string }
export interface Person {
  id: number
  auth: Auth
  openid: string
}

/** The roles of the authorization matrix. */
export const ROLES = ['anonymous', 'farmer', 'unverifiedChair', 'verifiedChair', 'expert', 'staff', 'owner', 'stranger'] as const
export type RoleName = (typeof ROLES)[number]

export interface World {
  ctx: TestContext
  farmer: Person
  verifiedChair: Person
  volunteer: Person
  expert: Person
  staff: Person
  unverifiedChair: Person
  /** A newly registered farmer who owns the posts the tests act on. */
  owner: Person
  /** A newly registered person with nothing to do with anything. */
  stranger: Person
}

export async function openidOf(ctx: TestContext, id: number): Promise<string> {
  const row = await ctx.db.selectFrom('users').select('openid').where('id', '=', id).executeTakeFirstOrThrow()
  return row.openid
}

/** Signs in as a seeded demo person (POST /api/auth/dev-login). */
export async function devLogin(ctx: TestContext, userKey: string): Promise<Person> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userKey, consentVersion: PRIVACY_VERSION } })
  if (res.statusCode !== 200) throw new Error(`dev-login ${userKey}: ${res.statusCode} ${res.body}`)
  const body = res.json()
  if (!body.user.registered) throw new Error(`demo user ${userKey} is not seeded`)
  return { id: body.user.id, auth: { authorization: `Bearer ${body.token}` }, openid: await openidOf(ctx, body.user.id) }
}

let people = 0
/** A new person through WeChat login, registered with `role` in `regionCode`. */
export async function registerPerson(ctx: TestContext, role: string, regionCode = GANZI_TOWNSHIP, nickname?: string): Promise<Person> {
  const { auth, user } = await login(ctx.app, `person-${++people}-${randomBytes(4).toString('hex')}`)
  const res = await ctx.app.inject({
    method: 'PUT',
    url: '/api/users/me',
    headers: auth,
    payload: { nickname: nickname ?? `测试${role}${people}`, role, regionCode },
  })
  if (res.statusCode !== 200) throw new Error(`register: ${res.statusCode} ${res.body}`)
  return { id: user.id, auth, openid: await openidOf(ctx, user.id) }
}

/**
 * Seeds the demo people (and their published demo posts) and signs everyone in. `now` is the
 * context's clock, so the demo stands where the app's time rules do.
 */
export async function setupWorld(ctx: TestContext, now: () => Date): Promise<World> {
  await seedDemoData(ctx.db, ctx.config.phoneEncryptionKey, now())
  const [farmer, verifiedChair, volunteer, expert, staff] = await Promise.all(
    ['farmer-zhaxi', 'chair-ganzi', 'volunteer-lan', 'expert-li', 'staff-sc'].map((k) => devLogin(ctx, k)),
  )
  const unverifiedChair = await registerPerson(ctx, 'chair', GANZI_TOWN, '新主席')
  const owner = await registerPerson(ctx, 'farmer', GANZI_TOWNSHIP, '发帖人')
  const stranger = await registerPerson(ctx, 'other', LAIMA_TOWN, '路人')
  return { ctx, farmer, verifiedChair, volunteer, expert, staff, unverifiedChair, owner, stranger }
}

/** The world of the file's context (see useTestContext), set up in beforeAll after the context. */
export function useWorld(ctx: TestContext, now: () => Date): World {
  return useLazy('The listings world', () => setupWorld(ctx, now))
}

export function authOf(world: World, role: RoleName): Auth | undefined {
  return role === 'anonymous' ? undefined : world[role].auth
}

/** A client-made Idempotency-Key (16–64 of [A-Za-z0-9_-]). */
export function newKey(): string {
  return `k_${randomBytes(12).toString('hex')}`
}

export function listingBody(overrides: Record<string, unknown> = {}) {
  return {
    side: 'need',
    title: '牦牛冬季补饲求指导',
    category: 'breeding',
    regionCode: GANZI_TOWNSHIP,
    description: '家里二十头牦牛，冬天掉膘厉害，想学补饲配方和青稞秸秆加工。',
    contact: { name: '扎西', phone: '13800009999' },
    ...overrides,
  }
}

export function postListing(ctx: TestContext, auth: Auth | undefined, body: unknown = listingBody(), key: string | null = newKey()) {
  const headers: Record<string, string> = { ...(auth ?? {}) }
  if (key !== null) headers['idempotency-key'] = key
  return ctx.app.inject({ method: 'POST', url: '/api/listings', headers, payload: body as any })
}

/** Creates a post and returns its id (pending review). */
export async function createPending(ctx: TestContext, auth: Auth, overrides: Record<string, unknown> = {}): Promise<number> {
  const res = await postListing(ctx, auth, listingBody(overrides))
  if (res.statusCode !== 201) throw new Error(`create listing: ${res.statusCode} ${res.body}`)
  return res.json().id
}

export async function approve(ctx: TestContext, staff: Auth, id: number) {
  const res = await ctx.app.inject({ method: 'POST', url: `/api/staff/review/listing/${id}/approve`, headers: staff })
  if (res.statusCode !== 200) throw new Error(`approve ${id}: ${res.statusCode} ${res.body}`)
}

/** Creates and approves a post. */
export async function createPublished(world: World, auth: Auth, overrides: Record<string, unknown> = {}): Promise<number> {
  const id = await createPending(world.ctx, auth, overrides)
  await approve(world.ctx, world.staff.auth, id)
  return id
}

export async function respondTo(ctx: TestContext, auth: Auth, listingId: number, payload: Record<string, unknown> = {}): Promise<number> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/listings/${listingId}/responses`,
    headers: auth,
    payload: { message: '我能帮忙，有经验', phone: '13900007777', ...payload },
  })
  if (res.statusCode !== 201) throw new Error(`respond: ${res.statusCode} ${res.body}`)
  return res.json().id
}

export async function accept(ctx: TestContext, owner: Auth, listingId: number, responseId: number) {
  const res = await ctx.app.inject({ method: 'POST', url: `/api/listings/${listingId}/responses/${responseId}/accept`, headers: owner })
  if (res.statusCode !== 200) throw new Error(`accept: ${res.statusCode} ${res.body}`)
}

/** Asserts an error answer: the status, the stable code and its Chinese message. */
export function expectError(res: LightMyRequestResponse, status: number, code: ErrorCode) {
  const body = res.json()
  if (res.statusCode !== status || body.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${res.statusCode} ${res.body}`)
  }
  if (body.message !== ERROR_MESSAGES[code] || !CHINESE.test(body.message)) throw new Error(`message for ${code}: ${body.message}`)
}

export async function emulatorMessages(ctx: TestContext): Promise<Array<{ touser: string; templateId: string; page?: string; data: Record<string, { value: string }> }>> {
  const res = await fetch(`${ctx.emulatorUrl}/__emulator/messages`)
  return (await res.json()).messages
}

export async function refuseSubscribe(ctx: TestContext, openid: string) {
  await fetch(`${ctx.emulatorUrl}/__emulator/refuse-subscribe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) })
}

/** The query WeChat signs a message push with: signature = sha1(sorted [token, timestamp, nonce]). */
export function signedQuery(token = EMULATOR_PUSH_TOKEN, timestamp = String(Math.floor(Date.now() / 1000)), nonce = randomBytes(6).toString('hex')) {
  const signature = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex')
  return { signature, timestamp, nonce }
}

export function mediaCheckEvent(traceId: string, suggest: 'pass' | 'risky' | 'review') {
  return {
    ToUserName: 'gh_emulator00000',
    FromUserName: 'o-someone',
    CreateTime: Math.floor(Date.now() / 1000),
    MsgType: 'event',
    Event: 'wxa_media_check',
    trace_id: traceId,
    version: 2,
    result: { suggest, label: suggest === 'pass' ? 100 : 20006 },
  }
}

/** A real JPEG: noisy, so it resembles a photo. */
export async function makeJpeg(width = 2000, height = 1500): Promise<Buffer> {
  return sharp({ create: { width: 200, height: 150, channels: 3, background: '#6a8' as any, noise: { type: 'gaussian', mean: 128, sigma: 30 } } })
    .resize(width, height)
    .jpeg({ quality: 85 })
    .toBuffer()
}

/** A multipart/form-data body as wx.uploadFile sends it. */
export async function multipartBody(data: Buffer, filename = 'photo.jpg', type = 'image/jpeg') {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(data)], { type }), filename)
  const encoded = new Response(form)
  return { payload: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! }
}

let smallJpeg: Buffer | undefined
export async function uploadPhoto(ctx: TestContext, auth: Auth | undefined, data?: Buffer): Promise<LightMyRequestResponse> {
  smallJpeg ??= await makeJpeg(400, 300)
  const body = await multipartBody(data ?? smallJpeg)
  return ctx.app.inject({ method: 'POST', url: '/api/uploads', headers: { ...(auth ?? {}), 'content-type': body.contentType }, payload: body.payload })
}

/** A verification's proof photo (private: the answer is only its id). */
export async function uploadProof(ctx: TestContext, auth: Auth | undefined, data?: Buffer): Promise<LightMyRequestResponse> {
  smallJpeg ??= await makeJpeg(400, 300)
  const body = await multipartBody(data ?? smallJpeg)
  return ctx.app.inject({ method: 'POST', url: '/api/verifications/proofs', headers: { ...(auth ?? {}), 'content-type': body.contentType }, payload: body.payload })
}

/** A verification request as the 认证 form sends it for `role`: what the role must give and a proof photo uploaded first. */
export async function claimBody(ctx: TestContext, auth: Auth, role: 'chair' | 'expert' = 'chair', extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const proof = await uploadProof(ctx, auth)
  if (proof.statusCode !== 200) throw new Error(`proof upload: ${proof.statusCode} ${proof.body}`)
  const details = role === 'chair' ? { realName: '泽仁卓玛', post: '科协主席' } : { institution: '四川农业大学', title: '副教授' }
  return { ...details, proofId: proof.json().id, ...extra }
}

/** Every JSON-ish text of a response, for "this number appears nowhere" checks. */
export function rawText(res: LightMyRequestResponse): string {
  return JSON.stringify(res.headers) + '\n' + res.body
}

export type { InjectOptions }
