// 所能所需 tab on the real weapp build against the real server: the feed newest first, filters by
// side, category and region (checked against the database), Chinese search (牦牛), paging by the
// keyset cursor on reach-bottom without duplicates, and filters that survive leaving the tab.
import { devOpenid } from '../../server/src/seed/demo-users'
import { searchTokens } from '../../server/src/modules/listings/listings.search'
import { useWeapp, type PageHandle, signInDemo } from './harness'

const weapp = useWeapp()
// Real server, real build, a few pages of posts each: more than jest's default 5 s on a slow machine.
jest.setTimeout(20_000)
const TAB = 'pages/listings/index'
const EXTRA = 25
const PENDING_TITLE = '测试：还在审核中的青稞收购需求'

/** A post written straight into the database, the way server/src/seed/seed.ts does. */
async function insertListing(i: number, status: 'published' | 'pending', title: string) {
  const db = weapp.ctx.db
  const author = await db.selectFrom('users').select(['id', 'region_code']).where('openid', '=', devOpenid('farmer-zhaxi')).executeTakeFirstOrThrow()
  const side = i % 2 ? 'offer' : 'need'
  const category = ['planting', 'machinery', 'other'][i % 3]
  const description = `第${i}条测试信息的说明：高原蔬菜大棚的种植和农机使用经验交流。`
  const tokens = searchTokens(title, description)
  const at = new Date().toISOString()
  await db
    .insertInto('listings')
    .values({
      side,
      title,
      category,
      region_code: i % 2 ? '510104022' : '513328200',
      description,
      author_id: author.id,
      proxy_name: null,
      proxy_phone_encrypted: null,
      proxy_region_code: null,
      proxy_consent_at: null,
      proxy_label: null,
      contact_name: '测试',
      contact_phone_encrypted: 'not-read-by-these-tests',
      contact_note: null,
      status,
      check_suggest: 'pass',
      search_tokens: tokens,
      idempotency_key: `list-test-${i}`,
      created_at: at,
      updated_at: at,
      published_at: status === 'published' ? at : null,
    })
    .execute()
}

beforeAll(async () => {
  // 5 seeded demo posts + 25 here = 30 published (the seeded 科技成果 is not on the tab): a page of 20, then 10.
  for (let i = 1; i <= EXTRA; i++) await insertListing(i, 'published', `测试信息第${i}条：高原蔬菜种植交流`)
  await insertListing(EXTRA + 1, 'pending', PENDING_TITLE)
})
beforeEach(() => weapp.reset())

type Filter = { side?: string; category?: string; region?: string; limit?: number }
/** Published posts matching `f`, newest first: what the tab must show. */
async function expected(f: Filter = {}) {
  // 科技成果 (kind 'achievement') have their own page: the tab lists posts only.
  let q = weapp.ctx.db.selectFrom('listings').select(['id', 'title']).where('status', '=', 'published').where('kind', '=', 'post')
  if (f.side) q = q.where('side', '=', f.side)
  if (f.category) q = q.where('category', '=', f.category)
  if (f.region) q = q.where('region_code', 'like', `${f.region}%`)
  return (await q.orderBy('id', 'desc').limit(f.limit ?? 20).execute()).map((r) => r.title)
}
const titles = (page: PageHandle) => page.all('listing-card__title').map((el) => el.textContent?.trim())
const tapText = (page: PageHandle, cls: string, text: string) => {
  const el = page.all(cls).find((e) => e.textContent?.trim() === text)
  if (!el) throw new Error(`no .${cls} with text ${text}`)
  page.tap(el)
}
const lastListingsRequest = () => [...weapp.requests].reverse().find((r) => r.path.startsWith('/api/listings'))

test('the tab lists published posts newest first, and reaching the bottom loads the rest without duplicates', async () => {
  const all = await expected({ limit: 100 })
  expect(all).toHaveLength(5 + EXTRA)
  const page = await weapp.render(TAB)
  await page.waitFor(() => titles(page).length === 20, '20 cards')
  expect(titles(page)).toEqual(all.slice(0, 20))
  expect(titles(page)).not.toContain(PENDING_TITLE)
  // A card carries what a person decides by: side, category, place, author, date.
  const first = page.one('listing-card')
  expect(first.textContent).toContain('刚刚')
  expect(page.text()).toContain('甘孜县 呷拉乡')

  page.instance.onReachBottom()
  await page.waitFor(() => titles(page).length === 30, '30 cards')
  await page.waitForText('没有更多了')
  expect(titles(page)).toEqual(all)
  expect(new Set(titles(page)).size).toBe(30)

  // Nothing more to ask for at the end.
  const sent = weapp.sent.length
  page.instance.onReachBottom()
  await new Promise((r) => setImmediate(r))
  expect(weapp.sent.length).toBe(sent)
  const paths = weapp.requests.filter((r) => r.path.startsWith('/api/listings')).map((r) => r.path)
  expect(paths).toEqual(['/api/listings?limit=20', expect.stringMatching(/^\/api\/listings\?limit=20&cursor=[A-Za-z0-9_-]+$/)])
  // The cursor is the first page's `next`, sent back as is.
  const firstPage = weapp.requests.find((r) => r.path === '/api/listings?limit=20')!.body as { next: string }
  expect(paths[1]).toBe(`/api/listings?limit=20&cursor=${firstPage.next}`)
})

