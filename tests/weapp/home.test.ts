// 首页 on the real weapp build: the latest articles from the server, and the way in for newcomers.
import { classesOf, useWeapp } from './harness'

const weapp = useWeapp()
const LEAD = '“十个共同”推动川渝协同创新全面提速'

beforeEach(() => weapp.reset())

test('lists the latest articles, lead article first, and offers 注册 when signed out', async () => {
  const page = await weapp.render('pages/index/index')
  await page.waitFor(() => page.all('article-card').length > 0, 'article cards')

  // The three newest articles, in the order the server lists them.
  const latest = await weapp.ctx.db.selectFrom('articles').select('title').orderBy('id', 'desc').limit(3).execute()
  const titles = page.all('article-card__title').map((el) => el.textContent?.trim())
  expect(titles).toEqual(latest.map((a) => a.title))
  expect(titles[0]).toBe(LEAD)
  expect(weapp.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /api/news?limit=3 200'])

  // Signed out: the 注册 entry and the join card, and the entry leads to the login page.
  const labels = page.all('home__entry-label').map((el) => el.textContent?.trim())
  expect(labels).toEqual(['发布需求', '找专家', '科技成果', '人才大赛', '所能所需', '科技资讯', '注册', '长辈模式'])
  expect(page.text()).toContain('微信一键注册')
  page.tap(page.byText('注册'))
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: '/packages/account/login/index' }])

  // Standard WeChat text size: no extra scale.
  expect(page.one('shell').getAttribute('style')).toMatch(/--scale:\s*1;?$/)
  expect(classesOf(page.one('shell'))).not.toContain('shell--elder')
})

test('a registered person sees 我的资料 instead of 注册', async () => {
  const { token } = await weapp.signIn(`home-registered-${Date.now()}`)
  const res = await fetch(`${weapp.apiOrigin}/api/users/me`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ nickname: '老杨', role: 'farmer', regionCode: '513328200' }),
  })
  expect(res.status).toBe(200)
  weapp.storage.set('session.user', await res.json())

  const page = await weapp.render('pages/index/index')
  await page.waitFor(() => page.all('article-card').length > 0, 'article cards')
  const labels = page.all('home__entry-label').map((el) => el.textContent?.trim())
  expect(labels).toEqual(['发布需求', '找专家', '科技成果', '人才大赛', '所能所需', '科技资讯', '我的资料', '长辈模式'])
  expect(page.text()).not.toContain('微信一键注册')
  page.tap(page.byText('我的资料'))
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: '/packages/account/profile/index' }])
})

test('losing the network shows the offline notice, and it goes when the network is back', async () => {
  const page = await weapp.render('pages/index/index')
  await page.waitFor(() => page.all('article-card').length > 0, 'article cards')
  expect(page.all('offline-banner')).toHaveLength(0)
  try {
    weapp.setOnline(false)
    await page.waitForText('网络未连接')
    expect(page.one('offline-banner').textContent?.trim()).toBe('网络未连接，已填写的内容会为您保留')
  } finally {
    weapp.setOnline(true)
  }
  await page.waitFor(() => page.all('offline-banner').length === 0, 'offline notice gone')
})
