#!/usr/bin/env node
// The township dashboard (GET /api/dashboard) at a million people, on demand, never part of
// `npm test`.   npx tsx bench/dashboard.mjs      (npm run bench:dashboard)
//
// 1. Seeds a temp SQLite file, migrated with migrateToLatest(createDb(url)), with better-sqlite3
//    prepared inserts in big transactions (journal off, no fsync):
//      - USERS people (default 1,000,000) over Sichuan's 3,111 real townships
//        (server/src/modules/regions/sichuan.json), skewed: the township of rank r (a fixed
//        shuffle) gets weight 1/(r + 10) — the busiest ≈ 1.7 %, the median ≈ 0.01 %; registered_at
//        over the last 24 China-time months, growing (density ∝ time), ids in registration order;
//        ~4 % signed in but never registered, ~0.5 % deleted; roles farmer 70 %, other 12 %,
//        volunteer 10 %, expert 5 %, chair 3 %;
//      - LISTINGS (100,000): 95 % posts, 5 % achievements, in the author's township, mostly
//        published, 10 % resolved; their timeline (listing_events: submitted, approved, rejected,
//        resolved, closed, responded, accepted); RESPONSES (50,000) on published posts;
//      - SHARES (20,000) and as many share_registrations; one contest with ENTRIES (3,000) and
//        NOMINATIONS (2,000, some withdrawn); ~1,800 targets (the province, its prefectures, the
//        measured county and its townships, every month).
//    listings_fts and share_opens are left empty: the dashboard reads neither.
// 2. Signs in two viewers the way auth does (a users row + a sessions row holding sha256 of a
//    random token): staff with staff_region_code null (the province) and a verified chair of the
//    busiest township. Starts the real server in-process (buildApp, the SQLite file, the WeChat
//    emulator, port 0) and measures in ONE run, one client at a time in a child process
//    (bench/dashboard-client.mjs), requests interleaved so noise hits every URL alike:
//      GET /api/health, and GET /api/dashboard for (a) the chair's township, (b) the busiest
//      county (staff), (c) the province (staff), each for 6 and for 24 months.
//    Prints median / p95, the ratios province ÷ township, 24 m ÷ 6 m and ÷ health, and the goals
//      township p95 ≤ 50 ms; province 6-month p95 ≤ 1,000 ms (at 1M users)
//    as PASS / MISS (never a non-zero exit: the machine is shared and noisy — compare ratios).
//    Also: EXPLAIN QUERY PLAN of every part of dashboardCounts' SQL (captured from the repository
//    itself, so it cannot drift), which users index the registrations part reads through (009's
//    users_region_registered_idx, since 010 the covering users_dashboard_idx) or a table scan,
//    and each part's time alone on SQLite (where a slow dashboard spends its time).
//
// Environment: USERS (1000000), LISTINGS (100000), RESPONSES (50000), SHARES (20000),
// ENTRIES (3000), NOMINATIONS (2000); SAMPLES (200: health and township), SAMPLES_COUNTY (100),
// SAMPLES_PROVINCE (40); BENCH_DB=path to reuse a file seeded by this script (skips seeding; it
// is migrated to the latest schema first, so a new index migration applies to it), KEEP=1 to keep
// the temp file.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { addMonths, chinaMonthOf, monthStartUtc } from '../common/china-time.ts'
import { buildApp } from '../server/src/app.ts'
import { loadConfig } from '../server/src/config.ts'
import { createDb } from '../server/src/db/database.ts'
import { migrateToLatest } from '../server/src/db/migrate.ts'
import { newSessionToken } from '../server/src/lib/crypto.ts'
import { dashboardCounts } from '../server/src/modules/dashboard/dashboard.repository.ts'
import { periodOf } from '../server/src/modules/dashboard/dashboard.service.ts'
import { buildEmulator } from '../server/src/wechat/emulator.ts'

