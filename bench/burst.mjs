#!/usr/bin/env node
// The training-day burst, on SQLite and PostgreSQL, on demand, never part of `npm test`: PEOPLE
// (2,000) new people in one room scan the code within ARRIVE (5) seconds, log in with WeChat and
// complete their profile; goal: all of them within 10 s, no errors.
//   npm run bench:burst                                   SQLite only
//   BENCH_PG=postgres://app@127.0.0.1:55439/bench_burst npm run bench:burst
//                                                         SQLite, then PostgreSQL (the bench creates
//                                                         that database and drops it at the end)
//
// 1. A fresh database (bench/bench-db.mjs) holding USERS (1,000,000) people already registered,
//    each with a consent row and a live session, so the indexes a login and a registration write
//    into (users.openid, sessions.token_hash, consents) are the size a province's are.
// 2. WeChat: the emulator (server/src/wechat/emulator.ts) in its OWN process (bench/burst-wechat.mjs),
//    as api.weixin.qq.com is another machine; first measured alone with the same crowd
//    (jscode2session only), so it is shown not to be the limit.
// 3. The real server in-process (buildApp, the configured quotas, the one WeChat client pointed at
//    the emulator). Every request comes from 127.0.0.1: the whole room behind ONE venue Wi-Fi
//    address, as on a training day. GET /api/health is measured first (autocannon, 50 connections,
//    bench/load.mjs) for the machine's speed. WARMUP (50) people go through first (a server that
//    has been up a while is warm), then the crowd: bench/burst-client.mjs in a child process says
//    what each person does (login → the region picker → PUT /api/users/me → 我的).
//    The server's event-loop delay is sampled during the burst. PROFILE=<dir> writes a
//    .cpuprofile of the server process for the burst alone (open it in Chrome DevTools).
// 4. The database is asked afterwards whether every person who got 200 is registered, with one
//    consent and a session.
// Ends with GOAL lines (`GOAL <name> <value> <unit> <target> <met|missed>`), PostgreSQL's suffixed _pg.
//
// Environment: USERS (1000000; 100000 for a quick run), PEOPLE (2000), ARRIVE (seconds, 5),
// CONNECTIONS (64: a reverse proxy's keep-alive connections to the server; 0: each phone its own),
// WARMUP (50), BENCH_PG, BENCH_SQLITE=0 (PostgreSQL only), KEEP=1 (keep the databases), PROFILE=dir.
import { execFile, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Session } from 'node:inspector/promises'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import pg from 'pg'
import { PRIVACY_VERSION } from '../common/enums.ts'
import { buildApp } from '../server/src/app.ts'
import { loadConfig } from '../server/src/config.ts'
import { analyzeForPlanner, createDb } from '../server/src/db/database.ts'
import { countiesOf, prefectures, townshipsOf } from '../server/src/modules/regions/regions.data.ts'
import { EMULATOR_APPID, EMULATOR_SECRET } from '../server/src/wechat/emulator.ts'
import { createPostgres, createSqlite } from './bench-db.mjs'

const ROOT = resolve(import.meta.dirname, '..')
const env = (name, dflt) => Number(process.env[name] ?? dflt)
const USERS = env('USERS', 1_000_000)
const PEOPLE = env('PEOPLE', 2000)
const ARRIVE = env('ARRIVE', 5)
const WARMUP = env('WARMUP', 50)
// Production serves the API behind a reverse proxy (TLS, several instances): the server sees the
// proxy's keep-alive connections, not 2,000 phones. CONNECTIONS=0: every phone straight to Node.
const CONNECTIONS = env('CONNECTIONS', 64)
const GOAL_SECONDS = 10
const LOADED = ['users', 'consents', 'sessions']
const run = promisify(execFile)
const t0 = Date.now()
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`
const fmt = (x, d = 1) => (x === undefined || x === null || Number.isNaN(x) ? '—' : x.toFixed(d))
const client = async (args) => JSON.parse((await run(process.execPath, [join(ROOT, 'bench/burst-client.mjs'), JSON.stringify(args)], { maxBuffer: 1 << 26 })).stdout)

// The room: one county's townships (a training day is held for a county), the busiest picked by
// size — 甘孜县 when it is there.
const COUNTY = countiesOf('5133')?.find((c) => c.code === '513328') ?? countiesOf(prefectures()[0].code)[0]
const TOWNSHIPS = townshipsOf(COUNTY.code).map((t) => t.code)
const ALL_TOWNSHIPS = prefectures().flatMap((p) => countiesOf(p.code).flatMap((c) => townshipsOf(c.code).map((t) => t.code)))

// ---------------------------------------------------------------- WeChat, in its own process

const wechat = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/burst-wechat.mjs')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] })
const WECHAT_URL = await new Promise((resolvePort, reject) => {
  wechat.once('error', reject)
  wechat.once('exit', (code) => reject(new Error(`the WeChat emulator exited (${code})`)))
  wechat.stdout.once('data', (d) => resolvePort(`http://127.0.0.1:${String(d).trim()}`))
})
const stopWechat = () => wechat.kill('SIGTERM')

