#!/usr/bin/env node
// 科服保姆 (triage) at a province's scale, on SQLite and PostgreSQL, on demand, never part of
// `npm test`.
//   npm run bench:triage                                   SQLite only
//   BENCH_PG=postgres://app@127.0.0.1:55439/bench_triage npm run bench:triage
//                                                          SQLite, then PostgreSQL (the bench creates
//                                                          that database and drops it at the end)
//
// 1. Generates NEEDS (1,000,000) published needs over the last 24 China-time months with their
//    triage cases, assignments, 科服保姆, follow-ups and the people they reference
//    (bench/triage-data.mjs says how), and bulk-loads the same rows into each database
//    (bench/bench-db.mjs). listings_fts holds only what its triggers
//    write from listings (the queue and the figures never search).
// 2. Starts the real server in-process on it (buildApp, the WeChat emulator, port 0), signs in the
//    busiest county's 科服保姆 and provincial staff the way auth does (a sessions row holding sha256
//    of a token), checks each URL answers what the data says, then times them with one client in a
//    child process (bench/dashboard-client.mjs), requests interleaved with GET /api/health so noise
//    hits every URL alike: the queue (county 科服保姆; province staff, first page and page 50), the
//    figures (county, prefecture, province; this month and the last full one), a 保姆单 of an open case.
// 3. The scheduled jobs, called directly (runEscalations, runFollowups from triage.jobs.ts): time per
//    run when nothing is due (the steady state: RUNS runs each), then with `now` moved DUE_HOURS
//    ahead so hundreds are due, then once more at that instant (nothing left: "once").
// 4. EXPLAIN of the SQL the server itself compiles (captured through a Kysely plugin, so it cannot
//    drift) for the queue, the figures and the jobs' selects, with the indexes used or the scan.
// Ends with GOAL lines (`GOAL <name> <value> <unit> <target> <met|missed>`), the PostgreSQL ones
// suffixed _pg. The machine is shared: compare the ratios to health, not absolute numbers.
//
// Environment: NEEDS (1000000), SAMPLES (200: health, county, case), SAMPLES_HEAVY (100: province,
// prefecture, last full month), RUNS (10 idle runs per job), DUE_HOURS (6), BENCH_PG (see above),
// BENCH_SQLITE=0 to run PostgreSQL only, KEEP=1 to keep the databases (prints where).
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { addMonths, chinaMonthOf, monthStartUtc } from '../common/china-time.ts'
import { buildApp } from '../server/src/app.ts'
import { loadConfig } from '../server/src/config.ts'
import { analyzeForPlanner, createDb } from '../server/src/db/database.ts'
import { encodeCursor } from '../server/src/lib/cursor.ts'
import { newSessionToken } from '../server/src/lib/crypto.ts'
import { getFigures } from '../server/src/modules/triage/triage.figures.ts'
import { FeedCache } from '../server/src/modules/listings/listings.cache.ts'
import { runEscalations, runFollowups } from '../server/src/modules/triage/triage.jobs.ts'
import { queue } from '../server/src/modules/triage/triage.repository.ts'
import { findUserById } from '../server/src/modules/users/users.repository.ts'
import { createWechatClient } from '../server/src/wechat/client.ts'
import { buildEmulator } from '../server/src/wechat/emulator.ts'
import { createPostgres, createSqlite, planVerdict } from './bench-db.mjs'
import { KEEPER_IDS, STAFF_ID, expected, makeWorld, writeWorld } from './triage-data.mjs'

