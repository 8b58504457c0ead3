#!/usr/bin/env node
// What a crowd reads, at a million posts, on SQLite and PostgreSQL: on demand, never part of
// `npm test`.   npm run bench:reads     (ROWS=100000 for a quick run; BENCH_PG=postgres://… for PostgreSQL)
//
// 1. Per database (bench/bench-db.mjs): a migrated, empty database gets the demo (seedDemoData: the
//    newspaper's articles, the demo people, their posts, studios and contests), then ROWS generated
//    posts (bench/listings-data.mjs, jieba-segmented in worker threads) by USERS generated farmers,
//    in time order up to now; one offer in 2,000 is a demo expert's, so their studios show a full page.
// 2. The real server in-process (buildApp, the WeChat emulator), load from child processes:
//      bench/load.mjs  — autocannon, 50 connections (10 for one search run), cycling over many paths
//      bench/listings-client.mjs — one client, one request at a time (µs timing)
//    Every throughput is divided by GET /api/health's, measured in the same run: the machine is
//    shared, so the ratio is the number to compare, not the req/s.
//      feed from the database: page 1 behind a cursor (the first-page cache never answers it),
//        side + region, a category, page 2 by `next`, page 1,000 — the worst of them is feed_db
//      a post's page, an article, a contest, a studio (cycling over many of each)
//      search at 10 and 50 connections: a crowd's common words, and at 10 each one a search not made
//        before in the run; filtered searches, one client, each one new too
//    and the longest the server's event loop was held during all of it (bench/event-loop.mjs).
// Ends with GOAL lines, the PostgreSQL ones suffixed _pg.
//
// Environment: ROWS (1000000), USERS (20000), DURATION seconds per load run (10), BENCH_PG (a
// database this bench creates and drops; refused if it exists), BENCH_SQLITE=0 (PostgreSQL only),
// KEEP=1 (keep the databases).
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { Worker } from 'node:worker_threads'
import { buildApp } from '../server/src/app.ts'
import { loadConfig } from '../server/src/config.ts'
import { analyzeForPlanner, createDb } from '../server/src/db/database.ts'
import { loadSearchDictionaries } from '../server/src/modules/listings/listings.search.ts'
import { seedDemoData } from '../server/src/seed/seed.ts'
import { buildEmulator } from '../server/src/wechat/emulator.ts'
import { encodeCursor } from '../server/src/lib/cursor.ts'
import { createPostgres, createSqlite } from './bench-db.mjs'
import { rng, searchPhrases, searchSubjects, shuffle } from './listings-data.mjs'
import { idleLoop, loopSampler } from './event-loop.mjs'

const ROOT = resolve(import.meta.dirname, '..')
const ROWS = Number(process.env.ROWS ?? 1_000_000)
const USERS = Number(process.env.USERS ?? 20_000)
const DURATION = Number(process.env.DURATION ?? 10)
const BATCH = 10_000
const run = promisify(execFile)
/** Where optionsFile() writes the children's options. */
const OPTIONS_DIR = mkdtempSync(join(tmpdir(), 'tianfu-bench-options-'))
let optionsWritten = 0
process.on('exit', () => rmSync(OPTIONS_DIR, { recursive: true, force: true }))
const t0 = Date.now()
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`
const fmt = (x, d = 1) => (x === undefined || x === null || Number.isNaN(x) ? '—' : x.toFixed(d))

const GOALS = [
  // name, unit, target, better ('min': value ≥ target, 'max': value ≤ target)
  ['feed_db_ratio', '×health', 0.3, 'min'],
  ['feed_db_p99', 'ms', 20, 'max'],
  ['detail_post_ratio', '×health', 0.3, 'min'],
  ['detail_post_p99', 'ms', 20, 'max'],
  ['detail_article_ratio', '×health', 0.3, 'min'],
  ['detail_article_p99', 'ms', 20, 'max'],
  ['contest_ratio', '×health', 0.3, 'min'],
  ['contest_p99', 'ms', 20, 'max'],
  ['studio_ratio', '×health', 0.3, 'min'],
  ['studio_p99', 'ms', 20, 'max'],
  ['search_c10_p99', 'ms', 50, 'max'],
  ['search_c10_ratio', '×health', 0.05, 'min'],
  ['search_c50_p99', 'ms', 50, 'max'],
  ['search_c50_ratio', '×health', 0.05, 'min'],
  ['search_new_c10_p99', 'ms', 50, 'max'],
  ['search_new_c10_ratio', '×health', 0.05, 'min'],
  ['search_filtered_p95', 'ms', 30, 'max'],
  ['reads_event_loop_max_block', 'ms', 50, 'max'],
]

const emulator = buildEmulator()
await emulator.listen({ port: 0, host: '127.0.0.1' })
const EMULATOR_URL = `http://127.0.0.1:${emulator.server.address().port}`

