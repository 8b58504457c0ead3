// Articles ↔ product pages: staff attach, remove and reorder an article's buttons; ids must name
// something that exists; the importer suggests links and publishes the ones staff keep; feature
// pages find their 相关报道; the seed links the 甘孜 training article.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { seedDemoData } from '../../server/src/seed/seed'
import { GANZI_ARTICLE_TITLE, SEED_CONTEST_NAME, seedArticleLinks } from '../../server/src/seed/article-links'
import { useTestContext } from './helpers'
import { createPending } from './listings-fixtures'
import { contestBody } from './contests-fixtures'
import { anArticleId, devLogin, insertContest, type Person } from './sharing-fixtures'

const SEED_PAGE = readFileSync(join(__dirname, '../fixtures/sckjb-2022-06-page1.txt'), 'utf8')

let staff: Person
let farmer: Person
let contestId: number
let fairId: number
let expertId: number
let listingId: number
let ganziId: number
/** The app's clock (deps.now): the import preview's "open contest" is open on it. */
let clock = new Date()
const ctx = useTestContext({}, { now: () => clock })
beforeAll(async () => {
  // The contests exist before the seed runs, as in the demo set-up: the seed links the 甘孜 article to it.
  contestId = await insertContest(ctx, SEED_CONTEST_NAME)
  fairId = await insertContest(ctx, '2023年四川科技成果转化交易会（科创会）', 'fair')
  await seedDemoData(ctx.db, ctx.config.phoneEncryptionKey, clock)
  staff = await devLogin(ctx, 'staff-sc')
  farmer = await devLogin(ctx, 'farmer-zhaxi')
  expertId = (await ctx.db.selectFrom('users').select('id').where('openid', '=', 'dev:expert-li').executeTakeFirstOrThrow()).id
  listingId = (await ctx.db.selectFrom('listings').select('id').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow()).id
  ganziId = (await ctx.db.selectFrom('articles').select('id').where('title', '=', GANZI_ARTICLE_TITLE).executeTakeFirstOrThrow()).id
})

const links = async (articleId: number) => (await ctx.app.inject({ method: 'GET', url: `/api/news/${articleId}` })).json().links
const save = (articleId: number, body: unknown, who: Person = staff) =>
  ctx.app.inject({ method: 'PUT', url: `/api/staff/news/${articleId}/links`, headers: who.auth, payload: body as any })