test('side and category filters change what is listed, and survive leaving the tab', async () => {
  const page = await weapp.render(TAB)
  await page.waitFor(() => titles(page).length === 20, 'first page')

  tapText(page, 'listings__side', '科技所能')
  const offers = await expected({ side: 'offer' })
  await page.waitFor(() => lastListingsRequest()?.path === '/api/listings?limit=20&side=offer', 'side=offer request')
  await page.waitFor(() => JSON.stringify(titles(page)) === JSON.stringify(offers), 'offers listed')
  expect(offers.length).toBeGreaterThan(0)
  expect(page.all('listing-card__side').every((el) => el.textContent?.trim() === '科技所能')).toBe(true)

  tapText(page, 'chip', '养殖')
  const breedingOffers = await expected({ side: 'offer', category: 'breeding' })
  expect(breedingOffers).toEqual(['高原牦牛科学养殖与冬春补饲技术服务'])
  await page.waitFor(() => JSON.stringify(titles(page)) === JSON.stringify(breedingOffers), 'breeding offers listed')
  expect(lastListingsRequest()?.path).toBe('/api/listings?limit=20&side=offer&category=breeding')

  // 种植 offers: a different set again.
  tapText(page, 'chip', '种植')
  const plantingOffers = await expected({ side: 'offer', category: 'planting' })
  await page.waitFor(() => JSON.stringify(titles(page)) === JSON.stringify(plantingOffers), 'planting offers listed')

  // Leave and come back (the page is created again): the same filters, the same list.
  page.unload()
  const again = await weapp.render(TAB)
  await again.waitFor(() => JSON.stringify(titles(again)) === JSON.stringify(plantingOffers), 'filters kept')
  expect(again.all('listings__side--on').map((el) => el.textContent?.trim())).toEqual(['科技所能'])
  expect(again.all('chip--on').map((el) => el.textContent?.trim())).toEqual(['种植'])

  // 全部 and 全部分类 bring every post back.
  tapText(again, 'listings__side', '全部')
  tapText(again, 'chip', '全部分类')
  const all = await expected()
  await again.waitFor(() => JSON.stringify(titles(again)) === JSON.stringify(all), 'everything again')
})

test('searching 牦牛 finds the yak posts', async () => {
  const page = await weapp.render(TAB)
  await page.waitFor(() => titles(page).length > 0, 'first page')
  page.type(page.one('listings__input'), '牦牛')
  page.tap(page.byText('搜索'))
  await page.waitFor(() => lastListingsRequest()?.path === `/api/listings?limit=20&q=${encodeURIComponent('牦牛')}`, 'search request')

  const yak = await weapp.ctx.db
    .selectFrom('listings')
    .select('title')
    .where('status', '=', 'published')
    .where('kind', '=', 'post')
    .where((eb) => eb.or([eb('title', 'like', '%牦牛%'), eb('description', 'like', '%牦牛%')]))
    .execute()
  expect(yak.length).toBe(3)
  await page.waitFor(() => titles(page).length === yak.length, 'yak results')
  expect(new Set(titles(page))).toEqual(new Set(yak.map((r) => r.title)))
  expect(page.text()).toContain('“牦牛”的搜索结果')
  // Search pages by number: one page here, so nothing more to load.
  await page.waitForText('没有更多了')

  // Clearing the box goes back to browsing.
  page.tap(page.one('listings__clear'))
  await page.waitFor(() => titles(page).length === 20, 'browsing again')
})

