// The data set of bench/triage.mjs: a province's published needs over 24 China-time months and
// their 科服保姆 cases, generated once into typed arrays (deterministic: the same NEEDS and `now`
// give the same rows) and then written table by table to any writer (SQLite or PostgreSQL), so
// both databases hold exactly the same rows.
//
// The model (per need, ids in publication order, more needs each month — density ∝ time):
//   township   skewed like bench/dashboard.mjs: the township of rank r (a fixed shuffle of the 3,111
//              real ones) weighs 1/(r + 10); the need's author lives there
//   answer     6 % never answered; otherwise the first answer after log-normal minutes (median
//              3 h, σ 1.5: ~3 % after 48 h), if that instant is already past
//   accepted   78 % of answered ones, median 8 h later; resolved 85 % of accepted, median 4 days on
//   closed     no acceptance and over 30 days old: 93 % withdrawn (closed), the rest stay open
//              (stale); younger ones without acceptance: 10 % withdrawn, the rest open
//   urgent     open, unanswered and over TRIAGE_UNANSWERED_HOURS old: escalated at that mark (the
//              jobs have run: nothing is due at `now`)
//   follow-up  resolved ≥ 7 / 30 days ago: asked at the mark (+ up to an hour); 30 % answer the
//              7-day question, 15 % the 30-day one (70 % 解决了, 20 % 部分解决, 10 % 没有解决);
//              没有解决 in the last 30 days reopened the need (open, urgent 'reopened')
//   triage     0.5 % of needs, from the last 90 days, were put to an expert: ~10 % of assignments
//              still open (within 48 h), 60 % answered (the expert was the first answer), 20 %
//              overdue, 10 % declined; an unanswered need whose expert lapsed or declined is urgent
//              for that reason. Their timeline (assigned, escalated, declined, responded) is in
//              listing_events, and the experts' answers in listing_responses.
// Users: the needs' authors (30 % of NEEDS), verified experts (NEEDS / 50, at most 20,000: the
// size of Sichuan's expert pool) each with one published offer (what the case page's suggestions
// match against), staff of each prefecture, provincial staff, three 科服保姆 of the busiest county.
// Texts: ~2,100 need and offer texts made by bench/listings-data.mjs's makePost, 100 per
// prefecture, segmented once by the real searchTokens(); each row takes one of its prefecture's.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { chinaMonthOf } from '../common/china-time.ts'
import { loadConfig } from '../server/src/config.ts'
import { createPhoneCipher } from '../server/src/lib/crypto.ts'
import { searchTokens } from '../server/src/modules/listings/listings.search.ts'
import { makePost, rng } from './listings-data.mjs'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export const STATES = ['open', 'accepted', 'resolved', 'closed']
const REASONS = [null, 'unanswered', 'overdue', 'declined', 'reopened']
const OUTCOMES = [null, 'solved', 'partial', 'unsolved']
const OPEN = 0
const ACCEPTED = 1
const RESOLVED = 2
const CLOSED = 3
const U_UNANSWERED = 1
const U_OVERDUE = 2
const U_DECLINED = 3
const U_REOPENED = 4

/** Fixed user ids: prefecture staff 1…21, then these; experts and authors follow. */
export const STAFF_ID = 22
export const KEEPER_IDS = [23, 24, 25]
const FIRST_EXPERT = 26

export function loadRegions(root) {
  const regions = JSON.parse(readFileSync(join(root, 'server/src/modules/regions/sichuan.json'), 'utf8'))
  const names = new Map([regions.province, ...regions.prefectures, ...regions.counties, ...regions.townships])
  return { regions, names }
}

/**
 * Generates the world: `needs` needs published between the start of the China month 23 months
 * before `now` and `now`. `unansweredHours` / `answerHours` are the server's settings (the data
 * is in the steady state the jobs leave behind).
 */
