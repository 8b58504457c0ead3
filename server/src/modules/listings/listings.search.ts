import { sql, type RawBuilder } from 'kysely'
import { Jieba } from '@node-rs/jieba'
import { dict, idf } from '@node-rs/jieba/dict'
import { isPostgres, type Db } from '../../db/database'

// Full-text search over 科技所能所需 posts.
//
// Why words and not trigrams: FTS5 `trigram` and pg_trgm find only ≥ 3-character substrings, and
// the words people search for here are mostly 2 characters (牦牛, 虫草, 青稞, 甘孜). So text is
// segmented into words with jieba and the space-joined words are stored in listings.search_tokens;
// the databases then only split on spaces: FTS5 `unicode61` (table listings_fts, rowid = listing
// id, column `tokens`) on SQLite, and on PostgreSQL the stored column search_vector =
// to_tsvector('simple', search_tokens) with a GIN index (migration 003). Both fold case; neither
// stems, so what jieba produced is what is matched. The index also holds each post's region and
// category as words (facetWords; migration 022), so a filtered search is one intersection in the
// index. The databases keep the index from the listings row themselves (SQLite by triggers,
// PostgreSQL by generated columns): the app only writes search_tokens. The databases find the
// matches; the ranking (BM25 + a title bonus) is computed here, the same on both (see "ranking").
//
// Segmentation must agree between a post and a query, and jieba's HMM (which guesses words that
// are not in its dictionary) depends on the surrounding text: 色达 alone is one word, but 到色达 is
// cut 到色 + 达; 同号 alone is 同 + 号, in 微信同号 one word. So a post is indexed with BOTH
// segmentations (HMM on and off — the HMM-off one is dictionary words plus single characters for
// everything else) and a query is segmented with HMM off only: every query word is then a word
// the post was indexed with, whatever the context. The HMM words still help matching (post ↔ post).

let jieba: Jieba | undefined
/** The segmenter is built from the dictionary (~180 ms) on first use, once per process. */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict)
  return jieba
}

/**
 * Words that carry no meaning of their own in a post or a query: particles, conjunctions,
 * prepositions, pronouns, the copula, modal verbs, degree adverbs and the most common measure
 * word — plus the multi-character pronouns, question words and request phrasing that people type
 * into a search box (怎么, 什么, 请问, 需要…). Dropped on both sides (posts and queries), so a query
 * like 怎么防治牦牛包虫病 requires 防治 + 牦牛 + 包虫病 and not 怎么. Content single characters (猪, 羊,
 * 茶, 补, 饲…) are kept: jieba leaves many real words as single characters (补饲 → 补 + 饲).
 * Changing this list changes what is indexed: re-run searchTokens over existing posts after.
 */
const STOP_WORDS = new Set([
  // single characters
  ...'的地得了着过吗呢吧啊呀哦嘛啦哈么和与及或而且并但也又还就都才只很太更最在于从向对把被让给为以由之其这那哪此该我你您他她它们是有没不个些每各等将会能要想可已所如若则即做弄搞',
  // pronouns, question words, connectives, request phrasing
  ...['我们', '你们', '他们', '她们', '它们', '咱们', '大家', '自己', '什么', '怎么', '怎样', '怎么样', '如何', '为什么', '为何'],
  ...['哪里', '哪儿', '哪些', '哪个', '这个', '那个', '这些', '那些', '这里', '那里', '这样', '那样', '一个', '一些', '一下'],
  ...['可以', '能够', '应该', '需要', '想要', '希望', '请问', '谢谢', '你好', '您好', '麻烦', '没有', '是否', '还是', '或者'],
  ...['以及', '因为', '所以', '但是', '而且', '如果', '虽然', '然后', '已经', '非常', '比较', '特别', '就是', '还有', '的话'],
])

/** Letters, digits and combining marks (Tibetan vowel signs) are word characters; all else separates. */
const NON_WORD = /[^\p{L}\p{N}\p{M}]+/u
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u
/** Longer "words" are garbage (URLs, keyboard mashing); PostgreSQL refuses lexemes over 2 KB anyway. */
const MAX_WORD_CHARS = 32

export interface SegmentOptions {
  /** jieba's HMM for words missing from its dictionary (default true, as for posts). */
  hmm?: boolean
}

