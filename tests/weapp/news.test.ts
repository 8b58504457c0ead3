// 科技资讯 on the real weapp build: the paged list (reach-bottom loads more) and an article page
// as someone opening a shared link sees it — no login needed.
import { createArticle } from '../../server/src/modules/news/news.service'
import { useWeapp, LANG_STORAGE_KEY } from './harness'

const weapp = useWeapp()
const EXTRA = 25

beforeAll(async () => {
  // 5 seeded + 25 here = 30 articles: three pages of 10.
  for (let i = 1; i <= EXTRA; i++) {
    await createArticle(weapp.ctx.db, {
      kind: 'article',
      title: `测试资讯第${i}篇`,
      subtitle: null,
      byline: null,
      paragraphs: [`第${i}篇的正文。`],
      photos: [],
      publishedOn: '2022-07-01',
      issueNo: null,
      pageNo: null,
      pageName: null,
      originalUrl: null,
    }, new Date())
  }
})
beforeEach(() => weapp.reset())

test('the list shows 10 articles, then 20 and 30 on reaching the bottom, then 没有更多了', async () => {
  const all = await weapp.ctx.db.selectFrom('articles').select('title').orderBy('id', 'desc').execute()
  expect(all).toHaveLength(30)
  const page = await weapp.render('pages/news/index')
  const titles = () => page.all('article-card__title').map((el) => el.textContent?.trim())

  await page.waitFor(() => titles().length === 10, '10 articles')
  expect(titles()).toEqual(all.slice(0, 10).map((a) => a.title))
  expect(page.text()).not.toContain('没有更多了')

  page.instance.onReachBottom()
  await page.waitFor(() => titles().length === 20, '20 articles')
  expect(page.text()).not.toContain('没有更多了')

  page.instance.onReachBottom()
  await page.waitFor(() => titles().length === 30, '30 articles')
  await page.waitForText('没有更多了')
  expect(titles()).toEqual(all.map((a) => a.title))
  expect(new Set(titles()).size).toBe(30)
  // The footer comes after the last card.
  const footer = page.one('list-footer')
  const cards = page.all('article-card')
  expect(cards[cards.length - 1].compareDocumentPosition(footer) & 4 /* FOLLOWING */).toBeTruthy()

  // At the end, reaching the bottom again asks for nothing more.
  const before = weapp.sent.length
  page.instance.onReachBottom()
  await new Promise((r) => setImmediate(r)) // a request would have been handed to wx.request by now
  expect(titles()).toHaveLength(30)
  expect(weapp.sent.length).toBe(before)
  expect(weapp.requests.map((r) => r.path)).toEqual([
    '/api/news?limit=10',
    `/api/news?limit=10&cursor=${(weapp.requests[0].body as { next: string }).next}`,
    `/api/news?limit=10&cursor=${(weapp.requests[1].body as { next: string }).next}`,
  ])
})

test('tapping an article card opens its article page', async () => {
  const page = await weapp.render('pages/news/index')
  await page.waitFor(() => page.all('article-card').length > 0, 'article cards')
  const first = await weapp.ctx.db.selectFrom('articles').select(['id', 'title']).orderBy('id', 'desc').executeTakeFirstOrThrow()
  page.tap(page.byText(first.title))
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: `/packages/news/article/index?id=${first.id}` }])
})

test('an article page reads in full without any login, and shares its own title and id', async () => {
  const lead = await weapp.ctx.db
    .selectFrom('articles')
    .select(['id', 'title', 'paragraphs'])
    .where('title', '=', '“十个共同”推动川渝协同创新全面提速')
    .executeTakeFirstOrThrow()
  // Nothing on the phone but the language chosen on an earlier open.
  expect([...weapp.storage.keys()]).toEqual([LANG_STORAGE_KEY])

  const page = await weapp.render('packages/news/article/index', { id: String(lead.id) })
  await page.waitForText('（本报记者 马静璐）')
  expect(page.one('article__title').textContent?.trim()).toBe(lead.title)
  expect(page.one('article__subtitle').textContent?.trim()).toBe('唱好双城记 共建经济圈')
  const paragraphs = JSON.parse(lead.paragraphs) as string[]
  expect(page.all('article__p').map((el) => el.textContent?.trim())).toEqual(paragraphs)
  expect(page.one('article__byline').textContent?.trim()).toBe('（本报记者 马静璐）')

  // Nobody logged in: no wx.login, no token sent, nothing stored, no login page opened.
  expect(weapp.loginCodes).toEqual([])
  expect(weapp.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([`GET /api/news/${lead.id} 200`])
  expect(weapp.requests[0].headers.Authorization).toBeUndefined()
  expect(weapp.nav).toEqual([])

  // Sharing: to a chat with the title and a path back to this article; to Moments with the id.
  expect(page.instance.onShareAppMessage({ from: 'menu' })).toEqual({
    title: lead.title,
    path: `/packages/news/article/index?id=${lead.id}`,
  })
  expect(page.instance.onShareTimeline()).toEqual(expect.objectContaining({ title: lead.title, query: `id=${lead.id}` }))
})

test('an article that does not exist says so and offers the way home, not 重试 (issue 12)', async () => {
  const page = await weapp.render('packages/news/article/index', { id: '999999' })
  await page.waitForText('没有找到这个内容')
  expect(page.text()).not.toContain('重试')
  page.tap(page.byText('返回首页'))
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'reLaunch', url: '/pages/index/index' }])
})
