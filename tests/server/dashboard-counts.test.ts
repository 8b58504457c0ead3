// The dashboard reads counts kept on write (migration 021's triggers on dashboard_counts). Its
// figures must stay exactly what the from-scratch query (dashboard.live.ts, what GET /api/dashboard
// computed per request before) gives: after every kind of write that changes a count — people
// registering (through the app), changing role, moving township, deleting their account; posts
// published, resolved, reopened, moved; responses; resolved events added, moved across a China
// month boundary and removed; contest entries and nominations; shares and credited registrations —
// for the province, a prefecture, counties and townships, on SQLite and PostgreSQL (TEST_DB_URL).
// And migration 021, run over existing rows, counts them to the same numbers.
import { randomBytes } from 'node:crypto'
import { addMonths, monthStartUtc } from '../../common/china-time'
import type { Dashboard } from '../../common/schemas/dashboard'
import * as m021 from '../../server/src/db/migrations/021_dashboard_counts'
import { liveDashboardCounts } from '../../server/src/modules/dashboard/dashboard.live'
import { getDashboard } from '../../server/src/modules/dashboard/dashboard.service'
import { codeRange } from '../../server/src/modules/regions/regions.data'
import { findUserById } from '../../server/src/modules/users/users.repository'
import { login, useTestContext } from './helpers'
import { CHENGDU_STREET, GANZI_COUNTY, GANZI_PREFECTURE, KANGDING_COUNTY, KANGDING_STREET, listing, seedDashboardData, T1, T2, viewers, type Viewers } from './dashboard-fixtures'

// Each step compares 18 dashboards and people lists: more than the default 5 s on a busy machine.
jest.setTimeout(60_000)

let clock = new Date('2026-12-07T04:00:00.000Z')
const ctx = useTestContext({}, () => ({ now: () => clock }))
let v: Viewers
let ids: Record<string, number>

const AREAS = ['51', GANZI_PREFECTURE, '5101', GANZI_COUNTY, KANGDING_COUNTY, T1, T2, KANGDING_STREET, CHENGDU_STREET]
const PERIODS = [
  { from: '2026-09', to: '2026-12' },
  { from: '2026-01', to: '2027-12' },
]

/** GET /api/dashboard (the counts kept on write) equals the same dashboard computed from scratch, everywhere. */
async function expectSameAsLive(step: string) {
  const staff = (await findUserById(ctx.db, v.provinceStaff.id))!
  for (const region of AREAS) {
    for (const period of PERIODS) {
      const query = { region, ...period }
      const res = await ctx.app.inject({ method: 'GET', url: `/api/dashboard?${new URLSearchParams(query)}`, headers: v.provinceStaff.auth })
      expect(res.statusCode).toBe(200)
      const shown: Dashboard = res.json()
      const live = await getDashboard({ db: ctx.db }, staff, query, clock, liveDashboardCounts)
      // The step names itself in a failure.
      expect({ step, query, dashboard: shown }).toEqual({ step, query, dashboard: JSON.parse(JSON.stringify(live)) })
      // The people list: its total is the same count, its people those of the area's code range
      // (provinces and prefectures are read by code prefix, see registeredPeople), newest first.
      const people = await ctx.app.inject({ method: 'GET', url: `/api/dashboard/people?${new URLSearchParams({ ...query, limit: '50' })}`, headers: v.provinceStaff.auth })
      const [from, to] = codeRange(region)
      const expected = await ctx.db
        .selectFrom('users')
        .select('registered_at')
        .where('deleted_at', 'is', null)
        .where((eb) => (region.length === 9 ? eb('region_code', '=', region) : eb.and([eb('region_code', '>=', from), eb('region_code', '<', to)])))
        .where('registered_at', '>=', monthStartUtc(query.from))
        .where('registered_at', '<', monthStartUtc(addMonths(query.to, 1)))
        .orderBy('registered_at', 'desc')
        .orderBy('id', 'desc')
        .execute()
      expect({ step, query, total: people.json().total }).toEqual({ step, query, total: live.metrics.find((m) => m.metric === 'registrations')!.total })
      expect({ step, query, listed: people.json().items.map((p: { registeredAt: string }) => p.registeredAt) }).toEqual({ step, query, listed: expected.map((r) => r.registered_at) })
    }
  }
}

