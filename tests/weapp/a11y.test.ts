// WeChat's screen reader (读屏) on the real weapp build: a tappable card, entry, chip or segment is
// a <view> carrying aria-role (and aria-label where its text alone is not clear), so it is read as a
// button or link, not as plain text. Taro's view template drops attributes it does not list; the
// build adds these two (config/weapp-aria-plugin.js) and the runtime numbers them the same way,
// so every other attribute of a view (hover-class, …) still lands where it belongs.
import { useWeapp } from './harness'

const weapp = useWeapp()

beforeEach(() => weapp.reset())

test('home entries, article cards and 更多 are read as links', async () => {
  const page = await weapp.render('pages/index/index')
  await page.waitFor(() => page.all('article-card').length > 0, 'article cards')
  const entries = page.all('home__entry')
  expect(entries).toHaveLength(8)
  expect(entries.map((el) => page.attr(el, 'aria-role'))).toEqual(Array(8).fill('link'))
  expect(page.all('article-card').map((el) => page.attr(el, 'aria-role'))).toEqual(page.all('article-card').map(() => 'link'))
  const more = page.one('home__more')
  expect(page.attr(more, 'aria-role')).toBe('link')
  expect(page.attr(more, 'aria-label')).toBe('更多资讯')
  // Still a working tap.
  page.tap(entries[0])
  await page.waitFor(() => weapp.nav.length > 0, 'navigation')
  expect(weapp.nav).toEqual([{ api: 'navigateTo', url: '/packages/listings/publish/index?side=need' }])
})

test('所能所需: the 科技所需/所能 segments and category chips are buttons, the cards links', async () => {
  const page = await weapp.render('pages/listings/index')
  await page.waitFor(() => page.all('listing-card').length > 0, 'listing cards')
  const sides = page.all('listings__side')
  expect(sides.length).toBeGreaterThan(1)
  expect(sides.map((el) => page.attr(el, 'aria-role'))).toEqual(sides.map(() => 'button'))
  const chips = page.all('chip')
  expect(chips.length).toBeGreaterThan(5)
  expect(chips.map((el) => page.attr(el, 'aria-role'))).toEqual(chips.map(() => 'button'))
  expect(page.all('listing-card').map((el) => page.attr(el, 'aria-role'))).toEqual(page.all('listing-card').map(() => 'link'))
})

test('我的: the 长辈模式 switch has a name, and still switches', async () => {
  const page = await weapp.render('pages/mine/index')
  const toggle = await page.waitFor(() => page.all('mine__elder-switch')[0], 'the 长辈模式 switch')
  expect(page.attr(toggle, 'aria-label')).toBe('长辈模式：字更大，按钮更大')
  page.trigger(toggle, 'change', { value: true })
  await page.waitFor(() => page.all('shell--elder').length > 0, '长辈模式 on')
})
