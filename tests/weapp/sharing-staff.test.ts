// Staff and article links on the real weapp build: the import preview shows the buttons the
// importer suggests (staff untick one, the rest are published with the article), and the links
// editor attaches, reorders and removes an existing article's buttons; a wrong id is refused in
// Chinese. Related articles show on a post's page.
import { SEED_CONTEST_NAME } from '../../server/src/seed/article-links'
import { SEED_ARTICLES } from '../../server/src/seed/articles'
import { signInDemo, useWeapp, type PageHandle } from './harness'

const weapp = useWeapp()
const IMPORT = 'packages/staff/news-import/index'
const EDITOR = 'packages/staff/article-links/index'
const TITLE = '来马镇动员农牧民注册天府科技云'
const TEXT = [
  '3120 期 / 第2版:基层',
  TITLE,
  '本报讯 近日,甘孜县来马镇召开智慧科普动员会,组织村干部和科普志愿者帮助农牧民注册使用“天府科技云”平台,发布科技所能所需,并举荐本地乡土人才参加大赛。',
  '会上还介绍了牦牛养殖等方面的科技成果。(来马镇科协)',
].join('\n')

const within = (el: Element, name: string) => Array.from(el.querySelectorAll('*')).filter((e) => Array.from(e.classList).some((c) => c.endsWith(name)))
const texts = (page: PageHandle, name: string) => page.all(name).map((e) => e.textContent?.trim())

beforeEach(() => weapp.reset())

test('the import preview suggests buttons from the text; staff drop one and publish the rest with the article', async () => {
  await signInDemo(weapp, 'staff-sc')
  const contest = await weapp.ctx.db.selectFrom('contests').select('id').where('name', '=', SEED_CONTEST_NAME).executeTakeFirstOrThrow()
  const page = await weapp.render(IMPORT)
  await page.waitForText('预览')
  page.type(page.one('news-import__text'), TEXT)
  await page.waitForText(`${Array.from(TEXT).length}/60000`)
  page.tap(page.one('news-import__preview-btn'))
  await page.waitFor(() => page.all('import-article__link').length > 0, 'suggested links')
  const links = page.all('import-article__link')
  const label = (l: Element) => within(l, 'import-article__link-label')[0]?.textContent?.trim()
  expect(links.map(label)).toEqual(['注册天府科技云', '发布科技所需', '举荐乡土人才参赛', '浏览科技成果'])
  expect(links[0].textContent).toContain('文中提到：天府科技云、注册')

  // Staff untick 浏览科技成果.
  page.tap(links[3])
  await page.waitFor(() => within(page.all('import-article__link')[3], 'import-article__link-box--on').length === 0, 'unticked')

  page.tap(page.one('news-import__publish'))
  await page.waitForText('已发布 1 篇，跳过 0 篇（已存在）')
  const post = weapp.requests.find((r) => r.path === '/api/staff/news')!
  const sent = (post.data as { articles: Array<{ links: Array<{ target: string; targetId: number | null }> }> }).articles[0].links
  expect(sent.map((l) => l.target)).toEqual(['register', 'publish_need', 'contest_nominate'])
  expect(sent[2].targetId).toBe(contest.id)
  const article = await weapp.ctx.db.selectFrom('articles').select('id').where('title', '=', TITLE).executeTakeFirstOrThrow()
  const stored = await weapp.ctx.db.selectFrom('article_links').select(['target', 'target_id']).where('article_id', '=', article.id).orderBy('position').execute()
  expect(stored.map((l) => l.target)).toEqual(['register', 'publish_need', 'contest_nominate'])
})

test('the links editor: add, reorder, remove, save; an unknown id is refused in Chinese', async () => {
  await signInDemo(weapp, 'staff-sc')
  // The seed page's lead story (no links yet).
  const lead = await weapp.ctx.db.selectFrom('articles').select(['id', 'title']).where('title', '=', SEED_ARTICLES[0].title).executeTakeFirstOrThrow()
  const page = await weapp.render(EDITOR, { id: String(lead.id) })
  await page.waitForText(lead.title)
  expect(page.all('article-links__row')).toEqual([])

  page.tap(page.byText('+ 科技成果'))
  page.tap(page.byText('+ 注册天府科技云'))
  await page.waitFor(() => page.all('article-links__row').length === 2, 'two rows')
  // 注册 first: move it up.
  page.tap(within(page.all('article-links__row')[1], 'article-links__tool')[0])
  const targets = () => page.all('article-links__target').map((t) => t.textContent?.replace(/^\d+\.\s*/, '').trim())
  await page.waitFor(() => targets()[0] === '注册天府科技云', 'reordered')
  expect(targets()).toEqual(['注册天府科技云', '科技成果'])

  // A post that does not exist.
  page.tap(page.byText('+ 一条所能所需或成果'))
  await page.waitFor(() => page.all('article-links__id').length === 1, 'the id field')
  page.type(page.one('article-links__id'), '999999')
  page.tap(page.one('article-links__save'))
  await page.waitForText('编号 999999 不存在')
  expect(page.text()).toContain('要链接的比赛、工作室或信息不存在，请检查编号')
  expect(await weapp.ctx.db.selectFrom('article_links').select('id').where('article_id', '=', lead.id).execute()).toEqual([])

  // Remove it and save the other two.
  page.tap(within(page.all('article-links__row')[2], 'article-links__tool--danger')[0])
  await page.waitFor(() => page.all('article-links__row').length === 2, 'removed')
  page.tap(page.one('article-links__save'))
  await page.waitFor(() => weapp.toasts.some((t) => t.title === '已保存'), 'saved')
  const stored = await weapp.ctx.db.selectFrom('article_links').select(['target', 'label']).where('article_id', '=', lead.id).orderBy('position').execute()
  expect(stored).toEqual([
    { target: 'register', label: '注册天府科技云' },
    { target: 'achievements', label: '浏览科技成果' },
  ])

  // The article page shows them, and staff see the way to this editor.
  const article = await weapp.render('packages/news/article/index', { id: String(lead.id) })
  await article.waitForText('编辑文章链接（工作人员）')
  expect(texts(article, 'article__link')).toEqual(['您已注册 · 查看我的', '浏览科技成果'])
})

test('anyone else is turned away from the editor', async () => {
  await signInDemo(weapp, 'farmer-zhaxi')
  const page = await weapp.render(EDITOR, { id: '1' })
  await page.waitFor(() => page.all('state--forbidden').length === 1, 'forbidden')
  expect(weapp.sent).toEqual([])
})

test('a post’s page shows the articles that link to it (相关报道)', async () => {
  const listing = await weapp.ctx.db.selectFrom('listings').select(['id']).where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow()
  const lead = await weapp.ctx.db.selectFrom('articles').select(['id', 'title']).orderBy('id', 'desc').executeTakeFirstOrThrow()
  await weapp.ctx.db
    .insertInto('article_links')
    .values({ article_id: lead.id, target: 'listing', target_id: listing.id, label: '查看这条需求', position: 9, created_at: new Date().toISOString() })
    .execute()
  const page = await weapp.render('packages/listings/detail/index', { id: String(listing.id) })
  await page.waitForText('相关报道')
  expect(within(page.one('detail__related'), 'article-card__title').map((e) => e.textContent?.trim())).toEqual([lead.title])
})