/**
 * Words of `text` for the index: jieba `cutForSearch` (which also emits the shorter words inside
 * long ones: 甘孜县 → 甘孜, 甘孜县), NFKC-normalised (full-width ＡＢＣ１２３ → abc123), lower-cased,
 * de-duplicated in order of appearance. Keeps CJK words, latin/digit words (iphone15, 5g, 100kg)
 * and single characters that are not function words (see STOP_WORDS); drops punctuation,
 * whitespace, emoji and symbols.
 */
export function segment(text: string, opts: SegmentOptions = {}): string[] {
  const normalized = text.normalize('NFKC').toLowerCase()
  if (!HAS_WORD_CHAR.test(normalized)) return []
  const seen = new Set<string>()
  const words: string[] = []
  for (const raw of segmenter().cutForSearch(normalized, opts.hmm ?? true)) {
    // jieba returns punctuation and spaces as their own pieces; a piece may also join a word
    // with a symbol (rare) — split those so only word characters reach the index.
    for (const word of raw.split(NON_WORD)) {
      if (!word || !HAS_WORD_CHAR.test(word) || STOP_WORDS.has(word) || Array.from(word).length > MAX_WORD_CHARS) continue
      if (seen.has(word)) continue
      seen.add(word)
      words.push(word)
    }
  }
  return words
}

/** Both segmentations of a text (HMM on, then what HMM off adds), de-duplicated. */
function indexWords(text: string): string[] {
  const words = segment(text)
  const seen = new Set(words)
  for (const w of segment(text, { hmm: false })) if (!seen.has(w)) words.push(w)
  return words
}

/**
 * What a search box query is matched with: HMM off (see the note at the top), stop words gone.
 * An empty array means "nothing to search for" (only punctuation, emoji or function words).
 */
export function queryTokens(q: string): string[] {
  return segment(q, { hmm: false })
}

/** How many times a title word is written into search_tokens (a description word: once). */
export const TITLE_REPEAT = 2

/**
 * The value stored in listings.search_tokens: the title's words written TITLE_REPEAT (2) times,
 * then the description's words, space-joined. Within each part a word appears once, so a word's
 * count is 1 (description only), 2 (title only) or 3 (both) — more occurrences rank higher with
 * BM25, and a long description cannot pile up one word.
 */
export function searchTokens(title: string, description: string): string {
  const titleWords = indexWords(title)
  const parts: string[] = []
  for (let i = 0; i < TITLE_REPEAT; i++) parts.push(...titleWords)
  parts.push(...indexWords(description))
  return parts.join(' ')
}

/**
 * An FTS5 MATCH expression over the `tokens` column: each word a quoted string ("牦牛"; a quote
 * inside is doubled), so nothing a person types (AND, OR, NOT, NEAR(, *, ^, :, parentheses) is
 * read as FTS syntax, joined by spaces (implicit AND) or ' OR '; then the facets, each required
 * in the `facets` column.
 */
export function ftsMatch(words: string[], op: 'AND' | 'OR', facets: string[] = []): string {
  const query = `tokens : (${words.map((w) => `"${w.replace(/"/g, '""')}"`).join(op === 'AND' ? ' ' : ' OR ')})`
  return facets.length ? `${query} AND facets : (${facets.map((f) => `"${f}"`).join(' ')})` : query
}

/**
 * The facet words a search's filters require (migration 022 indexes them: r + the 4-, 6- and
 * 9-digit prefixes of a post's township, c + its category). A 2-digit prefix is the province,
 * every post; other filters (side, kind, stage) are answered by listings after the intersection.
 */
export function facetWords(opts: { category?: string; regionPrefix?: string }): string[] {
  const facets: string[] = []
  if (opts.regionPrefix && [4, 6, 9].includes(opts.regionPrefix.length)) facets.push(`r${opts.regionPrefix}`)
  if (opts.category && /^[a-z]+$/.test(opts.category)) facets.push(`c${opts.category}`)
  return facets
}

// ---- ranking ----
//
// The databases find the matches (FTS5 MATCH / GIN @@) and hand over the newest few thousand
// with their search_tokens; the ranking is BM25 computed here, the same on both databases.
// Measured at 1M posts on SQLite, FTS5's own bm25() costs 10–20 ms before the first row when
// the query has a common word (it counts every post containing each word to get its IDF: 补 is in
// 21 % of posts) and ~4 µs a row for a 4-word query; PostgreSQL's ts_rank re-parses search_tokens
// for every row and knows no IDF at all. Here a word's IDF comes from the word shares of recent
// posts (below), so the cost is a substring count per word and row.