export function makeWorld({ root, needs: N, now: NOW, startMs: START, unansweredHours = 24, answerHours = 48 }) {
  const { regions, names } = loadRegions(root)
  const TOWNSHIPS = regions.townships.map(([code]) => code)
  const T = TOWNSHIPS.length
  const rand = rng(20261207)
  const int = (n) => Math.floor(rand() * n)
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand())
  const logNormal = (median, sigma) => median * Math.exp(sigma * gauss())
  const SPAN = NOW - START

  // ---- townships, skewed
  const order = TOWNSHIPS.map((_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = int(i + 1)
    ;[order[i], order[j]] = [order[j], order[i]]
  }
  const cum = new Float64Array(T)
  {
    const w = new Float64Array(T)
    order.forEach((t, rank) => (w[t] = 1 / (rank + 10)))
    let s = 0
    for (let i = 0; i < T; i++) cum[i] = s += w[i]
  }
  const pickTownship = () => {
    const x = rand() * cum[T - 1]
    let lo = 0
    let hi = T - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cum[mid] < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  // ---- texts: 100 needs and 100 offers per prefecture, tokens from the real segmenter
  const prefectureOf = new Map(regions.prefectures.map(([code], i) => [code, i]))
  const countyName = new Map(regions.counties)
  const towns = regions.townships.map(([code, name]) => [code, name, countyName.get(code.slice(0, 6)) ?? '', names.get(code.slice(0, 4)) ?? ''])
  const texts = { need: [], offer: [] }
  {
    const r = rng(0x7e47)
    for (const [pcode] of regions.prefectures) {
      const inPrefecture = towns.filter((t) => t[0].startsWith(pcode))
      for (const side of ['need', 'offer']) {
        const list = []
        while (list.length < 100) {
          const p = makePost(r, inPrefecture)
          if (p.side !== side) continue
          list.push({ title: p.title, category: p.category, description: p.description, tokens: searchTokens(p.title, p.description) })
        }
        texts[side].push(list)
      }
    }
  }
  const textFor = (side, townshipIndex, k) => texts[side][prefectureOf.get(TOWNSHIPS[townshipIndex].slice(0, 4))][k % 100]

  // ---- people: authors (township-skewed), experts
  const AUTHORS = Math.max(2000, Math.round(N * 0.3))
  const EXPERTS = Math.min(20_000, Math.max(200, Math.round(N / 50)))
  const FIRST_AUTHOR = FIRST_EXPERT + EXPERTS
  const authorTown = new Int16Array(AUTHORS)
  for (let a = 0; a < AUTHORS; a++) authorTown[a] = pickTownship()
  const expertTown = new Int16Array(EXPERTS)
  for (let e = 0; e < EXPERTS; e++) expertTown[e] = pickTownship()

  // ---- needs
  const town = new Int16Array(N)
  const author = new Int32Array(N)
  const pub = new Float64Array(N)
  const created = new Float64Array(N)
  const first = new Float64Array(N).fill(NaN)
  const acc = new Float64Array(N).fill(NaN)
  const res = new Float64Array(N).fill(NaN)
  const closedAt = new Float64Array(N).fill(NaN)
  const state = new Uint8Array(N)
  const urgent = new Float64Array(N).fill(NaN)
  const reason = new Uint8Array(N)
  const f7 = new Float64Array(N).fill(NaN)
  const f30 = new Float64Array(N).fill(NaN)
  const outcome = new Uint8Array(N)
  const updated = new Float64Array(N)
  const followups = [] // [i, round, outcome, resolvedAt, createdAt]
  const pickOutcome = () => {
    const x = rand()
    return x < 0.7 ? 1 : x < 0.9 ? 2 : 3
  }
  for (let i = 0; i < N; i++) {
    const a = int(AUTHORS)
    author[i] = FIRST_AUTHOR + a
    town[i] = authorTown[a]
    const p = START + SPAN * Math.sqrt((i + rand()) / N)
    pub[i] = p
    created[i] = Math.max(START - DAY, p - rand() * 2 * DAY)
    const age = NOW - p
    if (rand() >= 0.06) {
      const m = Math.min(90 * DAY, Math.max(MINUTE, logNormal(180, 1.5) * MINUTE))
      if (p + m <= NOW) first[i] = p + m
    }
    if (!Number.isNaN(first[i]) && rand() < 0.78) {
      const t = first[i] + logNormal(8 * HOUR, 1.2)
      if (t <= NOW) acc[i] = t
    }
    if (!Number.isNaN(acc[i]) && rand() < 0.85) {
      const t = acc[i] + logNormal(4 * DAY, 1.0)
      if (t <= NOW) res[i] = t
    }
    if (Number.isNaN(acc[i]) && rand() < (age > 30 * DAY ? 0.93 : 0.1)) closedAt[i] = p + rand() * Math.min(age, 60 * DAY)
    state[i] = !Number.isNaN(closedAt[i]) ? CLOSED : !Number.isNaN(res[i]) ? RESOLVED : !Number.isNaN(acc[i]) ? ACCEPTED : OPEN
    if (state[i] === OPEN && Number.isNaN(first[i]) && age >= unansweredHours * HOUR) {
      urgent[i] = p + unansweredHours * HOUR + rand() * 5 * MINUTE
      reason[i] = U_UNANSWERED
    }
    updated[i] = Math.max(p, first[i] || 0, acc[i] || 0, res[i] || 0, closedAt[i] || 0)
    if (state[i] !== RESOLVED) continue
    const r = res[i]
    if (r <= NOW - 7 * DAY) f7[i] = r + 7 * DAY + rand() * HOUR
    if (r <= NOW - 30 * DAY) f30[i] = r + 30 * DAY + rand() * HOUR
    let answeredAt = NaN
    for (const [round, sent, share] of [[7, f7[i], 0.3], [30, f30[i], 0.15]]) {
      if (Number.isNaN(sent) || rand() >= share) continue
      const at = Math.min(NOW, sent + rand() * 2 * DAY)
      const o = pickOutcome()
      followups.push([i, round, o, r, at])
      outcome[i] = o
      answeredAt = at
      updated[i] = Math.max(updated[i], at)
    }
    if (outcome[i] === 3 && answeredAt > NOW - 30 * DAY) {
      // 没有解决: reopenCase — back in the queue, at the top.
      state[i] = OPEN
      urgent[i] = answeredAt
      reason[i] = U_REOPENED
      res[i] = NaN
      acc[i] = NaN
    }
  }

  // ---- the busiest county and its prefecture (the worst case for a 科服保姆's queue)
  const perCounty = new Map()
  for (let i = 0; i < N; i++) {
    const c = TOWNSHIPS[town[i]].slice(0, 6)
    perCounty.set(c, (perCounty.get(c) ?? 0) + 1)
  }
  const COUNTY = [...perCounty].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0][0]
  const PREFECTURE = COUNTY.slice(0, 4)
  const prefectureStaff = (townshipCode) => 1 + prefectureOf.get(townshipCode.slice(0, 4))
  const triagerOf = (i) => (TOWNSHIPS[town[i]].startsWith(COUNTY) ? KEEPER_IDS[0] : prefectureStaff(TOWNSHIPS[town[i]]))

  // ---- assignments: 0.5 % of needs, among those of the last 90 days
  const assignments = [] // { i, expert, by, at, due, status, decided, reason }
  const responses = [] // [i, expert, createdAt, status, decidedAt]
  {
    let from = 0
    while (from < N && pub[from] < NOW - 90 * DAY) from++
    const recent = N - from
    const wanted = Math.min(Math.round(N * 0.005), Math.floor(recent / 2))
    const touched = new Set()
    const take = (ok, tries = 200) => {
      for (let k = 0; k < tries; k++) {
        const i = from + int(recent)
        if (!touched.has(i) && ok(i)) {
          touched.add(i)
          return i
        }
      }
      return -1
    }
    const expert = () => FIRST_EXPERT + int(EXPERTS)
    for (let n = 0; n < wanted; n++) {
      const x = rand()
      if (x < 0.1) {
        // Still within the deadline: asked in the last 48 h, not answered yet (off the top of the queue).
        const i = take((i) => state[i] === OPEN && Number.isNaN(first[i]) && reason[i] !== U_REOPENED && NOW - pub[i] < 3 * DAY)
        if (i < 0) continue
        const lo = Math.max(pub[i] + MINUTE, NOW - answerHours * HOUR + MINUTE)
        const at = lo + rand() * (NOW - MINUTE - lo)
        assignments.push({ i, expert: expert(), by: triagerOf(i), at, due: at + answerHours * HOUR, status: 'open' })
        urgent[i] = NaN
        reason[i] = 0
      } else if (x < 0.7) {
        // The expert's answer was the need's first.
        const i = take((i) => !Number.isNaN(first[i]) && first[i] - pub[i] > HOUR)
        if (i < 0) continue
        const e = expert()
        const at = first[i] - rand() * Math.min(first[i] - pub[i] - MINUTE, answerHours * HOUR - MINUTE)
        assignments.push({ i, expert: e, by: triagerOf(i), at, due: at + answerHours * HOUR, status: 'answered', decided: first[i] })
        const accepted = !Number.isNaN(acc[i]) || state[i] === RESOLVED
        responses.push([i, e, first[i], accepted ? 'accepted' : 'pending', accepted ? acc[i] || res[i] || first[i] : NaN])
      } else {
        // Lapsed or declined: an unanswered need goes back to the top for that reason.
        const overdue = x < 0.9
        const i = take((i) => NOW - pub[i] > (unansweredHours + answerHours) * HOUR + HOUR && reason[i] !== U_REOPENED)
        if (i < 0) continue
        const latest = Math.min(NOW - answerHours * HOUR - 10 * MINUTE, Number.isNaN(first[i]) ? Infinity : first[i] - answerHours * HOUR)
        const earliest = pub[i] + unansweredHours * HOUR
        if (latest <= earliest) continue
        const at = earliest + rand() * (latest - earliest)
        const decided = overdue ? at + answerHours * HOUR + rand() * 5 * MINUTE : at + rand() * 24 * HOUR
        assignments.push({ i, expert: expert(), by: triagerOf(i), at, due: at + answerHours * HOUR, status: overdue ? 'overdue' : 'declined', decided, reason: overdue ? null : '不在我的专业范围，建议找兽医站' })
        if (state[i] === OPEN && Number.isNaN(first[i])) {
          urgent[i] = decided
          reason[i] = overdue ? U_OVERDUE : U_DECLINED
        }
      }
    }
    assignments.sort((a, b) => a.at - b.at)
    responses.sort((a, b) => a[2] - b[2])
  }
  const responseCount = new Uint8Array(N)
  for (const [i] of responses) responseCount[i]++

  return {
    N,
    NOW,
    START,
    TOWNSHIPS,
    names,
    regions,
    COUNTY,
    PREFECTURE,
    AUTHORS,
    EXPERTS,
    FIRST_AUTHOR,
    authorTown,
    expertTown,
    textFor,
    town,
    author,
    pub,
    created,
    first,
    acc,
    res,
    closedAt,
    state,
    urgent,
    reason,
    f7,
    f30,
    outcome,
    updated,
    followups,
    assignments,
    responses,
    responseCount,
  }
}