async function register(at: string, role: string, regionCode: string) {
  clock = new Date(at)
  const { auth, user } = await login(ctx.app)
  await profile(auth, role, regionCode)
  return { id: user.id as number, auth }
}

async function profile(auth: { authorization: string }, role: string, regionCode: string) {
  const res = await ctx.app.inject({ method: 'PUT', url: '/api/users/me', headers: auth, payload: { nickname: '次仁', role, regionCode } })
  expect(res.statusCode).toBe(200)
}

function post(author: number, region: string, publishedAt: string | null, status = 'published'): Promise<number> {
  return listing(ctx.db, author, region, { status, createdAt: publishedAt ?? '2026-10-01T00:00:00.000Z', publishedAt })
}

const event = async (listingId: number, kind: string, at: string) =>
  (await ctx.db.insertInto('listing_events').values({ listing_id: listingId, kind, actor_id: null, note: null, created_at: at }).returning('id').executeTakeFirstOrThrow()).id
const setListing = (id: number, values: Record<string, unknown>) => ctx.db.updateTable('listings').set(values).where('id', '=', id).execute()

beforeAll(async () => {
  ids = (await seedDashboardData(ctx.db)).ids
  v = await viewers(ctx)
}, 60_000)

test('the seeded data: every area and period as counted from scratch', async () => {
  await expectSameAsLive('seeded')
})

test('people registering, changing role, moving and leaving, across a China month boundary', async () => {
  // 23:59 on 30 Nov and 00:01 on 1 Dec in China.
  const nov = await register('2026-11-30T15:59:00.000Z', 'farmer', T2)
  const dec = await register('2026-11-30T16:01:00.000Z', 'volunteer', T2)
  await expectSameAsLive('registered')
  clock = new Date('2026-12-08T04:00:00.000Z')
  await profile(nov.auth, 'expert', T2) // role changed
  await expectSameAsLive('role changed')
  // Credited to a share, then moves to another county: the credit moves with them.
  const share = await ctx.db.selectFrom('shares').select('id').orderBy('id').executeTakeFirstOrThrow()
  await ctx.db.insertInto('share_registrations').values({ user_id: dec.id, sharer_id: ids.u3, share_id: share.id, created_at: '2026-11-30T16:01:00.000Z' }).execute()
  await expectSameAsLive('credited')
  await profile(dec.auth, 'volunteer', KANGDING_STREET)
  await expectSameAsLive('moved')
  const res = await ctx.app.inject({ method: 'DELETE', url: '/api/users/me', headers: nov.auth })
  expect(res.statusCode).toBe(200)
  await expectSameAsLive('deleted')
})

test('many people registering and swapping roles at once (a training day) all count, in one township and month', async () => {
  clock = new Date('2026-12-10T02:00:00.000Z')
  const signedIn = await Promise.all(Array.from({ length: 20 }, () => login(ctx.app)))
  await Promise.all(signedIn.map((p, i) => profile(p.auth, i % 2 ? 'farmer' : 'expert', T1)))
  // Opposite role changes at the same moment take the same counts' rows in the same order.
  await Promise.all(signedIn.map((p, i) => profile(p.auth, i % 2 ? 'expert' : 'farmer', T1)))
  await expectSameAsLive('a crowd registered')
})

