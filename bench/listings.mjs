#!/usr/bin/env node
// 科技所能所需 at a million posts: feed and search against the goals, on demand, never part of
// `npm test`.   npx tsx bench/listings.mjs
//
// 1. Seeds ROWS (1,000,000) generated posts into a temp SQLite file: migrations via
//    migrateToLatest(createDb(url)), then better-sqlite3 prepared inserts in big transactions,
//    search_tokens from the real searchTokens() (jieba, in worker threads — bench/listings-data.mjs)
//    and the listings_fts rows. Reports seed time, DB size and how common the searched words are.
// 2. Starts the real server in-process (buildApp, SQLite file, the WeChat emulator, port 0) and
//    measures in ONE run (the machine is noisy: compare ratios, not absolute numbers):
//      - GET /api/listings (feed) req/s ÷ GET /api/health req/s   goal ≥ 0.30   (autocannon, 50 conns)
//      - feed p99 at 50 connections                                goal ≤ 20 ms
//      - search p95, one client, for 2-character and 6-character queries   goal ≤ 30 ms
//      - feed page 1000 ÷ page 1 latency (cursor walked first)     goal ≤ 1.5
//    autocannon and the one-client timer (bench/listings-client.mjs) run as child processes, so
//    the load generator does not share the server's event loop.
//    If GET /api/listings is not there (404), the same URLs go to a stand-in route registered by
//    this script (/bench/listings: the keyset feed query and searchListingIds) — the output says so.
//
// Environment: ROWS (default 1000000), DURATION seconds per autocannon run (default 10),
// BENCH_DB=path to reuse a seeded file (skips seeding; must have been seeded by this script),
// KEEP=1 to keep the temp file.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { Worker } from 'node:worker_threads'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import { buildApp } from '../server/src/app.ts'
import { loadConfig } from '../server/src/config.ts'
import { createDb } from '../server/src/db/database.ts'
import { migrateToLatest } from '../server/src/db/migrate.ts'
import { SEARCH_WINDOW, SIMILAR_SCAN, ftsMatch, queryTokens, searchListingIds, similarListingIds } from '../server/src/modules/listings/listings.search.ts'
import { buildEmulator } from '../server/src/wechat/emulator.ts'
import { MAX_ID } from '../common/schemas/common.ts'
import { decodeCursor, encodeCursor } from '../server/src/lib/cursor.ts'