const results = []
const pending = new Set()
const onFail = (fn) => (pending.add(fn), fn)
let wechatAlone
try {
  console.log(`WeChat emulator alone, ${PEOPLE.toLocaleString()} jscode2session calls arriving within ${ARRIVE} s (${elapsed()})`)
  wechatAlone = await client({ mode: 'wechat', wechat: WECHAT_URL, appid: EMULATOR_APPID, secret: EMULATOR_SECRET, people: PEOPLE, arrive: ARRIVE, run: 'alone' })
  const kinds = []
  if (process.env.BENCH_SQLITE !== '0') kinds.push('sqlite')
  if (process.env.BENCH_PG) kinds.push('postgres')
  for (const kind of kinds) results.push(await benchOne(kind))
} catch (err) {
  for (const fn of [...pending].reverse()) await fn().catch(() => {})
  throw err
} finally {
  stopWechat()
}

const w = wechatAlone
console.log(`
WeChat emulator alone (its own process, a new connection per call): ${PEOPLE.toLocaleString()} jscode2session in ${fmt(w.seconds, 2)} s (arrivals over ${fmt(w.arrivedSeconds, 2)} s), p50 ${fmt(w.code2session.p50, 1)} ms, p99 ${fmt(w.code2session.p99, 1)} ms, errors ${JSON.stringify(w.errors)}`)
for (const r of results) r.print()
console.log(`Reproduce: USERS=${USERS} PEOPLE=${PEOPLE} ARRIVE=${ARRIVE} ${process.env.BENCH_PG ? 'BENCH_PG=postgres://app@127.0.0.1:55439/bench_burst ' : ''}npm run bench:burst   (total ${elapsed()}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores)`)
for (const r of results) {
  const suffix = r.kind === 'postgres' ? '_pg' : ''
  console.log(`GOAL burst_${PEOPLE}_errors${suffix} ${r.errors} count 0 ${r.errors === 0 ? 'met' : 'missed'}`)
  console.log(`GOAL burst_${PEOPLE}_seconds${suffix} ${fmt(r.seconds, 2)} s ${GOAL_SECONDS} ${r.errors === 0 && r.seconds <= GOAL_SECONDS ? 'met' : 'missed'}`)
}

// ---------------------------------------------------------------- one database

