// 四川科技报 articles: the public list and detail pages, seeded from the June 2022 front page.
import { SEED_ARTICLES } from '../../server/src/seed/articles'
import { seedDemoData } from '../../server/src/seed/seed'
import { useTestContext } from './helpers'
import { BAD_CURSORS, idsOf, PAGE_CURSOR, walkPages } from './paging'

const CHINESE = /[\u4e00-\u9fa5]/

const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers })

const ctx = useTestContext()
beforeAll(async () => {
  await seedDemoData(ctx.db, ctx.config.phoneEncryptionKey, new Date())
})

describe('GET /api/news', () => {
  it('lists the five front-page articles without a login, the lead article first', async () => {
    const res = await get('/api/news')
    expect(res.statusCode).toBe(200)
    const { items, nextCursor } = res.json()
    expect(items).toHaveLength(5)
    expect(nextCursor).toBeNull()
    expect(items[0].title).toMatch(/^“十个共同”/)
    expect(items[0].subtitle).toBe('唱好双城记 共建经济圈')
    // In the order the page prints them.
    expect(items.map((a: { title: string }) => a.title)).toEqual(SEED_ARTICLES.map((a) => a.title))
    for (const item of items) {
      expect(item).toMatchObject({ publishedOn: '2022-06', pageNo: 1, pageName: '要闻' })
      expect(item.excerpt.length).toBeGreaterThan(10)
      // A list item is a summary: the full text is only in the detail.
      expect(item).not.toHaveProperty('paragraphs')
    }
  })

  it('gives excerpts from the first paragraph without the 本报讯 dateline, cut at 60 characters', async () => {
    const { items } = (await get('/api/news')).json()
    const lead = items[0]
    expect(lead.excerpt).not.toMatch(/^本报讯/)
    expect(lead.excerpt).toMatch(/…$/)
    expect(Array.from(lead.excerpt as string).length).toBeLessThanOrEqual(61)
    const detail = (await get(`/api/news/${lead.id}`)).json()
    expect(detail.paragraphs[0]).toContain(lead.excerpt.replace(/…$/, ''))
  })

  it('still answers a reader whose login has expired', async () => {
    const res = await get('/api/news', { authorization: 'Bearer ' + 'a'.repeat(43) })
    expect(res.statusCode).toBe(200)
    expect(res.json().items).toHaveLength(5)
  })

  it('pages through all five, two at a time, with no duplicates', async () => {
    const all = (await get('/api/news')).json().items.map((a: { id: number }) => a.id)
    const seen: number[] = []
    const pageSizes: number[] = []
    let cursor: number | null = null
    for (let page = 0; page < 10; page++) {
      const res = await get(`/api/news?limit=2${cursor === null ? '' : `&before=${cursor}`}`)
      expect(res.statusCode).toBe(200)
      const body = res.json()
      pageSizes.push(body.items.length)
      seen.push(...body.items.map((a: { id: number }) => a.id))
      cursor = body.nextCursor
      if (cursor === null) break
      expect(cursor).toBe(body.items[body.items.length - 1].id)
    }
    expect(pageSizes).toEqual([2, 2, 1])
    expect(cursor).toBeNull()
    expect(seen).toEqual(all)
    expect(new Set(seen).size).toBe(5)
  })

  it('says there is no next page when the last page is exactly full', async () => {
    expect((await get('/api/news?limit=5')).json().nextCursor).toBeNull()
    const four = (await get('/api/news?limit=4')).json()
    expect(four.items).toHaveLength(4)
    expect(four.nextCursor).not.toBeNull()
    const rest = (await get(`/api/news?limit=4&before=${four.nextCursor}`)).json()
    expect(rest.items).toHaveLength(1)
    expect(rest.nextCursor).toBeNull()
  })

  it('pages with `next` passed back as `cursor` to the end, every article once, the old field beside it', async () => {
    const all = (await get('/api/news')).json().items.map((a: { id: number }) => a.id)
    const pages = await walkPages(async (cursor) => {
      const res = await get(`/api/news?limit=2${cursor}`)
      expect(res.statusCode).toBe(200)
      return res.json()
    })
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1])
    expect(idsOf(pages)).toEqual(all)
    // Older builds read nextCursor (the last id shown) until 2027-03-01.
    expect(pages.map((p) => p.nextCursor)).toEqual([all[1], all[3], null])
  })

  it.each(BAD_CURSORS)('refuses a cursor that is %s with 400 CURSOR_INVALID', async (_, cursor) => {
    const res = await get(`/api/news?cursor=${encodeURIComponent(cursor)}`)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'CURSOR_INVALID', message: '翻页位置无效，请刷新列表后重试' })
  })

  it('refuses a search-page cursor on this newest-first list', async () => {
    expect((await get(`/api/news?cursor=${PAGE_CURSOR}`)).json().code).toBe('CURSOR_INVALID')
  })

  it.each(['limit=0', 'limit=51', 'limit=-3', 'limit=2.5', 'limit=abc', 'before=abc', 'before=0'])(
    'refuses %s with 400',
    async (query) => {
      const res = await get(`/api/news?${query}`)
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(CHINESE) })
    },
  )

  it('accepts the limits 1 and 50', async () => {
    expect((await get('/api/news?limit=1')).json().items).toHaveLength(1)
    expect((await get('/api/news?limit=50')).json().items).toHaveLength(5)
  })
})

describe('GET /api/news/:id', () => {
  async function findByTitle(pattern: RegExp) {
    const { items } = (await get('/api/news')).json()
    const item = items.find((a: { title: string }) => pattern.test(a.title))
    expect(item).toBeDefined()
    return item as { id: number; title: string }
  }

  it('gives the full article: paragraphs and byline', async () => {
    const lead = await findByTitle(/^“十个共同”/)
    const res = await get(`/api/news/${lead.id}`)
    expect(res.statusCode).toBe(200)
    const article = res.json()
    expect(article).toMatchObject({ id: lead.id, kind: 'article', title: lead.title, byline: '本报记者 马静璐', photos: [] })
    expect(article.paragraphs.length).toBeGreaterThan(5)
    for (const p of article.paragraphs) expect(p).toMatch(CHINESE)
    expect(article.paragraphs.join('')).toContain('十是共同推进高端人才引进')
  })

  it('marks the photo story as a photo with its caption', async () => {
    const { items } = (await get('/api/news')).json()
    const photos = items.filter((a: { kind: string }) => a.kind === 'photo')
    expect(photos).toHaveLength(1)
    expect(photos[0].title).toBe('李子俏 果农笑')
    const article = (await get(`/api/news/${photos[0].id}`)).json()
    expect(article.kind).toBe('photo')
    expect(article.byline).toContain('摄影报道')
    expect(article.photos).toHaveLength(1)
    expect(article.photos[0].caption).toMatch(/凤凰李迎来丰收/)
  })

  it('answers 404 NOT_FOUND in Chinese for an id that does not exist', async () => {
    const { items } = (await get('/api/news')).json()
    const missing = Math.max(...items.map((a: { id: number }) => a.id)) + 1000
    const res = await get(`/api/news/${missing}`)
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(CHINESE) })
  })

  it.each(['abc', '-1', '0', '1.5', '1e3x'])('refuses the id %j with 400', async (id) => {
    const res = await get(`/api/news/${id}`)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(CHINESE) })
  })
})
