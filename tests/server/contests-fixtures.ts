// Shared set-up for the contest (乡土人才大赛 / 科创会) server tests: a controllable clock, the
// listings world (demo people signed in) plus a verified chair of another township, and
// short-hands for the calls the tests repeat. Everything goes through the real routes.
import type { LightMyRequestResponse } from 'fastify'
import { createTestContext, login, useLazy, type TestContext } from './helpers'
import { claimBody, GANZI_TOWN, LAIMA_TOWN, registerPerson, setupWorld, type Auth, type Person, type World } from './listings-fixtures'

export { GANZI_TOWN, LAIMA_TOWN }

/** The sign-up deadline of the test contests: midnight starting 1 Dec 2026 in China = 16:00 UTC on 30 Nov. */
export const SIGNUP_ENDS = '2026-12-01T00:00:00+08:00'
export const SIGNUP_ENDS_UTC = '2026-11-30T16:00:00.000Z'

/** The app's clock in tests: set `clock.at` to stand anywhere in time. */
export class TestClock {
  at = new Date('2026-11-20T02:00:00.000Z')
  now = () => new Date(this.at.getTime())
  set(iso: string) {
    this.at = new Date(iso)
  }
}

export interface ContestWorld extends World {
  clock: TestClock
  /** A verified chair of 来马镇 (same county, another township). */
  otherChair: Person
}

export async function createContestWorld(): Promise<ContestWorld> {
  const clock = new TestClock()
  // The tests stand the clock anywhere from sign-up to the results months later; the people
  // signed in at the start stay signed in (sessions of a year, the longest SESSION_DAYS allows).
  const ctx = await createTestContext({ SESSION_DAYS: '365' }, { now: clock.now })
  const world = await setupWorld(ctx, clock.now)
  const otherChair = await registerPerson(ctx, 'chair', LAIMA_TOWN, '来马主席')
  await verify(ctx, world.staff.auth, otherChair.auth)
  return { ...world, clock, otherChair }
}

/** The file's contest world: made in beforeAll, its context closed in afterAll. */
export function useContestWorld(): ContestWorld {
  return useLazy('The contest world', createContestWorld, close)
}

/** Asks for verification as `person` and has staff approve it. */
export async function verify(ctx: TestContext, staff: Auth, person: Auth) {
  const asked = await ctx.app.inject({ method: 'POST', url: '/api/verifications', headers: person, payload: await claimBody(ctx, person, 'chair', { note: '乡镇科协主席' }) })
  if (asked.statusCode !== 201) throw new Error(`verification: ${asked.statusCode} ${asked.body}`)
  const ok = await ctx.app.inject({ method: 'POST', url: `/api/staff/verifications/${asked.json().id}/approve`, headers: staff })
  if (ok.statusCode !== 200) throw new Error(`approve verification: ${ok.statusCode} ${ok.body}`)
}

let contests = 0
export function contestBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'contest',
    name: `测试乡土人才大赛${++contests}`,
    organiser: '甘孜州科协',
    level: 'province',
    regionCode: '51',
    categories: ['planting', 'breeding', 'crafts'],
    description: '面向全省土专家、田秀才和致富带头人的比赛，欢迎报名。',
    rules: '报名、初赛、复赛、决赛，决赛设金银铜奖和最受欢迎奖。',
    signupEndsAt: SIGNUP_ENDS,
    preliminaryEndsAt: '2027-01-01T00:00:00+08:00',
    semifinalEndsAt: '2027-02-01T00:00:00+08:00',
    finalEndsAt: '2027-03-01T00:00:00+08:00',
    articleIds: [],
    ...overrides,
  }
}

export function entryBody(overrides: Record<string, unknown> = {}) {
  return {
    title: '牦牛冬季补饲技术推广',
    category: 'breeding',
    description: '十年来在牧区推广牦牛冬季补饲，带动三十户牧民增收。',
    yearsExperience: 10,
    regionCode: GANZI_TOWN,
    photoIds: [],
    ...overrides,
  }
}

export function nominationBody(nominee: Record<string, unknown>, reason = '养牦牛二十年，冬季补饲做得好，乡亲们都向他学习。') {
  return { nominee, reason }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'
export function call(w: { ctx: TestContext }, method: Method, url: string, auth?: Auth, payload?: unknown): Promise<LightMyRequestResponse> {
  return w.ctx.app.inject({ method, url, headers: auth ?? {}, ...(payload === undefined ? {} : { payload: payload as any }) })
}

function ok(res: LightMyRequestResponse, status: number, what: string) {
  if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`)
  return res.json()
}

/** Creates a contest as staff (stage signup); returns its id. */
export async function createContest(w: ContestWorld, overrides: Record<string, unknown> = {}): Promise<number> {
  return ok(await call(w, 'POST', '/api/staff/contests', w.staff.auth, contestBody(overrides)), 201, 'create contest').id
}

export async function moveStage(w: ContestWorld, id: number, stage: string) {
  return ok(await call(w, 'POST', `/api/staff/contests/${id}/stage`, w.staff.auth, { stage }), 200, `stage ${stage}`)
}

export async function signUp(w: ContestWorld, auth: Auth, id: number, overrides: Record<string, unknown> = {}): Promise<number> {
  return ok(await call(w, 'POST', `/api/contests/${id}/entries`, auth, entryBody(overrides)), 201, 'sign up').id
}

export async function advance(w: ContestWorld, id: number, entryId: number, stage: string) {
  return ok(await call(w, 'POST', `/api/staff/contests/${id}/entries/${entryId}/advance`, w.staff.auth, { stage }), 200, `advance to ${stage}`)
}

export async function award(w: ContestWorld, id: number, entryId: number, body: Record<string, unknown>) {
  return ok(await call(w, 'POST', `/api/staff/contests/${id}/entries/${entryId}/award`, w.staff.auth, body), 200, 'award')
}

/**
 * A contest in its final with `entrants` as finalists (each signed up in 甘孜镇 unless given a
 * region); returns the contest id and the entry ids in order. The clock is left where it was.
 */
export async function contestInFinal(w: ContestWorld, entrants: Array<{ auth: Auth; regionCode?: string; category?: string; title?: string }>, overrides: Record<string, unknown> = {}) {
  const id = await createContest(w, overrides)
  const entryIds: number[] = []
  for (const e of entrants) {
    entryIds.push(await signUp(w, e.auth, id, { ...(e.regionCode ? { regionCode: e.regionCode } : {}), ...(e.category ? { category: e.category } : {}), ...(e.title ? { title: e.title } : {}) }))
  }
  for (const stage of ['preliminary', 'semifinal', 'final']) {
    await moveStage(w, id, stage)
    for (const entryId of entryIds) await advance(w, id, entryId, stage)
  }
  return { id, entryIds }
}

/** A new registered person (farmer in 甘孜镇 unless told otherwise). */
export function newPerson(w: ContestWorld, role = 'farmer', regionCode = GANZI_TOWN, nickname?: string) {
  return registerPerson(w.ctx, role, regionCode, nickname)
}

/** A person who signed in with WeChat but has not filled in a profile. */
export async function unregisteredPerson(w: ContestWorld): Promise<Auth> {
  return (await login(w.ctx.app)).auth
}

async function close(w: ContestWorld) {
  await w.ctx.close()
}