const related = async (query: string) => {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/news/related?${query}` })
  expect(res.statusCode).toBe(200)
  return res.json().items.map((a: { id: number }) => a.id)
}

test('the seed links the 甘孜 training article to register, publish a need and nominate for the seeded 大赛', async () => {
  expect(await links(ganziId)).toEqual([
    { target: 'register', targetId: null, label: '注册天府科技云' },
    { target: 'publish_need', targetId: null, label: '发布科技所需' },
    { target: 'contest_nominate', targetId: contestId, label: '举荐乡土人才参赛' },
  ])
  // Seeding again adds nothing.
  expect(await seedArticleLinks(ctx.db, new Date())).toBe(0)
  expect(await links(ganziId)).toHaveLength(3)
  // The contest's page finds the article (nominate links count for the contest too).
  expect(await related(`target=contest&targetId=${contestId}`)).toEqual([ganziId])
  expect(await related('target=register')).toEqual([ganziId])
})

test('staff attach, reorder and remove links; labels are worded from the target when left out', async () => {
  const id = await anArticleId(ctx)
  expect(await links(id)).toEqual([])
  const first = await save(id, {
    links: [
      { target: 'listing', targetId: listingId },
      { target: 'studio', targetId: expertId },
      { target: 'contest', targetId: fairId },
      { target: 'achievements', label: '看看专家的科技成果' },
      // An id sent with a target that has none is ignored.
      { target: 'register', targetId: 77 },
    ],
  })
  expect(first.statusCode).toBe(200)
  const title = (await ctx.db.selectFrom('listings').select('title').where('id', '=', listingId).executeTakeFirstOrThrow()).title
  expect(first.json().links).toEqual([
    { target: 'listing', targetId: listingId, label: `查看：${title}`.slice(0, 30) },
    { target: 'studio', targetId: expertId, label: '李建国的科创工作室' },
    { target: 'contest', targetId: fairId, label: expect.stringMatching(/^了解2023年四川科技成果转化交易会/) },
    { target: 'achievements', targetId: null, label: '看看专家的科技成果' },
    { target: 'register', targetId: null, label: '注册天府科技云' },
  ])
  expect(await links(id)).toEqual(first.json().links)
  expect(await related(`target=listing&targetId=${listingId}`)).toEqual([id])
  expect(await related(`target=studio&targetId=${expertId}`)).toEqual([id])
  expect(await related(`target=studio&targetId=${expertId + 1000}`)).toEqual([])

  // Reorder and remove in one save.
  const second = await save(id, { links: [{ target: 'register' }, { target: 'listing', targetId: listingId }] })
  expect(second.json().links.map((l: { target: string }) => l.target)).toEqual(['register', 'listing'])
  expect(await related(`target=studio&targetId=${expertId}`)).toEqual([])
  expect((await save(id, { links: [] })).json().links).toEqual([])
  expect(await related(`target=listing&targetId=${listingId}`)).toEqual([])
})

test('links are validated: unknown ids, missing ids, duplicates, bad targets (4xx with a code), and nothing is saved', async () => {
  const id = await anArticleId(ctx)
  await save(id, { links: [{ target: 'register' }] })
  const cases: Array<[unknown, number, string]> = [
    [{ links: [{ target: 'contest', targetId: 999_999 }] }, 400, 'LINK_TARGET_NOT_FOUND'],
    [{ links: [{ target: 'contest_nominate', targetId: 999_999 }] }, 400, 'LINK_TARGET_NOT_FOUND'],
    [{ links: [{ target: 'listing', targetId: 999_999 }] }, 400, 'LINK_TARGET_NOT_FOUND'],
    // A 农牧民 has no studio.
    [{ links: [{ target: 'studio', targetId: farmer.id }] }, 400, 'LINK_TARGET_NOT_FOUND'],
    [{ links: [{ target: 'studio' }] }, 400, 'LINK_TARGET_ID_REQUIRED'],
    [{ links: [{ target: 'register' }, { target: 'register' }] }, 400, 'LINK_DUPLICATE'],
    [{ links: [{ target: 'homepage' }] }, 400, 'VALIDATION_FAILED'],
    [{ links: [{ target: 'register', label: '注' }] }, 400, 'VALIDATION_FAILED'],
  ]
  for (const [body, status, code] of cases) {
    const res = await save(id, body)
    expect([res.statusCode, res.json().code]).toEqual([status, code])
  }
  // The unknown target id is named in the field errors, in Chinese.
  const res = await save(id, { links: [{ target: 'register' }, { target: 'contest', targetId: 999_999 }] })
  expect(res.json().fields).toEqual({ 'links.1.targetId': '编号 999999 不存在' })
  expect(await links(id)).toEqual([{ target: 'register', targetId: null, label: '注册天府科技云' }])

  // A pending (not public) post cannot be linked either.
  const pending = await createPending(ctx, farmer.auth)
  expect((await ctx.db.selectFrom('listings').select('status').where('id', '=', pending).executeTakeFirstOrThrow()).status).toBe('pending')
  expect((await save(id, { links: [{ target: 'listing', targetId: pending }] })).json().code).toBe('LINK_TARGET_NOT_FOUND')
})

test('only staff edit links; anyone reads them; unknown articles are 404', async () => {
  const id = await anArticleId(ctx)
  expect((await save(id, { links: [] }, farmer)).statusCode).toBe(403)
  expect((await ctx.app.inject({ method: 'PUT', url: `/api/staff/news/${id}/links`, payload: { links: [] } })).statusCode).toBe(401)
  expect((await save(999_999, { links: [] })).statusCode).toBe(404)
  const related404 = await ctx.app.inject({ method: 'GET', url: '/api/news/related?target=contest' })
  expect([related404.statusCode, related404.json().code]).toEqual([400, 'LINK_TARGET_ID_REQUIRED'])
  const options = await ctx.app.inject({ method: 'GET', url: '/api/staff/news/link-options', headers: staff.auth })
  expect(options.json().contests.map((c: { id: number }) => c.id)).toEqual(expect.arrayContaining([contestId, fairId]))
})

test('the import preview suggests links from the text; staff keep some and they are published with the article', async () => {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/staff/news/preview', headers: staff.auth, payload: { text: SEED_PAGE, publishedOn: '2022-06', pageNo: 1 } })
  expect(res.statusCode).toBe(200)
  const articles = res.json().articles as Array<{ title: string; suggestedLinks: Array<{ target: string; targetId: number | null; because: string }> }>
  const ganzi = articles.find((a) => a.title === GANZI_ARTICLE_TITLE)!
  // 科创会 → the latest 科创会 (the demo contests' seed may have added a newer one than ours).
  const latestFair = (await ctx.db.selectFrom('contests').select('id').where('kind', '=', 'fair').orderBy('id', 'desc').executeTakeFirstOrThrow()).id
  expect(latestFair).toBeGreaterThanOrEqual(fairId)
  expect(ganzi.suggestedLinks.map((l) => [l.target, l.targetId])).toEqual([
    ['register', null],
    ['publish_need', null],
    ['contest_nominate', contestId],
    ['contest', latestFair],
    ['achievements', null],
  ])
  expect(ganzi.suggestedLinks[0].because).toContain('天府科技云')

  // A new article (the seed ones are duplicates): staff drop two suggestions and publish.
  const fresh = {
    ...articles.find((a) => a.title === GANZI_ARTICLE_TITLE)!,
    title: '甘孜县再办智慧科普培训',
    paragraphs: ['本报讯 甘孜县科协再次组织培训，动员农牧民注册“天府科技云”，举荐乡土人才参加大赛。'],
  } as Record<string, unknown>
  delete fresh.duplicate
  delete fresh.sourceKey
  const kept = [
    { target: 'register' },
    { target: 'contest_nominate', targetId: contestId },
  ]
  const bad = await ctx.app.inject({
    method: 'POST',
    url: '/api/staff/news',
    headers: staff.auth,
    payload: { articles: [{ ...fresh, links: [{ target: 'contest', targetId: 999_999 }] }] },
  })
  expect([bad.statusCode, bad.json().code]).toEqual([400, 'LINK_TARGET_NOT_FOUND'])
  expect(bad.json().fields).toEqual({ 'articles.0.links.0.targetId': '编号 999999 不存在' })
  expect(await ctx.db.selectFrom('articles').select('id').where('title', '=', '甘孜县再办智慧科普培训').executeTakeFirst()).toBeUndefined()

  const out = await ctx.app.inject({ method: 'POST', url: '/api/staff/news', headers: staff.auth, payload: { articles: [{ ...fresh, links: kept }] } })
  expect(out.statusCode).toBe(200)
  const [newId] = out.json().created
  expect((await links(newId)).map((l: { target: string; targetId: number | null }) => [l.target, l.targetId])).toEqual([
    ['register', null],
    ['contest_nominate', contestId],
  ])
})

test('the preview suggests the contest open on the app’s clock: none once every sign-up has ended', async () => {
  const preview = async (who: Person = staff) => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/staff/news/preview', headers: who.auth, payload: { text: SEED_PAGE, publishedOn: '2022-06', pageNo: 1 } })
    expect(res.statusCode).toBe(200)
    const ganzi = (res.json().articles as Array<{ title: string; suggestedLinks: Array<{ target: string }> }>).find((a) => a.title === GANZI_ARTICLE_TITLE)!
    return ganzi.suggestedLinks.map((l) => l.target)
  }
  expect(await preview()).toContain('contest_nominate')
  const now = clock
  clock = new Date(now.getTime() + 10 * 365 * 86_400_000)
  try {
    // Ten years on, staff's session of today has long expired: they sign in again.
    const later = await preview(await devLogin(ctx, 'staff-sc'))
    expect(later).not.toContain('contest_nominate')
    // The 科创会 (any time) and the other words are still suggested.
    expect(later).toEqual(['register', 'publish_need', 'contest', 'achievements'])
  } finally {
    clock = now
  }
})

test("a contest that names an article shows on the article's page at once (its page is kept between readers)", async () => {
  const id = await anArticleId(ctx)
  await save(id, { links: [] })
  expect(await links(id)).toEqual([])
  expect((await ctx.app.inject({ method: 'GET', url: `/api/news/${id}` })).body).toBe((await ctx.app.inject({ method: 'GET', url: `/api/news/${id}` })).body)
  const created = await ctx.app.inject({ method: 'POST', url: '/api/staff/contests', headers: staff.auth, payload: contestBody({ name: '高原养殖能手大赛', articleIds: [id] }) })
  expect(created.statusCode).toBe(201)
  expect(await links(id)).toEqual([expect.objectContaining({ target: 'contest', targetId: created.json().id })])
})
