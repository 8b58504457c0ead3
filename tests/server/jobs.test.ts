// Scheduled jobs (server/src/jobs): each runs once per period however many instances tick, a
// crashed holder's lease expires, failures are recorded, and the sweeps delete what they should.
// "Instances" are schedulers on separate connections to one database. Runs on SQLite and PostgreSQL.
import type { FastifyBaseLogger } from 'fastify'
import { createDb, type Db } from '../../server/src/db/database'
import { Scheduler, type Job } from '../../server/src/jobs/scheduler'
import { RATE_LIMIT_PRUNE_AFTER_MS } from '../../server/src/lib/rate-limit'
import { login, useTestContext } from './helpers'

const HOUR = 3_600_000

let clock = new Date('2026-12-01T02:00:00Z')
/** The test app's logger (silent in tests). */
let log: FastifyBaseLogger
const others: Db[] = []
// Declared before the context, so it runs first: the other connections go before their database.
afterAll(async () => {
  await Promise.all(others.map((db) => db.destroy()))
})
const ctx = useTestContext({}, { now: () => clock })
beforeAll(() => {
  log = ctx.app.log
})

/** Another instance: its own connection (pool) to the same database. */
function connect(): Db {
  const db = createDb(ctx.dbUrl)
  others.push(db)
  return db
}

function countingJob(name: string, runs: { n: number }, opts: Partial<Job> = {}): Job {
  return {
    name,
    everyMs: HOUR,
    run: async () => {
      runs.n++
      // Long enough that the other instances' claims overlap the run.
      await new Promise((r) => setTimeout(r, 20))
      return runs.n
    },
    ...opts,
  }
}

test('a job scheduled on four instances that tick at once runs once per period', async () => {
  const runs = { n: 0 }
  const instances = [ctx.db, connect(), connect(), connect()].map(
    (db, i) => new Scheduler(db, [countingJob('test.once', runs)], { now: () => clock, log, instanceId: `i${i}` }),
  )
  const ran = await Promise.all(instances.map((s) => s.tick()))
  expect(runs.n).toBe(1)
  expect(ran.flat()).toEqual(['test.once'])

  // Within the period nobody runs it again…
  clock = new Date(clock.getTime() + HOUR - 1000)
  await Promise.all(instances.map((s) => s.tick()))
  expect(runs.n).toBe(1)
  // …and once the period has passed, exactly one does.
  clock = new Date(clock.getTime() + 1000)
  await Promise.all([...instances, ...instances].map((s) => s.tick()))
  expect(runs.n).toBe(2)

  const row = await ctx.db.selectFrom('job_leases').selectAll().where('name', '=', 'test.once').executeTakeFirstOrThrow()
  expect(row).toMatchObject({ runs: 2, failures: 0, last_result: '2', locked_by: null, locked_until: null })
})

test('a holder that died keeps the job until its lease ends; then another instance runs it', async () => {
  const runs = { n: 0 }
  const job = countingJob('test.lease', runs, { leaseMs: 10 * 60_000 })
  const a = new Scheduler(ctx.db, [job], { now: () => clock, log, instanceId: 'a' })
  await a.tick()
  expect(runs.n).toBe(1)
  // Instance a claimed the next run and died holding it (its lease row stays locked).
  clock = new Date(clock.getTime() + HOUR)
  await ctx.db.updateTable('job_leases').set({ locked_by: 'a', locked_until: new Date(clock.getTime() + 5 * 60_000).toISOString() }).where('name', '=', 'test.lease').execute()
  const b = new Scheduler(connect(), [job], { now: () => clock, log, instanceId: 'b' })
  expect(await b.tick()).toEqual([])
  clock = new Date(clock.getTime() + 5 * 60_000)
  expect(await b.tick()).toEqual(['test.lease'])
  expect(runs.n).toBe(2)
})

test('a failing job is recorded, releases its lease and runs again next period', async () => {
  let fail = true
  const job: Job = {
    name: 'test.failing',
    everyMs: HOUR,
    run: async () => {
      if (fail) throw new Error('disk full')
      return 'fine'
    },
  }
  const s = new Scheduler(ctx.db, [job], { now: () => clock, log })
  expect(await s.tick()).toEqual(['test.failing'])
  let row = await ctx.db.selectFrom('job_leases').selectAll().where('name', '=', 'test.failing').executeTakeFirstOrThrow()
  expect(row).toMatchObject({ runs: 1, failures: 1, last_result: 'error: disk full', locked_by: null })
  fail = false
  clock = new Date(clock.getTime() + HOUR)
  await s.tick()
  row = await ctx.db.selectFrom('job_leases').selectAll().where('name', '=', 'test.failing').executeTakeFirstOrThrow()
  expect(row).toMatchObject({ runs: 2, failures: 1, last_result: 'fine' })
})

test('the app’s own sweeps: expired sessions and stale rate-limit rows go, live ones stay', async () => {
  const { auth } = await login(ctx.app)
  const stale = new Date(clock.getTime() - RATE_LIMIT_PRUNE_AFTER_MS - HOUR).toISOString()
  const recent = new Date(clock.getTime() - HOUR).toISOString()
  await ctx.db
    .insertInto('rate_limits')
    .values([
      { key: 'test:stale', window_start: stale, hits: 3 },
      { key: 'test:recent', window_start: recent, hits: 3 },
    ])
    .execute()
  const someone = await ctx.db.selectFrom('users').select('id').executeTakeFirstOrThrow()
  await ctx.db
    .insertInto('sessions')
    .values({ token_hash: 'x'.repeat(64), user_id: someone.id, created_at: stale, expires_at: recent })
    .execute()

  // Every job of the app is due on its first tick.
  clock = new Date(clock.getTime() + 24 * HOUR)
  const ran = await ctx.app.scheduler.tick()
  expect(ran).toEqual(expect.arrayContaining(['sessions.expired', 'rate-limits.prune', 'uploads.sweep']))

  const keys = (await ctx.db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key)
  expect(keys).toContain('test:recent')
  expect(keys).not.toContain('test:stale')
  expect(await ctx.db.selectFrom('sessions').select('id').where('token_hash', '=', 'x'.repeat(64)).executeTakeFirst()).toBeUndefined()
  // The login made above is still good.
  expect((await ctx.app.inject({ method: 'GET', url: '/api/users/me', headers: auth })).statusCode).toBe(200)
})