const ROOT = resolve(import.meta.dirname, '..')
const ROWS = Number(process.env.ROWS ?? 1_000_000)
const DURATION = Number(process.env.DURATION ?? 10)
const USERS = 20_000
const BATCH = 10_000
const run = promisify(execFile)
const t0 = Date.now()
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`
const fmt = (x, d = 1) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(d))

// ---------------------------------------------------------------- seed

const tmp = mkdtempSync(join(tmpdir(), 'tianfu-bench-listings-'))
const dbFile = process.env.BENCH_DB ? resolve(process.env.BENCH_DB) : join(tmp, 'listings.db')
const uploadDir = join(tmp, 'uploads')

async function seed() {
  const kdb = createDb(`sqlite:${dbFile}`)
  await migrateToLatest(kdb)
  await kdb.destroy()

  const db = new SQLite(dbFile)
  // Bulk load: no journal, no fsync, a big page cache; the server reopens it in WAL mode.
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -1000000')
  db.pragma('temp_store = MEMORY')

  const startMs = Date.parse('2024-01-01T00:00:00Z')
  const insertUser = db.prepare(
    `insert into users (id, openid, nickname, role, region_code, consent_version, consent_at, registered_at, created_at, updated_at)
     values (?, ?, ?, 'farmer', '513328200', '2026-11-01', ?, ?, ?, ?)`,
  )
  db.transaction(() => {
    const at = new Date(startMs).toISOString()
    for (let i = 1; i <= USERS; i++) insertUser.run(i, `bench-${i}`, `农户${i}`, at, at, at, at)
  })()

  const insertListing = db.prepare(
    `insert into listings (id, side, title, category, region_code, description, author_id, contact_name, contact_phone_encrypted,
       status, check_suggest, search_tokens, idempotency_key, response_count, created_at, updated_at, published_at)
     values (?, ?, ?, ?, ?, ?, ?, '张师傅', 'bench', ?, 'pass', ?, ?, 0, ?, ?, ?)`,
  )
  const insertFts = db.prepare('insert into listings_fts (rowid, tokens) values (?, ?)')
  const insertBatch = db.transaction((rows) => {
    for (const [id, side, title, category, region, description, author, status, tokens, key, created, published] of rows) {
      insertListing.run(id, side, title, category, region, description, author, status, tokens, key, created, created, published)
      insertFts.run(id, tokens)
    }
  })

  // Workers generate and segment batches; this thread inserts them in id order.
  const batches = Math.ceil(ROWS / BATCH)
  const nWorkers = Math.max(1, Math.min(availableParallelism(), 4))
  let nextToSend = 0
  let nextToInsert = 0
  const done = new Map()
  let insertMs = 0
  await new Promise((resolveAll, reject) => {
    const workers = []
    const send = (w) => {
      if (nextToSend >= batches) return w.postMessage('exit')
      const batch = nextToSend++
      w.postMessage({ batch, firstId: batch * BATCH + 1, count: Math.min(BATCH, ROWS - batch * BATCH) })
    }
    for (let i = 0; i < nWorkers; i++) {
      const w = new Worker(new URL('./listings-data.mjs', import.meta.url), { workerData: { role: 'seed', batchSize: BATCH, users: USERS, startMs } })
      w.on('error', reject)
      w.on('message', (msg) => {
        if (msg.ready) return send(w)
        done.set(msg.batch, msg.rows)
        send(w)
        while (done.has(nextToInsert)) {
          const t = Date.now()
          insertBatch(done.get(nextToInsert))
          insertMs += Date.now() - t
          done.delete(nextToInsert)
          nextToInsert++
          if (nextToInsert % 20 === 0) process.stdout.write(`  ${(nextToInsert * BATCH).toLocaleString()} rows, ${elapsed()}\r`)
        }
        if (nextToInsert === batches) resolveAll()
      })
      workers.push(w)
    }
  })
  db.pragma('journal_mode = WAL')
  db.close()
  return { insertMs }
}

let seedInfo
if (process.env.BENCH_DB && existsSync(dbFile)) {
  console.log(`Reusing ${dbFile}`)
} else {
  console.log(`Seeding ${ROWS.toLocaleString()} posts into ${dbFile} …`)
  const seedStart = Date.now()
  const { insertMs } = await seed()
  seedInfo = { seconds: (Date.now() - seedStart) / 1000, insertSeconds: insertMs / 1000 }
}
const sizeMb = (statSync(dbFile).size + (existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0)) / 1024 / 1024

{
  const db = new SQLite(dbFile, { readonly: true })
  const total = db.prepare('select count(*) n, sum(status = ?) p from listings').get('published')
  const df = (words) => db.prepare('select count(*) n from listings_fts where listings_fts match ?').get(ftsMatch(words, 'AND')).n
  const pct = (n) => `${n.toLocaleString()} (${((100 * n) / total.n).toFixed(2)} %)`
  console.log(`\nSeed: ${seedInfo ? `${seedInfo.seconds.toFixed(1)} s (inserts ${seedInfo.insertSeconds.toFixed(1)} s, the rest generating + jieba in worker threads)` : 'reused'}`)
  console.log(`DB size: ${sizeMb.toFixed(0)} MB for ${total.n.toLocaleString()} posts (${total.p.toLocaleString()} published)`)
  console.log(`Posts containing: 牦牛 ${pct(df(['牦牛']))}, 虫草 ${pct(df(['虫草']))}, 青稞 ${pct(df(['青稞']))}, 甘孜 ${pct(df(['甘孜']))}, 牦牛冬季补饲 ${pct(df(queryTokens('牦牛冬季补饲')))}`)
  db.close()
}

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

// Stand-in for GET /api/listings while it does not exist: the keyset feed and searchListingIds,
// answering with the same page shape (items, next) and taking the same ?cursor=.
app.get('/bench/listings', async (request) => {
  const q = request.query
  const limit = Math.min(50, Number(q.limit ?? 20))
  const cols = ['id', 'side', 'title', 'category', 'region_code', 'description', 'author_id', 'status', 'response_count', 'created_at', 'published_at']
  const toItem = (r) => ({ ...r, excerpt: r.description.slice(0, 60), description: undefined })
  if (q.q) {
    const page = q.cursor ? decodeCursor(q.cursor, 'p', Number.MAX_SAFE_INTEGER) : 1
    const ids = await searchListingIds(db, { q: q.q, side: q.side, category: q.category, regionPrefix: q.region, limit: limit + 1, offset: (page - 1) * limit })
    const rows = ids.length ? await db.selectFrom('listings').select(cols).where('id', 'in', ids.slice(0, limit)).execute() : []
    const byId = new Map(rows.map((r) => [r.id, r]))
    return { items: ids.slice(0, limit).map((id) => toItem(byId.get(id))), next: ids.length > limit ? encodeCursor({ p: page + 1 }) : null }
  }
  let query = db.selectFrom('listings').select(cols).where('status', '=', 'published')
  if (q.side) query = query.where('side', '=', q.side)
  if (q.category) query = query.where('category', '=', q.category)
  if (q.region) query = query.where('region_code', '>=', q.region).where('region_code', '<', `${q.region}~`)
  if (q.cursor) query = query.where('id', '<', decodeCursor(q.cursor, 'b', MAX_ID))
  const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute()
  const items = rows.slice(0, limit)
  return { items: items.map(toItem), next: rows.length > limit ? encodeCursor({ b: items[items.length - 1].id }) : null }
})

await app.listen({ port: 0, host: '127.0.0.1' })
const base = `http://127.0.0.1:${app.server.address().port}`
const probe = await fetch(`${base}/api/listings?limit=20`)
const realRoute = probe.status !== 404
const LIST = realRoute ? '/api/listings' : '/bench/listings'
if (!realRoute) console.log('\n!! GET /api/listings answered 404: measuring the stand-in /bench/listings (keyset feed query + searchListingIds).')
else if (probe.status !== 200) throw new Error(`GET /api/listings answered ${probe.status}: ${await probe.text()}`)
console.log(`\nServer on ${base}, measuring ${LIST} (${elapsed()})`)

