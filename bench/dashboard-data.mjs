// The data set of bench/dashboard.mjs, generated once per database from the same seed (the same
// rows on SQLite and PostgreSQL), written through a sink: SQLite prepared inserts in transactions
// of 50,000 rows (journal off), PostgreSQL INSERT … SELECT FROM unnest(…) of 5,000 rows.
//   - USERS people over Sichuan's 3,111 real townships (server/src/modules/regions/sichuan.json),
//     skewed: the township of rank r (a fixed shuffle) gets weight 1/(r + 10) — the busiest ≈ 1.7 %,
//     the median ≈ 0.01 %; registered_at over the last 24 China-time months, growing (density ∝
//     time), ids in registration order; ~4 % signed in but never registered, ~0.5 % deleted; roles
//     farmer 70 %, other 12 %, volunteer 10 %, expert 5 %, chair 3 %;
//   - LISTINGS: 95 % posts, 5 % achievements, in the author's township, mostly published, 10 %
//     resolved; their timeline (listing_events: submitted, approved, rejected, resolved, closed,
//     responded, accepted); RESPONSES on published posts;
//   - SHARES and as many share_registrations; one contest with ENTRIES and NOMINATIONS (some
//     withdrawn).
// share_opens stays empty and listings_fts holds only what the triggers on listings write (the
// posts' facets; their search_tokens are empty): the dashboard reads neither.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { rng } from './listings-data.mjs'

const ROOT = join(import.meta.dirname, '..')
const DAY = 86_400_000
const iso = (ms) => new Date(ms).toISOString()

export const regions = JSON.parse(readFileSync(join(ROOT, 'server/src/modules/regions/sichuan.json'), 'utf8'))
const TOWNSHIPS = regions.townships.map(([code]) => code)

/** The columns each table is written with (every value given, constants included). */
export const COLUMNS = {
  users: ['id', 'openid', 'nickname', 'role', 'verification', 'is_staff', 'region_code', 'consent_version', 'consent_at', 'registered_at', 'created_at', 'updated_at', 'deleted_at'],
  listings: ['id', 'kind', 'side', 'title', 'category', 'region_code', 'description', 'author_id', 'contact_name', 'contact_phone_encrypted', 'status', 'check_suggest', 'search_tokens', 'idempotency_key', 'response_count', 'created_at', 'updated_at', 'published_at'],
  listing_events: ['listing_id', 'kind', 'actor_id', 'created_at'],
  listing_responses: ['listing_id', 'responder_id', 'message', 'phone_encrypted', 'status', 'created_at', 'decided_at'],
  shares: ['id', 'code', 'sharer_id', 'target', 'target_id', 'channel', 'region_code', 'created_at'],
  share_registrations: ['user_id', 'sharer_id', 'share_id', 'created_at'],
  contests: ['id', 'kind', 'name', 'organiser', 'level', 'region_code', 'categories', 'description', 'rules', 'stage', 'signup_ends_at', 'preliminary_ends_at', 'semifinal_ends_at', 'final_ends_at', 'created_by', 'created_at', 'updated_at'],
  contest_entries: ['contest_id', 'user_id', 'source', 'title', 'category', 'description', 'years_experience', 'region_code', 'stage_reached', 'check_suggest', 'created_at', 'updated_at'],
  contest_nominations: ['contest_id', 'nominator_id', 'nominee_user_id', 'nominee_name', 'nominee_key', 'region_code', 'reason', 'status', 'created_at'],
}
/** Tables given explicit ids: PostgreSQL's identity sequences are moved past them. */
export const EXPLICIT_IDS = ['users', 'listings', 'shares', 'contests']


const TEXT = '今年开春以来村里的牦牛冬季补饲出了问题，草料不够，想请懂行的专家来看看青稞秸秆和燕麦草怎么搭配，另外合作社新建的暖棚通风也需要指导，联系电话见下方，感谢各位老师。'

/**
 * Writes the data set into `sink` (sink.add(table, row) → maybe a promise; sink.flush()).
 * o: { USERS, LISTINGS, RESPONSES, SHARES, ENTRIES, NOMINATIONS, NOW, START_MS }. Returns seconds per part.
 */
