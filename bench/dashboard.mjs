#!/usr/bin/env node
// The dashboard (GET /api/dashboard) at a million people, on SQLite and PostgreSQL, on demand,
// never part of `npm test`.
//   npm run bench:dashboard                                                 SQLite only
//   BENCH_PG=postgres://app@127.0.0.1:55439/bench_dash npm run bench:dashboard    and PostgreSQL
//   USERS=100000 … for a quick run
//
// Per database:
// 1. Loads the data set of bench/dashboard-data.mjs (the same rows on both) into a database
//    migrated up to 020, then migrates to the latest schema — so 021 counts the existing rows into
//    dashboard_counts the way a production database would be migrated (its time is printed).
//    SQLite: a temp file. PostgreSQL: the BENCH_PG database, dropped and created by the bench.
// 2. Signs in two viewers the way auth does (a users row + a sessions row holding sha256 of a
//    random token): staff with staff_region_code null (the province) and a verified chair of the
//    busiest township; sets ~1,800 targets (the province, its prefectures, the busiest county and
//    its townships, every month).
// 3. Starts the real server in-process (buildApp on that database, the WeChat emulator, port 0) and
//    checks that the dashboard it serves equals the one computed from scratch
//    (dashboard.live.ts, what the dashboard ran per request before migration 021) for the
//    township, the county and the province, 6 and 24 months — the time of that from-scratch
//    computation is printed as "before".
// 4. Measures in ONE run, one client at a time in a child process (bench/dashboard-client.mjs),
//    requests interleaved so noise hits every URL alike: GET /api/health, and GET /api/dashboard
//    for (a) the chair's township, (b) the busiest county (staff), (c) the province (staff), each
//    for 6 and for 24 months; and the list of who registered the page shows beneath
//    (GET /api/dashboard/people: (a), (b), (c) first page, (c) page 200). Meanwhile the server process samples its event loop every 10 ms
//    (loopSampler: per interval between two ticks, the loop's busy time and the CPU time used, the
//    smaller of which bounds what the loop itself ran; the timer's lag;
//    perf_hooks.monitorEventLoopDelay), and the same for 2 s idle before, as the machine's noise.
// 5. Prints the plan of the dashboard's statement (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE), medians,
//    p95s, ratios to health, and LAST the goal lines (bench contract):
//      GOAL dashboard_township_p95 <ms> ms 50 met|missed
//      GOAL dashboard_province_p95 <ms> ms 100 met|missed      (the worse of 6 and 24 months)
//      GOAL event_loop_max_block <ms> ms 50 met|missed         (the longest block, whole run)
//    and the same with _pg for PostgreSQL.
//
// Environment: USERS (1000000), LISTINGS (100000), RESPONSES (50000), SHARES (20000),
// ENTRIES (3000), NOMINATIONS (2000); SAMPLES (200: health and township), SAMPLES_COUNTY (100),
// SAMPLES_PROVINCE (100); BENCH_SQLITE=0 skips SQLite; BENCH_PG (see above); BENCH_DB=path reuses
// a SQLite file this bench seeded (KEEP=1 keeps it, and keeps the PostgreSQL database);
// BENCH_PG_REUSE=1 reuses a kept PostgreSQL database.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { isDeepStrictEqual } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import pg from 'pg'
import { addMonths, chinaMonthOf, monthStartUtc } from '../common/china-time.ts'
import { buildApp } from '../server/src/app.ts'
import { loadConfig } from '../server/src/config.ts'
import { analyzeForPlanner, createDb } from '../server/src/db/database.ts'
import { idleLoop, loopSampler } from './event-loop.mjs'
import { migrateTo, migrateToLatest } from '../server/src/db/migrate.ts'
import { encodeCursor } from '../server/src/lib/cursor.ts'
import { newSessionToken } from '../server/src/lib/crypto.ts'
import { dashboardCounts } from '../server/src/modules/dashboard/dashboard.repository.ts'
import { liveDashboardCounts } from '../server/src/modules/dashboard/dashboard.live.ts'
import { getDashboard, periodOf } from '../server/src/modules/dashboard/dashboard.service.ts'
import { findUserById } from '../server/src/modules/users/users.repository.ts'
import { buildEmulator } from '../server/src/wechat/emulator.ts'
import { generate, pgSink, regions, sqliteSink } from './dashboard-data.mjs'