/** What the figures and the queue should find, counted from the arrays (the bench checks the API against it). */
export function expected(w, region, month) {
  let needs = 0
  let open = 0
  let answered = 0
  for (let i = 0; i < w.N; i++) {
    if (!w.TOWNSHIPS[w.town[i]].startsWith(region)) continue
    if (w.state[i] === OPEN) open++
    if (month && chinaMonthOf(w.pub[i]) !== month) continue
    needs++
    if (!Number.isNaN(w.first[i])) answered++
  }
  return { needs, open, answered }
}

const iso = (ms) => (Number.isNaN(ms) ? null : new Date(ms).toISOString())

/**
 * Writes the world through `writer.table(name, columns)` → { add(row) (may return a promise),
 * end() }. Also the viewers' users rows come from here; their sessions are the caller's.
 */
export async function writeWorld(w, writer, log = () => {}) {
  const { regions, TOWNSHIPS } = w
  const at0 = iso(w.START)
  const consent = '2026-11-01'

  // ---- users
  {
    const t = writer.table('users', ['id', 'openid', 'nickname', 'role', 'verification', 'is_staff', 'staff_region_code', 'region_code', 'consent_version', 'consent_at', 'registered_at', 'created_at', 'updated_at'])
    const person = async (id, nickname, role, verification, isStaff, staffRegion, region) =>
      t.add([id, `obench${id.toString(36).padStart(8, '0')}`, nickname, role, verification, isStaff, staffRegion, region, consent, at0, at0, at0, at0])
    for (const [i, [code, name]] of regions.prefectures.entries()) await person(1 + i, `${name}科协`, 'other', 'none', 1, code, TOWNSHIPS.find((c) => c.startsWith(code)))
    await person(STAFF_ID, '省科协', 'other', 'none', 1, null, '510104022')
    const county = TOWNSHIPS.find((c) => c.startsWith(w.COUNTY))
    for (const [k, id] of KEEPER_IDS.entries()) await person(id, `科服保姆${k + 1}`, 'volunteer', 'none', 0, null, county)
    for (let e = 0; e < w.EXPERTS; e++) await person(FIRST_EXPERT + e, `专家${e + 1}`, 'expert', 'verified', 0, null, TOWNSHIPS[w.expertTown[e]])
    for (let a = 0; a < w.AUTHORS; a++) {
      const id = w.FIRST_AUTHOR + a
      await person(id, `农户${id}`, a % 20 === 0 ? 'chair' : 'farmer', a % 20 === 0 ? 'verified' : 'none', 0, null, TOWNSHIPS[w.authorTown[a]])
    }
    await t.end()
    log('users')
  }

  // ---- listings: the needs, then one offer per expert
  // One real ciphertext (the server's development key, which the bench's server uses): the 保姆单
  // decrypts the asker's phone for those who triage it.
  const PHONE = createPhoneCipher(loadConfig({ NODE_ENV: 'test' }).phoneEncryptionKey).encrypt('13900000000')
  const LISTING_COLUMNS = ['id', 'kind', 'side', 'title', 'category', 'region_code', 'description', 'author_id', 'contact_name', 'contact_phone_encrypted', 'status', 'check_suggest', 'search_tokens', 'idempotency_key', 'response_count', 'created_at', 'updated_at', 'published_at']
  const LISTING_STATUS = ['published', 'published', 'resolved', 'closed']
  {
    const t = writer.table('listings', LISTING_COLUMNS)
    for (let i = 0; i < w.N; i++) {
      const x = w.textFor('need', w.town[i], i * 7 + (i >> 5))
      await t.add([i + 1, 'post', 'need', x.title, x.category, TOWNSHIPS[w.town[i]], x.description, w.author[i], '张师傅', PHONE, LISTING_STATUS[w.state[i]], 'pass', x.tokens, `bench-${i + 1}`, w.responseCount[i], iso(w.created[i]), iso(w.updated[i]), iso(w.pub[i])])
    }
    for (let e = 0; e < w.EXPERTS; e++) {
      const id = w.N + 1 + e
      const x = w.textFor('offer', w.expertTown[e], e)
      const at = iso(w.START + ((w.NOW - w.START) * (e + 0.5)) / w.EXPERTS)
      await t.add([id, 'post', 'offer', x.title, x.category, TOWNSHIPS[w.expertTown[e]], x.description, FIRST_EXPERT + e, '李老师', PHONE, 'published', 'pass', x.tokens, `bench-${id}`, 0, at, at, at])
    }
    await t.end()
    log('listings')
  }

  // ---- triage_cases, one per need
  {
    const t = writer.table('triage_cases', ['listing_id', 'region_code', 'month', 'published_at', 'state', 'urgent_at', 'urgent_reason', 'queue_rank', 'first_response_at', 'first_response_minutes', 'accepted_at', 'resolved_at', 'followup7_at', 'followup30_at', 'outcome'])
    for (let i = 0; i < w.N; i++) {
      const first = w.first[i]
      await t.add([
        i + 1,
        TOWNSHIPS[w.town[i]],
        chinaMonthOf(w.pub[i]),
        iso(w.pub[i]),
        STATES[w.state[i]],
        iso(w.urgent[i]),
        REASONS[w.reason[i]],
        // As triage.repository keeps it: 0 open and urgent, 1 open, null not open.
        STATES[w.state[i]] === 'open' ? (Number.isNaN(w.urgent[i]) ? 1 : 0) : null,
        iso(first),
        Number.isNaN(first) ? null : Math.max(0, Math.round((first - w.pub[i]) / MINUTE)),
        iso(w.acc[i]),
        iso(w.res[i]),
        iso(w.f7[i]),
        iso(w.f30[i]),
        OUTCOMES[w.outcome[i]],
      ])
    }
    await t.end()
    log('triage_cases')
  }

  // ---- assignments, the experts' responses, the keepers, the follow-ups, the touched needs' timeline
  {
    const t = writer.table('triage_assignments', ['id', 'listing_id', 'expert_id', 'assigned_by', 'assigned_at', 'due_at', 'status', 'decline_reason', 'decided_at'])
    for (const [k, a] of w.assignments.entries()) {
      await t.add([k + 1, a.i + 1, a.expert, a.by, iso(a.at), iso(a.due), a.status, a.reason ?? null, a.decided ? iso(a.decided) : null])
    }
    await t.end()
    const r = writer.table('listing_responses', ['listing_id', 'responder_id', 'message', 'phone_encrypted', 'status', 'created_at', 'decided_at'])
    for (const [i, expert, at, status, decided] of w.responses) await r.add([i + 1, expert, '我是受科服保姆指派的专家，可以电话指导', null, status, iso(at), iso(decided)])
    await r.end()
    const k = writer.table('triage_keepers', ['user_id', 'county_code', 'appointed_by', 'appointed_at'])
    for (const id of KEEPER_IDS) await k.add([id, w.COUNTY, STAFF_ID, at0])
    await k.end()
    const f = writer.table('triage_followups', ['listing_id', 'round', 'author_id', 'outcome', 'note', 'voice_id', 'resolved_at', 'created_at'])
    const NOTES = [null, null, null, '专家说的办法管用，牛的精神好多了', '好了一半，还要再观察', '还是老样子']
    for (const [i, round, o, resolvedAt, at] of w.followups) await f.add([i + 1, round, w.author[i], OUTCOMES[o], NOTES[(i + round) % 6], null, iso(resolvedAt), iso(at)])
    await f.end()
    log('assignments, responses, keepers, follow-ups')

    const e = writer.table('listing_events', ['listing_id', 'kind', 'actor_id', 'note', 'created_at'])
    const events = []
    const touched = new Set(w.assignments.map((a) => a.i))
    for (let i = 0; i < w.N; i++) if (w.reason[i]) touched.add(i)
    for (const i of touched) {
      events.push([i, 'submitted', w.author[i], null, w.created[i]], [i, 'approved', STAFF_ID, null, w.pub[i]])
      if (w.reason[i] === U_UNANSWERED) events.push([i, 'escalated', null, '超时无人回应', w.urgent[i]])
    }
    for (const a of w.assignments) {
      events.push([a.i, 'assigned', a.by, `专家${a.expert - FIRST_EXPERT + 1}`, a.at])
      if (a.status === 'declined') events.push([a.i, 'assignment_declined', a.expert, a.reason, a.decided])
      if (a.status === 'overdue') events.push([a.i, 'escalated', null, `专家${a.expert - FIRST_EXPERT + 1} 逾期未答`, a.decided])
      if (a.status === 'answered') events.push([a.i, 'responded', a.expert, null, a.decided])
    }
    events.sort((x, y) => x[4] - y[4])
    for (const [i, kind, actor, note, at] of events) await e.add([i + 1, kind, actor, note, iso(at)])
    await e.end()
    log('listing_events')
  }
}
