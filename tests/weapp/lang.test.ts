// The language on the real weapp build: the first open asks 中文 / བོད་ཡིག before anything else, and
// choosing Tibetan (under 我的) changes every label of the tab bar and the home page — the Tibetan
// words downloaded from the real server (GET /api/i18n/bo). Articles stay as printed (Chinese).
import { installFontStubs } from './font-stubs'
import { classesOf, LANG_STORAGE_KEY, useWeapp, type PageHandle } from './harness'

const stubs = installFontStubs()
// A phone that never chose: the first open.
const weapp = useWeapp({ lang: null })
const TAB_BAR = 'custom-tab-bar/index'
const HAN = /[\u4e00-\u9fa5]/
const TIBETAN = /[\u0F00-\u0FFF]/
// What people and the newspaper wrote, shown as written in every language (data-ugc on H5).
const USER_CONTENT = ['article-card__title', 'article-card__excerpt', 'article-card__page-name']

beforeAll(() => {
  stubs.weapp = weapp
  // Taro gives a component `behaviors: {}`, which WeChat accepts and simulate (j-component) does not.
  const g = global as unknown as { Component: (def: Record<string, unknown>) => unknown }
  const component = g.Component
  g.Component = (def) => component({ ...def, behaviors: Array.isArray(def.behaviors) ? def.behaviors : [] })
})
beforeEach(() => weapp.reset())

/** Every piece of text on the page outside user content, in document order. */
function chromeTexts(page: PageHandle): string[] {
  const out: string[] = []
  const walk = (el: Element) => {
    if (classesOf(el).some((c) => USER_CONTENT.includes(c))) return
    for (const node of Array.from(el.childNodes)) {
      if (node.nodeType === 3) {
        const text = node.textContent?.trim()
        if (text) out.push(text)
      } else if (node.nodeType === 1) walk(node as Element)
    }
  }
  walk(page.root)
  return out
}

const texts = (page: PageHandle, name: string) => page.all(name).map((el) => el.textContent?.trim() ?? '')

/** The labels a person reads on the tab bar and home: each must change with the language. */
function labels(home: PageHandle, bar: PageHandle): string[] {
  return [
    ...texts(bar, 'tab-bar__label'),
    ...texts(home, 'home__name'),
    ...texts(home, 'home__slogan'),
    ...texts(home, 'home__join-text'),
    ...texts(home, 'home__entry-label'),
    ...home.all('home__entry').map((el) => Array.from(el.children).map((c) => c.textContent?.trim()).pop() ?? ''),
    ...texts(home, 'home__latest'),
    ...texts(home, 'article-card__meta').map((meta) => meta.split(' ')[0]),
  ]
}

test('the first open asks the language before anything else; 中文 opens the home page and is remembered', async () => {
  const home = await weapp.render('pages/index/index')
  await home.waitFor(() => home.all('lang-choice__option').length === 2, 'the two languages')
  expect(texts(home, 'lang-choice__name')).toEqual(['中文', 'བོད་ཡིག'])
  // Nothing else to read: no entries, no articles.
  expect(home.all('home__entry')).toHaveLength(0)
  expect(chromeTexts(home)).toEqual(['中文', 'བོད་ཡིག'])

  home.tap(home.byText('中文'))
  await home.waitFor(() => home.all('home__entry').length > 0, 'the home entries')
  expect(weapp.storage.get(LANG_STORAGE_KEY)).toBe('zh')
  expect(home.all('lang-choice')).toHaveLength(0)
  expect(weapp.sent.filter((s) => s.includes('/api/i18n'))).toEqual([])
})

test('བོད་ཡིག under 我的 changes every label of the tab bar and the home page, and 中文 brings them back', async () => {
  weapp.storage.set(LANG_STORAGE_KEY, 'zh')
  const home = await weapp.render('pages/index/index')
  await home.waitFor(() => home.all('article-card').length > 0, 'article cards')
  const bar = await weapp.render(TAB_BAR)
  await bar.waitFor(() => bar.all('tab-bar__item').length === 4, 'four tabs')
  const chinese = labels(home, bar)
  expect(chinese.slice(0, 4)).toEqual(['首页', '所能所需', '科技资讯', '我的'])
  expect(chinese.every((l) => HAN.test(l))).toBe(true)
  const articleTitles = texts(home, 'article-card__title')

  const mine = await weapp.render('pages/mine/index')
  await mine.waitFor(() => mine.all('lang-choice__option').length === 2, 'the 语言 row')
  mine.tap(mine.byText('བོད་ཡིག'))
  await home.waitFor(() => !HAN.test(texts(home, 'home__entry-label')[0]), 'home in Tibetan')
  // The bar is its own component: it hears of the choice on its own turn (CI once read it a tick early).
  await bar.waitFor(() => texts(bar, 'tab-bar__label').every((l) => !HAN.test(l)), 'the tab bar in Tibetan')
  // 我的 too draws on its own turn (CI once read its signed-out card still in Chinese).
  await mine.waitFor(() => chromeTexts(mine).filter((t) => HAN.test(t)).length === 1, '我的 in Tibetan')
  expect(weapp.sent).toContain('GET /api/i18n/bo')
  expect(weapp.storage.get(LANG_STORAGE_KEY)).toBe('bo')

  const tibetan = labels(home, bar)
  expect(tibetan).toHaveLength(chinese.length)
  // Every label changed, into Tibetan script.
  tibetan.forEach((label, i) => {
    expect([chinese[i], label === chinese[i]]).toEqual([chinese[i], false])
    expect([label, TIBETAN.test(label)]).toEqual([label, true])
  })
  // No Chinese left outside what the newspaper wrote, on the bar, the home page and 我的 (but the
  // name 中文 itself on the language row, which is how a Chinese reader finds the way back).
  expect(chromeTexts(bar).filter((t) => HAN.test(t))).toEqual([])
  expect(chromeTexts(home).filter((t) => HAN.test(t))).toEqual([])
  expect(chromeTexts(mine).filter((t) => HAN.test(t))).toEqual(['中文'])
  // The articles stay as printed.
  expect(texts(home, 'article-card__title')).toEqual(articleTitles)
  // Pages are drawn for Tibetan (its font and line height) and the font was asked for.
  expect(classesOf(home.one('shell'))).toContain('lang-bo')
  expect(classesOf(bar.one('tab-bar'))).toContain('lang-bo')
  expect(stubs.loads.map((l) => l.family)).toContain('Tibetan')

  mine.tap(mine.byText('中文'))
  await home.waitFor(() => HAN.test(texts(home, 'home__entry-label')[0]), 'home in Chinese again')
  await bar.waitFor(() => texts(bar, 'tab-bar__label').every((l) => HAN.test(l)), 'the tab bar in Chinese again')
  expect(labels(home, bar)).toEqual(chinese)
  expect(weapp.storage.get(LANG_STORAGE_KEY)).toBe('zh')
})