const { maxId } = await sql`select max(id) as "maxId" from listings`.execute(db).then((r) => r.rows[0])
const url = (params) => `${base}${LIST}?${new URLSearchParams(params)}`

async function autocannon(target, connections = 50, duration = DURATION) {
  const { stdout } = await run(process.execPath, [join(ROOT, 'node_modules/autocannon/autocannon.js'), '-j', '-n', '-c', String(connections), '-d', String(duration), target], {
    maxBuffer: 64 * 1024 * 1024,
  })
  const r = JSON.parse(stdout)
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, mean: r.latency.average, non2xx: r.non2xx, errors: r.errors + r.timeouts }
}

async function oneClient(urls, n = 200, warmup = 20) {
  const { stdout } = await run(process.execPath, [join(ROOT, 'bench/listings-client.mjs'), JSON.stringify({ urls, n, warmup })], { maxBuffer: 16 * 1024 * 1024 })
  return JSON.parse(stdout)
}

// Walk the feed's cursors to page 1000 (20 a page), passing each `next` back as ?cursor=.
let page1000Cursor
{
  const t = Date.now()
  let cursor
  for (let page = 1; page < 1000; page++) {
    const res = await fetch(url({ limit: '20', ...(cursor ? { cursor } : {}) }))
    const body = await res.json()
    if (!body.next) throw new Error(`the feed ended at page ${page}`)
    cursor = body.next
  }
  page1000Cursor = cursor
  console.log(`Walked 999 cursors to page 1000 (cursor=${page1000Cursor}) in ${((Date.now() - t) / 1000).toFixed(1)} s`)
}
// Page 1 again, but not served from the lead's first-page cache (any cursor skips it): the
// keyset cursor of max id + 1. The app never builds a cursor; the bench does, with the server's
// own encoder, so it measures the DB query of the first page.
const page1Cursor = encodeCursor({ b: maxId + 1 })