const ROOT = resolve(import.meta.dirname, '..')
const env = (name, dflt) => Number(process.env[name] ?? dflt)
const NEEDS = env('NEEDS', 1_000_000)
const SAMPLES = env('SAMPLES', 200)
const SAMPLES_HEAVY = env('SAMPLES_HEAVY', 100)
const RUNS = env('RUNS', 10)
const DUE_HOURS = env('DUE_HOURS', 6)
const HOUR = 3_600_000
const DAY = 24 * HOUR
const JOB_BATCH = 500 // triage.jobs.ts BATCH: rows one run handles per kind
const run = promisify(execFile)
const t0 = Date.now()
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`
const fmt = (x, d = 1) => (x === undefined || x === null || Number.isNaN(x) ? '—' : x.toFixed(d))
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)]
// The tables bench/triage-data.mjs fills (their indexes are dropped while loading, then rebuilt).
const LOADED = ['users', 'sessions', 'listings', 'listing_events', 'listing_responses', 'triage_cases', 'triage_assignments', 'triage_keepers', 'triage_followups']
const GOALS = {
  triage_queue_county_p95: 50,
  triage_queue_province_p95: 100,
  triage_figures_county_p95: 100,
  triage_figures_province_p95: 300,
  triage_jobs_idle_run: 200,
}

// Whole minutes: the data is generated relative to this instant, and the jobs' idle runs use it.
const NOW = Math.floor(Date.now() / 60_000) * 60_000
const MONTH = chinaMonthOf(NOW)
const LAST_MONTH = addMonths(MONTH, -1)
const START = Date.parse(monthStartUtc(addMonths(MONTH, -23)))

console.log(`Generating ${NEEDS.toLocaleString()} needs (${addMonths(MONTH, -23)} … ${MONTH}, now ${new Date(NOW).toISOString()})`)
const world = makeWorld({ root: ROOT, needs: NEEDS, now: NOW, startMs: START })
const COUNTY = world.COUNTY
const PREFECTURE = world.PREFECTURE
const name = (code) => world.names.get(code) ?? code
const exp = {
  county: expected(world, COUNTY, MONTH),
  countyLast: expected(world, COUNTY, LAST_MONTH),
  prefecture: expected(world, PREFECTURE, MONTH),
  province: expected(world, '51', MONTH),
  provinceLast: expected(world, '51', LAST_MONTH),
}
const stateCounts = [0, 0, 0, 0]
let urgentCount = 0
for (let i = 0; i < world.N; i++) {
  stateCounts[world.state[i]]++
  if (world.reason[i]) urgentCount++
}
const pct = (n) => `${((100 * n) / world.N).toFixed(1)} %`
console.log(
  `  states: open ${stateCounts[0].toLocaleString()} (${pct(stateCounts[0])}, urgent ${urgentCount.toLocaleString()}), accepted ${stateCounts[1].toLocaleString()}, resolved ${stateCounts[2].toLocaleString()} (${pct(stateCounts[2])}), closed ${stateCounts[3].toLocaleString()}; ` +
    `assignments ${world.assignments.length.toLocaleString()}, follow-up answers ${world.followups.length.toLocaleString()}, authors ${world.AUTHORS.toLocaleString()}, experts ${world.EXPERTS.toLocaleString()} (${elapsed()})`,
)
console.log(`  busiest county ${COUNTY} ${name(COUNTY)}: ${expected(world, COUNTY).needs.toLocaleString()} needs, ${exp.county.open.toLocaleString()} open; prefecture ${PREFECTURE} ${name(PREFECTURE)}`)

// A case for the 保姆单: open, in the county, with the most history (an assignment).
const caseIndex = (() => {
  const assigned = world.assignments.filter((a) => world.state[a.i] === 0 && world.TOWNSHIPS[world.town[a.i]].startsWith(COUNTY))
  if (assigned.length) return assigned[assigned.length - 1].i
  for (let i = world.N - 1; i >= 0; i--) if (world.state[i] === 0 && world.TOWNSHIPS[world.town[i]].startsWith(COUNTY)) return i
  throw new Error('no open case in the busiest county')
})()
const CASE_ID = caseIndex + 1

/** What a run at `at` should find due (from the arrays), per the jobs' own conditions. */
function dueAt(at) {
  const openAssigned = new Set(world.assignments.filter((a) => a.status === 'open').map((a) => a.i))
  let unanswered = 0
  let f7 = 0
  let f30 = 0
  for (let i = 0; i < world.N; i++) {
    const s = world.state[i]
    if (s === 0 && Number.isNaN(world.first[i]) && Number.isNaN(world.urgent[i]) && world.pub[i] <= at - 24 * HOUR && !openAssigned.has(i)) unanswered++
    if (s === 2 && world.res[i] <= at - 7 * DAY && Number.isNaN(world.f7[i])) f7++
    if (s === 2 && world.res[i] <= at - 30 * DAY && Number.isNaN(world.f30[i])) f30++
  }
  const overdue = world.assignments.filter((a) => a.status === 'open' && a.due <= at).length
  return { unanswered, overdue, f7, f30 }
}

const emulator = buildEmulator()
await emulator.listen({ port: 0, host: '127.0.0.1' })
const EMULATOR_URL = `http://127.0.0.1:${emulator.server.address().port}`