export async function generate(sink, o) {
  const rand = rng(20261101)
  const int = (n) => Math.floor(rand() * n)
  const picker = (weights) => {
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
  const { USERS, LISTINGS: L, RESPONSES, SHARES, ENTRIES, NOMINATIONS, NOW, START_MS } = o
  const SPAN = NOW - START_MS
  const info = {}
  const t0 = Date.now()
  const timed = async (name, fn) => {
    const t = Date.now()
    await fn()
    await sink.flush()
    info[name] = (Date.now() - t) / 1000
    console.log(`  ${name.padEnd(20)} ${info[name].toFixed(1)} s (${((Date.now() - t0) / 1000).toFixed(0)} s)`)
  }
  const add = (table, row) => sink.add(table, row)

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
  await timed('users', async () => {
    for (let id = 1; id <= USERS; id++) {
      // Growth: density ∝ time since the start, so ids stay in registration order.
      const at = START_MS + SPAN * Math.sqrt((id - 1 + rand()) / USERS)
      userAt[id] = at
      const a = iso(at)
      const openid = `obench${id.toString(36).padStart(8, '0')}`
      if (rand() < 0.04) {
        await add('users', [id, openid, null, null, 'none', 0, null, '2026-11-01', a, null, a, a, null])
        continue
      }
      const t = pickTownship()
      userTownship[id] = t
      const role = ROLE[pickRole()]
      const verification = role === 'chair' ? (rand() < 0.6 ? 'verified' : 'pending') : role === 'expert' ? 'verified' : 'none'
      const deleted = rand() < 0.005 ? iso(Math.min(NOW, at + rand() * 90 * DAY)) : null
      await add('users', [id, openid, `用户${id}`, role, verification, 0, TOWNSHIPS[t], '2026-11-01', a, a, a, a, deleted])
    }
  })
  const registeredUser = () => {
    for (;;) {
      const id = 1 + int(USERS)
      if (userTownship[id] >= 0) return id
    }
  }

  // ---- listings, their timeline and responses
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
    const seen = new Set()
    while (responded.length < RESPONSES) {
      const listing = 1 + int(L)
      if (!lPublished[listing]) continue
      const responder = registeredUser()
      const key = listing * 4_194_304 + responder
      if (seen.has(key)) continue
      seen.add(key)
      const at = Math.min(NOW, lPublished[listing] + rand() * rand() * 60 * DAY)
      const status = rand() < 0.4 ? 'pending' : rand() < 0.67 ? 'accepted' : 'declined'
      responded.push([listing, responder, at, status])
      lResponses[listing]++
    }
    responded.sort((a, b) => a[2] - b[2])
  }
  const CATS = ['planting', 'breeding', 'veterinary', 'machinery', 'processing', 'ecommerce', 'health', 'ecology', 'it', 'other']
  const TOKENS = '今年 开春 以来 村里 牦牛 冬季 补饲 问题 草料 不够 专家 青稞 秸秆 燕麦草 搭配 合作社 暖棚 通风 指导 联系电话 感谢 老师'
  await timed('listings + events', async () => {
    for (let id = 1; id <= L; id++) {
      const author = registeredUser()
      const region = TOWNSHIPS[userTownship[author]]
      const kind = rand() < 0.05 ? 'achievement' : 'post'
      const side = kind === 'achievement' || rand() < 0.4 ? 'offer' : 'need'
      const created = iso(lCreated[id])
      const published = lPublished[id] ? iso(lPublished[id]) : null
      const desc = TEXT.slice(int(20)) + TEXT.slice(0, 20 + int(40))
      await add('listings', [id, kind, side, `牦牛冬季补饲求助${id}`, CATS[int(10)], region, desc, author, '张师傅', 'bench', lStatus[id], 'pass', TOKENS, `bench-${id}`, lResponses[id], created, published ?? created, published])
      await add('listing_events', [id, 'submitted', author, created])
      if (lStatus[id] === 'rejected') await add('listing_events', [id, 'rejected', 1, iso(Math.min(NOW, lCreated[id] + DAY))])
      if (published) await add('listing_events', [id, 'approved', 1, published])
      if (lStatus[id] === 'resolved') await add('listing_events', [id, 'resolved', author, iso(Math.min(NOW, lPublished[id] + (1 + rand() * 60) * DAY))])
      if (lStatus[id] === 'closed') await add('listing_events', [id, 'closed', author, iso(Math.min(NOW, lPublished[id] + (1 + rand() * 90) * DAY))])
    }
  })
  await timed('responses + events', async () => {
    for (const [listing, responder, at, status] of responded) {
      await add('listing_responses', [listing, responder, '我有经验，可以上门看看', 'bench', status, iso(at), status === 'pending' ? null : iso(Math.min(NOW, at + DAY))])
      await add('listing_events', [listing, 'responded', responder, iso(at)])
      if (status === 'accepted') await add('listing_events', [listing, 'accepted', responder, iso(Math.min(NOW, at + DAY))])
    }
  })

  // ---- sharing: shares by the sharer's township; registrations credited to a share
  const TARGETS = ['article', 'listing', 'studio', 'contest', 'talent']
  const CHANNELS = ['chat', 'timeline', 'poster']
  await timed('shares', async () => {
    const sharer = new Int32Array(SHARES + 1)
    for (let id = 1; id <= SHARES; id++) {
      sharer[id] = registeredUser()
      const at = userAt[sharer[id]] + rand() * (NOW - userAt[sharer[id]])
      await add('shares', [id, `b${id.toString(36).padStart(7, '0')}`, sharer[id], TARGETS[int(5)], 1 + int(1000), CHANNELS[int(3)], TOWNSHIPS[userTownship[sharer[id]]], iso(at)])
    }
    const credited = new Set()
    while (credited.size < Math.min(SHARES, USERS / 4)) {
      const user = registeredUser()
      if (credited.has(user)) continue
      credited.add(user)
      const share = 1 + int(SHARES)
      await add('share_registrations', [user, sharer[share], share, iso(userAt[user])])
    }
  })

  // ---- one contest, its entries and the chairs' nominations (the last 6 months)
  const CCATS = ['planting', 'breeding', 'extension', 'processing', 'ecommerce', 'crafts', 'other']
  const NSTATUS = ['pending', 'confirmed', 'declined', 'withdrawn']
  const contestStart = NOW - 180 * DAY
  await timed('contest', async () => {
    await add('contests', [1, 'contest', '第八届四川省乡土人才创新创业大赛', '四川省科学技术协会', 'province', '51', JSON.stringify(CCATS), '大赛介绍', '参赛规则', 'preliminary',
      iso(NOW + 30 * DAY), iso(NOW + 60 * DAY), iso(NOW + 90 * DAY), iso(NOW + 120 * DAY), 1, iso(contestStart), iso(contestStart)])
    await sink.flush()
    const entered = new Set()
    while (entered.size < ENTRIES) {
      const user = registeredUser()
      if (entered.has(user)) continue
      entered.add(user)
      const at = iso(Math.max(contestStart, userAt[user]) + rand() * (NOW - Math.max(contestStart, userAt[user])))
      await add('contest_entries', [1, user, rand() < 0.8 ? 'self' : 'nomination', `高原青稞种植能手${user}`, CCATS[int(7)], '二十年种植经验', 1 + int(30), TOWNSHIPS[userTownship[user]], 'signup', 'pass', at, at])
    }
    const nominated = new Set()
    const pickNominationStatus = picker([30, 50, 10, 10])
    while (nominated.size < NOMINATIONS) {
      const user = registeredUser()
      if (nominated.has(user)) continue
      nominated.add(user)
      const at = iso(Math.max(contestStart, userAt[user]) + rand() * (NOW - Math.max(contestStart, userAt[user])))
      const status = NSTATUS[pickNominationStatus()]
      await add('contest_nominations', [1, registeredUser(), user, `用户${user}`, `u:${user}`, TOWNSHIPS[userTownship[user]], '带动乡亲致富', status, at])
    }
  })
  return info
}