// Throughput at 50 connections, one after another in this run.
const health = await autocannon(`${base}/api/health`)
console.log(`health            ${fmt(health.rps, 0)} req/s, p99 ${health.p99} ms (${elapsed()})`)
const feedCached = await autocannon(url({ limit: '20' }))
console.log(`feed page 1       ${fmt(feedCached.rps, 0)} req/s, p99 ${feedCached.p99} ms (${elapsed()})`)
const feedDb = await autocannon(url({ limit: '20', cursor: page1Cursor }))
console.log(`feed page 1 (db)  ${fmt(feedDb.rps, 0)} req/s, p99 ${feedDb.p99} ms (${elapsed()})`)
const feedRegion = await autocannon(url({ limit: '20', region: '5133', side: 'need', cursor: page1Cursor }))
console.log(`feed 甘孜州 need   ${fmt(feedRegion.rps, 0)} req/s, p99 ${feedRegion.p99} ms (${elapsed()})`)
const search2At10 = await autocannon(url({ q: '牦牛', limit: '20' }), 10)
console.log(`search 牦牛 c=10   ${fmt(search2At10.rps, 0)} req/s, p99 ${search2At10.p99} ms (${elapsed()})`)

// One client at a time: latency.
const pages = await oneClient({ page1: url({ limit: '20', cursor: page1Cursor }), page1000: url({ limit: '20', cursor: page1000Cursor }), page1Cached: url({ limit: '20' }) }, 300, 30)
console.log(`pages: 1 ${fmt(pages.page1.mean, 2)} ms, 1000 ${fmt(pages.page1000.mean, 2)} ms (${elapsed()})`)
const SEARCHES = {
  '牦牛': { q: '牦牛' },
  '青稞': { q: '青稞' },
  '虫草': { q: '虫草' },
  '牦牛冬季补饲': { q: '牦牛冬季补饲' },
  '青稞病虫害防治': { q: '青稞病虫害防治' },
  '牦牛 offer 甘孜州': { q: '牦牛', side: 'offer', region: '5133' },
  '牦牛 甘孜县': { q: '牦牛', region: '513328' },
  '牦牛 page 5': { q: '牦牛', page: 5 },
}
// A ranked list's page n is the cursor { p: n } (what `next` of page n - 1 holds).
const searchUrl = ({ page, ...p }) => url({ limit: '20', ...p, ...(page ? { cursor: encodeCursor({ p: page }) } : {}) })
const searches = await oneClient(Object.fromEntries(Object.entries(SEARCHES).map(([k, p]) => [k, searchUrl(p)])), 100, 10)
console.log(`searches done (${elapsed()})`)

