// 科技成果 on the real weapp build against the real server: the page lists published achievements
// (the seeded demo one by expert-li among them) with stage, transfer mode and institution; the stage
// filter and search (牦牛) narrow it as the database says; the 所能所需 tab does not list them; the
// detail shows 成果信息 and 我有意向; an expert's name opens their 科创工作室.
import { devOpenid } from '../../server/src/seed/demo-users'
import { searchTokens } from '../../server/src/modules/listings/listings.search'
import { useWeapp, type PageHandle, signInDemo } from './harness'

const weapp = useWeapp()
jest.setTimeout(20_000)
const PAGE = 'packages/achievements/index'
const DEMO = '牦牛冬季全混合日粮（TMR）补饲技术'

/** An achievement written straight into the database, the way the seed does. */
async function insertAchievement(i: number, stage: string, title: string, description: string) {
  const db = weapp.ctx.db
  const author = await db.selectFrom('users').select(['id']).where('openid', '=', devOpenid('expert-li')).executeTakeFirstOrThrow()
  const tokens = searchTokens(title, description)
  const at = new Date().toISOString()
  await db
    .insertInto('listings')
    .values({
      kind: 'achievement',
      side: 'offer',
      title,
      category: 'planting',
      region_code: '510104022',
      description,
      author_id: author.id,
      proxy_name: null,
      proxy_phone_encrypted: null,
      proxy_region_code: null,
      proxy_consent_at: null,
      proxy_label: null,
      contact_name: '李建国',
      contact_phone_encrypted: 'not-read-by-these-tests',
      contact_note: null,
      status: 'published',
      check_suggest: 'pass',
      search_tokens: tokens,
      idempotency_key: `achievement-test-${i}`,
      created_at: at,
      updated_at: at,
      published_at: at,
      stage,
      transfer_mode: 'cooperation',
      patent_no: null,
      institution: '四川农业大学',
    } as any)
    .execute()
}

beforeAll(async () => {
  await insertAchievement(1, 'research', '高原青稞抗倒伏新品系选育', '筛选出适合海拔三千米以上种植的青稞新品系，抗倒伏，产量提高一成。')
  await insertAchievement(2, 'industrial', '牦牛奶渣加工工艺', '把牦牛奶渣加工成可常温保存的休闲食品，已在合作社产业化生产。')
  await insertAchievement(3, 'pilot', '高原蔬菜大棚保温技术', '双层覆膜加蓄热墙，冬季棚内温度提高五度以上。')
})
beforeEach(() => weapp.reset())

async function expected(f: { stage?: string; yak?: boolean } = {}) {
  let q = weapp.ctx.db.selectFrom('listings').select(['title']).where('status', '=', 'published').where('kind', '=', 'achievement')
  if (f.stage) q = q.where('stage', '=', f.stage)
  if (f.yak) q = q.where((eb) => eb.or([eb('title', 'like', '%牦牛%'), eb('description', 'like', '%牦牛%')]))
  return (await q.orderBy('id', 'desc').execute()).map((r) => r.title)
}
const titles = (page: PageHandle) => page.all('listing-card__title').map((el) => el.textContent?.trim())
const same = (a: unknown[], b: unknown[]) => JSON.stringify(a) === JSON.stringify(b)
const tapChip = (page: PageHandle, text: string) => {
  const chip = page.all('chip').find((el) => el.textContent?.trim() === text)
  if (!chip) throw new Error(`no chip ${text}`)
  page.tap(chip)
}
const lastListingsRequest = () => [...weapp.requests].reverse().find((r) => r.path.startsWith('/api/listings'))

async function devLogin(userKey: string) {
  const session = await signInDemo(weapp, userKey)
  return session.user
}

test('the page lists published achievements with stage, transfer mode and institution', async () => {
  const all = await expected()
  expect(all).toContain(DEMO)
  expect(all).toHaveLength(4)
  const page = await weapp.render(PAGE)
  await page.waitFor(() => same(titles(page), all), 'achievements listed')
  expect(weapp.requests.filter((r) => r.path.startsWith('/api/listings')).map((r) => r.path)).toEqual(['/api/listings?kind=achievement&limit=20'])
  const demo = page.all('listing-card').find((el) => el.textContent?.includes(DEMO))!
  expect(demo.textContent).toContain('中试')
  expect(demo.textContent).toContain('许可')
  expect(demo.textContent).toContain('四川省草原科学研究院')
  // Stage and transfer mode in place of the 科技所需/科技所能 tag.
  expect(page.all('listing-card__side')).toHaveLength(0)
  expect(page.all('listing-card__stage').map((el) => el.textContent?.trim())).toEqual(['中试', '产业化', '研发', '中试'])
  await page.waitForText('没有更多了')
  // Signed out: no 发布成果, and why.
  expect(page.all('achievements__publish')).toHaveLength(0)
  expect(page.text()).toContain('只有科技工作者可以发布科技成果')

  // The author is an expert: the name opens the 科创工作室, not the card's detail.
  page.tap(demo.querySelector('[class*="listing-card__author"]')!)
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  const expertId = (await weapp.ctx.db.selectFrom('users').select('id').where('openid', '=', devOpenid('expert-li')).executeTakeFirstOrThrow()).id
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: `/packages/studio/index?id=${expertId}` }])
})