/** Okapi BM25 parameters, as FTS5 uses them. */
const K1 = 1.2
const B = 0.75

/**
 * How common words are in this database: the share of the newest RECENT_SAMPLE published posts
 * containing each (kept for words in ≥ 1 % of them), and their average length in words.
 * jieba's IDF comes from general Chinese text and does not know that every post here says 这边
 * or 联系我; this does. One query of RECENT_SAMPLE rows, refreshed every 10 minutes per database.
 */
export interface WordStats {
  /** Posts sampled. */
  n: number
  /** Average number of words in search_tokens. */
  avgLength: number
  /** Share of the sampled posts containing the word, for words in ≥ 1 % of them. */
  shares: ReadonlyMap<string, number>
}
const RECENT_SAMPLE = 2000
const RECENT_TTL_MS = 10 * 60_000
const COMMON_SHARE = 0.01
const recentStats = new WeakMap<object, { at: number; stats: Promise<WordStats> }>()

function countWords(tokens: string): number {
  if (!tokens) return 0
  let n = 1
  for (let i = tokens.indexOf(' '); i !== -1; i = tokens.indexOf(' ', i + 1)) n++
  return n
}

async function loadStats(db: Db): Promise<WordStats> {
  const rows = await db
    .selectFrom('listings')
    .select('search_tokens')
    .where('status', '=', 'published')
    .orderBy('id', 'desc')
    .limit(RECENT_SAMPLE)
    .execute()
  const counts = new Map<string, number>()
  let words = 0
  for (const r of rows) {
    words += countWords(r.search_tokens)
    for (const w of new Set(r.search_tokens.split(' '))) if (w) counts.set(w, (counts.get(w) ?? 0) + 1)
  }
  const shares = new Map<string, number>()
  for (const [w, c] of counts) if (c / rows.length >= COMMON_SHARE) shares.set(w, c / rows.length)
  return { n: rows.length, avgLength: rows.length ? words / rows.length : 1, shares }
}

/** The cached WordStats of a database (a Kysely instance or transaction). */
export function wordStats(db: Db): Promise<WordStats> {
  const hit = recentStats.get(db)
  if (hit && Date.now() - hit.at < RECENT_TTL_MS) return hit.stats
  const stats = loadStats(db).catch((err) => {
    recentStats.delete(db)
    throw err
  })
  recentStats.set(db, { at: Date.now(), stats })
  return stats
}

/** BM25 IDF of a word from the sample; a word under 1 % (not kept) counts as in none of the posts. */
function idfFromStats(stats: WordStats, word: string): number {
  const n = Math.max(stats.n, 1)
  const has = (stats.shares.get(word) ?? 0) * n
  return Math.log(1 + (n - has + 0.5) / (has + 0.5))
}

/** Occurrences of `word` as a whole word in space-joined `tokens`. */
function termCount(tokens: string, word: string): number {
  let count = 0
  const end = tokens.length - word.length
  for (let i = tokens.indexOf(word); i !== -1; i = tokens.indexOf(word, i + word.length)) {
    if ((i === 0 || tokens.charCodeAt(i - 1) === 32) && (i === end || tokens.charCodeAt(i + word.length) === 32)) count++
  }
  return count
}

/** Okapi BM25 of one post for `words` (higher is better). */
export function bm25(tokens: string, words: readonly string[], idfs: readonly number[], avgLength: number): number {
  const norm = K1 * (1 - B + (B * countWords(tokens)) / Math.max(avgLength, 1))
  let score = 0
  for (let i = 0; i < words.length; i++) {
    const tf = termCount(tokens, words[i])
    if (tf) score += (idfs[i] * tf * (K1 + 1)) / (tf + norm)
  }
  return score
}

/** Query words used for ranking and the title bonus; a 40-character query yields ~20 at most. */
const MAX_QUERY_WORDS = 24
const REGION_PREFIX = /^\d{1,9}$/