const ROOT = resolve(import.meta.dirname, '..')
const env = (name, dflt) => Number(process.env[name] ?? dflt)
const USERS = env('USERS', 1_000_000)
const SIZES = { USERS, LISTINGS: env('LISTINGS', 100_000), RESPONSES: env('RESPONSES', 50_000), SHARES: env('SHARES', 20_000), ENTRIES: env('ENTRIES', 3_000), NOMINATIONS: env('NOMINATIONS', 2_000) }
const SAMPLES = env('SAMPLES', 200)
const SAMPLES_COUNTY = env('SAMPLES_COUNTY', 100)
const SAMPLES_PROVINCE = env('SAMPLES_PROVINCE', 100)
const GOAL_TOWNSHIP_P95 = 50
const GOAL_PROVINCE_P95 = 100
const GOAL_LOOP_BLOCK = 50
const DAY = 86_400_000
const BEFORE_021 = '020_triage'
const run = promisify(execFile)
const t0 = Date.now()
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`
const fmt = (x, d = 1) => (x === undefined || x === null || Number.isNaN(x) ? '—' : x.toFixed(d))
const iso = (ms) => new Date(ms).toISOString()

// The period: the last 24 China-time months, this one included (data runs up to now).
const NOW = Date.now()
const TO = chinaMonthOf(NOW)
const FROM_6 = addMonths(TO, -5)
const FROM_24 = addMonths(TO, -23)
const START_MS = Date.parse(monthStartUtc(FROM_24))
const regionName = new Map([regions.province, ...regions.prefectures, ...regions.counties, ...regions.townships])
const CHILD_LENGTH = { 2: 4, 4: 6, 6: 9, 9: null }
const PROVINCE = '51'

// A full collection before each measured run: the garbage of generating a million rows in this
// process is the bench's, not the server's, and collecting it mid-run shows as a 40 ms block.
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc')

const kinds = []
if (process.env.BENCH_SQLITE !== '0') kinds.push('sqlite')
if (process.env.BENCH_PG) kinds.push('postgres')
const tmp = mkdtempSync(join(tmpdir(), 'tianfu-bench-dashboard-'))
const goals = []
for (const kind of kinds) await measure(kind)
console.log(
  `Reproduce: USERS=${USERS} ${process.env.BENCH_PG ? 'BENCH_PG=postgres://app@127.0.0.1:55439/bench_dash ' : ''}npm run bench:dashboard   (total ${elapsed()}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores)`,
)
for (const g of goals) console.log(g)
if (!process.env.KEEP) rmSync(tmp, { recursive: true, force: true })

// ---------------------------------------------------------------- the database

/** A database of `kind` holding the data set, migrated to the latest schema: { url, label, sizeMb, seconds }. */
async function prepare(kind) {
  if (kind === 'sqlite') {
    const file = process.env.BENCH_DB ? resolve(process.env.BENCH_DB) : join(tmp, 'dashboard.db')
    const url = `sqlite:${file}`
    const db = createDb(url)
    const info = { url, label: 'SQLite', sizeMb: async () => statSync(file).size / 1e6, drop: async () => {} }
    if (process.env.BENCH_DB) {
      console.log(`SQLite: reusing ${file} (migrated to the latest schema)`)
      await migrateToLatest(db)
      await db.destroy()
      return info
    }
    await migrateTo(db, BEFORE_021)
    await db.destroy()
    console.log(`SQLite: seeding ${USERS.toLocaleString()} users, ${SIZES.LISTINGS.toLocaleString()} listings into ${file} (${FROM_24} … ${TO})`)
    const t = Date.now()
    const sink = sqliteSink(file)
    await generate(sink, { ...SIZES, NOW, START_MS })
    sink.close()
    info.seedSeconds = (Date.now() - t) / 1000
    info.migrateSeconds = await migrateTimed(url)
    if (process.env.KEEP) console.log(`Keeping ${file} (BENCH_DB=${file} reuses it)`)
    return info
  }
  const url = process.env.BENCH_PG
  const name = decodeURIComponent(new URL(url).pathname.slice(1))
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_PG: the database name '${name}' should be lower-case letters, digits and _`)
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const adminQuery = async (text) => {
    const c = new pg.Client({ connectionString: admin.toString() })
    await c.connect()
    try {
      return await c.query(text)
    } finally {
      await c.end()
    }
  }
  const info = {
    url,
    label: 'PostgreSQL',
    sizeMb: async () => Number((await adminQuery(`select pg_database_size('${name}') as n`)).rows[0].n) / 1e6,
    drop: async () => (process.env.KEEP ? console.log(`Keeping PostgreSQL database ${name} (BENCH_PG_REUSE=1 reuses it)`) : adminQuery(`drop database if exists ${name} with (force)`)),
  }
  const exists = (await adminQuery(`select 1 from pg_database where datname = '${name}'`)).rowCount > 0
  if (exists && process.env.BENCH_PG_REUSE) {
    console.log(`PostgreSQL: reusing ${name} (migrated to the latest schema)`)
    const db = createDb(url)
    await migrateToLatest(db)
    await db.destroy()
    return info
  }
  // The bench's own database: made afresh every run.
  await adminQuery(`drop database if exists ${name} with (force)`)
  await adminQuery(`create database ${name}`)
  const db = createDb(url)
  await migrateTo(db, BEFORE_021)
  await db.destroy()
  console.log(`PostgreSQL: seeding ${USERS.toLocaleString()} users, ${SIZES.LISTINGS.toLocaleString()} listings into ${name} (${FROM_24} … ${TO})`)
  const t = Date.now()
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const sink = await pgSink(client)
  await generate(sink, { ...SIZES, NOW, START_MS })
  await sink.close()
  await client.end()
  info.seedSeconds = (Date.now() - t) / 1000
  info.migrateSeconds = await migrateTimed(url)
  // What autovacuum does on its own a minute after such a load.
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  await c.query('vacuum analyze')
  await c.end()
  return info
}