const results = []
const kinds = []
if (process.env.BENCH_SQLITE !== '0') kinds.push('sqlite')
if (process.env.BENCH_PG) kinds.push('postgres')
// What a failed run must not leave behind (a temp file, a database, a listening server).
const pending = new Set()
const onFail = (fn) => (pending.add(fn), fn)
try {
  for (const kind of kinds) results.push(await benchOne(kind))
} catch (err) {
  for (const fn of [...pending].reverse()) await fn().catch(() => {})
  throw err
} finally {
  await emulator.close()
}

for (const r of results) r.print()
console.log(`Reproduce: NEEDS=${NEEDS} ${process.env.BENCH_PG ? 'BENCH_PG=postgres://app@127.0.0.1:55439/bench_triage ' : ''}npm run bench:triage   (total ${elapsed()}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores)`)
for (const r of results) {
  const suffix = r.kind === 'postgres' ? '_pg' : ''
  for (const [goal, target] of Object.entries(GOALS)) {
    const v = r.goals[goal]
    console.log(`GOAL ${goal}${suffix} ${fmt(v, 1)} ms ${target} ${v <= target ? 'met' : 'missed'}`)
  }
}

// ---------------------------------------------------------------- one database

async function benchOne(kind) {
  console.log(`\n---- ${kind}: creating and migrating (${elapsed()})`)
  const target = kind === 'sqlite' ? await createSqlite(LOADED, 'triage') : await createPostgres(process.env.BENCH_PG, LOADED)
  const dropTarget = onFail(() => target.drop())
  const tokens = { staff: newSessionToken(), keeper: newSessionToken() }
  const seedStart = Date.now()
  const loadInfo = await target.load(async (writer) => {
    await writeWorld(world, writer, (what) => console.log(`  ${what} (${elapsed()})`))
    // As auth does: the session row keeps only sha256 of the token.
    const s = writer.table('sessions', ['token_hash', 'user_id', 'created_at', 'expires_at'])
    const at = new Date(NOW).toISOString()
    const until = new Date(NOW + 30 * DAY).toISOString()
    await s.add([tokens.staff.hash, STAFF_ID, at, until])
    await s.add([tokens.keeper.hash, KEEPER_IDS[0], at, until])
    await s.end()
  })
  const seedSeconds = (Date.now() - seedStart) / 1000
  const sizeMb = await target.sizeMb()
  const settings = target.settings ? await target.settings() : null
  console.log(`  seeded in ${seedSeconds.toFixed(0)} s (indexes ${loadInfo.indexSeconds.toFixed(0)} s${loadInfo.vacuumSeconds ? `, vacuum analyze ${loadInfo.vacuumSeconds.toFixed(0)} s` : ''}), ${sizeMb.toFixed(0)} MB (${elapsed()})`)

  const uploadDir = mkdtempSync(join(tmpdir(), 'tianfu-bench-triage-uploads-'))
  const config = loadConfig({ DATABASE_URL: target.url, LOG_LEVEL: 'silent', NODE_ENV: 'test', WECHAT_API_BASE: EMULATOR_URL, UPLOAD_DIR: uploadDir })
  const db = createDb(config.databaseUrl)
  await analyzeForPlanner(db) // as server.ts does
  const app = await buildApp({ config, db })
  const closeApp = onFail(async () => {
    await app.close()
    rmSync(uploadDir, { recursive: true, force: true })
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${app.server.address().port}`
  const as = (who) => ({ authorization: `Bearer ${tokens[who].token}` })
  const figuresUrl = (region, month) => `${base}/api/triage/figures?${new URLSearchParams(month ? { region, month } : { region })}`

  const TARGETS = {
    health: { label: 'GET /api/health', url: `${base}/api/health`, n: SAMPLES },
    queueCounty: { label: 'queue, county 科服保姆', url: `${base}/api/triage/queue`, headers: as('keeper'), n: SAMPLES },
    queueProvince: { label: 'queue, province staff', url: `${base}/api/triage/queue`, headers: as('staff'), n: SAMPLES_HEAVY },
    queueProvince50: { label: 'queue, province, page 50', url: `${base}/api/triage/queue?cursor=${encodeCursor({ p: 50 })}`, headers: as('staff'), n: SAMPLES_HEAVY },
    figuresCounty: { label: `figures, county, ${MONTH}`, url: figuresUrl(COUNTY), headers: as('keeper'), n: SAMPLES },
    figuresPrefecture: { label: `figures, prefecture, ${MONTH}`, url: figuresUrl(PREFECTURE), headers: as('staff'), n: SAMPLES_HEAVY },
    figuresProvince: { label: `figures, province, ${MONTH}`, url: figuresUrl('51'), headers: as('staff'), n: SAMPLES_HEAVY },
    figuresCountyLast: { label: `figures, county, ${LAST_MONTH}`, url: figuresUrl(COUNTY, LAST_MONTH), headers: as('keeper'), n: SAMPLES_HEAVY },
    figuresProvinceLast: { label: `figures, province, ${LAST_MONTH}`, url: figuresUrl('51', LAST_MONTH), headers: as('staff'), n: SAMPLES_HEAVY },
    case: { label: `保姆单 /cases/${CASE_ID} (open)`, url: `${base}/api/triage/cases/${CASE_ID}`, headers: as('keeper'), n: SAMPLES },
  }

  // Each URL answers 200 with what the data says, before anything is timed.
  const get = async (t) => {
    const res = await fetch(t.url, { headers: t.headers })
    if (res.status !== 200) throw new Error(`${t.label}: GET ${t.url} answered ${res.status}: ${await res.text()}`)
    return res.json()
  }
  const checks = []
  {
    const q = await get(TARGETS.queueCounty)
    if (q.items.length !== Math.min(20, exp.county.open)) throw new Error(`county queue: ${q.items.length} items, expected ${Math.min(20, exp.county.open)}`)
    if (!q.items.every((it) => it.listing.region.county.code === COUNTY)) throw new Error('county queue: a need from another county')
    if (q.areas.length !== 1 || q.areas[0].code !== COUNTY) throw new Error(`county queue: areas ${JSON.stringify(q.areas)}`)
    checks.push(`county queue: 20 of ${exp.county.open.toLocaleString()} open, all in ${COUNTY}, ${q.items.filter((it) => it.urgent).length} urgent on the first page`)
    const p = await get(TARGETS.queueProvince)
    if (p.items.length !== Math.min(20, stateCounts[0])) throw new Error(`province queue: ${p.items.length} items, expected ${Math.min(20, stateCounts[0])}`)
    const p50 = await get(TARGETS.queueProvince50)
    const page50 = Math.max(0, Math.min(20, stateCounts[0] - 49 * 20))
    if (p50.items.length !== page50) throw new Error(`province queue page 50: ${p50.items.length} items, expected ${page50}`)
    for (const [k, e] of [['figuresCounty', exp.county], ['figuresCountyLast', exp.countyLast], ['figuresPrefecture', exp.prefecture], ['figuresProvince', exp.province], ['figuresProvinceLast', exp.provinceLast]]) {
      const f = await get(TARGETS[k])
      if (f.figures.needs !== e.needs || f.figures.answered !== e.answered) throw new Error(`${TARGETS[k].label}: needs ${f.figures.needs} answered ${f.figures.answered}, the data has ${e.needs} / ${e.answered}`)
      TARGETS[k].rows = e.needs
    }
    checks.push(`figures: needs and answered as generated (county ${exp.county.needs.toLocaleString()} / ${exp.countyLast.needs.toLocaleString()} needs this / last month, province ${exp.province.needs.toLocaleString()} / ${exp.provinceLast.needs.toLocaleString()})`)
    const c = await get(TARGETS.case)
    if (!c.viewer.canTriage || c.state !== 'open') throw new Error(`case ${CASE_ID}: ${JSON.stringify({ viewer: c.viewer, state: c.state })}`)
    checks.push(`保姆单 ${CASE_ID}: open, ${c.assignments.length} assignment(s), ${c.events.length} events, ${c.suggestions.length} suggested experts`)
  }
  console.log(`  server on ${base}; ${checks.join('; ')}; measuring (${elapsed()})`)

  const clientArgs = Object.fromEntries(Object.entries(TARGETS).map(([k, t]) => [k, { url: t.url, headers: t.headers ?? {}, n: t.n }]))
  const { stdout } = await run(process.execPath, [join(ROOT, 'bench/dashboard-client.mjs'), JSON.stringify({ targets: clientArgs, warmup: 3 })], { maxBuffer: 16 * 1024 * 1024 })
  const http = JSON.parse(stdout)
  console.log(`  measured (${elapsed()})`)

  // ---- the jobs
  let clock = new Date(NOW)
  const wechat = createWechatClient({ baseUrl: config.wechat.baseUrl, appid: config.wechat.appid, secret: config.wechat.secret })
  const deps = { db, config, wechat, now: () => clock, feedCache: new FeedCache() }
  const timeRun = async (fn, at) => {
    clock = at
    const t = process.hrtime.bigint()
    const out = await fn(deps, at)
    return { ms: Number(process.hrtime.bigint() - t) / 1e6, out }
  }
  const idle = { escalations: [], followups: [] }
  const idleOut = {}
  for (let k = 0; k < RUNS; k++) {
    for (const [job, fn] of [['escalations', runEscalations], ['followups', runFollowups]]) {
      const r = await timeRun(fn, new Date(NOW))
      idle[job].push(r.ms)
      idleOut[job] = r.out
    }
  }

  // ---- the SQL the server compiles, recorded through a plugin (compiled afterwards, so recording
  // costs a timed run nothing), explained while nothing is due
  const recorded = []
  const spy = db.withPlugin({
    transformQuery({ node, queryId }) {
      recorded.push({ node, queryId })
      return node
    },
    async transformResult({ result }) {
      return result
    },
  })
  const compiledRecorded = () => recorded.splice(0).map(({ node, queryId }) => db.getExecutor().compileQuery(node, queryId))
  const capture = async (fn, pick) => {
    recorded.length = 0
    await fn()
    const found = compiledRecorded().filter(pick)
    if (!found.length) throw new Error('query not captured')
    return found
  }
  const from = (table) => (q) => q.sql.includes(`from "${table}"`)
  const staffUser = await findUserById(db, STAFF_ID)
  const spyDeps = { ...deps, db: spy }
  const queries = [
    ['queue, county', (await capture(() => queue(spy, [COUNTY], 21, 0), from('triage_cases')))[0]],
    ['queue, province', (await capture(() => queue(spy, null, 21, 0), from('triage_cases')))[0]],
    ['figures, county (its prefecture: the ranking)', (await capture(() => getFigures(spyDeps, staffUser, { region: COUNTY }), from('triage_cases')))[0]],
    ['figures, province', (await capture(() => getFigures(spyDeps, staffUser, { region: '51' }), from('triage_cases')))[0]],
    ...(await capture(() => runEscalations(spyDeps, new Date(NOW)), (q) => /^select/.test(q.sql))).map((q, k) => [`escalations select ${k + 1}${q.sql.includes('"triage_assignments"') && !q.sql.includes('exists') ? ' (overdue)' : ' (unanswered)'}`, q]),
    ...(await capture(() => runFollowups(spyDeps, new Date(NOW)), (q) => /^select/.test(q.sql))).map((q, k) => [`follow-ups select ${k + 1} (${k === 0 ? '30' : '7'}-day)`, q]),
  ]
  const rowCounts = new Map()
  for (const table of LOADED) rowCounts.set(table, Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n))
  const plans = []
  for (const [label, q] of queries) {
    const times = []
    for (let k = 0; k < 5; k++) {
      const t = process.hrtime.bigint()
      await db.executeQuery(q)
      times.push(Number(process.hrtime.bigint() - t) / 1e6)
    }
    const lines = await target.explain(q.sql, q.parameters)
    plans.push({ label, sql: q.sql, ms: median(times), lines, verdict: planVerdict(lines, q.sql, rowCounts) })
  }

  // ---- a realistic batch due: `now` DUE_HOURS ahead
  const dueClock = new Date(NOW + DUE_HOURS * HOUR)
  const due = dueAt(dueClock.getTime())
  // Through the recorder: every statement a due item costs is explained below.
  recorded.length = 0
  const batch = {
    escalations: await timeRun((_, at) => runEscalations(spyDeps, at), dueClock),
    followups: await timeRun((_, at) => runFollowups(spyDeps, at), dueClock),
  }
  const batchStatements = compiledRecorded()
  const batchSelects = new Map()
  for (const q of batchStatements) if (/^select/.test(q.sql) && !batchSelects.has(q.sql)) batchSelects.set(q.sql, q)
  const batchPlans = []
  for (const q of batchSelects.values()) {
    const times = []
    for (let k = 0; k < 3; k++) {
      const t = process.hrtime.bigint()
      await db.executeQuery(q)
      times.push(Number(process.hrtime.bigint() - t) / 1e6)
    }
    const lines = await target.explain(q.sql, q.parameters)
    batchPlans.push({ sql: q.sql, ms: median(times), runs: batchStatements.filter((x) => x.sql === q.sql).length, lines, verdict: planVerdict(lines, q.sql, rowCounts) })
  }
  const again = {
    escalations: await timeRun(runEscalations, dueClock),
    followups: await timeRun(runFollowups, dueClock),
  }
  console.log(`  jobs done (${elapsed()})`)

  pending.delete(closeApp)
  await closeApp()
  pending.delete(dropTarget)
  if (process.env.KEEP) console.log(`  kept ${target.url}`)
  else await target.drop()

  const idleEsc = median(idle.escalations)
  const idleFol = median(idle.followups)
  const goals = {
    triage_queue_county_p95: http.queueCounty.p95,
    triage_queue_province_p95: http.queueProvince.p95,
    triage_figures_county_p95: http.figuresCounty.p95,
    triage_figures_province_p95: http.figuresProvince.p95,
    // Both jobs due in the same tick: the heaviest idle tick.
    triage_jobs_idle_run: idleEsc + idleFol,
  }

  return {
    kind,
    goals,
    print() {
      const h = http.health
      console.log(`
==== 科服保姆 at ${NEEDS.toLocaleString()} needs — ${target.label} (${sizeMb.toFixed(0)} MB; seeded in ${seedSeconds.toFixed(0)} s${settings ? `; ${settings}` : ''}${loadInfo.fkOff === false ? '; FK checks on while loading' : ''})
Rows: ${[...rowCounts].map(([t, n]) => `${t} ${n.toLocaleString()}`).join(', ')}
Areas: county ${COUNTY} ${name(COUNTY)} (${expected(world, COUNTY).needs.toLocaleString()} needs, ${exp.county.open.toLocaleString()} open), prefecture ${PREFECTURE} ${name(PREFECTURE)}, province (${NEEDS.toLocaleString()} needs, ${stateCounts[0].toLocaleString()} open)
One client, requests interleaved (ms):                n      p50      p95      max   p50÷health  p95÷health  errors  body   month rows`)
      for (const [k, t] of Object.entries(TARGETS)) {
        const s = http[k]
        console.log(
          `  ${t.label.padEnd(40)} ${String(s.n).padStart(4)} ${fmt(s.p50, 2).padStart(8)} ${fmt(s.p95, 2).padStart(8)} ${fmt(s.max, 1).padStart(8)} ${fmt(s.p50 / h.p50, 1).padStart(10)} ${fmt(s.p95 / h.p95, 1).padStart(11)} ${String(s.errors).padStart(6)} ${`${((s.bytes ?? 0) / 1024).toFixed(1)} kB`.padStart(9)} ${t.rows === undefined ? '' : t.rows.toLocaleString().padStart(9)}`,
        )
      }
      console.log(`Scheduled jobs, per run (ms), called directly:
  idle (nothing due; ${RUNS} runs each)   runEscalations p50 ${fmt(idleEsc, 1)} p95 ${fmt(p95(idle.escalations), 1)} → "${idleOut.escalations}";  runFollowups p50 ${fmt(idleFol, 1)} p95 ${fmt(p95(idle.followups), 1)} → "${idleOut.followups}"
  now + ${DUE_HOURS} h: due unanswered ${due.unanswered}, overdue ${due.overdue}, follow-ups 7-day ${due.f7}, 30-day ${due.f30} (a run takes at most ${JOB_BATCH} of each)
    runEscalations ${fmt(batch.escalations.ms, 0)} ms → "${batch.escalations.out}"${perItem(batch.escalations)};  runFollowups ${fmt(batch.followups.ms, 0)} ms → "${batch.followups.out}"${perItem(batch.followups)}
    the next run at that instant: runEscalations ${fmt(again.escalations.ms, 1)} ms → "${again.escalations.out}";  runFollowups ${fmt(again.followups.ms, 1)} ms → "${again.followups.out}"
Query plans (the server's compiled SQL; ms = that statement alone, median of 5${kind === 'postgres' ? '; EXPLAIN ANALYZE' : '; EXPLAIN QUERY PLAN'}):`)
      for (const p of plans) {
        const v = p.verdict
        const verdict = v.scans.length ? `SCANS ${v.scans.join(', ')}${v.used.length ? ` (indexes: ${v.used.join(', ')})` : ''}` : `index ${v.used.join(', ') || '—'}`
        console.log(`  ${p.label} — ${fmt(p.ms, 2)} ms — ${verdict}`)
        console.log(`      ${p.sql.replace(/\s+/g, ' ')}`)
        for (const l of p.lines) console.log(`      ${l}`)
      }
      const scanning = batchPlans.filter((p) => p.verdict.scans.length)
      console.log(`The due batch ran ${batchStatements.length} statements, ${batchPlans.length} distinct selects (× times run, ms alone: median of 3); ${scanning.length ? `${scanning.length} of them SCAN:` : 'none scans.'}`)
      for (const p of batchPlans) {
        const v = p.verdict
        console.log(`  ×${p.runs} ${fmt(p.ms, 2)} ms — ${v.scans.length ? `SCANS ${v.scans.join(', ')}` : `index ${v.used.join(', ') || '—'}`} — ${p.sql.replace(/\s+/g, ' ').slice(0, 240)}`)
        if (v.scans.length) for (const l of p.lines) console.log(`      ${l}`)
      }
    },
  }
}

function perItem(r) {
  const n = [...String(r.out).matchAll(/\d+/g)].reduce((s, m) => s + Number(m[0]), 0)
  return n ? ` (${fmt(r.ms / n, 2)} ms each)` : ''
}
