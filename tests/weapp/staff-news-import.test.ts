// 导入科技报 (packages/staff/news-import) on the real weapp build against a real server: staff paste
// a 四川科技报 page, check the articles the server found (第3109期), correct a title and publish;
// the database has them. Pasting the page again marks them 已发布过 (left out by default). The
// paste and the corrections survive the page closing. Anyone else is turned away.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseNewspaperPage } from '../../server/src/modules/news/importer'
import { useWeapp, type PageHandle, signInDemo } from './harness'

const weapp = useWeapp()
const PAGE = 'packages/staff/news-import/index'
const TEXT = readFileSync(join(__dirname, '../fixtures/newspaper/3109-page1.txt'), 'utf8')
const TITLES = parseNewspaperPage(TEXT, {}).articles.map((a) => a.title)
const EDITED = '川西平原首个智慧农场投入运行（校对后）'

const signInAs = (userKey: string) => signInDemo(weapp, userKey)

let current: PageHandle
const cards = (page: PageHandle) => page.all('import-article')
/** The title input's value, as the compiled template set it. */
const titleValue = (card: Element) => current.attr(within(card, 'import-article__title')[0], 'value')
const within = (card: Element, name: string) =>
  Array.from(card.querySelectorAll('*')).filter((el) => Array.from(el.classList).some((c) => c.endsWith(name)))

async function pasteAndPreview(page: PageHandle) {
  current = page
  page.type(page.one('news-import__text'), TEXT)
  await page.waitForText(`${Array.from(TEXT).length}/60000`)
  page.tap(page.one('news-import__preview-btn'))
  await page.waitFor(() => cards(page).length === TITLES.length, `${TITLES.length} article cards`)
}

beforeEach(() => weapp.reset())

test('fixture sanity: the page has several articles, none published yet', async () => {
  expect(TITLES.length).toBeGreaterThan(1)
  expect(TITLES[0]).toBe('川西平原首个智慧农场投入运行')
  const rows = await weapp.ctx.db.selectFrom('articles').select('title').where('title', 'in', TITLES).execute()
  expect(rows).toEqual([])
})

test('我的 → 科协工作台 has 导入科技报 for staff', async () => {
  await signInAs('staff-sc')
  const page = await weapp.render('pages/mine/index')
  await page.waitForText('科协工作台')
  page.tap(page.byText('导入科技报'))
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: '/packages/staff/news-import/index' }])
})

test('staff paste a page, check and correct it, publish; the same page again shows 已发布过', async () => {
  await signInAs('staff-sc')
  let page = await weapp.render(PAGE)
  await page.waitForText('预览')
  // Too short: refused on the phone.
  page.type(page.one('news-import__text'), '太短了')
  await page.waitForText('3/60000')
  page.tap(page.one('news-import__preview-btn'))
  await page.waitForText('请粘贴整版报纸的文字（至少 20 个字）')
  expect(weapp.sent).toEqual([])

  await pasteAndPreview(page)
  expect(page.one('news-import__page').textContent).toContain('第3109期')
  expect(page.one('news-import__page').textContent).toContain('第1版')
  expect(cards(page).map(titleValue)).toEqual(TITLES)
  expect(page.text()).not.toContain('已发布过')
  expect(page.one('news-import__publish').textContent?.trim()).toBe(`发布 ${TITLES.length} 篇`)
  expect(weapp.requests.find((r) => r.path === '/api/staff/news/preview')).toMatchObject({ method: 'POST', status: 200 })

  // Correct the first title; the correction is kept in the draft, so closing the page loses nothing.
  page.type(within(cards(page)[0], 'import-article__title')[0], EDITED)
  await page.waitFor(() => titleValue(cards(page)[0]) === EDITED, 'the edited title')
  page.unload()
  page = await weapp.render(PAGE)
  current = page
  await page.waitFor(() => cards(page).length === TITLES.length, 'the preview back from the draft')
  expect(titleValue(cards(page)[0])).toBe(EDITED)
  expect(page.one('news-import__page').textContent).toContain('第3109期')

  page.tap(page.one('news-import__publish'))
  await page.waitForText(`已发布 ${TITLES.length} 篇，跳过 0 篇（已存在）`)
  const post = weapp.requests.find((r) => r.path === '/api/staff/news')!
  expect(post).toMatchObject({ method: 'POST', status: 200 })
  const sent = (post.data as { articles: Array<{ title: string; paragraphs: string[] }> }).articles
  expect(sent.map((a) => a.title)).toEqual([EDITED, ...TITLES.slice(1)])
  expect(sent.every((a) => a.paragraphs.length > 0 && a.paragraphs.every((p) => p.trim() === p && p.length > 0))).toBe(true)

  // The news list's order (newest id first) is the page's order.
  const rows = await weapp.ctx.db.selectFrom('articles').select(['title', 'issue_no']).where('title', 'in', [EDITED, ...TITLES]).orderBy('id', 'desc').execute()
  expect(rows.map((r) => r.title)).toEqual([EDITED, ...TITLES.slice(1)])
  expect(rows.every((r) => r.issue_no === 3109)).toBe(true)

  page.tap(page.byText('查看科技资讯'))
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'switchTab', url: '/pages/news/index' }])

  // The same page again: the server recognises what is already published; those are left out.
  await pasteAndPreview(page)
  const again = cards(page)
  // Every article, the one whose title staff corrected too: it keeps the key of the article as parsed.
  for (const card of again) {
    expect(within(card, 'import-article__dup').map((el) => el.textContent?.trim())).toEqual(['已发布过'])
    expect(within(card, 'import-article__box--on')).toHaveLength(1)
  }
  expect(page.one('news-import__publish').textContent?.trim()).toBe('没有要发布的文章')
}, 20_000)