async function migrateTimed(url) {
  const db = createDb(url)
  const t = Date.now()
  const names = await migrateToLatest(db)
  await db.destroy()
  const s = (Date.now() - t) / 1000
  console.log(`  migrated ${names.join(', ')} in ${s.toFixed(1)} s (021 counts the existing rows) (${elapsed()})`)
  return s
}

// ---------------------------------------------------------------- one database, measured

async function measure(kind) {
  const info = await prepare(kind)
  const db = createDb(info.url)
  await analyzeForPlanner(db) // as server.ts does

  // The busiest township and county (the worst case for (a) and (b)), and the people counted there.
  const busiest = async (len) =>
    (
      await sql`select substr(region_code, 1, ${sql.lit(len)}) as code, count(*) as n from users
        where registered_at is not null and deleted_at is null and openid like 'obench%' group by 1 order by 2 desc limit 1`.execute(db)
    ).rows[0]
  const township = await busiest(9)
  const county = await busiest(6)
  const total = Number((await sql`select count(*) as n from users where registered_at is not null and deleted_at is null`.execute(db)).rows[0].n)
  const TOWNSHIP = township.code
  const COUNTY = county.code

  const viewers = {}
  {
    const at = iso(NOW)
    const suffix = `${NOW.toString(36)}-${process.pid}`
    // As auth does: the session row keeps only sha256 of the token (newSessionToken → hashToken).
    const signIn = async (name, role, verification, isStaff, region) => {
      const { id } = await db
        .insertInto('users')
        .values({ openid: `bench-viewer-${name}-${suffix}`, nickname: `bench ${name}`, role, verification, is_staff: isStaff, staff_region_code: null, region_code: region, consent_version: '2026-11-01', consent_at: at, registered_at: at, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
      const { token, hash } = newSessionToken()
      await db.insertInto('sessions').values({ token_hash: hash, user_id: id, created_at: at, expires_at: iso(NOW + 30 * DAY) }).execute()
      viewers[name] = { id, headers: { authorization: `Bearer ${token}` } }
    }
    await signIn('staff', 'other', 'none', 1, '510104022')
    await signIn('chair', 'chair', 'verified', 0, TOWNSHIP)
    // Targets staff would set: the province (every metric), its prefectures, the county and its
    // townships (registrations), every month of the period. The unique index keeps reruns idempotent.
    const metrics = ['registrations', 'posts', 'responses', 'resolved', 'contest_entries', 'nominations', 'shares', 'share_registrations']
    const rows = []
    for (let i = 0; i < 24; i++) {
      const month = addMonths(FROM_24, i)
      const t = (region_code, metric, value) => rows.push({ region_code, metric, month, value, set_by: viewers.staff.id, updated_at: at })
      for (const m of metrics) t(PROVINCE, m, 1000)
      for (const [code] of regions.prefectures) t(code, 'registrations', 500)
      t(COUNTY, 'registrations', 300)
      for (const [code] of regions.townships.filter(([c]) => c.startsWith(COUNTY))) t(code, 'registrations', 50)
    }
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('targets').values(rows.slice(i, i + 500)).onConflict((oc) => oc.doNothing()).execute()
  }
  const sizeMb = await info.sizeMb()
  const counted = Object.fromEntries(
    await Promise.all(
      ['users', 'listings', 'listing_events', 'listing_responses', 'shares', 'share_registrations', 'contest_entries', 'contest_nominations', 'targets', 'dashboard_counts'].map(async (t) => [
        t,
        Number((await sql`select count(*) as n from ${sql.table(t)}`.execute(db)).rows[0].n),
      ]),
    ),
  )
  console.log(`${info.label}: ${Object.entries(counted).map(([t, n]) => `${t} ${n.toLocaleString()}`).join(', ')}; ${sizeMb.toFixed(0)} MB (${elapsed()})`)

  // ---- the server
  const emulator = buildEmulator()
  await emulator.listen({ port: 0, host: '127.0.0.1' })
  const config = loadConfig({
    DATABASE_URL: info.url,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    WECHAT_API_BASE: `http://127.0.0.1:${emulator.server.address().port}`,
    UPLOAD_DIR: join(tmp, `uploads-${kind}`),
  })
  const app = await buildApp({ config, db })
  // Which requests were in flight (for the intervals that used the most CPU).
  const inFlight = []
  app.addHook('onRequest', async (req) => {
    req.benchStart = performance.now()
  })
  app.addHook('onResponse', async (req) => {
    inFlight.push({ url: req.url, from: req.benchStart, to: performance.now() })
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${app.server.address().port}`
  const dash = (region, from) => `${base}/api/dashboard?${new URLSearchParams({ region, from, to: TO })}`
  // The page also lists who registered (GET /api/dashboard/people, 20 a page as the page asks), first
  // page and the deepest one (page 200), for the event loop's sake.
  const people = (region, page) =>
    `${base}/api/dashboard/people?${new URLSearchParams({ region, from: FROM_6, to: TO, limit: '20', ...(page > 1 ? { cursor: encodeCursor({ p: page }) } : {}) })}`
  const TARGETS = {
    health: { url: `${base}/api/health`, n: SAMPLES },
    township6: { url: dash(TOWNSHIP, FROM_6), headers: viewers.chair.headers, n: SAMPLES, area: TOWNSHIP, from: FROM_6 },
    township24: { url: dash(TOWNSHIP, FROM_24), headers: viewers.chair.headers, n: SAMPLES, area: TOWNSHIP, from: FROM_24 },
    county6: { url: dash(COUNTY, FROM_6), headers: viewers.staff.headers, n: SAMPLES_COUNTY, area: COUNTY, from: FROM_6 },
    county24: { url: dash(COUNTY, FROM_24), headers: viewers.staff.headers, n: SAMPLES_COUNTY, area: COUNTY, from: FROM_24 },
    province6: { url: dash(PROVINCE, FROM_6), headers: viewers.staff.headers, n: SAMPLES_PROVINCE, area: PROVINCE, from: FROM_6 },
    province24: { url: dash(PROVINCE, FROM_24), headers: viewers.staff.headers, n: SAMPLES_PROVINCE, area: PROVINCE, from: FROM_24 },
    peopleTownship: { url: people(TOWNSHIP, 1), headers: viewers.chair.headers, n: SAMPLES_COUNTY },
    peopleCounty: { url: people(COUNTY, 1), headers: viewers.staff.headers, n: SAMPLES_COUNTY },
    peopleProvince: { url: people(PROVINCE, 1), headers: viewers.staff.headers, n: SAMPLES_COUNTY },
    peopleProvinceDeep: { url: people(PROVINCE, 200), headers: viewers.staff.headers, n: SAMPLES_PROVINCE },
  }

  // ---- every dashboard served equals the one counted from scratch (and how long that took)
  const staffRow = await findUserById(db, viewers.staff.id)
  const chairRow = await findUserById(db, viewers.chair.id)
  const before = {}
  for (const [k, t] of Object.entries(TARGETS)) {
    if (!t.area) continue
    const res = await fetch(t.url, { headers: t.headers })
    if (res.status !== 200) throw new Error(`${k}: GET ${t.url} answered ${res.status}: ${await res.text()}`)
    const served = await res.json()
    const viewer = t.headers === viewers.chair.headers ? chairRow : staffRow
    const s = performance.now()
    const live = await getDashboard({ db }, viewer, { region: t.area, from: t.from, to: TO }, new Date(NOW), liveDashboardCounts)
    before[k] = performance.now() - s
    if (!isDeepStrictEqual(served, JSON.parse(JSON.stringify(live)))) throw new Error(`${k}: the dashboard served differs from the one counted from scratch`)
  }
  {
    // The chair may not look outside their township: the session really is a chair's.
    const res = await fetch(dash(COUNTY, FROM_6), { headers: viewers.chair.headers })
    if (res.status !== 403) throw new Error(`the chair asking for the county got ${res.status}, expected 403`)
  }
  console.log(`${info.label}: every dashboard served equals the one counted from scratch; measuring (${elapsed()})`)

  // ---- the plan of the dashboard's statement (captured from the repository, so it cannot drift)
  const plans = {}
  {
    let captured = []
    const log = (e) => captured.push(e.query)
    const spy =
      kind === 'sqlite'
        ? new Kysely({ dialect: new SqliteDialect({ database: new SQLite(info.url.slice('sqlite:'.length), { readonly: true }) }), log })
        : new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: info.url, max: 1 }) }), log })
    for (const [k, area, from] of [['township6', TOWNSHIP, FROM_6], ['province24', PROVINCE, FROM_24]]) {
      captured = []
      await dashboardCounts(spy, { area, window: periodOf({ from, to: TO }, new Date(NOW)), childLength: CHILD_LENGTH[area.length] })
      const q = captured[0]
      const text = q.sql
      const rows =
        kind === 'sqlite'
          ? (await sql.raw(`explain query plan ${inline(text, q.parameters, kind)}`).execute(spy)).rows.map((r) => r.detail)
          : (await sql.raw(`explain (analyze, costs off) ${inline(text, q.parameters, kind)}`).execute(spy)).rows.map((r) => r['QUERY PLAN'])
      plans[k] = rows
    }
    await spy.destroy()
  }

  // ---- the measured run, with the event loop sampled in this (the server's) process
  collectGarbage()
  const idle = await idleLoop(2000)
  const sampler = loopSampler()
  const clientArgs = Object.fromEntries(Object.entries(TARGETS).map(([k, t]) => [k, { url: t.url, headers: t.headers ?? {}, n: t.n }]))
  const { stdout } = await run(process.execPath, [join(ROOT, 'bench/dashboard-client.mjs'), JSON.stringify({ targets: clientArgs, warmup: 3 })], { maxBuffer: 16 * 1024 * 1024 })
  const loop = sampler.stop()
  const r = JSON.parse(stdout)
  await app.close()
  await emulator.close()
  await db.destroy()
  await info.drop()

  // ---- report
  const ratio = (a, b) => fmt(a / b, 2)
  const label = {
    health: 'GET /api/health',
    township6: `(a) township, chair, 6 m`,
    township24: `(a) township, chair, 24 m`,
    county6: `(b) county, staff, 6 m`,
    county24: `(b) county, staff, 24 m`,
    province6: `(c) province, staff, 6 m`,
    province24: `(c) province, staff, 24 m`,
    peopleTownship: 'people, (a), page 1',
    peopleCounty: 'people, (b), page 1',
    peopleProvince: 'people, (c), page 1',
    peopleProvinceDeep: 'people, (c), page 200',
  }
  console.log(`
==== Dashboard at ${counted.users.toLocaleString()} users (${info.label}, ${sizeMb.toFixed(0)} MB): GET /api/dashboard, ${FROM_24}/${FROM_6} … ${TO}
Load: ${info.seedSeconds ? `seeded in ${info.seedSeconds.toFixed(1)} s, migration 021 counted them in ${info.migrateSeconds.toFixed(1)} s` : 'reused'}; load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores (other work on the machine shows in the absolute numbers)
Areas: (a) ${TOWNSHIP} ${regionName.get(TOWNSHIP)} (${Number(township.n).toLocaleString()} people, the busiest township), (b) ${COUNTY} ${regionName.get(COUNTY)} (${Number(county.n).toLocaleString()}), (c) 51 四川省 (${total.toLocaleString()})
One client, requests interleaved (ms):     n      p50      p95      max   ÷ health p50   errors  body     before (from scratch, once)`)
  for (const k of Object.keys(TARGETS)) {
    const s = r[k]
    console.log(
      `  ${label[k].padEnd(28)} ${String(s.n).padStart(4)} ${fmt(s.p50, 2).padStart(8)} ${fmt(s.p95, 2).padStart(8)} ${fmt(s.max, 1).padStart(8)}   ${ratio(s.p50, r.health.p50).padStart(10)}   ${String(s.errors).padStart(6)}  ${((s.bytes ?? 0) / 1024).toFixed(1).padStart(5)} kB  ${before[k] === undefined ? '' : `${fmt(before[k], 0).padStart(7)} ms`}`,
    )
  }
  console.log(`Event loop of the server process during the run (${fmt(loop.seconds, 1)} s), 10 ms ticks: longest block ${fmt(loop.blockMax, 1)} ms; most CPU in one interval ${fmt(loop.cpuMax, 1)} ms; longest busy stretch ${fmt(loop.busyMax, 1)} ms; longest lag ${fmt(loop.lagMax, 1)} ms; monitorEventLoopDelay max ${fmt(loop.histMax, 1)} ms, p99 ${fmt(loop.histP99, 1)} ms
  the same 2 s before the run, idle (the machine's noise): block ${fmt(idle.blockMax, 1)} ms, CPU ${fmt(idle.cpuMax, 1)} ms, busy ${fmt(idle.busyMax, 1)} ms, lag ${fmt(idle.lagMax, 1)} ms, monitorEventLoopDelay max ${fmt(idle.histMax, 1)} ms`)
  for (const w of loop.worst) {
    const during = inFlight.filter((q) => q.from < w.to && q.to > w.from).map((q) => q.url)
    console.log(`  block ${fmt(w.block, 1)} ms (${fmt(w.cpu, 1)} ms CPU, ${fmt(w.busy, 1)} ms busy in ${fmt(w.to - w.from, 1)} ms), requests in flight: ${during.join(', ') || 'none'}`)
  }
  for (const [k, lines] of Object.entries(plans)) {
    console.log(`Plan of the dashboard's statement, ${label[k]}:`)
    for (const l of lines) console.log(`    ${l}`)
  }
  const sfx = kind === 'sqlite' ? '' : '_pg'
  const scale = counted.users < 1_000_000 ? ` (stated at 1M users; this run: ${counted.users.toLocaleString()})` : ''
  const goal = (name, value, target) => goals.push(`GOAL ${name}${sfx} ${fmt(value, 1)} ms ${target} ${value <= target ? 'met' : 'missed'}`)
  if (scale) console.log(`Goals${scale}`)
  goal('dashboard_township_p95', Math.max(r.township6.p95, r.township24.p95), GOAL_TOWNSHIP_P95)
  goal('dashboard_province_p95', Math.max(r.province6.p95, r.province24.p95), GOAL_PROVINCE_P95)
  goal('event_loop_max_block', loop.blockMax, GOAL_LOOP_BLOCK)
  const errors = Object.values(r).reduce((n, s) => n + s.errors, 0)
  if (errors) console.log(`!! ${errors} requests failed`)
}

/** The statement with its parameters written in (for EXPLAIN; they are codes and months). */
function inline(text, params, kind) {
  const lit = (v) => (typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`)
  const ps = [...params]
  return kind === 'sqlite' ? text.replace(/\?/g, () => lit(ps.shift())) : text.replace(/\$(\d+)/g, (_, i) => lit(params[Number(i) - 1]))
}
