import { SEED_ARTICLES } from '../../server/src/seed/articles'
import { current, open, overflowing, snap, startE2E, tapText, waitForRoute, type E2E } from './harness'

// Reading the newspaper needs no account: the list, an article, a photo story, and a shared link
// opened on a phone that has never seen the site.
jest.setTimeout(60_000)

const LEAD = SEED_ARTICLES[0]
const PHOTO = SEED_ARTICLES.find((a) => a.kind === 'photo')!
const ARTICLE_ROUTE = '/packages/news/article/index'

let e2e: E2E
let leadId: number
beforeAll(async () => {
  e2e = await startE2E()
  const row = await e2e.ctx.db.selectFrom('articles').select('id').where('title', '=', LEAD.title).executeTakeFirstOrThrow()
  leadId = row.id
})
afterAll(async () => {
  await e2e?.close()
})

/** The article page's paragraphs, as shown. */
async function paragraphs(page: Parameters<typeof current>[0]): Promise<string[]> {
  return current(page).locator('.article__p').allInnerTexts()
}

test('reads the lead article and the photo story without logging in', async () => {
  e2e.requests.length = 0
  const { page } = await e2e.newPhone()
  const list = await open(page, '/pages/news/index')
  const cards = list.locator('.article-card')
  await cards.first().getByText(LEAD.title, { exact: true }).waitFor()
  expect(await overflowing(page)).toEqual([])
  // Newest first: the page's lead story heads the list.
  expect(await cards.count()).toBe(SEED_ARTICLES.length)
  await snap(page, 'news-1-list')

  await tapText(page, LEAD.title)
  const article = await waitForRoute(page, ARTICLE_ROUTE)
  await article.locator('.article__title').getByText(LEAD.title, { exact: true }).waitFor()
  await article.getByText(LEAD.subtitle!, { exact: true }).waitFor()
  expect(await paragraphs(page)).toEqual(LEAD.paragraphs)
  await article.locator('.article__byline').getByText('（本报记者 马静璐）', { exact: true }).waitFor()
  await article.getByText('四川科技报 2022年6月 · 第1版 要闻', { exact: true }).waitFor()
  expect(page.url()).toContain(`${ARTICLE_ROUTE}?id=${leadId}`)
  // Every line fits the phone's width; nothing runs off the right edge.
  expect(await overflowing(page)).toEqual([])
  await snap(page, 'news-2-article')

  // Back to the list (the browser's back, as on a phone), then the photo story.
  await page.goBack()
  await waitForRoute(page, '/pages/news/index')
  await tapText(page, PHOTO.title)
  const photo = await waitForRoute(page, ARTICLE_ROUTE)
  await photo.locator('.article__title').getByText(PHOTO.title, { exact: true }).waitFor()
  await photo.locator('.article__tag').getByText('图片新闻', { exact: true }).waitFor()
  expect(await paragraphs(page)).toEqual(PHOTO.paragraphs)
  await photo.locator('.article__byline').getByText(`（${PHOTO.byline}）`, { exact: true }).waitFor()
  expect(await overflowing(page)).toEqual([])
  await snap(page, 'news-3-photo')

  // Nobody signed in, and nothing but public news was asked for.
  expect(await page.evaluate(() => localStorage.getItem('session.token'))).toBeNull()
  const api = e2e.requests.filter((r) => r.url.startsWith('/api/')).map((r) => r.url)
  expect(api.length).toBeGreaterThan(0)
  for (const url of api) expect(url).toMatch(/^\/api\/news(\?|\/\d+$)/)
})

test('a shared link opens the article on a phone that has never seen the site', async () => {
  const { context, page } = await e2e.newPhone()
  expect(await context.storageState()).toMatchObject({ cookies: [], origins: [] })
  const article = await open(page, `${ARTICLE_ROUTE}?id=${leadId}`)
  await article.locator('.article__title').getByText(LEAD.title, { exact: true }).waitFor()
  expect(await paragraphs(page)).toEqual(LEAD.paragraphs)
  await article.locator('.article__byline').getByText('（本报记者 马静璐）', { exact: true }).waitFor()
  await snap(page, 'news-4-shared-link')

  // Opened alone, the page offers the way into the rest of the site.
  await tapText(page, '去天府科技云首页')
  const home = await waitForRoute(page, '/pages/index/index')
  await home.getByText('天府科技云', { exact: true }).waitFor()
})

test('a link to an article that does not exist says so in Chinese', async () => {
  const { page } = await e2e.newPhone()
  const article = await open(page, `${ARTICLE_ROUTE}?id=999999`)
  // Not there: it says so and offers the way home, not a 重试 that cannot help (issue 12, 11).
  await article.getByText('没有找到这个内容', { exact: true }).waitFor()
  await article.getByText('返回首页', { exact: true }).waitFor()
  expect(await article.getByText('重试', { exact: true }).count()).toBe(0)
  await snap(page, 'news-5-missing')
})