test('a region filter (市州 → 县 → 乡镇) lists only posts from that area, and 清除 removes it', async () => {
  const page = await weapp.render(TAB)
  await page.waitFor(() => titles(page).length === 20, 'first page')
  page.tap(page.byText('选地区'))
  await page.waitFor(() => page.all('region-filter__option').some((el) => el.textContent?.trim() === '甘孜藏族自治州'), 'prefectures')
  tapText(page, 'region-filter__option', '甘孜藏族自治州')
  await page.waitFor(() => page.all('region-filter__option').some((el) => el.textContent?.trim() === '甘孜县'), 'counties')
  tapText(page, 'region-filter__option', '甘孜县')
  // The whole county…
  await page.waitFor(() => page.all('region-filter__option').some((el) => el.textContent?.trim() === '呷拉乡'), 'townships')
  tapText(page, 'region-filter__option', '全县')

  const ganzi = await expected({ region: '513328' })
  await page.waitFor(() => lastListingsRequest()?.path === '/api/listings?limit=20&region=513328', 'region request')
  await page.waitFor(() => JSON.stringify(titles(page)) === JSON.stringify(ganzi), 'Ganzi posts')
  expect(page.one('region-filter__name').textContent?.trim()).toBe('甘孜藏族自治州 · 甘孜县')

  // …or one township of it.
  page.tap(page.byText('换地区'))
  await page.waitFor(() => page.all('region-filter__option').some((el) => el.textContent?.trim() === '甘孜藏族自治州'), 'prefectures again')
  tapText(page, 'region-filter__option', '甘孜藏族自治州')
  await page.waitFor(() => page.all('region-filter__option').some((el) => el.textContent?.trim() === '甘孜县'), 'counties again')
  tapText(page, 'region-filter__option', '甘孜县')
  await page.waitFor(() => page.all('region-filter__option').some((el) => el.textContent?.trim() === '呷拉乡'), 'townships again')
  tapText(page, 'region-filter__option', '呷拉乡')
  const gala = await expected({ region: '513328200' })
  await page.waitFor(() => lastListingsRequest()?.path === '/api/listings?limit=20&region=513328200', 'township request')
  await page.waitFor(() => JSON.stringify(titles(page)) === JSON.stringify(gala), '呷拉乡 posts')
  expect(page.one('region-filter__name').textContent?.trim()).toBe('甘孜藏族自治州 · 甘孜县 · 呷拉乡')

  page.tap(page.byText('清除'))
  const all = await expected()
  await page.waitFor(() => JSON.stringify(titles(page)) === JSON.stringify(all), 'all posts again')
  expect(page.one('region-filter__name').textContent?.trim()).toBe('全省')
})

test("首页's 找专家 opens the tab showing 科技所能 (a one-shot preset in storage, since switchTab takes no query)", async () => {
  const home = await weapp.render('pages/index/index')
  await home.waitForText('找专家')
  home.tap(home.byText('找专家'))
  await home.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'switchTab', url: '/pages/listings/index' }])
  expect(weapp.storage.get('listings.preset')).toMatchObject({ side: 'offer' })

  const page = await weapp.render(TAB)
  const offers = await expected({ side: 'offer' })
  await page.waitFor(() => JSON.stringify(titles(page)) === JSON.stringify(offers), 'offers listed')
  expect(weapp.storage.has('listings.preset')).toBe(false)
  expect(page.all('listings__side--on').map((el) => el.textContent?.trim())).toEqual(['科技所能'])

  // 发布需求 on 首页 opens the form on the need side.
  home.tap(home.byText('发布需求'))
  await home.waitFor(() => weapp.nav.length > 1, 'second navigation')
  expect(weapp.nav[1]).toEqual({ api: 'navigateTo', url: '/packages/listings/publish/index?side=need' })
})

test('发布 asks a signed-out person to log in first, and opens the form (on the side browsed) for a registered one', async () => {
  const page = await weapp.render(TAB)
  await page.waitFor(() => titles(page).length > 0, 'first page')
  page.tap(page.one('listings__publish'))
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: '/packages/account/login/index' }])
  page.unload()

  const { token } = await weapp.signIn(`list-publisher-${Date.now().toString(36)}`)
  const res = await fetch(`${weapp.apiOrigin}/api/users/me`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ nickname: '贡布', role: 'farmer', regionCode: '513328200' }),
  })
  weapp.storage.set('session.user', await res.json())
  const signedIn = await weapp.render(TAB)
  await signedIn.waitFor(() => titles(signedIn).length > 0, 'first page')
  tapText(signedIn, 'listings__side', '科技所需')
  signedIn.tap(signedIn.one('listings__publish'))
  await signedIn.waitFor(() => weapp.nav.length > 1, 'second navigation')
  // The side being browsed is the side the form opens on.
  expect(weapp.nav[1]).toEqual({ api: 'navigateTo', url: '/packages/listings/publish/index?side=need' })
})

test('an expert with a published offer sees 适合我的需求', async () => {
  // The seeded expert (李建国, verified, two published offers), signed in on this phone.
  const session = await signInDemo(weapp, 'expert-li')
  expect(session.user).toMatchObject({ role: 'expert', verification: 'verified' })

  const page = await weapp.render(TAB)
  await page.waitForText('适合我的需求')
  const suggested = page.all('listings__for-me-title').map((el) => el.textContent?.trim())
  // The yak-feeding need matches the expert's yak-feeding offer.
  expect(suggested).toContain('牦牛冬季掉膘严重，求补饲技术指导')
  expect(weapp.requests.find((r) => r.path === '/api/listings/for-me')?.status).toBe(200)
})