/** SQLite: prepared inserts, 50,000 rows a transaction, no journal, no fsync. */
export function sqliteSink(file) {
  const db = new SQLite(file)
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -262144')
  db.pragma('temp_store = MEMORY')
  const tables = new Map()
  for (const [name, cols] of Object.entries(COLUMNS)) {
    const stmt = db.prepare(`insert into ${name} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`)
    tables.set(name, { rows: [], write: db.transaction((rows) => rows.forEach((r) => stmt.run(r))) })
  }
  const flushOne = (t) => {
    if (t.rows.length) t.write(t.rows)
    t.rows = []
  }
  return {
    add(table, row) {
      const t = tables.get(table)
      t.rows.push(row)
      // All tables at once, parents first (COLUMNS' order): rows never wait for the row they name.
      if (t.rows.length >= 50_000) for (const u of tables.values()) flushOne(u)
    },
    async flush() {
      for (const t of tables.values()) flushOne(t)
    },
    close: () => db.close(),
  }
}

/** PostgreSQL (a pg.Client): INSERT … SELECT FROM unnest($1::type[], …), 5,000 rows a statement. */
export async function pgSink(client) {
  await client.query('set synchronous_commit = off')
  const { rows: cols } = await client.query(`select table_name, column_name, udt_name from information_schema.columns where table_schema = 'public' and table_name = any($1)`, [
    Object.keys(COLUMNS),
  ])
  const types = new Map(cols.map((r) => [`${r.table_name}.${r.column_name}`, r.udt_name]))
  const tables = new Map()
  for (const [name, columns] of Object.entries(COLUMNS)) {
    const casts = columns.map((c, k) => `$${k + 1}::${types.get(`${name}.${c}`)}[]`).join(', ')
    tables.set(name, { text: `insert into ${name} (${columns.join(', ')}) select * from unnest(${casts})`, buf: columns.map(() => []), n: 0 })
  }
  const flushOne = async (t) => {
    if (!t.n) return
    const params = t.buf
    t.buf = params.map(() => [])
    t.n = 0
    await client.query(t.text, params)
  }
  // All tables at once, parents first (COLUMNS' order): foreign keys hold at every statement.
  const flushAll = async () => {
    for (const t of tables.values()) await flushOne(t)
  }
  return {
    add(table, row) {
      const t = tables.get(table)
      for (let k = 0; k < row.length; k++) t.buf[k].push(row[k])
      if (++t.n >= 5_000) return flushAll()
    },
    flush: flushAll,
    async close() {
      for (const table of EXPLICIT_IDS) await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`)
    },
  }
}
