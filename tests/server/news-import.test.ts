import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTestContext, login, type TestContext } from './helpers'
import { seedDemoData } from '../../server/src/seed/seed'
import { SEED_ARTICLES } from '../../server/src/seed/articles'

// Staff import a newspaper page: paste → preview → publish; a page published twice adds nothing.
const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures', name), 'utf8')
const SEED_PAGE = fixture('sckjb-2022-06-page1.txt')
const PAGE_3109 = fixture('newspaper/3109-page1.txt')

let ctx: TestContext
let staff: { authorization: string }
beforeAll(async () => {
  ctx = await createTestContext()
  await seedDemoData(ctx.db)
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userKey: 'staff-sc', consentVersion: 'v' } })
  staff = { authorization: `Bearer ${res.json().token}` }
})
afterAll(async () => {
  await ctx?.close()
})

const preview = (body: unknown, headers: Record<string, string> = staff) =>
  ctx.app.inject({ method: 'POST', url: '/api/staff/news/preview', headers, payload: body as any })
const publish = (articles: unknown, headers: Record<string, string> = staff) =>
  ctx.app.inject({ method: 'POST', url: '/api/staff/news', headers, payload: { articles } as any })
const count = async () => Number((await ctx.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

test('the seed page previews as its five articles, each recognised as already published', async () => {
  const res = await preview({ text: SEED_PAGE, publishedOn: '2022-06', pageNo: 1, pageName: '要闻' })
  expect(res.statusCode).toBe(200)
  const page = res.json()
  expect(page.articles.map((a: { title: string }) => a.title)).toEqual(SEED_ARTICLES.map((a) => a.title))
  expect(page.articles.every((a: { duplicate: boolean }) => a.duplicate)).toBe(true)
  const before = await count()
  const out = await publish(page.articles.map(({ duplicate: _d, ...a }: { duplicate: boolean }) => a))
  expect(out.json()).toMatchObject({ created: [], skipped: SEED_ARTICLES.map((a) => a.title) })
  expect(await count()).toBe(before)
})

test('a new page is published once, with the corrections staff made; publishing it again adds nothing', async () => {
  const page = (await preview({ text: PAGE_3109 })).json()
  expect(page.issueNo).toBe(3109)
  expect(page.articles.length).toBeGreaterThan(0)
  expect(page.articles.some((a: { duplicate: boolean }) => a.duplicate)).toBe(false)
  const corrected = page.articles.map(({ duplicate: _d, ...a }: { duplicate: boolean; title: string }, i: number) => (i === 0 ? { ...a, byline: '本报记者 校对后' } : a))
  const before = await count()
  const first = (await publish(corrected)).json()
  expect(first.created).toHaveLength(corrected.length)
  expect(await count()).toBe(before + corrected.length)
  const stored = await ctx.db.selectFrom('articles').select('byline').where('id', '=', first.created[0]).executeTakeFirstOrThrow()
  expect(stored.byline).toBe('本报记者 校对后')
  // The public news list shows them.
  const news = (await ctx.app.inject({ method: 'GET', url: '/api/news?limit=50' })).json()
  expect(news.items.map((i: { id: number }) => i.id)).toEqual(expect.arrayContaining(first.created))

  const again = (await publish(corrected)).json()
  expect(again).toEqual({ created: [], skipped: corrected.map((a: { title: string }) => a.title) })
  expect(await count()).toBe(before + corrected.length)
  // Previewing it again marks every article as already published.
  const page2 = (await preview({ text: PAGE_3109 })).json()
  expect(page2.articles.every((a: { duplicate: boolean }) => a.duplicate)).toBe(true)
})

test('an article whose title staff corrected is still recognised when the page comes again', async () => {
  const text = SEED_PAGE.replace('李子俏 果农笑', '李子俏 果农欢笑') // as if the page had a different title
  const page = (await preview({ text })).json()
  const edited = page.articles.find((a: { title: string }) => a.title === '李子俏 果农欢笑')
  expect(edited.duplicate).toBe(false)
  const { duplicate: _d, ...article } = edited
  const out = (await publish([{ ...article, title: '李子俏 果农乐' }])).json()
  expect(out.created).toHaveLength(1)
  const again = (await preview({ text })).json()
  expect(again.articles.find((a: { title: string }) => a.title === '李子俏 果农欢笑').duplicate).toBe(true)
})

test('two staff members publishing the same page at once add each article once', async () => {
  const page = (await preview({ text: fixture('newspaper/3110-page3-messy.txt') })).json()
  const articles = page.articles.map(({ duplicate: _d, ...a }: { duplicate: boolean }) => a)
  const before = await count()
  const [a, b] = await Promise.all([publish(articles), publish(articles)])
  const created = a.json().created.length + b.json().created.length
  expect(created).toBe(articles.length)
  expect(await count()).toBe(before + articles.length)
})

test('only staff may import; bad input is a 4xx with a stable code and a Chinese message', async () => {
  const farmer = await login(ctx.app)
  expect((await preview({ text: SEED_PAGE }, {})).statusCode).toBe(401)
  expect((await preview({ text: SEED_PAGE }, farmer.auth)).statusCode).toBe(403)
  expect((await publish([SEED_ARTICLES[0]], farmer.auth)).statusCode).toBe(403)
  for (const [body, status] of [
    [{ text: 'short' }, 400],
    [{ text: 'x'.repeat(60_001) }, 400],
    [{ text: SEED_PAGE, publishedOn: 'June' }, 400],
    [{ text: 42 }, 400],
  ] as const) {
    const res = await preview(body)
    expect(res.statusCode).toBe(status)
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/)
  }
  for (const articles of [[], [{ title: '' }], Array.from({ length: 31 }, () => SEED_ARTICLES[0])]) {
    const res = await publish(articles)
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('VALIDATION_FAILED')
  }
})