/**
 * A search ranks the newest SEARCH_WINDOW matching posts (after filters), not every match: a
 * 2-character word can match 3 % of a million posts (33,000), and looking up and scoring all of
 * them costs ~70 ms. Within the window the order is by relevance; the window itself is the newest
 * matches, which on a marketplace of open needs and offers are also the ones still open.
 * offset + limit beyond the window returns nothing: keep page × limit ≤ 2,000.
 */
export const SEARCH_WINDOW = 2000

/** A search: its words and filters. */
export interface SearchQuery {
  q: string
  /** 'post' (所能所需) or 'achievement' (科技成果); both when absent. */
  kind?: string
  side?: 'need' | 'offer'
  category?: string
  /** 科技成果 stage. */
  stage?: string
  /** Region code prefix: 2 (province), 4 (市州), 6 (区县) or 9 (乡镇) digits. */
  regionPrefix?: string
  excludeId?: number
}

/**
 * What tells searches apart for a cache of their ranked windows (FeedCache.search): the query as
 * ranking reads it (NFKC, lower case) and every filter.
 */
export function searchKey(query: SearchQuery): string {
  const { q, kind, side, category, stage, regionPrefix, excludeId } = query
  return JSON.stringify([q.normalize('NFKC').toLowerCase().trim(), kind, side, category, stage, regionPrefix, excludeId])
}

interface Candidate {
  id: number
  title: string
  search_tokens: string
}

/**
 * Ids of published posts containing every word of `q` (AND), best first, among the newest
 * SEARCH_WINDOW such posts (all of them: a page of results is a slice, listings.service.ts):
 *   1. a title bonus: +1 for each query word in the title (a post about 牦牛 beats one that only
 *      mentions it), + the number of words if the title contains the query itself as typed
 *      (牦牛冬季补饲技术求助 beats 牦牛养殖与冬季补饲 for 牦牛冬季补饲);
 *   2. BM25 over search_tokens, where title words are written twice (searchTokens);
 *   3. newest first (id desc).
 * The same order on SQLite and PostgreSQL. Returns [] without querying when `q` has no searchable
 * word, or when regionPrefix is not digits.
 */
export async function rankListingIds(db: Db, opts: SearchQuery): Promise<number[]> {
  const words = queryTokens(opts.q).slice(0, MAX_QUERY_WORDS)
  if (!words.length) return []
  if (opts.regionPrefix !== undefined && !REGION_PREFIX.test(opts.regionPrefix)) return []
  const filters = filterSql(opts)
  const facets = facetWords(opts)

  const [stats, { rows }] = await Promise.all([
    wordStats(db),
    isPostgres(db)
      ? // search_vector and facet_vector are stored generated tsvectors in one GIN index
        // (migrations 003, 022): its scan intersects words and facets before any row is read.
        sql<Candidate>`
          select l.id, l.title, l.search_tokens from listings l
          where l.search_vector @@ plainto_tsquery('simple', ${words.join(' ')})
            ${facets.length ? sql`and l.facet_vector @@ plainto_tsquery('simple', ${facets.join(' ')})` : sql``}
            and l.status = 'published' ${filters}
          order by l.id desc limit ${SEARCH_WINDOW}`.execute(db)
      : // FTS5 hands out the matches of the words and facets newest first (rowid desc), and each
        // is checked against its listings row until the window is full. `CROSS JOIN` pins that
        // order (the planner might otherwise start from listings).
        sql<Candidate>`
          select l.id, l.title, l.search_tokens from listings_fts cross join listings l on l.id = listings_fts.rowid
          where listings_fts match ${ftsMatch(words, 'AND', facets)} and l.status = 'published' ${filters}
          order by listings_fts.rowid desc limit ${SEARCH_WINDOW}`.execute(db),
  ])

  const idfs = words.map((w) => idfFromStats(stats, w))
  const phrase = words.length > 1 ? opts.q.normalize('NFKC').toLowerCase().split(NON_WORD).join('') : ''
  const ranked = rows.map((r) => {
    const title = r.title.normalize('NFKC').toLowerCase()
    let hits = phrase && title.includes(phrase) ? words.length : 0
    for (const w of words) if (title.includes(w)) hits++
    return { id: Number(r.id), hits, score: bm25(r.search_tokens, words, idfs, stats.avgLength) }
  })
  ranked.sort((a, b) => b.hits - a.hits || b.score - a.score || b.id - a.id)
  return ranked.map((r) => r.id)
}

