// A data set with known answers for the township dashboard (tests/server/dashboard*.test.ts).
// Rows are written straight into the tables (as the features that own them would), with exact
// instants around China-time month boundaries, so every number the dashboard returns can be
// worked out by hand below. The period the tests ask for is 2026-09 … 2026-12 (China time).
//
// Places: 甘孜镇 (T1) and 来马镇 (T2) of 甘孜县 513328; 康定市炉城街道 (another county of 甘孜州);
// 成都市锦江区春熙路街道 (another prefecture).
import { randomBytes } from 'node:crypto'
import type { Db } from '../../server/src/db/database'
import { login, type TestContext } from './helpers'

export const T1 = '513328100' // 甘孜县甘孜镇
export const T2 = '513328102' // 甘孜县来马镇
export const GANZI_COUNTY = '513328'
export const GANZI_PREFECTURE = '5133'
export const KANGDING_COUNTY = '513301'
export const KANGDING_STREET = '513301001' // 康定市炉城街道
export const CHENGDU_STREET = '510104022' // 成都市锦江区春熙路街道
export const PERIOD = { from: '2026-09', to: '2026-12' }
export const MONTHS = ['2026-09', '2026-10', '2026-11', '2026-12']

let seq = 0
async function person(db: Db, role: string, region: string | null, registeredAt: string | null, extra: Record<string, unknown> = {}): Promise<number> {
  const at = '2026-01-01T00:00:00.000Z'
  const row = await db
    .insertInto('users')
    .values({
      openid: `dash-${++seq}-${randomBytes(4).toString('hex')}`,
      nickname: `居民${seq}`,
      role,
      region_code: region,
      verification: 'none',
      registered_at: registeredAt,
      created_at: registeredAt ?? at,
      updated_at: registeredAt ?? at,
      ...extra,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A post written straight into the table (no review, no triggers of the API's own). */
export async function listing(db: Db, author: number, region: string, o: { kind?: string; status: string; createdAt: string; publishedAt: string | null }): Promise<number> {
  const row = await db
    .insertInto('listings')
    .values({
      side: o.kind === 'achievement' ? 'offer' : 'need',
      title: `测试信息${++seq}`,
      category: 'breeding',
      region_code: region,
      description: '牦牛冬季补饲',
      author_id: author,
      contact_name: '扎西',
      contact_phone_encrypted: 'x',
      status: o.status,
      check_suggest: 'pass',
      search_tokens: '牦牛',
      idempotency_key: `dash-${seq}`,
      created_at: o.createdAt,
      updated_at: o.createdAt,
      published_at: o.publishedAt,
      kind: o.kind ?? 'post',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function response(db: Db, listingId: number, responder: number, status: string, createdAt: string) {
  await db.insertInto('listing_responses').values({ listing_id: listingId, responder_id: responder, message: '我能帮忙', phone_encrypted: null, status, created_at: createdAt, decided_at: null }).execute()
}

async function event(db: Db, listingId: number, kind: string, createdAt: string) {
  await db.insertInto('listing_events').values({ listing_id: listingId, kind, actor_id: null, note: null, created_at: createdAt }).execute()
}

export interface DataSet {
  /** Users by name, for the assertions that need an id. */
  ids: Record<string, number>
}

/**
 * The data set. Expected answers (period 2026-09 … 2026-12, China time):
 *
 *                      T1 甘孜镇         T2 来马镇      甘孜县 513328      四川省 51
 *   registrations      2,2,1,2 = 7       1,0,1,1 = 3    3,2,2,3 = 10       3,4,3,3 = 13
 *   posts              1,0,1,0 = 2       0,0,0,1 = 1    1,0,1,1 = 3        1,0,2,1 = 4
 *   responses          1,1,2,0 = 4       0,0,0,1 = 1    1,1,2,1 = 5        1,1,3,1 = 6
 *   resolved           1,0,0,1 = 2       0               1,0,0,1 = 2        1,0,1,1 = 3
 *   contest_entries    0,1,0,1 = 2       0,0,1,0 = 1    0,1,1,1 = 3        0,1,2,1 = 4
 *   nominations        0,1,1,0 = 2       0,0,0,1 = 1    0,1,1,1 = 3        0,1,1,1 = 3
 *   shares             2,0,1,0 = 3       0,1,0,0 = 1    2,1,1,0 = 4        2,1,1,1 = 5
 *   share_registrations 0,1,0,1 = 2      0,0,1,0 = 1    0,1,1,1 = 3        0,2,1,1 = 4
 *   registered to date 8                 3              11                 14
 *   by role (period)   farmer 4, volunteer 1, chair 1, expert 1 (T1)
 */
export async function seedDashboardData(db: Db): Promise<DataSet> {
  const ids: Record<string, number> = {}
  // ---- registrations (registered_at; the region and role people chose) ----
  ids.u1 = await person(db, 'farmer', T1, '2026-09-10T04:00:00.000Z') // Sep
  ids.u2 = await person(db, 'farmer', T1, '2026-10-05T02:00:00.000Z') // Oct
  ids.u3 = await person(db, 'volunteer', T1, '2026-10-20T09:00:00.000Z') // Oct
  ids.u4 = await person(db, 'farmer', T1, '2026-11-30T16:30:00.000Z') // 00:30 on 1 Dec in China: Dec
  ids.u5 = await person(db, 'chair', T1, '2026-11-30T15:59:59.999Z') // 23:59:59.999 on 30 Nov in China: Nov
  ids.u6 = await person(db, 'farmer', T1, '2026-12-02T03:00:00.000Z') // Dec
  ids.u7 = await person(db, 'expert', T1, '2026-08-31T16:00:00.000Z') // 00:00 on 1 Sep in China: Sep
  ids.u8 = await person(db, 'farmer', T1, '2026-08-31T15:59:59.000Z') // Aug: before the period, still "to date"
  // A deleted account: its region is erased with it, so it counts nowhere.
  ids.u9 = await person(db, 'farmer', null, '2026-10-08T02:00:00.000Z', { deleted_at: '2026-10-09T02:00:00.000Z', openid: `deleted:${randomBytes(4).toString('hex')}` })
  ids.u10 = await person(db, 'farmer', T1, '2026-12-31T16:30:00.000Z') // 00:30 on 1 Jan 2027 in China: after the period
  ids.u11 = await person(db, 'farmer', T1, null) // signed in once, never registered
  ids.v1 = await person(db, 'farmer', T2, '2026-09-03T02:00:00.000Z') // Sep
  ids.v2 = await person(db, 'other', T2, '2026-11-11T02:00:00.000Z') // Nov
  ids.v3 = await person(db, 'volunteer', T2, '2026-12-31T15:00:00.000Z') // 23:00 on 31 Dec in China: Dec
  ids.k1 = await person(db, 'farmer', KANGDING_STREET, '2026-10-15T02:00:00.000Z') // Oct, another county
  ids.w1 = await person(db, 'farmer', CHENGDU_STREET, '2026-10-16T02:00:00.000Z') // Oct, another prefecture
  ids.w2 = await person(db, 'expert', CHENGDU_STREET, '2026-11-16T02:00:00.000Z') // Nov, another prefecture

  // ---- posts (published_at), responses (created_at), resolved (the 'resolved' event) ----
  const L1 = await listing(db, ids.u1, T1, { status: 'published', createdAt: '2026-09-14T02:00:00.000Z', publishedAt: '2026-09-15T02:00:00.000Z' }) // Sep
  // Submitted in October, published at 00:00 on 1 Nov in China: a November post. Resolved in December.
  const L2 = await listing(db, ids.u2, T1, { status: 'resolved', createdAt: '2026-10-30T02:00:00.000Z', publishedAt: '2026-10-31T16:00:00.000Z' })
  await listing(db, ids.u2, T1, { status: 'pending', createdAt: '2026-10-02T02:00:00.000Z', publishedAt: null }) // never published
  await listing(db, ids.u3, T1, { status: 'rejected', createdAt: '2026-10-03T02:00:00.000Z', publishedAt: null }) // never published
  const L4 = await listing(db, ids.u7, T1, { kind: 'achievement', status: 'published', createdAt: '2026-10-01T02:00:00.000Z', publishedAt: '2026-10-01T03:00:00.000Z' }) // 科技成果: not a post
  const L5 = await listing(db, ids.v1, T2, { status: 'closed', createdAt: '2026-12-01T02:00:00.000Z', publishedAt: '2026-12-01T05:00:00.000Z' }) // Dec, closed later
  const L7 = await listing(db, ids.w1, CHENGDU_STREET, { status: 'resolved', createdAt: '2026-11-01T02:00:00.000Z', publishedAt: '2026-11-02T02:00:00.000Z' }) // Nov, Chengdu
  const L8 = await listing(db, ids.u1, T1, { status: 'resolved', createdAt: '2026-08-19T02:00:00.000Z', publishedAt: '2026-08-20T02:00:00.000Z' }) // Aug post, resolved in Sep

  await response(db, L1, ids.u3, 'pending', '2026-09-20T02:00:00.000Z') // T1 Sep
  await response(db, L2, ids.u1, 'accepted', '2026-11-05T02:00:00.000Z') // T1 Nov
  await response(db, L2, ids.u3, 'declined', '2026-11-06T02:00:00.000Z') // T1 Nov
  await response(db, L4, ids.u1, 'pending', '2026-10-10T02:00:00.000Z') // T1 Oct (an achievement's 对接 counts)
  await response(db, L5, ids.u1, 'pending', '2026-12-10T02:00:00.000Z') // T2 Dec
  await response(db, L7, ids.w2, 'accepted', '2026-11-11T02:00:00.000Z') // Chengdu Nov
  await response(db, L8, ids.u2, 'accepted', '2026-08-25T02:00:00.000Z') // T1 Aug: before the period

  await event(db, L2, 'resolved', '2026-12-01T02:00:00.000Z') // T1 Dec
  await event(db, L8, 'resolved', '2026-09-05T02:00:00.000Z') // T1 Sep
  await event(db, L7, 'resolved', '2026-11-20T02:00:00.000Z') // Chengdu Nov
  await event(db, L5, 'closed', '2026-12-20T02:00:00.000Z') // closed is not resolved
  await event(db, L1, 'approved', '2026-09-15T02:00:00.000Z')

  // ---- contests: entries and nominations (created_at; the entrant's / nominee's township) ----
  const contest = await db
    .insertInto('contests')
    .values({
      kind: 'contest',
      name: '第七届四川省乡土人才创新创业大赛',
      organiser: '四川省科学技术协会',
      level: 'province',
      region_code: '51',
      categories: '["breeding"]',
      description: '大赛',
      rules: '规则',
      stage: 'signup',
      signup_ends_at: '2027-03-01T00:00:00.000Z',
      preliminary_ends_at: '2027-04-01T00:00:00.000Z',
      semifinal_ends_at: '2027-05-01T00:00:00.000Z',
      final_ends_at: '2027-06-01T00:00:00.000Z',
      results_published_at: null,
      created_by: ids.u1,
      created_at: '2026-08-01T00:00:00.000Z',
      updated_at: '2026-08-01T00:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const entry = (user: number, region: string, createdAt: string) =>
    db
      .insertInto('contest_entries')
      .values({
        contest_id: contest.id,
        user_id: user,
        source: 'self',
        title: '牦牛养殖',
        category: 'breeding',
        description: '二十年牦牛养殖经验',
        years_experience: 20,
        region_code: region,
        stage_reached: 'signup',
        award: null,
        award_name: null,
        check_suggest: 'pass',
        created_at: createdAt,
        updated_at: createdAt,
      })
      .execute()
  await entry(ids.u1, T1, '2026-10-01T01:00:00.000Z') // T1 Oct
  await entry(ids.u2, T1, '2026-11-30T16:00:00.000Z') // 00:00 on 1 Dec in China: T1 Dec
  await entry(ids.v1, T2, '2026-11-15T02:00:00.000Z') // T2 Nov
  await entry(ids.w1, CHENGDU_STREET, '2026-11-18T02:00:00.000Z') // Chengdu Nov

  const nomination = (region: string, status: string, createdAt: string) =>
    db
      .insertInto('contest_nominations')
      .values({
        contest_id: contest.id,
        nominator_id: ids.u5,
        nominee_user_id: null,
        nominee_name: `人才${++seq}`,
        nominee_phone_encrypted: null,
        nominee_phone_lookup: null,
        nominee_key: `p:${seq}`,
        region_code: region,
        reason: '种养殖能手',
        status,
        entry_id: null,
        created_at: createdAt,
        decided_at: null,
      })
      .execute()
  await nomination(T1, 'pending', '2026-10-12T02:00:00.000Z') // T1 Oct
  await nomination(T1, 'confirmed', '2026-11-02T02:00:00.000Z') // T1 Nov
  await nomination(T1, 'withdrawn', '2026-11-03T02:00:00.000Z') // taken back: not counted
  await nomination(T2, 'declined', '2026-12-04T02:00:00.000Z') // T2 Dec (made, then declined: counted)

  // ---- sharing: shares (the sharer's township) and the registrations credited to them ----
  const share = async (region: string | null, createdAt: string) =>
    (
      await db
        .insertInto('shares')
        .values({ code: `s${randomBytes(6).toString('hex')}`, sharer_id: ids.u3, target: 'article', target_id: 1, channel: 'chat', region_code: region, created_at: createdAt })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const s1 = await share(T1, '2026-09-01T02:00:00.000Z') // T1 Sep
  await share(T1, '2026-09-30T15:59:00.000Z') // 23:59 on 30 Sep in China: T1 Sep
  await share(T1, '2026-11-09T02:00:00.000Z') // T1 Nov
  await share(T2, '2026-10-09T02:00:00.000Z') // T2 Oct
  await share(null, '2026-10-10T02:00:00.000Z') // no township recorded: counted nowhere
  await share(CHENGDU_STREET, '2026-12-09T02:00:00.000Z') // Chengdu Dec
  const credit = (user: number, createdAt: string) =>
    db.insertInto('share_registrations').values({ user_id: user, sharer_id: ids.u3, share_id: s1, created_at: createdAt }).execute()
  await credit(ids.u2, '2026-10-05T02:00:00.000Z') // T1 Oct
  await credit(ids.u4, '2026-11-30T16:30:00.000Z') // T1 Dec (China)
  await credit(ids.v2, '2026-11-11T02:00:00.000Z') // T2 Nov
  await credit(ids.w1, '2026-10-16T02:00:00.000Z') // Chengdu Oct
  await credit(ids.u9, '2026-10-08T02:00:00.000Z') // deleted since: counted nowhere
  return { ids }
}

export type Auth = { authorization: string }
export interface Viewer {
  id: number
  auth: Auth
}

/**
 * Someone who signs in (through the WeChat emulator) to look at the dashboard. Their own account is
 * not registered (registered_at stays null), so they add nothing to the counts above.
 */
export async function viewer(ctx: TestContext, values: Record<string, unknown>): Promise<Viewer> {
  const { auth, user } = await login(ctx.app)
  await ctx.db.updateTable('users').set(values).where('id', '=', user.id).execute()
  return { id: user.id, auth }
}

export async function viewers(ctx: TestContext) {
  return {
    chairT1: await viewer(ctx, { role: 'chair', verification: 'verified', region_code: T1 }),
    chairT2: await viewer(ctx, { role: 'chair', verification: 'verified', region_code: T2 }),
    unverifiedChair: await viewer(ctx, { role: 'chair', verification: 'pending', region_code: T1 }),
    farmer: await viewer(ctx, { role: 'farmer', region_code: T1 }),
    expert: await viewer(ctx, { role: 'expert', verification: 'verified', region_code: T1 }),
    countyStaff: await viewer(ctx, { role: 'other', region_code: T1, is_staff: 1, staff_region_code: GANZI_COUNTY }),
    kangdingStaff: await viewer(ctx, { role: 'other', region_code: KANGDING_STREET, is_staff: 1, staff_region_code: KANGDING_COUNTY }),
    prefectureStaff: await viewer(ctx, { role: 'other', region_code: T1, is_staff: 1, staff_region_code: GANZI_PREFECTURE }),
    provinceStaff: await viewer(ctx, { role: 'other', region_code: CHENGDU_STREET, is_staff: 1, staff_region_code: null }),
  }
}
export type Viewers = Awaited<ReturnType<typeof viewers>>

export function dashboardUrl(query: Record<string, string> = {}): string {
  const qs = new URLSearchParams({ ...PERIOD, ...query }).toString()
  return `/api/dashboard?${qs}`
}