const ROOT = resolve(import.meta.dirname, '..')
const env = (name, dflt) => Number(process.env[name] ?? dflt)
const USERS = env('USERS', 1_000_000)
const LISTINGS = env('LISTINGS', 100_000)
const RESPONSES = env('RESPONSES', 50_000)
const SHARES = env('SHARES', 20_000)
const ENTRIES = env('ENTRIES', 3_000)
const NOMINATIONS = env('NOMINATIONS', 2_000)
const SAMPLES = env('SAMPLES', 200)
const SAMPLES_COUNTY = env('SAMPLES_COUNTY', 100)
const SAMPLES_PROVINCE = env('SAMPLES_PROVINCE', 40)
const GOAL_TOWNSHIP_P95 = 50
const GOAL_PROVINCE_6M_P95 = 1000
const BATCH = 50_000
const DAY = 86_400_000
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
const SPAN = NOW - START_MS

// Deterministic pseudo-random numbers (mulberry32): the same seed gives the same data set.
function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rand = rng(20261101)
const int = (n) => Math.floor(rand() * n)
function picker(weights) {
  const cum = new Float64Array(weights.length)
  let sum = 0
  weights.forEach((w, i) => (cum[i] = sum += w))
  return () => {
    const x = rand() * sum
    let lo = 0
    let hi = cum.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cum[mid] < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

const regions = JSON.parse(readFileSync(join(ROOT, 'server/src/modules/regions/sichuan.json'), 'utf8'))
const TOWNSHIPS = regions.townships.map(([code]) => code)
const regionName = new Map([regions.province, ...regions.prefectures, ...regions.counties, ...regions.townships])

// ---------------------------------------------------------------- seed

const tmp = mkdtempSync(join(tmpdir(), 'tianfu-bench-dashboard-'))
const dbFile = process.env.BENCH_DB ? resolve(process.env.BENCH_DB) : join(tmp, 'dashboard.db')
const uploadDir = join(tmp, 'uploads')

const TEXT = '今年开春以来村里的牦牛冬季补饲出了问题，草料不够，想请懂行的专家来看看青稞秸秆和燕麦草怎么搭配，另外合作社新建的暖棚通风也需要指导，联系电话见下方，感谢各位老师。'

function seed() {
  const db = new SQLite(dbFile)
  // Bulk load: no journal, no fsync, a page cache of 256 MB; the server reopens it in WAL mode.
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -262144')
  db.pragma('temp_store = MEMORY')
  const info = {}
  const timed = (name, fn) => {
    const t = Date.now()
    fn()
    info[name] = (Date.now() - t) / 1000
    console.log(`  ${name.padEnd(20)} ${info[name].toFixed(1)} s (${elapsed()})`)
  }

  // ---- users: skewed over the real townships, registration growing over 24 months
  const order = TOWNSHIPS.map((_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = int(i + 1)
    ;[order[i], order[j]] = [order[j], order[i]]
  }
  const weights = new Float64Array(TOWNSHIPS.length)
  order.forEach((township, rank) => (weights[township] = 1 / (rank + 10)))
  const pickTownship = picker(weights)
  const pickRole = picker([70, 12, 10, 5, 3])
  const ROLE = ['farmer', 'other', 'volunteer', 'expert', 'chair']
  const userTownship = new Int16Array(USERS + 1).fill(-1)
  const userAt = new Float64Array(USERS + 1) // registered_at (ms), or created_at for the unregistered
  const insertUser = db.prepare(
    `insert into users (id, openid, nickname, role, verification, is_staff, region_code, consent_version, consent_at, registered_at,
       created_at, updated_at, deleted_at)
     values (?, ?, ?, ?, ?, 0, ?, '2026-11-01', ?, ?, ?, ?, ?)`,
  )
  timed('users', () => {
    for (let first = 1; first <= USERS; first += BATCH) {
      db.transaction(() => {
        for (let id = first; id < Math.min(first + BATCH, USERS + 1); id++) {
          // Growth: density ∝ time since the start, so ids stay in registration order.
          const at = START_MS + SPAN * Math.sqrt((id - 1 + rand()) / USERS)
          userAt[id] = at
          const a = iso(at)
          if (rand() < 0.04) {
            insertUser.run(id, `obench${id.toString(36).padStart(8, '0')}`, null, null, 'none', null, a, null, a, a, null)
            continue
          }
          const t = pickTownship()
          userTownship[id] = t
          const role = ROLE[pickRole()]
          const verification = role === 'chair' ? (rand() < 0.6 ? 'verified' : 'pending') : role === 'expert' ? 'verified' : 'none'
          const deleted = rand() < 0.005 ? iso(Math.min(NOW, at + rand() * 90 * DAY)) : null
          insertUser.run(id, `obench${id.toString(36).padStart(8, '0')}`, `用户${id}`, role, verification, TOWNSHIPS[t], a, a, a, a, deleted)
        }
      })()
    }
  })
  const registeredUser = () => {
    for (;;) {
      const id = 1 + int(USERS)
      if (userTownship[id] >= 0) return id
    }
  }

  // ---- listings, their timeline and responses
  const L = LISTINGS
  const lRegion = new Int16Array(L + 1)
  const lStatus = new Array(L + 1)
  const lCreated = new Float64Array(L + 1)
  const lPublished = new Float64Array(L + 1)
  const lResponses = new Int32Array(L + 1)
  const pickStatus = picker([70, 10, 10, 5, 5])
  const STATUS = ['published', 'resolved', 'closed', 'pending', 'rejected']
  for (let id = 1; id <= L; id++) {
    lCreated[id] = START_MS + SPAN * Math.sqrt((id - 1 + rand()) / L)
    lStatus[id] = STATUS[pickStatus()]
    // Pending ones are the newest few; everything else was reviewed within two days.
    if (lStatus[id] === 'pending') lCreated[id] = NOW - rand() * 3 * DAY
    lPublished[id] = lStatus[id] === 'pending' || lStatus[id] === 'rejected' ? 0 : Math.min(NOW, lCreated[id] + rand() * 2 * DAY)
  }
  const responded = []
  {
    const responseRows = responded
    const seen = new Set()
    while (responseRows.length < RESPONSES) {
      const listing = 1 + int(L)
      if (!lPublished[listing]) continue
      const responder = registeredUser()
      const key = listing * 4_194_304 + responder
      if (seen.has(key)) continue
      seen.add(key)
      const at = Math.min(NOW, lPublished[listing] + rand() * rand() * 60 * DAY)
      const status = rand() < 0.4 ? 'pending' : rand() < 0.67 ? 'accepted' : 'declined'
      responseRows.push([listing, responder, at, status])
      lResponses[listing]++
    }
    responseRows.sort((a, b) => a[2] - b[2])
  }
  const insertListing = db.prepare(
    `insert into listings (id, kind, side, title, category, region_code, description, author_id, contact_name, contact_phone_encrypted,
       status, check_suggest, search_tokens, idempotency_key, response_count, created_at, updated_at, published_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, '张师傅', 'bench', ?, 'pass', ?, ?, ?, ?, ?, ?)`,
  )
  const insertEvent = db.prepare('insert into listing_events (listing_id, kind, actor_id, note, created_at) values (?, ?, ?, null, ?)')
  const CATS = ['planting', 'breeding', 'veterinary', 'machinery', 'processing', 'ecommerce', 'health', 'ecology', 'it', 'other']
  const TOKENS = '今年 开春 以来 村里 牦牛 冬季 补饲 问题 草料 不够 专家 青稞 秸秆 燕麦草 搭配 合作社 暖棚 通风 指导 联系电话 感谢 老师'
  timed('listings + events', () => {
    for (let first = 1; first <= L; first += BATCH) {
      db.transaction(() => {
        for (let id = first; id < Math.min(first + BATCH, L + 1); id++) {
          const author = registeredUser()
          lRegion[id] = userTownship[author]
          const kind = rand() < 0.05 ? 'achievement' : 'post'
          const side = kind === 'achievement' || rand() < 0.4 ? 'offer' : 'need'
          const created = iso(lCreated[id])
          const published = lPublished[id] ? iso(lPublished[id]) : null
          const desc = TEXT.slice(int(20)) + TEXT.slice(0, 20 + int(40))
          insertListing.run(id, kind, side, `牦牛冬季补饲求助${id}`, CATS[int(10)], TOWNSHIPS[lRegion[id]], desc, author, lStatus[id], TOKENS, `bench-${id}`, lResponses[id], created, published ?? created, published)
          insertEvent.run(id, 'submitted', author, created)
          if (lStatus[id] === 'rejected') insertEvent.run(id, 'rejected', 1, iso(Math.min(NOW, lCreated[id] + DAY)))
          if (published) insertEvent.run(id, 'approved', 1, published)
          if (lStatus[id] === 'resolved') insertEvent.run(id, 'resolved', author, iso(Math.min(NOW, lPublished[id] + (1 + rand() * 60) * DAY)))
          if (lStatus[id] === 'closed') insertEvent.run(id, 'closed', author, iso(Math.min(NOW, lPublished[id] + (1 + rand() * 90) * DAY)))
        }
      })()
    }
  })
  const insertResponse = db.prepare(
    `insert into listing_responses (listing_id, responder_id, message, phone_encrypted, status, created_at, decided_at) values (?, ?, '我有经验，可以上门看看', 'bench', ?, ?, ?)`,
  )
  timed('responses + events', () => {
    db.transaction(() => {
      for (const [listing, responder, at, status] of responded) {
        insertResponse.run(listing, responder, status, iso(at), status === 'pending' ? null : iso(Math.min(NOW, at + DAY)))
        insertEvent.run(listing, 'responded', responder, iso(at))
        if (status === 'accepted') insertEvent.run(listing, 'accepted', responder, iso(Math.min(NOW, at + DAY)))
      }
    })()
  })

  // ---- sharing: shares by the sharer's township; registrations credited to a share
  const insertShare = db.prepare('insert into shares (id, code, sharer_id, target, target_id, channel, region_code, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)')
  const insertShareReg = db.prepare('insert into share_registrations (user_id, sharer_id, share_id, created_at) values (?, ?, ?, ?)')
  const TARGETS = ['article', 'listing', 'studio', 'contest', 'talent']
  const CHANNELS = ['chat', 'timeline', 'poster']
  timed('shares', () => {
    db.transaction(() => {
      const sharer = new Int32Array(SHARES + 1)
      for (let id = 1; id <= SHARES; id++) {
        sharer[id] = registeredUser()
        const at = userAt[sharer[id]] + rand() * (NOW - userAt[sharer[id]])
        insertShare.run(id, `b${id.toString(36).padStart(7, '0')}`, sharer[id], TARGETS[int(5)], 1 + int(1000), CHANNELS[int(3)], TOWNSHIPS[userTownship[sharer[id]]], iso(at))
      }
      const credited = new Set()
      while (credited.size < Math.min(SHARES, USERS / 4)) {
        const user = registeredUser()
        if (credited.has(user)) continue
        credited.add(user)
        const share = 1 + int(SHARES)
        insertShareReg.run(user, sharer[share], share, iso(userAt[user]))
      }
    })()
  })

  // ---- one contest, its entries and the chairs' nominations (the last 6 months)
  const insertContest = db.prepare(
    `insert into contests (id, kind, name, organiser, level, region_code, categories, description, rules, stage, signup_ends_at,
       preliminary_ends_at, semifinal_ends_at, final_ends_at, created_by, created_at, updated_at)
     values (1, 'contest', '第八届四川省乡土人才创新创业大赛', '四川省科学技术协会', 'province', '51', ?, '大赛介绍', '参赛规则', 'preliminary', ?, ?, ?, ?, 1, ?, ?)`,
  )
  const insertEntry = db.prepare(
    `insert into contest_entries (contest_id, user_id, source, title, category, description, years_experience, region_code, stage_reached,
       check_suggest, created_at, updated_at) values (1, ?, ?, ?, ?, '二十年种植经验', ?, ?, 'signup', 'pass', ?, ?)`,
  )
  const insertNomination = db.prepare(
    `insert into contest_nominations (contest_id, nominator_id, nominee_user_id, nominee_name, nominee_key, region_code, reason, status, created_at)
     values (1, ?, ?, ?, ?, ?, '带动乡亲致富', ?, ?)`,
  )
  const CCATS = ['planting', 'breeding', 'extension', 'processing', 'ecommerce', 'crafts', 'other']
  const NSTATUS = ['pending', 'confirmed', 'declined', 'withdrawn']
  const contestStart = NOW - 180 * DAY
  timed('contest', () => {
    db.transaction(() => {
      insertContest.run(JSON.stringify(CCATS), iso(NOW + 30 * DAY), iso(NOW + 60 * DAY), iso(NOW + 90 * DAY), iso(NOW + 120 * DAY), iso(contestStart), iso(contestStart))
      const entered = new Set()
      while (entered.size < ENTRIES) {
        const user = registeredUser()
        if (entered.has(user)) continue
        entered.add(user)
        const at = iso(Math.max(contestStart, userAt[user]) + rand() * (NOW - Math.max(contestStart, userAt[user])))
        insertEntry.run(user, rand() < 0.8 ? 'self' : 'nomination', `高原青稞种植能手${user}`, CCATS[int(7)], 1 + int(30), TOWNSHIPS[userTownship[user]], at, at)
      }
      const nominated = new Set()
      const pickNominationStatus = picker([30, 50, 10, 10])
      while (nominated.size < NOMINATIONS) {
        const user = registeredUser()
        if (nominated.has(user)) continue
        nominated.add(user)
        const at = iso(Math.max(contestStart, userAt[user]) + rand() * (NOW - Math.max(contestStart, userAt[user])))
        const status = NSTATUS[pickNominationStatus()]
        insertNomination.run(registeredUser(), user, `用户${user}`, `u:${user}`, TOWNSHIPS[userTownship[user]], status, at)
      }
    })()
  })
  db.close()
  return info
}

// The busiest township and county (the worst case for (a) and (b)), and the people counted there.
function busiest(db) {
  const q = (len) =>
    db.prepare(
      `select substr(region_code, 1, ${len}) as code, count(*) as n from users
       where registered_at is not null and deleted_at is null and openid like 'obench%' group by 1 order by 2 desc limit 1`,
    ).get()
  return { township: q(9), county: q(6), total: db.prepare(`select count(*) as n from users where registered_at is not null and deleted_at is null`).get().n }
}

let seedInfo = null
{
  const kdb = createDb(`sqlite:${dbFile}`)
  await migrateToLatest(kdb)
  await kdb.destroy()
  if (!process.env.BENCH_DB) {
    console.log(`Seeding ${USERS.toLocaleString()} users, ${LISTINGS.toLocaleString()} listings into ${dbFile} (${FROM_24} … ${TO})`)
    const t = Date.now()
    seedInfo = seed()
    seedInfo.seconds = (Date.now() - t) / 1000
  } else console.log(`Reusing ${dbFile} (migrated to the latest schema)`)
}

// ---------------------------------------------------------------- viewers, targets

const raw = new SQLite(dbFile)
const areas = busiest(raw)
const TOWNSHIP = areas.township.code
const COUNTY = areas.county.code
const PROVINCE = '51'
const viewers = {}
{
  const at = iso(NOW)
  const expires = iso(NOW + 30 * DAY)
  const addViewer = raw.prepare(
    `insert into users (openid, nickname, role, verification, is_staff, staff_region_code, region_code, consent_version, consent_at, registered_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, null, ?, '2026-11-01', ?, ?, ?, ?) returning id`,
  )
  const addSession = raw.prepare('insert into sessions (token_hash, user_id, created_at, expires_at) values (?, ?, ?, ?)')
  const suffix = `${NOW.toString(36)}-${process.pid}`
  // As auth does: the session row keeps only sha256 of the token (newSessionToken → hashToken).
  const signIn = (name, role, verification, isStaff, region) => {
    const { id } = addViewer.get(`bench-viewer-${name}-${suffix}`, `bench ${name}`, role, verification, isStaff, region, at, at, at, at)
    const { token, hash } = newSessionToken()
    addSession.run(hash, id, at, expires)
    viewers[name] = { id, headers: { authorization: `Bearer ${token}` } }
  }
  raw.transaction(() => {
    signIn('staff', 'other', 'none', 1, '510104022')
    signIn('chair', 'chair', 'verified', 0, TOWNSHIP)
    // Targets staff would set: the province (every metric), its prefectures, the county and its
    // townships (registrations), every month of the period. The unique index keeps reruns idempotent.
    const target = raw.prepare(`insert or ignore into targets (region_code, metric, month, value, set_by, updated_at) values (?, ?, ?, ?, ?, ?)`)
    const metrics = ['registrations', 'posts', 'responses', 'resolved', 'contest_entries', 'nominations', 'shares', 'share_registrations']
    for (let i = 0; i < 24; i++) {
      const month = addMonths(FROM_24, i)
      for (const m of metrics) target.run(PROVINCE, m, month, 1000, viewers.staff.id, at)
      for (const [code] of regions.prefectures) target.run(code, 'registrations', month, 500, viewers.staff.id, at)
      target.run(COUNTY, 'registrations', month, 300, viewers.staff.id, at)
      for (const [code] of regions.townships.filter(([c]) => c.startsWith(COUNTY))) target.run(code, 'registrations', month, 50, viewers.staff.id, at)
    }
  })()
}
const sizeMb = statSync(dbFile).size / 1e6
const counts = Object.fromEntries(
  ['users', 'listings', 'listing_events', 'listing_responses', 'shares', 'share_registrations', 'contest_entries', 'contest_nominations', 'targets'].map((t) => [
    t,
    raw.prepare(`select count(*) as n from ${t}`).get().n,
  ]),
)
console.log(`Rows: ${Object.entries(counts).map(([t, n]) => `${t} ${n.toLocaleString()}`).join(', ')}; ${sizeMb.toFixed(0)} MB (${elapsed()})`)
console.log(`Busiest township ${TOWNSHIP} ${regionName.get(TOWNSHIP)} (${areas.township.n.toLocaleString()} people), county ${COUNTY} ${regionName.get(COUNTY)} (${areas.county.n.toLocaleString()}), province ${areas.total.toLocaleString()}`)

// ---------------------------------------------------------------- the SQL, its plan, its parts

// dashboardCounts runs against a Kysely that records the compiled SQL, so the plan below is of
// the repository's own query, whatever it becomes.
const CHILD_LENGTH = { 2: 4, 4: 6, 6: 9, 9: null }
let captured = []
const spy = new Kysely({ dialect: new SqliteDialect({ database: new SQLite(dbFile, { readonly: true }) }), log: (e) => captured.push(e.query) })
async function compiled(area, from) {
  captured = []
  await dashboardCounts(spy, { area, window: periodOf({ from, to: TO }, new Date(NOW)), childLength: CHILD_LENGTH[area.length] })
  return captured[0]
}
/** The top-level parts of the UNION ALL with their parameters (placeholders are '?'; the SQL has no other '?'). */
function partsOf({ sql: text, parameters }) {
  let p = 0
  return text.split(' union all ').map((part) => {
    const n = (part.match(/\?/g) ?? []).length
    const params = parameters.slice(p, (p += n))
    const name = /^\s*select '([a-z_]+)'/.exec(part)?.[1] ?? '?'
    return { name, sql: part, params }
  })
}
function plan(part) {
  const rows = raw.prepare(`explain query plan ${part.sql}`).all(...part.params)
  const depth = new Map([[0, 0]])
  return rows.map((r) => {
    depth.set(r.id, (depth.get(r.parent) ?? 0) + 1)
    return `${'  '.repeat(depth.get(r.id))}${r.detail}`
  })
}
function timeParts(parts, reps) {
  return parts.map((part) => {
    const stmt = raw.prepare(part.sql)
    const times = []
    for (let i = 0; i < reps; i++) {
      const t = process.hrtime.bigint()
      stmt.all(...part.params)
      times.push(Number(process.hrtime.bigint() - t) / 1e6)
    }
    times.sort((a, b) => a - b)
    return { name: part.name, ms: times[Math.floor(times.length / 2)] }
  })
}

const queries = {
  township6: await compiled(TOWNSHIP, FROM_6),
  province6: await compiled(PROVINCE, FROM_6),
}
const plans = {}
for (const [k, q] of Object.entries(queries)) plans[k] = partsOf(q).map((part) => ({ name: part.name, lines: plan(part) }))
const regPlan = (k) => plans[k].find((p) => p.name === 'registrations').lines
// The index the registrations part reads users through (009's users_region_registered_idx, or
// whatever replaced it), or null for a scan of the table.
const usersIndex = (k) => regPlan(k).map((l) => /(?:SEARCH|SCAN) users USING (?:COVERING )?INDEX (\w+)/.exec(l)?.[1]).find(Boolean) ?? null
const indexNote = (k) => (usersIndex(k) ? `USED (${usersIndex(k)})` : 'NOT USED (scans users)')

// ---------------------------------------------------------------- server

const emulator = buildEmulator()
await emulator.listen({ port: 0, host: '127.0.0.1' })
const config = loadConfig({
  DATABASE_URL: `sqlite:${dbFile}`,
  LOG_LEVEL: 'silent',
  NODE_ENV: 'test',
  WECHAT_API_BASE: `http://127.0.0.1:${emulator.server.address().port}`,
  UPLOAD_DIR: uploadDir,
})
const db = createDb(config.databaseUrl)
const app = await buildApp({ config, db })
await app.listen({ port: 0, host: '127.0.0.1' })
const base = `http://127.0.0.1:${app.server.address().port}`
const dash = (region, from) => `${base}/api/dashboard?${new URLSearchParams({ region, from, to: TO })}`

// Check every URL answers 200 with the right area before timing anything.
const TARGETS = {
  health: { url: `${base}/api/health`, n: SAMPLES },
  township6: { url: dash(TOWNSHIP, FROM_6), headers: viewers.chair.headers, n: SAMPLES, area: TOWNSHIP },
  township24: { url: dash(TOWNSHIP, FROM_24), headers: viewers.chair.headers, n: SAMPLES, area: TOWNSHIP },
  county6: { url: dash(COUNTY, FROM_6), headers: viewers.staff.headers, n: SAMPLES_COUNTY, area: COUNTY },
  county24: { url: dash(COUNTY, FROM_24), headers: viewers.staff.headers, n: SAMPLES_COUNTY, area: COUNTY },
  province6: { url: dash(PROVINCE, FROM_6), headers: viewers.staff.headers, n: SAMPLES_PROVINCE, area: PROVINCE },
  province24: { url: dash(PROVINCE, FROM_24), headers: viewers.staff.headers, n: SAMPLES_PROVINCE, area: PROVINCE },
}
const firstBody = {}
for (const [k, t] of Object.entries(TARGETS)) {
  if (!t.area) continue
  const res = await fetch(t.url, { headers: t.headers })
  if (res.status !== 200) throw new Error(`${k}: GET ${t.url} answered ${res.status}: ${await res.text()}`)
  const body = await res.json()
  if (body.area.code !== t.area) throw new Error(`${k}: asked for ${t.area}, got ${body.area.code}`)
  firstBody[k] = body
}
{
  // The chair may not look outside their township: the session really is a chair's.
  const res = await fetch(dash(COUNTY, FROM_6), { headers: viewers.chair.headers })
  if (res.status !== 403) throw new Error(`the chair asking for the county got ${res.status}, expected 403`)
}
console.log(`Server on ${base}; measuring (${elapsed()})`)

// Time alone on SQLite, per part of the UNION ALL (median of 5), for the default 6-month view.
const partTimes = {
  township6: timeParts(partsOf(queries.township6), 5),
  province6: timeParts(partsOf(queries.province6), 5),
}

const clientArgs = Object.fromEntries(Object.entries(TARGETS).map(([k, t]) => [k, { url: t.url, headers: t.headers ?? {}, n: t.n }]))
const { stdout } = await run(process.execPath, [join(ROOT, 'bench/dashboard-client.mjs'), JSON.stringify({ targets: clientArgs, warmup: 3 })], {
  maxBuffer: 16 * 1024 * 1024,
})
const r = JSON.parse(stdout)
console.log(`measured (${elapsed()})`)

// ---------------------------------------------------------------- report

const pass = (ok) => (ok ? 'PASS' : 'MISS')
const ratio = (a, b) => fmt(a / b, 2)
const load = loadavg().map((x) => x.toFixed(1)).join(' ')
const label = {
  health: 'GET /api/health',
  township6: `(a) township, chair, 6 m`,
  township24: `(a) township, chair, 24 m`,
  county6: `(b) county, staff, 6 m`,
  county24: `(b) county, staff, 24 m`,
  province6: `(c) province, staff, 6 m`,
  province24: `(c) province, staff, 24 m`,
}
console.log(`
==== Township dashboard at ${counts.users.toLocaleString()} users (SQLite, ${sizeMb.toFixed(0)} MB): GET /api/dashboard, ${FROM_24}/${FROM_6} … ${TO}
Seed: ${seedInfo ? `${seedInfo.seconds.toFixed(1)} s` : 'reused file'}; load average at the end ${load} on ${availableParallelism()} cores (other work on the machine shows in the absolute numbers)
Areas: (a) ${TOWNSHIP} ${regionName.get(TOWNSHIP)} (${areas.township.n.toLocaleString()} people, the busiest township), (b) ${COUNTY} ${regionName.get(COUNTY)} (${areas.county.n.toLocaleString()}), (c) 51 四川省 (${areas.total.toLocaleString()})
One client, requests interleaved (ms):            n    p50      p95      max     ÷ health p50 (p50)   errors  body`)
for (const k of Object.keys(TARGETS)) {
  const s = r[k]
  console.log(
    `  ${label[k].padEnd(28)} ${String(s.n).padStart(4)} ${fmt(s.p50, 2).padStart(8)} ${fmt(s.p95, 2).padStart(8)} ${fmt(s.max, 1).padStart(8)}   ${ratio(s.p50, r.health.p50).padStart(10)}           ${String(s.errors).padStart(3)}   ${((s.bytes ?? 0) / 1024).toFixed(1)} kB`,
  )
}
console.log(`Ratios (same run):                       p50      p95
  province ÷ township, 6 m          ${ratio(r.province6.p50, r.township6.p50).padStart(8)} ${ratio(r.province6.p95, r.township6.p95).padStart(8)}
  province ÷ township, 24 m         ${ratio(r.province24.p50, r.township24.p50).padStart(8)} ${ratio(r.province24.p95, r.township24.p95).padStart(8)}
  county ÷ township, 6 m            ${ratio(r.county6.p50, r.township6.p50).padStart(8)} ${ratio(r.county6.p95, r.township6.p95).padStart(8)}
  24 m ÷ 6 m, township              ${ratio(r.township24.p50, r.township6.p50).padStart(8)} ${ratio(r.township24.p95, r.township6.p95).padStart(8)}
  24 m ÷ 6 m, county                ${ratio(r.county24.p50, r.county6.p50).padStart(8)} ${ratio(r.county24.p95, r.county6.p95).padStart(8)}
  24 m ÷ 6 m, province              ${ratio(r.province24.p50, r.province6.p50).padStart(8)} ${ratio(r.province24.p95, r.province6.p95).padStart(8)}
  township 6 m ÷ health             ${ratio(r.township6.p50, r.health.p50).padStart(8)} ${ratio(r.township6.p95, r.health.p95).padStart(8)}
  province 6 m ÷ health             ${ratio(r.province6.p50, r.health.p50).padStart(8)} ${ratio(r.province6.p95, r.health.p95).padStart(8)}
Goals${counts.users < 1_000_000 ? ` (stated at 1M users; this run has ${counts.users.toLocaleString()})` : ''}:
  township p95 ≤ ${GOAL_TOWNSHIP_P95} ms:        6 m ${fmt(r.township6.p95, 1)} ms ${pass(r.township6.p95 <= GOAL_TOWNSHIP_P95)}, 24 m ${fmt(r.township24.p95, 1)} ms ${pass(r.township24.p95 <= GOAL_TOWNSHIP_P95)}
  province 6 m p95 ≤ ${GOAL_PROVINCE_6M_P95} ms:   ${fmt(r.province6.p95, 1)} ms ${pass(r.province6.p95 <= GOAL_PROVINCE_6M_P95)}`)
console.log(`Users index in the registrations query's plan: township ${indexNote('township6')}, province ${indexNote('province6')}`)
for (const k of ['township6', 'province6']) {
  console.log(`EXPLAIN QUERY PLAN, ${label[k]} (each part of dashboardCounts' UNION ALL; median ms of that part alone on SQLite):`)
  for (const p of plans[k]) {
    const ms = partTimes[k].find((t) => t.name === p.name)?.ms
    console.log(`  ${p.name} — ${fmt(ms, 2)} ms`)
    for (const l of p.lines) console.log(`  ${l}`)
  }
  console.log(`  all parts: ${fmt(partTimes[k].reduce((s, t) => s + t.ms, 0), 1)} ms`)
}
console.log(`Reproduce: USERS=${USERS} npx tsx bench/dashboard.mjs   (total ${elapsed()})`)

await app.close()
await emulator.close()
await spy.destroy()
raw.close()
if (process.env.KEEP && !process.env.BENCH_DB) console.log(`Kept ${dbFile}`)
else rmSync(tmp, { recursive: true, force: true })