async function benchOne(kind) {
  console.log(`\n---- ${kind}: creating and migrating (${elapsed()})`)
  const target = kind === 'sqlite' ? await createSqlite(LOADED, 'burst') : await createPostgres(process.env.BENCH_PG, LOADED)
  const dropTarget = onFail(() => target.drop())
  const seedStart = Date.now()
  const loadInfo = await target.load(async (writer) => {
    // People registered over the last two years, everywhere in the province, each signed in once.
    const users = writer.table('users', ['id', 'openid', 'nickname', 'role', 'region_code', 'verification', 'consent_version', 'consent_at', 'registered_at', 'created_at', 'updated_at'])
    const consents = writer.table('consents', ['user_id', 'version', 'channel', 'agreed_at'])
    const sessions = writer.table('sessions', ['token_hash', 'user_id', 'created_at', 'expires_at'])
    const start = Date.now() - 730 * 86_400_000
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString()
    const ROLES = ['farmer', 'farmer', 'farmer', 'farmer', 'farmer', 'farmer', 'farmer', 'chair', 'volunteer', 'expert']
    for (let id = 1; id <= USERS; id++) {
      const at = new Date(start + Math.floor((id / USERS) * 729 * 86_400_000)).toISOString()
      // 28 characters like a real openid; the login's lookup walks an index of that width.
      const openid = 'o' + createHash('sha1').update(`seed-${id}`).digest('base64url').slice(0, 27)
      await users.add([id, openid, `农户${id}`, ROLES[id % ROLES.length], ALL_TOWNSHIPS[(id * 7919) % ALL_TOWNSHIPS.length], 'none', PRIVACY_VERSION, at, at, at, at])
      await consents.add([id, PRIVACY_VERSION, 'weapp', at])
      await sessions.add([createHash('sha256').update(`token-${id}`).digest('base64url'), id, at, until])
      if (id % 200_000 === 0) console.log(`  ${id.toLocaleString()} people (${elapsed()})`)
    }
    await users.end()
    await consents.end()
    await sessions.end()
  })
  const seedSeconds = (Date.now() - seedStart) / 1000
  const sizeMb = await target.sizeMb()
  const settings = target.settings ? await target.settings() : null
  console.log(`  seeded ${USERS.toLocaleString()} people in ${seedSeconds.toFixed(0)} s (indexes ${loadInfo.indexSeconds.toFixed(0)} s), ${sizeMb.toFixed(0)} MB (${elapsed()})`)

  const uploadDir = mkdtempSync(join(tmpdir(), 'tianfu-bench-burst-uploads-'))
  const config = loadConfig({ DATABASE_URL: target.url, LOG_LEVEL: 'silent', NODE_ENV: 'test', WECHAT_API_BASE: WECHAT_URL, UPLOAD_DIR: uploadDir })
  const db = createDb(config.databaseUrl)
  await analyzeForPlanner(db) // as server.ts does
  const app = await buildApp({ config, db })
  const closeApp = onFail(async () => {
    await app.close()
    rmSync(uploadDir, { recursive: true, force: true })
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${app.server.address().port}`

  const health = JSON.parse((await run(process.execPath, [join(ROOT, 'bench/load.mjs'), JSON.stringify({ base, paths: ['/api/health'], connections: 50, duration: 3 })])).stdout)
  console.log(`  GET /api/health ${Math.round(health.rps).toLocaleString()} req/s at 50 connections (${elapsed()})`)

  const room = { base, townships: TOWNSHIPS, consentVersion: PRIVACY_VERSION, connections: CONNECTIONS }
  const warm = await client({ ...room, people: WARMUP, arrive: 1, run: `w${kind}` })
  if (warm.nErrors) console.log(`  warm-up errors: ${JSON.stringify(warm.errors)}`)
  // The warm-up's address count is a minute old by the time a real room arrives: start the burst
  // on a fresh per-address window, as a real training day would.
  await sql`delete from rate_limits`.execute(db)
  const usersBefore = Number((await sql`select count(*) as n from users`.execute(db)).rows[0].n)

  const profiler = process.env.PROFILE ? new Session() : null
  if (profiler) {
    profiler.connect()
    await profiler.post('Profiler.enable')
    await profiler.post('Profiler.setSamplingInterval', { interval: 200 })
    await profiler.post('Profiler.start')
  }
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  const cpuBefore = process.cpuUsage()
  const waits = kind === 'postgres' ? sampleWaits(target.url) : null
  console.log(`  the room: ${PEOPLE.toLocaleString()} people arriving within ${ARRIVE} s, all from one address (${elapsed()})`)
  const burst = await client({ ...room, people: PEOPLE, arrive: ARRIVE, run: kind })
  loop.disable()
  const waited = waits ? await waits.stop() : null
  // This process is the server (the load generator and WeChat run in their own).
  const cpu = process.cpuUsage(cpuBefore)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  const loadAfter = loadavg().map((x) => x.toFixed(1)).join(' ')
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop')
    mkdirSync(process.env.PROFILE, { recursive: true })
    const file = join(resolve(process.env.PROFILE), `burst-${kind}.cpuprofile`)
    writeFileSync(file, JSON.stringify(profile))
    profiler.disconnect()
    console.log(`  profile: ${file}`)
  }

  // What the database says happened: a registered person, one consent and a session for each 200.
  const after = (
    await sql`select
        (select count(*) from users where nickname like ${`学员${kind}%`} and registered_at is not null) as registered,
        (select count(*) from users) - ${usersBefore} as created,
        (select count(*) from consents c join users u on u.id = c.user_id where u.nickname like ${`学员${kind}%`}) as consents,
        (select count(*) from sessions s join users u on u.id = s.user_id where u.nickname like ${`学员${kind}%`}) as sessions`.execute(db)
  ).rows[0]
  const loginErrors = Object.entries(burst.errors).filter(([k]) => k.startsWith('login ')).reduce((n, [, v]) => n + v, 0)
  const check = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, Number(v)]))
  const consistent = check.registered === burst.completed && check.created === PEOPLE - loginErrors && check.consents === check.registered && check.sessions === check.registered

  pending.delete(closeApp)
  await closeApp()
  pending.delete(dropTarget)
  if (process.env.KEEP) console.log(`  kept ${target.url}`)
  else await target.drop()

  const b = burst
  return {
    kind,
    errors: b.nErrors,
    seconds: b.seconds,
    print() {
      console.log(`
==== Training-day burst — ${target.label}: ${PEOPLE.toLocaleString()} new people among ${USERS.toLocaleString()} registered (${sizeMb.toFixed(0)} MB; seeded in ${seedSeconds.toFixed(0)} s${settings ? `; ${settings}` : ''})
Room: ${COUNTY.name}'s ${TOWNSHIPS.length} townships, arrivals over ${fmt(b.arrivedSeconds, 2)} s, one address, ${CONNECTIONS > 0 ? `through a reverse proxy's ${CONNECTIONS} keep-alive connections` : 'each phone on its own connection'}; GET /api/health ${Math.round(health.rps).toLocaleString()} req/s (50 connections, same server)
  last profile saved after ${fmt(b.seconds, 2)} s (goal ≤ ${GOAL_SECONDS}); everyone's 我的 done after ${fmt(b.allSeconds, 2)} s; ${b.completed.toLocaleString()} of ${PEOPLE.toLocaleString()} registered
  ${fmt(b.completed / b.seconds, 0)} registrations/s ÷ health req/s = ${fmt(b.completed / b.seconds / health.rps, 4)}
  errors: ${b.nErrors}${b.nErrors ? ` ${JSON.stringify(b.errors)}` : ''}
  server event-loop delay during the burst: p99 ${fmt(loop.percentile(99) / 1e6, 1)} ms, max ${fmt(loop.max / 1e6, 1)} ms; server CPU ${fmt(cpuSeconds, 1)} s (${fmt((cpuSeconds * 1000) / PEOPLE, 1)} ms a person); load generator CPU ${fmt(b.clientCpuSeconds, 1)} s; load average ${loadAfter}
  database afterwards: ${check.created.toLocaleString()} accounts created, ${check.registered.toLocaleString()} registered, ${check.consents.toLocaleString()} consents, ${check.sessions.toLocaleString()} sessions — ${consistent ? 'as answered' : 'NOT as answered'}
Per step (ms, from asking to the last answer; a person's steps one after another):     n      p50      p99      max`)
      const rows = [
        ['login    POST /api/auth/login (code2session inside)', b.steps.login],
        ['regions  3 × GET /api/regions/:code/children', b.steps.regions],
        ['profile  PUT /api/users/me (msg_sec_check inside)', b.steps.profile],
        ['mine     GET me, messages/unread, nominations (+ triage/me)', b.steps.mine],
        ['a person: login start → profile saved', b.person],
      ]
      if (waited) console.log(`  PostgreSQL sessions of the server, sampled every 100 ms (${waited.samples} samples): ${waited.top}`)
      if (CONNECTIONS === 0) console.log(`  a phone's connection open (first request): p50 ${fmt(b.connect.p50, 1)} ms, p99 ${fmt(b.connect.p99, 1)} ms — a login's time beyond it and the server's own is the wait to be accepted`)
      for (const [label, s] of rows) console.log(`  ${label.padEnd(74)} ${String(s.n).padStart(5)} ${fmt(s.p50, 1).padStart(8)} ${fmt(s.p99, 1).padStart(8)} ${fmt(s.max, 1).padStart(8)}`)
    },
  }
}

/**
 * What the server's PostgreSQL sessions are doing during the burst (pg_stat_activity every 100 ms):
 * running, idle in a transaction, or waiting — on a row lock (Lock/transactionid, tuple), on the
 * WAL flush of a commit (IO/WALSync, LWLock/WALWrite), or for the client (Client/ClientRead).
 */
function sampleWaits(url) {
  const c = new pg.Client({ connectionString: url })
  const tally = new Map()
  let samples = 0
  let stopped = false
  const done = (async () => {
    await c.connect()
    while (!stopped) {
      const { rows } = await c.query(
        `select state, coalesce(wait_event_type || '/' || wait_event, 'running') as what from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' and state <> 'idle'`,
      )
      samples++
      for (const r of rows) {
        const k = r.state === 'active' ? r.what : `${r.state} (${r.what})`
        tally.set(k, (tally.get(k) ?? 0) + 1)
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    await c.end()
  })()
  return {
    async stop() {
      stopped = true
      await done
      const top = [...tally].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, n]) => `${k} ${(n / samples).toFixed(1)}`).join(', ')
      return { samples, top: `${top || 'nothing'} (sessions on average)` }
    },
  }
}
