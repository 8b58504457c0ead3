// The tab bar on the real weapp build: WeChat's native bar cannot size its labels (10 px, whatever
// 长辈模式 says), so the mini program draws its own (tabBar.custom + src/custom-tab-bar). Checked:
// the configuration WeChat reads (custom, every tab's PNG icons within WeChat's 40 KB), and the
// bar itself — the four tabs in app.json's order with their icons, the shown tab marked, a tap
// switching tabs, and 长辈模式 reaching the bar. Label sizes and tap areas are measured in Chromium
// (tests/e2e/field.test.ts).
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { classesOf, DIST, useWeapp, type PageHandle } from './harness'

const weapp = useWeapp({ fontSizeScaleFactor: 1.3 })
const TAB_BAR = 'custom-tab-bar/index'
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

interface TabConfig {
  pagePath: string
  text: string
  iconPath?: string
  selectedIconPath?: string
}
const appJson = () => JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8')) as { tabBar: { custom?: boolean; list: TabConfig[] } }

beforeAll(() => {
  // Taro gives a component `behaviors: {}`, which WeChat accepts and simulate (j-component) does not.
  const g = global as unknown as { Component: (def: Record<string, unknown>) => unknown }
  const component = g.Component
  g.Component = (def) => component({ ...def, behaviors: Array.isArray(def.behaviors) ? def.behaviors : [] })
})
beforeEach(() => weapp.reset())

test('app.json: our own tab bar, and every tab has a PNG icon and a chosen one, each within 40 KB', () => {
  const { tabBar } = appJson()
  expect(tabBar.custom).toBe(true)
  expect(JSON.parse(readFileSync(join(DIST, TAB_BAR + '.json'), 'utf8')).component).toBe(true)
  expect(tabBar.list.map((t) => t.text)).toEqual(['首页', '所能所需', '科技资讯', '我的'])
  for (const tab of tabBar.list) {
    for (const icon of [tab.iconPath, tab.selectedIconPath]) {
      expect(icon).toMatch(/\.png$/)
      const file = join(DIST, icon!)
      expect(existsSync(file)).toBe(true)
      expect(readFileSync(file).subarray(0, 8).equals(PNG)).toBe(true)
      expect(statSync(file).size).toBeLessThanOrEqual(40 * 1024)
    }
    expect(tab.selectedIconPath).not.toBe(tab.iconPath)
  }
})

const items = (bar: PageHandle) => bar.all('tab-bar__item')
const iconOf = (bar: PageHandle, item: Element) => {
  const icon = Array.from(item.querySelectorAll('*')).find((el) => classesOf(el).includes('tab-bar__icon'))
  return icon ? String(bar.attr(icon, 'src')) : 'no icon'
}

test('the bar shows the four tabs with their icons, marks the tab on screen and switches on a tap', async () => {
  const { tabBar } = appJson()
  const page = await weapp.render('pages/listings/index')
  const bar = await weapp.render(TAB_BAR)
  await bar.waitFor(() => items(bar).length === 4, 'four tabs')
  expect(items(bar).map((el) => el.querySelector('[class*="tab-bar__label"]')?.textContent?.trim())).toEqual(tabBar.list.map((t) => t.text))
  // Icons are the files app.json lists (which the build copies); the shown tab has its chosen one.
  const on = items(bar).filter((el) => classesOf(el).includes('tab-bar__item--on'))
  expect(on.map((el) => el.textContent?.trim())).toEqual(['所能所需'])
  items(bar).forEach((el, i) => {
    const tab = tabBar.list[i]
    expect(iconOf(bar, el)).toBe(`/${tab.pagePath === 'pages/listings/index' ? tab.selectedIconPath : tab.iconPath}`)
  })
  expect(classesOf(bar.one('tab-bar'))).not.toContain('tab-bar--elder')

  bar.tap(bar.byText('科技资讯'))
  await bar.waitFor(() => weapp.nav.length, 'a tab switch')
  expect(weapp.nav).toEqual([{ api: 'switchTab', url: '/pages/news/index' }])
  // The tab already on screen does nothing.
  bar.tap(bar.byText('所能所需'))
  expect(weapp.nav).toHaveLength(1)
  page.unload()
  bar.unload()
})

test('长辈模式 switched on under 我的 reaches the tab bar, with WeChat’s font scale', async () => {
  const mine = await weapp.render('pages/mine/index')
  await mine.waitForText('长辈模式')
  const bar = await weapp.render(TAB_BAR)
  await bar.waitFor(() => items(bar).length === 4, 'four tabs')
  expect(bar.one('tab-bar').getAttribute('style')).toMatch(/--scale:\s*1\.3\b/)
  expect(classesOf(bar.one('tab-bar'))).not.toContain('tab-bar--elder')
  mine.trigger(mine.one('mine__elder-switch'), 'change', { value: true })
  await bar.waitFor(() => classesOf(bar.one('tab-bar')).includes('tab-bar--elder'), 'tab-bar--elder')
  mine.trigger(mine.one('mine__elder-switch'), 'change', { value: false })
  await bar.waitFor(() => !classesOf(bar.one('tab-bar')).includes('tab-bar--elder'), 'tab-bar--elder removed')
})