function filterSql(opts: { kind?: string; side?: string; category?: string; stage?: string; regionPrefix?: string; excludeId?: number }): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = []
  if (opts.kind) parts.push(sql`and l.kind = ${opts.kind}`)
  if (opts.side) parts.push(sql`and l.side = ${opts.side}`)
  if (opts.stage) parts.push(sql`and l.stage = ${opts.stage}`)
  if (opts.category) parts.push(sql`and l.category = ${opts.category}`)
  // Digits only (checked by the callers), so the LIKE pattern has no wildcard but the final %.
  if (opts.regionPrefix) parts.push(sql`and l.region_code like ${`${opts.regionPrefix}%`}`)
  if (opts.excludeId !== undefined) parts.push(sql`and l.id <> ${opts.excludeId}`)
  return parts.length ? sql.join(parts, sql` `) : sql``
}

// ---- matching: posts like this one ----

/** Words of a post used to find related posts. */
export const SIMILAR_MAX_WORDS = 8
/**
 * Related posts are looked for among the newest SIMILAR_SCAN posts containing any of the words
 * (counted before the side and status filters, so the cost stays bounded even when most matches
 * are on the wrong side). Recent posts are also the ones still looking for a partner.
 */
export const SIMILAR_SCAN = 2000
/** Below this many sampled posts the word shares are too noisy to judge what is common. */
const COMMON_MIN_SAMPLE = 500
/** Chinese numerals (二十, 三百): like digits, they say nothing about the topic. */
const NUMERAL = /^[零〇一二三四五六七八九十百千万亿两几]+$/u
/** Words in more than 5 % of recent posts are not used for matching at all. */
const MAX_SHARE = 0.05

let idfTable: Map<string, number> | undefined
let idfMedian = 12
/**
 * jieba's inverse document frequencies (its general Chinese corpus; 270k words, ~35 MB in memory),
 * loaded on first use by similarListingIds only.
 */
function jiebaIdf(word: string): number {
  if (!idfTable) {
    const table = new Map<string, number>()
    for (const line of Buffer.from(idf).toString('utf8').split('\n')) {
      const space = line.lastIndexOf(' ')
      if (space > 0) table.set(line.slice(0, space), Number(line.slice(space + 1)))
    }
    const values = [...table.values()].sort((a, b) => a - b)
    idfMedian = values[values.length >> 1] ?? idfMedian
    idfTable = table
  }
  return idfTable.get(word) ?? idfMedian
}

/**
 * Loads jieba's dictionary and its IDF table now. Each is loaded on first use otherwise, in one
 * synchronous piece that stalls every request behind it: about 0.9 s and 3 s on this project's
 * 2-core machine under load (the first search; the first need's matches). The server calls this
 * before it listens (server.ts); tests and benches that never search skip the cost.
 */
export function loadSearchDictionaries(): void {
  segmenter()
  jiebaIdf('')
}

/**
 * Words nearly every post here uses (求助, 技术, 提供…): searchable, but they tell nothing about
 * what a post is about, so matching scores them ×0.3 (jieba's corpus thinks 求助 is rare).
 */
const BOILERPLATE = new Set(
  ['求助', '寻求', '需求', '提供', '服务', '技术', '指导', '专家', '帮助', '帮忙', '解决', '问题', '联系', '电话', '联系电话', '联系方式', '微信', '咨询', '合作', '欢迎', '免费', '上门', '方面', '相关', '经验'],
)

/**
 * The most distinctive words of a post's search_tokens, at most `max`. Score: jieba's IDF (rare
 * in Chinese at large = telling: 甘孜 10.5, 牦牛 8.7, 技术 4.7, 问题 4.0; words it does not know,
 * like 飞防, get the median, i.e. rare) ×1.5 for title words (they occur twice or more in
 * search_tokens), ×0.6 for single characters, ×0.3 for BOILERPLATE, and × 1 %/share for words in
 * more than 1 % of recent posts (`shares`, from wordStats once it has sampled ≥ 500 posts).
 * Left out: words in more than 5 % of recent posts (they would fill the OR query's window with
 * posts that share only a turn of phrase), numbers (21 头, 2024 年, 二十), a single character that
 * is part of a longer word of the post (微 of 微信: HMM words are also indexed as characters), and
 * a word inside or around one already chosen (摄像头 / 摄像 / 像头 take one slot, not three).
 * Ties → longer word first. Fewer, rarer words keep the OR query's doclists short and its
 * matches on topic.
 */