test('the stage filter and search (牦牛) narrow the list as the database says', async () => {
  const page = await weapp.render(PAGE)
  await page.waitFor(() => titles(page).length === 4, 'first page')

  tapChip(page, '中试')
  const pilot = await expected({ stage: 'pilot' })
  expect(pilot).toHaveLength(2)
  await page.waitFor(() => lastListingsRequest()?.path === '/api/listings?kind=achievement&limit=20&stage=pilot', 'stage request')
  await page.waitFor(() => same(titles(page), pilot), 'pilot achievements')
  expect(weapp.storage.get('achievements.filters')).toMatchObject({ stage: 'pilot' })

  tapChip(page, '产业化')
  const industrial = await expected({ stage: 'industrial' })
  await page.waitFor(() => same(titles(page), industrial), 'industrial achievements')
  expect(industrial).toEqual(['牦牛奶渣加工工艺'])

  tapChip(page, '全部阶段')
  await page.waitFor(() => titles(page).length === 4, 'all stages again')

  page.type(page.one('listings__input'), '牦牛')
  page.tap(page.byText('搜索'))
  await page.waitFor(() => lastListingsRequest()?.path === `/api/listings?kind=achievement&limit=20&q=${encodeURIComponent('牦牛')}`, 'search request')
  const yak = await expected({ yak: true })
  expect(yak).toHaveLength(2)
  await page.waitFor(() => titles(page).length === yak.length, 'yak results')
  expect(new Set(titles(page))).toEqual(new Set(yak))
  expect(page.text()).toContain('“牦牛”的搜索结果')

  // Search and stage together.
  tapChip(page, '中试')
  await page.waitFor(() => same(titles(page), [DEMO]), 'yak + pilot')
})

test('the 所能所需 tab does not list achievements, browsing or searching', async () => {
  const page = await weapp.render('pages/listings/index')
  await page.waitFor(() => titles(page).length > 0, 'posts listed')
  expect(titles(page)).not.toContain(DEMO)
  expect(titles(page)).not.toContain('牦牛奶渣加工工艺')
  page.type(page.one('listings__input'), '牦牛')
  page.tap(page.byText('搜索'))
  await page.waitForText('“牦牛”的搜索结果')
  await page.waitFor(() => titles(page).length > 0, 'yak posts')
  expect(titles(page)).not.toContain(DEMO)
  expect(titles(page)).not.toContain('牦牛奶渣加工工艺')
})

test('an expert sees 发布成果, which opens the form for an achievement', async () => {
  await devLogin('expert-li')
  const page = await weapp.render(PAGE)
  await page.waitFor(() => titles(page).length > 0, 'first page')
  expect(page.text()).not.toContain('只有科技工作者可以发布科技成果')
  page.tap(page.one('achievements__publish'))
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: '/packages/listings/publish/index?kind=achievement' }])
})

test('the detail of an achievement shows 成果信息 and 我有意向, and the author links to the studio', async () => {
  const id = (await weapp.ctx.db.selectFrom('listings').select('id').where('title', '=', DEMO).executeTakeFirstOrThrow()).id
  await devLogin('farmer-zhaxi')
  const page = await weapp.render('packages/listings/detail/index', { id: String(id) })
  await page.waitForText('成果信息')
  const info = page.one('detail__achievement').textContent ?? ''
  for (const text of ['阶段', '中试', '转化方式', '许可', '专利号', 'ZL202110123456.7', '所属单位', '四川省草原科学研究院']) expect(info).toContain(text)
  expect(page.text()).toContain('表达意向')
  expect(page.one('detail__respond-btn').textContent?.trim()).toBe('我有意向')
  expect(page.text()).not.toContain('申请对接')

  page.tap(page.one('detail__author--studio'))
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav[0].url).toMatch(/^\/packages\/studio\/index\?id=\d+$/)
})
