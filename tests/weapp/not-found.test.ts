// A post, article or contest that is not there (deleted, never public, an old shared link) says so
// and offers 返回首页 — 重试 cannot bring it back (issue 12). A load that failed for another
// reason still offers 重试.
import { useWeapp } from './harness'

const weapp = useWeapp()
beforeEach(() => weapp.reset())

test.each([
  ['a post', 'packages/listings/detail/index'],
  ['a contest', 'packages/contests/detail/index'],
  ['an article', 'packages/news/article/index'],
])('%s that does not exist: 没有找到 and 返回首页', async (_what, route) => {
  const page = await weapp.render(route, { id: '999999' })
  await page.waitForText('没有找到这个内容')
  expect(page.text()).not.toContain('重试')
  expect(weapp.requests.some((r) => r.status === 404)).toBe(true)
  page.tap(page.byText('返回首页'))
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'reLaunch', url: '/pages/index/index' }])
})

test('a link without a usable id says the same', async () => {
  const page = await weapp.render('packages/listings/detail/index', { id: 'abc' })
  await page.waitForText('没有找到这个内容')
  expect(page.text()).toContain('返回首页')
})