// The same searches without HTTP: searchListingIds alone.
const direct = {}
for (const [k, p] of Object.entries(SEARCHES)) {
  const opts = { q: p.q, side: p.side, regionPrefix: p.region, limit: 21, offset: ((Number(p.page ?? 1)) - 1) * 20 }
  for (let i = 0; i < 5; i++) await searchListingIds(db, opts)
  const times = []
  for (let i = 0; i < 50; i++) {
    const t = process.hrtime.bigint()
    await searchListingIds(db, opts)
    times.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  times.sort((a, b) => a - b)
  direct[k] = { p50: times[24], p95: times[47] }
}
// similarListingIds for 50 random published posts (the matching service's query).
const similar = []
{
  const step = Math.floor(maxId / 60)
  const sample = await sql`select id, side, search_tokens from listings where status = 'published' and id % ${step} = 7 limit 50`.execute(db)
  await similarListingIds(db, { tokens: sample.rows[0].search_tokens, side: 'offer', limit: 20 }) // loads the IDF table
  for (const r of sample.rows) {
    const t = process.hrtime.bigint()
    await similarListingIds(db, { tokens: r.search_tokens, side: r.side === 'need' ? 'offer' : 'need', limit: 20, excludeId: r.id })
    similar.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  similar.sort((a, b) => a - b)
}

// ---------------------------------------------------------------- report

const ok = (pass) => (pass ? 'ok' : 'MISSED')
const ratioFeed = feedCached.rps / health.rps
const ratioFeedDb = feedDb.rps / health.rps
const pageRatio = pages.page1000.mean / pages.page1.mean
const load = loadavg().map((x) => x.toFixed(1)).join(' ')
console.log(`
==== 科技所能所需 at ${ROWS.toLocaleString()} posts (SQLite, ${sizeMb.toFixed(0)} MB), route ${LIST}${realRoute ? '' : ' (STAND-IN: /api/listings 404)'}
Seed: ${seedInfo ? `${seedInfo.seconds.toFixed(1)} s` : 'reused file'}; load average at the end ${load} on ${availableParallelism()} cores (other work on the machine shows up in the absolute numbers)
Throughput, autocannon 50 connections × ${DURATION} s each:
  GET /api/health                      ${fmt(health.rps, 0)} req/s   p99 ${health.p99} ms
  feed page 1 (first-page cache)       ${fmt(feedCached.rps, 0)} req/s   p99 ${feedCached.p99} ms   ÷ health = ${fmt(ratioFeed, 2)}   goal ≥ 0.30 ${ok(ratioFeed >= 0.3)}; p99 goal ≤ 20 ms ${ok(feedCached.p99 <= 20)}
  feed page 1 from the DB (cursor max+1) ${fmt(feedDb.rps, 0)} req/s   p99 ${feedDb.p99} ms   ÷ health = ${fmt(ratioFeedDb, 2)}   goal ≥ 0.30 ${ok(ratioFeedDb >= 0.3)}; p99 goal ≤ 20 ms ${ok(feedDb.p99 <= 20)}
  feed side=need region=5133, from DB   ${fmt(feedRegion.rps, 0)} req/s   p99 ${feedRegion.p99} ms
  search 牦牛 at 10 connections          ${fmt(search2At10.rps, 0)} req/s   p99 ${search2At10.p99} ms
  (non-2xx: health ${health.non2xx}, feed ${feedCached.non2xx}/${feedDb.non2xx}/${feedRegion.non2xx}, search ${search2At10.non2xx}; errors ${health.errors + feedCached.errors + feedDb.errors + feedRegion.errors + search2At10.errors})
Feed pages, one client (mean / p95 ms):
  page 1 (DB)    ${fmt(pages.page1.mean, 2)} / ${fmt(pages.page1.p95, 2)}
  page 1 (cache) ${fmt(pages.page1Cached.mean, 2)} / ${fmt(pages.page1Cached.p95, 2)}
  page 1000      ${fmt(pages.page1000.mean, 2)} / ${fmt(pages.page1000.p95, 2)}   page 1000 ÷ page 1 (DB) = ${fmt(pageRatio, 2)}   goal ≤ 1.5 ${ok(pageRatio <= 1.5)}
Search (newest ${SEARCH_WINDOW} matches ranked), one client over HTTP (p50 / p95 ms), and searchListingIds alone (p50 / p95 ms):`)
for (const k of Object.keys(SEARCHES)) {
  const s = searches[k]
  const chars = Array.from(SEARCHES[k].q).length
  const goal = k.includes(' ') ? '' : `   goal p95 ≤ 30 ms ${ok(s.p95 <= 30)}`
  console.log(`  ${k.padEnd(18)} ${String(chars).padStart(2)} chars  HTTP ${fmt(s.p50)} / ${fmt(s.p95)}   direct ${fmt(direct[k].p50)} / ${fmt(direct[k].p95)}${goal}${s.errors ? `   ${s.errors} errors` : ''}`)
}
console.log(`similarListingIds (50 posts, OR over ≤ 8 words, newest ${SIMILAR_SCAN} matches): p50 ${fmt(similar[24])} ms, p95 ${fmt(similar[47])} ms, max ${fmt(similar[49])} ms`)
console.log(`Total ${elapsed()}`)

await app.close()
await emulator.close()
if (process.env.KEEP && !process.env.BENCH_DB) console.log(`Kept ${dbFile}`)
else rmSync(tmp, { recursive: true, force: true })