export function distinctiveWords(tokens: string, max = SIMILAR_MAX_WORDS, shares: ReadonlyMap<string, number> = new Map()): string[] {
  const counts = new Map<string, number>()
  for (const w of tokens.split(/\s+/)) {
    if (!w || !/\p{L}/u.test(w) || NUMERAL.test(w) || NON_WORD.test(w)) continue
    counts.set(w, (counts.get(w) ?? 0) + 1)
  }
  // Characters of the post's longer words: a single character among them is most likely a piece
  // of one (微信 is also indexed as 微 + 信), not a word of its own.
  const inLonger = new Set<string>()
  for (const w of counts.keys()) if (w.length > 1) for (const c of w) inLonger.add(c)
  const scored = [...counts].map(([word, n]) => {
    const chars = Array.from(word).length
    const share = shares.get(word) ?? 0
    if (share > MAX_SHARE || (chars === 1 && inLonger.has(word))) return { word, chars, score: 0 }
    const score =
      jiebaIdf(word) *
      (n >= TITLE_REPEAT ? 1.5 : 1) *
      (chars === 1 ? 0.6 : 1) *
      (BOILERPLATE.has(word) ? 0.3 : 1) *
      (share > COMMON_SHARE ? COMMON_SHARE / share : 1)
    return { word, chars, score }
  })
  scored.sort((a, b) => b.score - a.score || b.chars - a.chars || (a.word < b.word ? -1 : 1))
  const chosen: string[] = []
  for (const { word, score } of scored) {
    if (chosen.length >= max || score <= 0) break
    if (chosen.some((c) => c.includes(word) || word.includes(c))) continue
    chosen.push(word)
  }
  return chosen
}

export interface SimilarOptions {
  /** The post's listings.search_tokens (or searchTokens(title, description)). */
  tokens: string
  /** The side to look on: for a need, 'offer'. */
  side: 'need' | 'offer'
  category?: string
  limit: number
  excludeId?: number
}

/**
 * Published posts on `side` sharing any of the post's distinctive words (OR), best first by BM25
 * over those words (more shared words and rarer words score higher), then newest. Looks at the
 * newest SIMILAR_SCAN posts containing any of the words.
 */
export async function similarListingIds(db: Db, opts: SimilarOptions): Promise<number[]> {
  if (opts.limit <= 0 || !/\p{L}/u.test(opts.tokens)) return []
  const stats = await wordStats(db)
  const words = distinctiveWords(opts.tokens, SIMILAR_MAX_WORDS, stats.n >= COMMON_MIN_SAMPLE ? stats.shares : new Map())
  if (!words.length) return []
  const limit = Math.floor(opts.limit)
  const filters = filterSql({ side: opts.side, category: opts.category, excludeId: opts.excludeId })

  const { rows } = isPostgres(db)
    ? // One plainto_tsquery per word, OR-ed with ||: bound parameters, no tsquery syntax to escape.
      await sql<Candidate>`
        select l.id, l.title, l.search_tokens from listings l
        where l.search_vector @@ (${sql.join(
          words.map((w) => sql`plainto_tsquery('simple', ${w})`),
          sql` || `,
        )}) and l.status = 'published' ${filters}
        order by l.id desc limit ${SIMILAR_SCAN}`.execute(db)
    : // The newest SIMILAR_SCAN matches straight from the FTS5 doclists, then the filters (CROSS
      // JOIN keeps that order: otherwise SQLite may scan every published post of the side and
      // probe the matches, 35 ms instead of 5).
      await sql<Candidate>`
        select l.id, l.title, l.search_tokens from (
          select rowid as id from listings_fts where listings_fts match ${ftsMatch(words, 'OR')}
          order by rowid desc limit ${SIMILAR_SCAN}
        ) m cross join listings l on l.id = m.id
        where l.status = 'published' ${filters}`.execute(db)

  const idfs = words.map((w) => idfFromStats(stats, w))
  return rows
    .map((r) => ({ id: Number(r.id), score: bm25(r.search_tokens, words, idfs, stats.avgLength) }))
    .sort((a, b) => b.score - a.score || b.id - a.id)
    .slice(0, limit)
    .map((r) => r.id)
}
