// Search over 科技所能所需 posts (server/src/modules/listings/listings.search.ts) on the real
// database of the run: SQLite FTS5 (unicode61 over jieba words) or PostgreSQL (GIN over
// to_tsvector('simple', …)) when TEST_DB_URL is set. Rows are written straight into listings, as
// the listings service does; the databases keep the index from them (migration 022), so these
// tests exercise only the index and the queries.
import { sql } from 'kysely'
import {
  distinctiveWords,
  ftsMatch,
  rankListingIds,
  searchTokens,
  similarListingIds,
  wordStats,
  type SearchQuery,
} from '../../server/src/modules/listings/listings.search'
import * as m022 from '../../server/src/db/migrations/022_search_facets'
import { GANZI_TOWNSHIP, useTestContext } from './helpers'

let authorId: number
const ids: Record<string, number> = {}

interface Post {
  key: string
  title: string
  description: string
  side?: 'need' | 'offer'
  category?: string
  region?: string
  status?: string
}

const LUDING_TOWNSHIP = '513322100' // 泸定县泸桥镇 (甘孜州, another county)
const CHENGDU_TOWNSHIP = '510104020' // 成都市锦江区

async function insertPost(p: Post): Promise<number> {
  const now = new Date().toISOString()
  const tokens = searchTokens(p.title, p.description)
  const row = await ctx.db
      .insertInto('listings')
      .values({
        side: p.side ?? 'need',
        title: p.title,
        category: p.category ?? 'breeding',
        region_code: p.region ?? GANZI_TOWNSHIP,
        description: p.description,
        author_id: authorId,
        contact_name: '张三',
        contact_phone_encrypted: 'x',
        status: p.status ?? 'published',
        check_suggest: 'pass',
        search_tokens: tokens,
        idempotency_key: `key-${p.key}`,
        created_at: now,
        updated_at: now,
        published_at: p.status && p.status !== 'published' ? null : now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  return row.id
}

const POSTS: Post[] = [
  {
    key: 'yak-winter',
    title: '牦牛冬季补饲技术求助',
    description: '我家在甘孜县，三十头牦牛入冬以后掉膘严重，想请专家指导冬季补饲的配方和方法。',
  },
  {
    key: 'yak-mention',
    title: '高原畜牧兽医上门服务',
    description: '可以上门给牛羊做防疫驱虫，也看牦牛常见病，冬季补饲方案可以一起商量。',
    side: 'offer',
    category: 'veterinary',
  },
  {
    key: 'cordyceps',
    title: '虫草采挖后保鲜和烘干',
    description: '今年采挖的虫草有点多，想知道怎么保鲜和低温烘干，防止发霉变黑。',
    category: 'processing',
  },
  {
    key: 'barley',
    title: '青稞新品种种植经验交流',
    description: '高海拔地区种青稞，想了解新品种的播种时间和田间管理。',
    category: 'planting',
    region: LUDING_TOWNSHIP,
  },
  {
    key: 'barley-offer',
    title: '提供青稞良种和种植技术指导',
    description: '农技站提供青稞良种，免费指导播种和病虫害防治，甘孜州内可以上门。',
    side: 'offer',
    category: 'planting',
  },
  {
    key: 'yak-offer',
    title: '牦牛养殖与冬季补饲技术服务',
    description: '畜牧站专家提供牦牛冬季补饲配方、暖棚建设和防疫指导，可以到村里培训。',
    side: 'offer',
    category: 'breeding',
  },
  {
    key: 'kiwi',
    title: '猕猴桃溃疡病怎么防治',
    description: '成都郊区猕猴桃园今年溃疡病严重，求推荐防治方法和药剂。',
    category: 'planting',
    region: CHENGDU_TOWNSHIP,
  },
  {
    key: 'yak-pending',
    title: '牦牛冬季补饲求助（待审核）',
    description: '这条还在审核中，不应该出现在搜索结果里，牦牛冬季补饲。',
    status: 'pending',
  },
  {
    key: 'yak-rejected',
    title: '牦牛出售',
    description: '被驳回的帖子，牦牛虫草青稞都不应该被搜到。',
    status: 'rejected',
  },
  {
    key: 'yak-closed',
    title: '牦牛冬季补饲（已关闭）',
    description: '已经关闭的帖子不出现在搜索里，牦牛补饲。',
    status: 'closed',
  },
  {
    key: 'latin',
    title: 'iPhone 手机拍照上传 ＡＩ 识别病虫害',
    description: '用 AI 识别病虫害，5G 信号好的地方效果更好，Wi-Fi 也可以。',
    category: 'it',
    side: 'offer',
    region: CHENGDU_TOWNSHIP,
  },
]

/** The first `limit` (20) ids of a search's ranked window. */
const search = async (q: string, { limit = 20, ...query }: Partial<SearchQuery> & { limit?: number } = {}) =>
  (await rankListingIds(ctx.db, { q, ...query })).slice(0, limit)
const keysOf = (found: number[]) => found.map((id) => Object.keys(ids).find((k) => ids[k] === id) ?? `#${id}`)

const ctx = useTestContext()
beforeAll(async () => {
  const now = new Date().toISOString()
  const user = await ctx.db
    .insertInto('users')
    .values({ openid: 'search-test-author', nickname: '测试', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  authorId = user.id
  for (const p of POSTS) ids[p.key] = await insertPost(p)
})

describe('searchTokens', () => {
  it('writes title words twice, then the description words, space-joined', () => {
    const tokens = searchTokens('牦牛补饲', '冬季掉膘。')
    expect(tokens).toBe('牦牛 补 饲 牦牛 补 饲 冬季 掉膘')
  })

  it('indexes jieba HMM guesses and their characters, so a query matches whatever the context', () => {
    // 飞防 is not in jieba's dictionary: HMM guesses it as a word in one context, not in another.
    const words = searchTokens('无人机飞防服务', '').split(' ')
    expect(words).toEqual(expect.arrayContaining(['无人机', '飞防', '飞', '防']))
  })
})

describe('rankListingIds: 2-character words', () => {
  it.each([
    ['牦牛', ['yak-winter', 'yak-offer', 'yak-mention']],
    ['虫草', ['cordyceps']],
    ['青稞', ['barley', 'barley-offer']],
  ])('finds %s', async (q, expected) => {
    expect(new Set(keysOf(await search(q)))).toEqual(new Set(expected))
  })

  it('finds 甘孜 in 甘孜县 and 甘孜州 (cutForSearch also emits the shorter word)', async () => {
    expect(new Set(keysOf(await search('甘孜')))).toEqual(new Set(['yak-winter', 'barley-offer']))
  })

  it('matches latin words case- and width-insensitively', async () => {
    for (const q of ['iphone', 'IPHONE', 'ａｉ', '5g', '5Ｇ']) expect(keysOf(await search(q))).toEqual(['latin'])
  })
})

describe('rankListingIds: ranking', () => {
  it('puts the post titled with a 6-character phrase first', async () => {
    const found = keysOf(await search('牦牛冬季补饲'))
    expect(found[0]).toBe('yak-winter')
    // Every word (牦牛, 冬季, 补, 饲) is in these three; nothing else has them all.
    expect(new Set(found)).toEqual(new Set(['yak-winter', 'yak-offer', 'yak-mention']))
    expect(found[2]).toBe('yak-mention') // only in its description
  })

  it('ranks a post with the word in its title above one with it only in the description', async () => {
    const found = keysOf(await search('牦牛', { side: 'offer' }))
    expect(found).toEqual(['yak-offer', 'yak-mention'])
  })

  it('ranks by BM25 when the title bonus is equal, then newest first', async () => {
    // Both have 青稞 in the title; 'barley-offer' has it in the description too (3 occurrences vs 2).
    expect(keysOf(await search('青稞'))).toEqual(['barley-offer', 'barley'])
  })

  it('pages the ranking through the API, a slice of it per page', async () => {
    const all = await search('牦牛')
    expect(all).toHaveLength(3)
    const page = async (query: string) => (await ctx.app.inject({ method: 'GET', url: `/api/listings?q=${encodeURIComponent('牦牛')}&limit=2${query}` })).json()
    const first = await page('')
    expect(first.items.map((i: { id: number }) => i.id)).toEqual(all.slice(0, 2))
    const second = await page(`&cursor=${first.next}`)
    expect(second.items.map((i: { id: number }) => i.id)).toEqual(all.slice(2))
    expect(second.next).toBeNull()
  })
})

describe('rankListingIds: AND and filters', () => {
  it('requires every word of the query', async () => {
    expect(keysOf(await search('牦牛 虫草'))).toEqual([])
    expect(keysOf(await search('青稞 良种'))).toEqual(['barley-offer'])
    expect(keysOf(await search('青稞良种'))).toEqual(['barley-offer'])
    expect(keysOf(await search('牦牛 防疫')).sort()).toEqual(['yak-mention', 'yak-offer'])
  })

  it('ignores question words and function words in the query', async () => {
    // 怎么 / 的 / 请问 are not required: the query means 牦牛 + 补饲.
    const yak = new Set(['yak-winter', 'yak-offer', 'yak-mention'])
    expect(new Set(keysOf(await search('请问牦牛怎么补饲')))).toEqual(yak)
    expect(new Set(keysOf(await search('请问牦牛的补饲怎么做？')))).toEqual(yak)
    // Only function words: nothing to search for.
    expect(await search('怎么')).toEqual([])
  })

  it('filters by side', async () => {
    expect(keysOf(await search('牦牛', { side: 'need' }))).toEqual(['yak-winter'])
    expect(new Set(keysOf(await search('青稞', { side: 'offer' })))).toEqual(new Set(['barley-offer']))
  })

  it('filters by category', async () => {
    expect(keysOf(await search('牦牛', { category: 'veterinary' }))).toEqual(['yak-mention'])
    expect(keysOf(await search('牦牛', { category: 'planting' }))).toEqual([])
  })

  it('filters by region prefix: province, prefecture, county, township', async () => {
    expect(new Set(keysOf(await search('青稞', { regionPrefix: '51' })))).toEqual(new Set(['barley', 'barley-offer']))
    expect(new Set(keysOf(await search('青稞', { regionPrefix: '5133' })))).toEqual(new Set(['barley', 'barley-offer']))
    expect(keysOf(await search('青稞', { regionPrefix: '513328' }))).toEqual(['barley-offer'])
    expect(keysOf(await search('青稞', { regionPrefix: LUDING_TOWNSHIP }))).toEqual(['barley'])
    expect(keysOf(await search('青稞', { regionPrefix: '5101' }))).toEqual([])
    // Not a code: nothing, rather than a LIKE pattern.
    expect(await search('青稞', { regionPrefix: '51%' })).toEqual([])
  })

  it('combines filters and excludes a post by id', async () => {
    expect(keysOf(await search('冬季补饲', { side: 'offer', category: 'breeding', regionPrefix: '5133' }))).toEqual(['yak-offer'])
    expect(keysOf(await search('青稞', { excludeId: ids['barley-offer'] }))).toEqual(['barley'])
  })

  it('follows a post moved to another township or category, and never matches a filter typed as a word', async () => {
    const id = await insertPost({ key: 'moves', title: '川芎种苗求购', description: '想买一批川芎种苗。', category: 'planting', region: LUDING_TOWNSHIP })
    expect(await search('川芎', { regionPrefix: '513322', category: 'planting' })).toEqual([id])
    await ctx.db.updateTable('listings').set({ region_code: CHENGDU_TOWNSHIP, category: 'processing' }).where('id', '=', id).execute()
    expect(await search('川芎', { regionPrefix: '513322' })).toEqual([])
    expect(await search('川芎', { category: 'planting' })).toEqual([])
    expect(await search('川芎', { regionPrefix: '5101', category: 'processing' })).toEqual([id])
    // The index holds r5101 and cprocessing for it, but a person's words are looked for among words.
    expect(await search('川芎 r5101')).toEqual([])
    expect(await search('cprocessing')).toEqual([])
  })

  it('never returns unpublished posts', async () => {
    const hidden = new Set([ids['yak-pending'], ids['yak-rejected'], ids['yak-closed']])
    for (const q of ['牦牛', '牦牛冬季补饲', '审核', '驳回', '关闭', '虫草', '青稞']) {
      for (const id of await search(q, { limit: 50 })) expect(hidden.has(id)).toBe(false)
    }
    expect(await search('审核中')).toEqual([])
    expect(await search('驳回')).toEqual([])
  })

  it('sees an edit: the index row is replaced, and a published post moved to closed drops out', async () => {
    const id = await insertPost({ key: 'edit-me', title: '藏香猪仔猪出售', description: '散养藏香猪，健康活泼，可以上门看猪。', side: 'offer' })
    expect(await search('藏香猪')).toEqual([id])
    const tokens = searchTokens('黑山羊种羊出售', '散养黑山羊，健康，可以上门看羊。')
    await ctx.db.updateTable('listings').set({ title: '黑山羊种羊出售', search_tokens: tokens }).where('id', '=', id).execute()
    expect(await search('藏香猪')).toEqual([])
    expect(await search('黑山羊')).toEqual([id])
    if (ctx.dbKind === 'sqlite') {
      const { rows } = await sql<{ n: number }>`select count(*) as n from listings_fts where rowid = ${id}`.execute(ctx.db)
      expect(Number(rows[0].n)).toBe(1)
    }
    await ctx.db.updateTable('listings').set({ status: 'closed' }).where('id', '=', id).execute()
    expect(await search('黑山羊')).toEqual([])
  })

  it('does not write the index when the transaction rolls back', async () => {
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        const tokens = searchTokens('回滚测试绵羊', '这条不会保存。')
        const row = await trx
          .insertInto('listings')
          .values({
            side: 'need', title: '回滚测试绵羊', category: 'breeding', region_code: GANZI_TOWNSHIP, description: '这条不会保存。',
            author_id: authorId, contact_name: '李四', contact_phone_encrypted: 'x', status: 'published', check_suggest: 'pass',
            search_tokens: tokens, idempotency_key: 'rollback', created_at: new Date().toISOString(), updated_at: new Date().toISOString(), published_at: new Date().toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        expect(await rankListingIds(trx, { q: '回滚测试' })).toEqual([row.id])
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    expect(await search('回滚测试')).toEqual([])
    if (ctx.dbKind === 'sqlite') {
      const { rows } = await sql<{ n: number }>`select count(*) as n from listings_fts where listings_fts match '"回滚"'`.execute(ctx.db)
      expect(Number(rows[0].n)).toBe(0)
    }
  })
})

describe('migration 022 over existing posts', () => {
  it('indexes them with their facets, the same results as before, and keeps indexing new ones', async () => {
    const queries: Partial<SearchQuery>[] = [
      { q: '牦牛' }, { q: '青稞', regionPrefix: '5133' }, { q: '青稞', regionPrefix: '513328' }, { q: '冬季补饲', side: 'offer', category: 'breeding', regionPrefix: '5133' },
    ]
    const results = () => Promise.all(queries.map(({ q, ...rest }) => search(q!, rest)))
    const before = await results()
    await m022.down(ctx.db)
    await m022.up(ctx.db)
    expect(await results()).toEqual(before)
    const id = await insertPost({ key: 'after-022', title: '青稞新品种试种', description: '想试种青稞新品种。', region: LUDING_TOWNSHIP, category: 'planting' })
    expect(await search('青稞', { regionPrefix: '513322', category: 'planting' })).toContain(id)
  })
})

describe('rankListingIds: hostile input', () => {
  const HOSTILE = [
    '"',
    '""',
    "'",
    '*',
    'OR',
    'AND',
    'NOT',
    ')',
    '(',
    'NEAR(',
    'NEAR(牦牛 虫草, 2)',
    '牦牛 OR 虫草',
    '牦牛*',
    '^牦牛',
    'tokens:牦牛',
    '{tokens}: 牦牛',
    "'; drop table listings; --",
    "牦牛'); delete from listings; --",
    '牦牛" OR "虫草',
    '!!牦牛&&虫草||',
    '牦牛 & | ! <-> :*',
    '\\',
    '%_%',
    '😀🐮🐂',
    '牦牛😀',
    '，。！？；：“”‘’（）【】《》、·…—～',
    '!@#$%^&*()_+-=[]{}|;:\'",.<>/?`~!@#$%^&*()_+-=[]{}|;:\'"',
    '\u0000\u0001\u200b\ufeff',
    '𰀀𰀁', // CJK Extension G: letters to JavaScript, not to FTS5's unicode61
    'ཀློང་', // Tibetan with combining vowel signs
    ' ',
    '',
    'a'.repeat(40),
  ]

  it.each(HOSTILE.map((q) => [JSON.stringify(q), q]))('%s returns ids or [] and never throws', async (_label, q) => {
    const found = await search(q)
    expect(Array.isArray(found)).toBe(true)
    for (const id of found) expect(typeof id).toBe('number')
  })

  it('reads FTS operators in the query as plain words', async () => {
    // Quoted words: OR is a word that must be present (it is not), not the OR operator.
    expect(await search('牦牛 OR 虫草')).toEqual([])
    expect(keysOf(await search('牦牛*'))).toHaveLength(3) // * is dropped, not a prefix query
    expect(await search('"')).toEqual([])
    expect(await search('，。！？')).toEqual([])
  })

  it('escapes quotes when building an FTS5 match string', () => {
    expect(ftsMatch(['a"b', '牦牛'], 'AND')).toBe('tokens : ("a""b" "牦牛")')
    expect(ftsMatch(['a', 'b'], 'OR')).toBe('tokens : ("a" OR "b")')
    expect(ftsMatch(['牦牛'], 'AND', ['r5133', 'cbreeding'])).toBe('tokens : ("牦牛") AND facets : ("r5133" "cbreeding")')
  })

  it('the listings table is intact afterwards', async () => {
    const { rows } = await sql<{ n: number }>`select count(*) as n from listings`.execute(ctx.db)
    expect(Number(rows[0].n)).toBeGreaterThanOrEqual(POSTS.length)
  })
})

describe('similarListingIds', () => {
  it('finds the related offer for a need, best first, never the post itself or another need', async () => {
    const need = await ctx.db.selectFrom('listings').select(['id', 'search_tokens']).where('id', '=', ids['yak-winter']).executeTakeFirstOrThrow()
    const found = keysOf(await similarListingIds(ctx.db, { tokens: need.search_tokens, side: 'offer', limit: 5, excludeId: need.id }))
    expect(found[0]).toBe('yak-offer')
    expect(found).toContain('yak-mention')
    expect(found).not.toContain('yak-winter')
    expect(found).not.toContain('barley') // a need
    expect(found).not.toContain('kiwi')
  })

  it('finds the barley offer for the barley need, and respects category', async () => {
    const tokens = searchTokens(POSTS[3].title, POSTS[3].description)
    expect(keysOf(await similarListingIds(ctx.db, { tokens, side: 'offer', limit: 5 }))[0]).toBe('barley-offer')
    expect(keysOf(await similarListingIds(ctx.db, { tokens, side: 'offer', category: 'it', limit: 5 }))).toEqual([])
  })

  it('never returns unpublished posts', async () => {
    const tokens = searchTokens('牦牛冬季补饲', '牦牛 虫草 青稞 审核 驳回 关闭')
    const found = await similarListingIds(ctx.db, { tokens, side: 'need', limit: 20 })
    for (const key of ['yak-pending', 'yak-rejected', 'yak-closed']) expect(found).not.toContain(ids[key])
    expect(found).toContain(ids['yak-winter'])
  })

  it('uses at most 8 distinctive words, rare and title words first, boilerplate last', () => {
    const tokens = searchTokens('牦牛冬季补饲技术求助', '甘孜县色达的牦牛冬季掉膘严重，希望有专家上门指导补饲和防疫，联系电话见下方，欢迎咨询合作。')
    const words = distinctiveWords(tokens)
    expect(words).toHaveLength(8)
    expect(words).toEqual(expect.arrayContaining(['牦牛', '掉膘']))
    // One slot for 甘孜县 / 甘孜: a word inside a chosen one is skipped.
    expect(words.filter((w) => w.startsWith('甘孜'))).toHaveLength(1)
    for (const boring of ['技术', '求助', '专家', '联系', '联系电话', '欢迎']) expect(words).not.toContain(boring)
    // Numbers say nothing about the topic.
    const counted = distinctiveWords(searchTokens('牦牛30头', '2024年买的牦牛'))
    expect(counted[0]).toBe('牦牛')
    expect(counted).not.toContain('30')
    expect(counted).not.toContain('2024')
  })

  it('leaves out words that many recent posts share (per-database word shares)', () => {
    const tokens = searchTokens('牦牛冬季补饲', '这边牦牛掉膘')
    expect(distinctiveWords(tokens, 5)).toContain('这边')
    // In 40 % of recent posts: a template phrase, not a topic.
    expect(distinctiveWords(tokens, 5, new Map([['这边', 0.4]]))).not.toContain('这边')
  })

  it('learns from the database which words every post uses, and does not match on them', async () => {
    // 600 posts that all say 微信同号 (a turn of phrase, in > 5 % of recent posts), then an offer
    // sharing only that phrase with the need, and one sharing its topic.
    const now = new Date().toISOString()
    const filler = Array.from({ length: 600 }, (_, i) => {
      const title = `第${i}号测试帖子`
      const description = `编号${i}，微信同号，欢迎来电。`
      return {
        side: 'need', title, category: 'other', region_code: CHENGDU_TOWNSHIP, description, author_id: authorId,
        contact_name: '王五', contact_phone_encrypted: 'x', status: 'published', check_suggest: 'pass',
        search_tokens: searchTokens(title, description), idempotency_key: `filler-${i}`, created_at: now, updated_at: now, published_at: now,
      }
    })
    await ctx.db.insertInto('listings').values(filler).execute()
    const phraseOnly = await insertPost({ key: 'phrase-only', title: '出售二手电动三轮车', description: '九成新，微信同号。', side: 'offer', category: 'other' })
    const topic = await insertPost({ key: 'topic', title: '藏香猪仔猪供应', description: '自家繁育的藏香猪仔猪，包成活。', side: 'offer' })
    const need = searchTokens('求购藏香猪仔猪', '想买二十头藏香猪仔猪，微信同号。')
    // A transaction is a new Kysely instance: its word shares are sampled afresh (≥ 500 posts now).
    const found = await ctx.db.transaction().execute((trx) => similarListingIds(trx, { tokens: need, side: 'offer', limit: 10 }))
    expect(found[0]).toBe(topic)
    expect(found).not.toContain(phraseOnly)
    const stats = await ctx.db.transaction().execute((trx) => wordStats(trx))
    expect(stats.n).toBeGreaterThanOrEqual(500)
    expect(stats.shares.get('同号')).toBeGreaterThan(0.05)
    // Search itself still finds the phrase: the shares only steer matching (and BM25's IDF).
    expect(await search('微信同号', { side: 'offer' })).toContain(phraseOnly)
  })

  it('returns [] for tokens with no word, without querying', async () => {
    expect(await similarListingIds(ctx.db, { tokens: '', side: 'offer', limit: 5 })).toEqual([])
    expect(await similarListingIds(ctx.db, { tokens: '  ', side: 'offer', limit: 5 })).toEqual([])
  })
})

describe('GET /api/listings?q=: the last page', () => {
  it('offers no next page past the last one the query takes (page 50), even with more matches', async () => {
    // 51 matches, one a page: page 50 has a 51st behind it, but page 51 is refused (page ≤ 50).
    for (let i = 0; i < 51; i++) await insertPost({ key: `sea-buckthorn-${i}`, title: `沙棘果苗出售第${i}批`, description: '川西高原沙棘果苗，成活率高。', side: 'offer' })
    const get = async (query: string) => {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/listings?q=${encodeURIComponent('沙棘')}&limit=1&${query}` })
      expect(res.statusCode).toBe(200)
      return res.json()
    }
    expect(await get('page=49')).toMatchObject({ nextPage: 50, next: expect.any(String) })
    const fifty = await get('page=50')
    expect(fifty.items).toHaveLength(1)
    expect(fifty).toMatchObject({ nextPage: null, next: null })
    const following = await get(`cursor=${(await get('page=49')).next}`)
    expect(following).toMatchObject({ nextPage: null, next: null })
    expect(following.items).toEqual(fifty.items)
  })
})