const kinds = []
if (process.env.BENCH_SQLITE !== '0') kinds.push('sqlite')
if (process.env.BENCH_PG) kinds.push('postgres')
const results = []
try {
  for (const kind of kinds) results.push(await benchOne(kind))
} finally {
  await emulator.close()
}

for (const r of results) r.print()
console.log(`Reproduce: ROWS=${ROWS} USERS=${USERS} ${process.env.BENCH_PG ? 'BENCH_PG=postgres://app@127.0.0.1:55439/bench_reads ' : ''}npm run bench:reads   (total ${elapsed()}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores)`)
for (const r of results) {
  const suffix = r.kind === 'postgres' ? '_pg' : ''
  for (const [name, unit, target, better] of GOALS) {
    const v = r.goals[name]
    const met = v !== undefined && (better === 'min' ? v >= target : v <= target)
    console.log(`GOAL ${name}${suffix} ${fmt(v, unit === 'ms' ? 1 : 3)} ${unit} ${target} ${met ? 'met' : 'missed'}`)
  }
}

// ---------------------------------------------------------------- one database

async function benchOne(kind) {
  const tables = ['users', 'listings']
  const target = kind === 'sqlite' ? await createSqlite(tables, 'reads') : await createPostgres(process.env.BENCH_PG, tables)
  const label = target.label
  const config = loadConfig({ DATABASE_URL: target.url, LOG_LEVEL: 'silent', NODE_ENV: 'test', WECHAT_API_BASE: EMULATOR_URL, UPLOAD_DIR: join(target.dir ?? '/tmp', 'uploads') })
  try {
    // The demo first, so its people and posts keep their small ids and the generated ones follow.
    const now = new Date()
    const seedDb = createDb(target.url)
    await seedDemoData(seedDb, config.phoneEncryptionKey, now)
    const ids = async (q) => (await q.execute()).map((r) => r.id)
    const maxOf = async (table) => Number((await seedDb.selectFrom(table).select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m ?? 0)
    const userBase = await maxOf('users')
    const listingBase = await maxOf('listings')
    const experts = await ids(seedDb.selectFrom('users').select('id').where('role', '=', 'expert').where('registered_at', 'is not', null).orderBy('id'))
    const articles = await ids(seedDb.selectFrom('articles').select('id'))
    const contests = await ids(seedDb.selectFrom('contests').select('id'))
    await seedDb.destroy()

    console.log(`\n[${label}] seeding ${ROWS.toLocaleString()} posts by ${USERS.toLocaleString()} people after the demo (${elapsed()})`)
    const seedStart = Date.now()
    const startMs = now.getTime() - (ROWS + 10) * 60_000
    const loaded = await target.load(async (w) => {
      const users = w.table('users', ['id', 'openid', 'nickname', 'role', 'region_code', 'consent_version', 'consent_at', 'registered_at', 'created_at', 'updated_at'])
      const at = new Date(startMs).toISOString()
      for (let i = 1; i <= USERS; i++) await users.add([userBase + i, `bench-${i}`, `农户${i}`, 'farmer', '513328200', '2026-11-01', at, at, at, at])
      await users.end()
      const listings = w.table('listings', [
        'id', 'side', 'title', 'category', 'region_code', 'description', 'author_id', 'contact_name', 'contact_phone_encrypted',
        'status', 'check_suggest', 'search_tokens', 'idempotency_key', 'response_count', 'created_at', 'updated_at', 'published_at',
      ])
      await generatePosts(startMs, async (rows) => {
        for (const [n, side, title, category, region, description, author, status, tokens, , created, published] of rows) {
          const id = listingBase + n
          const authorId = side === 'offer' && n % 2000 === 0 && experts.length ? experts[(n / 2000) % experts.length] : userBase + author
          await listings.add([id, side, title, category, region, description, authorId, '张师傅', 'bench', status, 'pass', tokens, `seed-${id}`, 0, created, created, published])
        }
      })
      // (SQLite's search index, listings_fts, is written by triggers on listings: migration 022.)
      await listings.end()
    })
    const seedSeconds = (Date.now() - seedStart) / 1000
    const sizeMb = await target.sizeMb()
    console.log(`[${label}] seeded in ${seedSeconds.toFixed(0)} s (indexes ${loaded.indexSeconds.toFixed(0)} s), ${sizeMb.toFixed(0)} MB (${elapsed()})`)

    // As server.ts does: checkpoints off the event loop, the planner's statistics and the
    // dictionaries loaded before it listens.
    const db = createDb(target.url, { backgroundCheckpoints: true })
    await analyzeForPlanner(db)
    loadSearchDictionaries()
    const app = await buildApp({ config, db })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const base = `http://127.0.0.1:${app.server.address().port}`
    try {
      return await measure({ kind, label, db, base, listingBase, experts, articles, contests, sizeMb, seedSeconds })
    } finally {
      await app.close()
    }
  } finally {
    if (process.env.KEEP) console.log(`[${label}] kept ${target.url}`)
    else await target.drop()
  }
}

/** Posts from bench/listings-data.mjs's workers, handed over in id order, a batch at a time. */
async function generatePosts(startMs, take) {
  const batches = Math.ceil(ROWS / BATCH)
  const nWorkers = Math.max(1, Math.min(availableParallelism(), 4))
  const done = new Map()
  let nextToSend = 0
  let nextToTake = 0
  let taking = Promise.resolve()
  await new Promise((resolveAll, reject) => {
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
        // Inserts run one batch after another, in order, however the workers finish.
        taking = taking.then(async () => {
          while (done.has(nextToTake)) {
            const rows = done.get(nextToTake)
            done.delete(nextToTake)
            await take(rows)
            nextToTake++
            if (nextToTake % 20 === 0) process.stdout.write(`  ${(nextToTake * BATCH).toLocaleString()} posts, ${elapsed()}\r`)
          }
          if (nextToTake === batches) resolveAll()
        }, reject)
        send(w)
      })
    }
  })
}

