import Taro from '@tarojs/taro'

// The four tabs, as app.config.ts lists them (a weapp test checks the two agree). The mini program
// draws them with our own tab bar (src/custom-tab-bar) so the labels follow 长辈模式 and WeChat's
// font scale, which the native bar's fixed 10 px text cannot; H5 keeps Taro's bar, styled in
// app.scss, since Taro's H5 router does not render a custom one.
export const TABS = [
  { pagePath: 'pages/index/index', text: '首页', icon: 'home' },
  { pagePath: 'pages/listings/index', text: '所能所需', icon: 'listings' },
  { pagePath: 'pages/news/index', text: '科技资讯', icon: 'news' },
  { pagePath: 'pages/mine/index', text: '我的', icon: 'mine' },
] as const

export type TabPath = (typeof TABS)[number]['pagePath']
export const TAB_SHOWN_EVENT = 'tab-bar:shown'

export function isTabPath(path: string | undefined): path is TabPath {
  return TABS.some((t) => t.pagePath === path)
}

let shown: TabPath | null = null

/** The tab page on screen: the one the tab bar marks. */
export function shownTab(): TabPath | null {
  return shown
}

/** A page came on screen (PageShell calls this on every show); tab pages move the mark. */
export function pageShown(route: string | undefined): void {
  const path = route?.replace(/^\//, '').split('?')[0]
  if (!isTabPath(path) || path === shown) return
  shown = path
  Taro.eventCenter.trigger(TAB_SHOWN_EVENT, path)
}
