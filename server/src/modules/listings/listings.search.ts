import { PostgresAdapter, sql, type RawBuilder } from 'kysely'
import { Jieba } from '@node-rs/jieba'
import { dict, idf } from '@node-rs/jieba/dict'
import type { Db } from '../../db/database'

// Full-text search over 科技所能所需 posts.
//
// Why words and not trigrams: FTS5 `trigram` and pg_trgm find only ≥ 3-character substrings, and
// the words people search for here are mostly 2 characters (牦牛, 虫草, 青稞, 甘孜). So text is
// segmented into words with jieba and the space-joined words are stored in listings.search_tokens;
// the databases then only split on spaces: FTS5 `unicode61` (table listings_fts, rowid = listing
// id) on SQLite, and a GIN index over to_tsvector('simple', search_tokens) on PostgreSQL. Both
// fold case; neither stems, so what jieba produced is what is matched.
//
// Segmentation must agree between a post and a query, and jieba's HMM (which guesses words that
// are not in its dictionary, e.g. 飞防) depends on the surrounding text: 补饲 alone may become one
// word while in 冬季补饲技术 it stays 补 + 饲. So a post is indexed with BOTH segmentations (HMM on
// and off — the HMM-off one is dictionary words plus single characters for everything else) and a
// query is segmented with HMM off only: every query word is then a word the post was indexed with,
// whatever the context. The HMM words still help ranking and matching (post ↔ post).

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
 * both bm25 and ts_rank, and a long description cannot pile up one word.
 */
export function searchTokens(title: string, description: string): string {
  const titleWords = indexWords(title)
  const parts: string[] = []
  for (let i = 0; i < TITLE_REPEAT; i++) parts.push(...titleWords)
  parts.push(...indexWords(description))
  return parts.join(' ')
}

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/**
 * Puts a post's tokens into the search index. SQLite: replaces its listings_fts row (rowid =
 * listing id). PostgreSQL: nothing to do — the GIN index is over listings.search_tokens itself, so
 * updating that column (in the same transaction) is enough. Works on a Kysely transaction.
 * Call it whenever search_tokens changes; a status change needs no call (status is filtered on
 * listings, not in the index).
 */
export async function writeSearchIndex(db: Db, listingId: number, tokens: string): Promise<void> {
  if (isPostgres(db)) return
  await sql`delete from listings_fts where rowid = ${listingId}`.execute(db)
  await sql`insert into listings_fts (rowid, tokens) values (${listingId}, ${tokens})`.execute(db)
}

/** Removes a post from the SQLite index (e.g. when a post is deleted); a no-op on PostgreSQL. */
export async function removeSearchIndex(db: Db, listingId: number): Promise<void> {
  if (isPostgres(db)) return
  await sql`delete from listings_fts where rowid = ${listingId}`.execute(db)
}

/**
 * An FTS5 MATCH expression: each word a quoted string ("牦牛"; a quote inside is doubled), so
 * nothing a person types (AND, OR, NOT, NEAR(, *, ^, :, parentheses) is read as FTS syntax.
 * Words are joined by spaces (implicit AND) or ' OR '.
 */
export function ftsMatch(words: string[], op: 'AND' | 'OR'): string {
  return words.map((w) => `"${w.replace(/"/g, '""')}"`).join(op === 'AND' ? ' ' : ' OR ')
}

/** Query words used for ranking and the title bonus; a 40-character query yields ~20 at most. */
const MAX_QUERY_WORDS = 24
const REGION_PREFIX = /^\d{1,9}$/

export interface SearchOptions {
  q: string
  side?: 'need' | 'offer'
  category?: string
  /** Region code prefix: 2 (province), 4 (市州), 6 (区县) or 9 (乡镇) digits. */
  regionPrefix?: string
  limit: number
  offset: number
  excludeId?: number
}

/**
 * Ids of published posts containing every word of `q` (AND), best first:
 *   1. a title bonus: +1 for each query word in the title (a post about 牦牛 beats one that only
 *      mentions it), +number of words if the title contains the query itself (牦牛冬季补饲技术求助
 *      beats 牦牛养殖与冬季补饲 for 牦牛冬季补饲);
 *   2. bm25(listings_fts) on SQLite / ts_rank(to_tsvector('simple', search_tokens), query) on
 *      PostgreSQL — both see title words twice (searchTokens);
 *   3. newest first (id desc).
 * Returns [] without querying when `q` has no searchable word.
 */
export async function searchListingIds(db: Db, opts: SearchOptions): Promise<number[]> {
  const words = queryTokens(opts.q).slice(0, MAX_QUERY_WORDS)
  if (!words.length || opts.limit <= 0) return []
  if (opts.regionPrefix !== undefined && !REGION_PREFIX.test(opts.regionPrefix)) return []
  const limit = Math.floor(opts.limit)
  const offset = Math.max(0, Math.floor(opts.offset))
  const pg = isPostgres(db)
  const filters = filterSql(opts)
  // Title bonus, on the raw title lower-cased (the words are lower-case): the whole query as
  // typed (without spaces and punctuation) counts as many as all its words, plus one per word.
  const phrase = opts.q.normalize('NFKC').toLowerCase().split(NON_WORD).join('')
  const inTitle = (s: string) => (pg ? sql`(strpos(lower(l.title), ${s}) > 0)::int` : sql`(instr(lower(l.title), ${s}) > 0)`)
  const titleHits = sql.join(
    [...(words.length > 1 && phrase ? [sql`${inTitle(phrase)} * ${words.length}`] : []), ...words.map(inTitle)],
    sql` + `,
  )

  if (pg) {
    const query = sql`plainto_tsquery('simple', ${words.join(' ')})`
    // The to_tsvector expression must be written exactly as in the index for the planner to use it.
    const { rows } = await sql<{ id: number }>`
      select l.id from listings l
      where to_tsvector('simple', l.search_tokens) @@ ${query} and l.status = 'published' ${filters}
      order by ${titleHits} desc, ts_rank(to_tsvector('simple', l.search_tokens), ${query}) desc, l.id desc
      limit ${limit} offset ${offset}`.execute(db)
    return rows.map((r) => Number(r.id))
  }

  const { rows } = await sql<{ id: number }>`
    select l.id from listings_fts join listings l on l.id = listings_fts.rowid
    where listings_fts match ${ftsMatch(words, 'AND')} and l.status = 'published' ${filters}
    order by ${titleHits} desc, bm25(listings_fts), l.id desc
    limit ${limit} offset ${offset}`.execute(db)
  return rows.map((r) => r.id)
}