// ---------------------------------------------------------------- measuring

/** A child's options in a file: thousands of search paths are more than one argument may hold. */
function optionsFile(options) {
  const file = join(OPTIONS_DIR, `${optionsWritten++}.json`)
  writeFileSync(file, JSON.stringify(options))
  return file
}
async function load(base, paths, connections = 50) {
  const { stdout } = await run(process.execPath, [join(ROOT, 'bench/load.mjs'), optionsFile({ base, paths, connections, duration: DURATION })], { maxBuffer: 64 * 1024 * 1024 })
  return JSON.parse(stdout)
}

async function oneClient(urls, n = 100, warmup = 10) {
  const { stdout } = await run(process.execPath, [join(ROOT, 'bench/listings-client.mjs'), optionsFile({ urls, n, warmup })], { maxBuffer: 16 * 1024 * 1024 })
  return JSON.parse(stdout)
}

async function measure({ kind, label, db, base, listingBase, experts, articles, contests, sizeMb, seedSeconds }) {
  const maxId = Number((await db.selectFrom('listings').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m)
  const published = (
    await db.selectFrom('listings').select('id').where('status', '=', 'published').where('id', '>', listingBase).where('id', '<=', maxId).orderBy('id', 'desc').limit(2000).execute()
  ).map((r) => r.id)
  // The cursor just past the newest post: page 1 read from the database (the app never builds
  // it; the server's own encoder does, so no first-page cache answers it).
  const top = encodeCursor({ b: maxId + 1 })
  const q = (params) => `/api/listings?${new URLSearchParams({ limit: '20', ...params })}`
  const page2 = await fetch(`${base}${q({})}`).then((r) => r.json())
  // Page 1,000 of the feed (20 a page): the cursor `next` of page 999 holds, the last id it showed.
  const deep = await db.selectFrom('listings').select('id').where('status', '=', 'published').orderBy('id', 'desc').offset(999 * 20 - 1).limit(1).executeTakeFirst()
  const page1000 = encodeCursor({ b: deep?.id ?? maxId + 1 })

  const idle = await idleLoop(2000)
  const h = {}
  const step = async (name, paths, connections) => {
    const own = loopSampler()
    h[name] = await load(base, paths, connections)
    const r = h[name]
    r.block = own.stop().blockMax
    console.log(`[${label}] ${name.padEnd(22)} ${fmt(r.rps, 0).padStart(6)} req/s  p99 ${r.p99} ms${r.non2xx || r.errors ? `  non-2xx ${r.non2xx} errors ${r.errors}` : ''} (${elapsed()})`)
  }
  await step('health', ['/api/health'])
  await step('feed page 1 (db)', [q({ cursor: top })])
  await step('feed need 甘孜州 (db)', [q({ side: 'need', region: '5133', cursor: top })])
  await step('feed 养殖 (db)', [q({ category: 'breeding', cursor: top })])
  await step('feed page 2', [q({ cursor: page2.next })])
  await step('feed page 1000', [q({ cursor: page1000 })])
  await step('post detail', published.map((id) => `/api/listings/${id}`))
  await step('article detail', articles.map((id) => `/api/news/${id}`))
  await step('contest detail', contests.map((id) => `/api/contests/${id}`))
  await step('studio', experts.map((id) => `/api/studios/${id}`))
  // A crowd searches a few common words (the server keeps each search's ranking for 10 s), and
  // some search what nobody asked a moment ago: every request of the "each one new" runs is a
  // search not made before in the run (bench/listings-data.mjs: searchPhrases, searchSubjects).
  const WORDS = ['牦牛', '青稞', '虫草', '花椒', '马铃薯', '牦牛冬季补饲', '青稞病虫害防治', '甘孜']
  const searchPaths = WORDS.map((w) => q({ q: w }))
  await step('search c=10', searchPaths, 10)
  await step('search c=50', searchPaths, 50)
  const r = rng(15)
  const newSearches = searchPhrases(r).flatMap((phrase) => [q({ q: phrase }), q({ q: phrase, side: 'need' }), q({ q: phrase, side: 'offer' })])
  await step('search c=10 each new', newSearches, 10)
  const areas = async (len) =>
    (await db.selectFrom('listings').select((eb) => eb.fn('substr', ['region_code', eb.val(1), eb.val(len)]).as('a')).distinct().execute()).map((x) => x.a)
  const [prefectures, counties] = [await areas(4), await areas(6)]
  const subjects = searchSubjects(r)
  const sides = ['need', 'offer']
  // Each kind of filtered search: its combinations in a shuffled order, every one different.
  const every = (lists, make) => shuffle(r, lists.reduce((acc, list) => acc.flatMap((a) => list.map((x) => [...a, x])), [[]])).map((c) => `${base}${q(make(...c))}`)
  const FILTERED = {
    'common word + side + 市州': every([WORDS.slice(0, 5), sides, prefectures], (w, side, region) => ({ q: w, side, region })),
    'any word + side + 市州': every([subjects, sides, prefectures], (s, side, region) => ({ q: s.subject, side, region })),
    'any word + side + 区县': every([subjects, sides, counties], (s, side, region) => ({ q: s.subject, side, region })),
    'any word + 市州 + its category': every([subjects, prefectures], (s, region) => ({ q: s.subject, category: s.category, region })),
  }
  const filtered = await oneClient(Object.fromEntries(Object.entries(FILTERED).map(([k, urls]) => [k, urls.slice(0, 110)])))
  // Held the loop: under 50 connections the loop is never idle, and a 10 ms timer waits behind a
  // queue of small requests (the column above). What one request holds it for is measured with
  // one client at a time, every kind of read above in turn (bench/event-loop.mjs).
  const one = Object.fromEntries(
    [
      ['feed', q({ cursor: top })],
      ['feed region', q({ side: 'need', region: '5133', cursor: top })],
      ['post', `/api/listings/${published[0]}`],
      ['article', `/api/news/${articles[0]}`],
      ['contest', `/api/contests/${contests[0]}`],
      ['studio', `/api/studios/${experts[0]}`],
      ...searchPaths.map((p, i) => [`search ${WORDS[i]}`, p]),
    ]
      .map(([k, p]) => [k, `${base}${p}`])
      .concat([['search each new', newSearches.slice(-22).map((p) => `${base}${p}`)]])
      .concat(Object.entries(FILTERED).map(([k, urls]) => [k, urls.slice(110, 132)])),
  )
  const held = loopSampler()
  await oneClient(one, 20, 2)
  const loop = held.stop()
  const maxBlock = loop.blockMax

  const ratio = (name) => h[name].rps / h.health.rps
  const feeds = ['feed page 1 (db)', 'feed need 甘孜州 (db)', 'feed 养殖 (db)', 'feed page 2', 'feed page 1000']
  const goals = {
    feed_db_ratio: Math.min(...feeds.map(ratio)),
    feed_db_p99: Math.max(...feeds.map((f) => h[f].p99)),
    detail_post_ratio: ratio('post detail'),
    detail_post_p99: h['post detail'].p99,
    detail_article_ratio: ratio('article detail'),
    detail_article_p99: h['article detail'].p99,
    contest_ratio: ratio('contest detail'),
    contest_p99: h['contest detail'].p99,
    studio_ratio: ratio('studio'),
    studio_p99: h.studio.p99,
    search_c10_p99: h['search c=10'].p99,
    search_c10_ratio: ratio('search c=10'),
    search_c50_p99: h['search c=50'].p99,
    search_c50_ratio: ratio('search c=50'),
    search_new_c10_p99: h['search c=10 each new'].p99,
    search_new_c10_ratio: ratio('search c=10 each new'),
    search_filtered_p95: Math.max(...Object.values(filtered).map((f) => f.p95)),
    reads_event_loop_max_block: maxBlock,
  }
  const errors = Object.values(h).reduce((n, r) => n + r.non2xx + r.errors, 0) + Object.values(filtered).reduce((n, f) => n + f.errors, 0)
  return {
    kind,
    goals,
    print() {
      console.log(`\n==== Reads at ${ROWS.toLocaleString()} posts on ${label} (${sizeMb.toFixed(0)} MB, seeded in ${seedSeconds.toFixed(0)} s); ${DURATION} s of load per row, one run`)
      console.log('path                        req/s   ÷ health   p50 ms   p99 ms   max ms   loop block ms (50 conns)')
      for (const [name, r] of Object.entries(h)) {
        console.log(
          `${name.padEnd(26)} ${fmt(r.rps, 0).padStart(7)}   ${fmt(r.rps / h.health.rps, 3).padStart(8)}   ${String(r.p50).padStart(6)}   ${String(r.p99).padStart(6)}   ${String(r.max).padStart(6)}   ${fmt(r.block).padStart(6)}`,
        )
      }
      console.log('filtered search, one client        p50 ms   p95 ms')
      for (const [name, f] of Object.entries(filtered)) console.log(`${name.padEnd(32)} ${fmt(f.p50).padStart(7)}  ${fmt(f.p95).padStart(7)}`)
      console.log(
        `event loop of the server, one client at a time over every read above (bench/event-loop.mjs, 10 ms ticks): longest block ${fmt(loop.blockMax)} ms (idle before the run: ${fmt(idle.blockMax)}); ` +
          `longest lag ${fmt(loop.lagMax)} ms (idle: ${fmt(idle.lagMax)}), most CPU in one interval ${fmt(loop.cpuMax)} ms`,
      )
      console.log(`non-2xx + errors over every run: ${errors}`)
    },
  }
}