test('posts published, resolved twice in a month and again the next, reopened, moved; responses; events moved and removed', async () => {
  const p = await post(ids.u1, T1, '2026-10-31T16:00:00.000Z') // 00:00 on 1 Nov in China
  const pending = await post(ids.u2, T2, null, 'pending')
  await ctx.db.insertInto('listing_responses').values({ listing_id: p, responder_id: ids.u2, message: '我能帮忙', phone_encrypted: null, status: 'pending', created_at: '2026-11-30T16:00:00.000Z', decided_at: null }).execute()
  await expectSameAsLive('posted, answered')
  await setListing(pending, { status: 'published', published_at: '2026-12-03T02:00:00.000Z' }) // approved
  await setListing(p, { status: 'resolved' })
  const first = await event(p, 'resolved', '2026-12-05T02:00:00.000Z')
  await event(p, 'resolved', '2026-12-06T02:00:00.000Z') // the same month: the post counts once
  await expectSameAsLive('approved, resolved twice in December')
  await setListing(p, { status: 'published' }) // 没有解决: reopened, so not resolved in any month
  await expectSameAsLive('reopened')
  await setListing(p, { status: 'resolved' })
  await event(p, 'resolved', '2026-12-31T16:00:00.000Z') // 00:00 on 1 Jan in China
  await expectSameAsLive('resolved again in January')
  await setListing(p, { region_code: KANGDING_STREET }) // moved: its post, responses and resolutions go with it
  await expectSameAsLive('moved to Kangding')
  await ctx.db.updateTable('listing_events').set({ created_at: '2026-11-20T02:00:00.000Z' }).where('id', '=', first).execute() // into November
  await expectSameAsLive('an event moved across months')
  await ctx.db.deleteFrom('listing_events').where('id', '=', first).execute()
  await ctx.db.updateTable('listing_events').set({ kind: 'closed' }).where('listing_id', '=', p).where('created_at', '=', '2026-12-06T02:00:00.000Z').execute()
  await expectSameAsLive('events removed and renamed')
  await ctx.db.deleteFrom('listing_responses').where('listing_id', '=', p).execute()
  await setListing(p, { kind: 'achievement' })
  await expectSameAsLive('response removed, post became an achievement')
})

test('contest entries and nominations, shares', async () => {
  const contest = await ctx.db.selectFrom('contests').select('id').executeTakeFirstOrThrow()
  const entry = await ctx.db
    .insertInto('contest_entries')
    .values({
      contest_id: contest.id,
      user_id: ids.u6,
      source: 'self',
      title: '青稞种植',
      category: 'breeding',
      description: '二十年',
      years_experience: 20,
      region_code: T1,
      stage_reached: 'signup',
      award: null,
      award_name: null,
      check_suggest: 'pass',
      created_at: '2026-12-31T15:59:59.999Z',
      updated_at: '2026-12-31T15:59:59.999Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await ctx.db.updateTable('contest_nominations').set({ status: 'withdrawn' }).where('status', '=', 'confirmed').execute()
  await ctx.db.updateTable('contest_nominations').set({ status: 'pending' }).where('status', '=', 'declined').execute()
  await ctx.db
    .insertInto('shares')
    .values({ code: `s${randomBytes(6).toString('hex')}`, sharer_id: ids.u3, target: 'listing', target_id: 1, channel: 'timeline', region_code: T2, created_at: '2026-12-31T16:00:00.000Z' })
    .execute()
  await expectSameAsLive('entered, withdrawn, shared')
  await ctx.db.deleteFrom('contest_entries').where('id', '=', entry.id).execute()
  await expectSameAsLive('entry taken back')
})

test('migration 021 over existing rows counts them to the same numbers', async () => {
  const table = () => ctx.db.selectFrom('dashboard_counts').selectAll().where('n', '<>', 0).orderBy('area').orderBy('month').orderBy('metric').orderBy('part').execute()
  const kept = await table()
  expect(kept.length).toBeGreaterThan(50)
  await m021.down(ctx.db)
  await m021.up(ctx.db)
  expect(await table()).toEqual(kept)
  await expectSameAsLive('recounted by the migration')
  // The triggers are back too.
  await register('2027-01-02T02:00:00.000Z', 'farmer', T1)
  await expectSameAsLive('registered after the recount')
})