function filterSql(opts: { side?: string; category?: string; regionPrefix?: string; excludeId?: number }): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = []
  if (opts.side) parts.push(sql`and l.side = ${opts.side}`)
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
 * Related posts are looked for among the newest SIMILAR_WINDOW matches only: an OR over 8 words
 * can match a large share of a million posts, and ranking all of them costs ~1 µs each on
 * SQLite and far more on PostgreSQL (ts_rank re-parses search_tokens). Recent posts are also the
 * ones still looking for a partner.
 */
export const SIMILAR_WINDOW = 5000

let idfTable: Map<string, number> | undefined
let idfMedian = 12
/**
 * jieba's inverse document frequencies (its general Chinese corpus; 270k words, ~35 MB in memory),
 * loaded on first use by similarListingIds only.
 */
function idfOf(word: string): number {
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
 * Words nearly every post here uses (求助, 技术, 提供…): searchable, but they tell nothing about
 * what a post is about, so matching scores them ×0.3 (jieba's corpus thinks 求助 is rare).
 */
const BOILERPLATE = new Set(
  ['求助', '寻求', '需求', '提供', '服务', '技术', '指导', '专家', '帮助', '帮忙', '解决', '问题', '联系', '电话', '咨询', '合作', '欢迎', '免费', '上门', '方面', '相关', '经验'],
)

/**
 * The most distinctive words of a post's search_tokens, at most `max`: scored by jieba's IDF
 * (rare in Chinese at large = telling: 甘孜 10.5, 牦牛 8.7, 技术 4.7, 问题 4.0; words it does not
 * know, like 飞防 or iphone15, get the median, i.e. rare), ×1.5 for title words (they occur twice
 * or more in search_tokens), ×0.6 for single characters (often pieces of a longer unknown word),
 * ×0.3 for BOILERPLATE; ties → longer word first. Fewer, rarer words keep the OR query's doclists short.
 */
export function distinctiveWords(tokens: string, max = SIMILAR_MAX_WORDS): string[] {
  const counts = new Map<string, number>()
  for (const w of tokens.split(/\s+/)) if (w && HAS_WORD_CHAR.test(w) && !NON_WORD.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1)
  const scored = [...counts].map(([word, n]) => {
    const chars = Array.from(word).length
    const score = idfOf(word) * (n >= TITLE_REPEAT ? 1.5 : 1) * (chars === 1 ? 0.6 : 1) * (BOILERPLATE.has(word) ? 0.3 : 1)
    return { word, chars, score }
  })
  scored.sort((a, b) => b.score - a.score || b.chars - a.chars || (a.word < b.word ? -1 : 1))
  return scored.slice(0, max).map((s) => s.word)
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
 * Published posts on `side` sharing any of the post's distinctive words (OR), best first by
 * bm25 / ts_rank (more shared words and rarer words score higher), then newest. Considers the
 * newest SIMILAR_WINDOW matching posts only.
 */
export async function similarListingIds(db: Db, opts: SimilarOptions): Promise<number[]> {
  const words = distinctiveWords(opts.tokens)
  if (!words.length || opts.limit <= 0) return []
  const limit = Math.floor(opts.limit)
  const filters = filterSql({ side: opts.side, category: opts.category, excludeId: opts.excludeId })

  if (isPostgres(db)) {
    // One plainto_tsquery per word, OR-ed with ||: bound parameters, no tsquery syntax to escape.
    const query = sql.join(
      words.map((w) => sql`plainto_tsquery('simple', ${w})`),
      sql` || `,
    )
    const { rows } = await sql<{ id: number }>`
      select c.id from (
        select l.id, l.search_tokens from listings l
        where to_tsvector('simple', l.search_tokens) @@ (${query}) and l.status = 'published' ${filters}
        order by l.id desc limit ${SIMILAR_WINDOW}
      ) c
      order by ts_rank(to_tsvector('simple', c.search_tokens), (${query})) desc, c.id desc
      limit ${limit}`.execute(db)
    return rows.map((r) => Number(r.id))
  }

  // FTS5 walks the doclist newest-first (rowid desc) and stops after the window; bm25 is
  // computed in the same pass and the window is then sorted by it.
  const { rows } = await sql<{ id: number }>`
    select id from (
      select l.id as id, bm25(listings_fts) as score from listings_fts join listings l on l.id = listings_fts.rowid
      where listings_fts match ${ftsMatch(words, 'OR')} and l.status = 'published' ${filters}
      order by listings_fts.rowid desc limit ${SIMILAR_WINDOW}
    )
    order by score, id desc
    limit ${limit}`.execute(db)
  return rows.map((r) => r.id)
}