test('the masthead line sets date and 版; staff fill in the 期号 in the preview, and no command-line hint is shown (issue 12)', async () => {
  const page_ = [
    '四川科技报　２０２６年１２月４日　第１版　要闻',
    '理塘县牧民学会牦牛冬季补饲',
    '本报讯 近日，理塘县科协组织专家走进牧场，向牧民讲解牦牛冬季补饲和暖棚建设技术，三百余户牧民参加培训。专家还留下了联系电话，方便牧民随时请教。',
    '（本报记者 卓玛）',
    '稻城县开展青稞新品种示范',
    '本报讯 稻城县农业农村局在三个乡镇开展青稞新品种示范种植，示范面积五百亩，亩产比老品种提高两成。县科协组织科普志愿者到田间讲解种植要点。',
    '（本报记者 格桑）',
  ].join('\n')
  await signInAs('staff-sc')
  const page = await weapp.render(PAGE)
  current = page
  await page.waitForText('预览')
  page.type(page.one('news-import__text'), page_)
  await page.waitForText(`${Array.from(page_).length}/60000`)
  page.tap(page.one('news-import__preview-btn'))
  await page.waitFor(() => cards(page).length === 2, '2 article cards')
  const value = (name: string) => page.attr(page.one(name), 'value')
  expect([value('news-import__page-date'), value('news-import__page-issue'), value('news-import__page-no'), value('news-import__page-name')]).toEqual(['2026-12-04', '', '1', '要闻'])
  // The masthead is not the first article's subtitle.
  expect(page.attr(within(cards(page)[0], 'import-article__subtitle')[0], 'value')).toBe('')
  expect(page.text()).not.toMatch(/--date|YYYY/)

  page.type(page.one('news-import__page-issue'), '第三期')
  page.tap(page.one('news-import__publish'))
  await page.waitForText('期号请填数字，如 3109')
  expect(weapp.requests.find((r) => r.path === '/api/staff/news')).toBeUndefined()
  page.type(page.one('news-import__page-issue'), '3200')
  await page.waitFor(() => value('news-import__page-issue') === '3200', 'the 期号')
  page.tap(page.one('news-import__publish'))
  await page.waitForText('已发布 2 篇，跳过 0 篇（已存在）')
  const rows = await weapp.ctx.db
    .selectFrom('articles')
    .select(['title', 'subtitle', 'issue_no', 'page_no', 'page_name', 'published_on'])
    .where('title', 'in', ['理塘县牧民学会牦牛冬季补饲', '稻城县开展青稞新品种示范'])
    .orderBy('id', 'desc')
    .execute()
  // Newest first is the page's order: the lead article heads the news list.
  expect(rows).toEqual([
    { title: '理塘县牧民学会牦牛冬季补饲', subtitle: null, issue_no: 3200, page_no: 1, page_name: '要闻', published_on: '2026-12-04' },
    { title: '稻城县开展青稞新品种示范', subtitle: null, issue_no: 3200, page_no: 1, page_name: '要闻', published_on: '2026-12-04' },
  ])
})

test('a person who is not staff sees 仅科协工作人员可用', async () => {
  await signInAs('chair-ganzi')
  const page = await weapp.render(PAGE)
  await page.waitForText('仅科协工作人员可用')
  expect(page.all('news-import__text')).toEqual([])
  expect(weapp.sent).toEqual([])
})

test('the server decides: a stale staff profile is refused on 预览 with 仅科协工作人员可用', async () => {
  const session = await signInAs('chair-ganzi')
  weapp.storage.set('session.user', { ...session.user, isStaff: true })
  const page = await weapp.render(PAGE)
  await page.waitForText('预览')
  page.type(page.one('news-import__text'), TEXT)
  await page.waitForText(`${Array.from(TEXT).length}/60000`)
  page.tap(page.one('news-import__preview-btn'))
  await page.waitForText('仅科协工作人员可用')
  expect(weapp.requests.find((r) => r.path === '/api/staff/news/preview')).toMatchObject({ status: 403 })
  expect(page.all('import-article')).toEqual([])
})
