import Taro from '@tarojs/taro'
import { t } from '../i18n'

// The four tabs, as app.config.ts lists them (a weapp test checks the two agree). The mini program
// draws them with our own tab bar (src/custom-tab-bar) so the labels follow 长辈模式 and WeChat's
// font scale, which the native bar's fixed 10 px text cannot; H5 keeps Taro's bar, styled in
// app.scss, since Taro's H5 router does not render a custom one. Labels are catalog keys (the
// Chinese in app.config.ts is WeChat's first paint and H5's until syncTabBarWords runs).
export const TABS = [
  { pagePath: 'pages/index/index', label: 'tab.home', icon: 'home' },
  { pagePath: 'pages/listings/index', label: 'tab.listings', icon: 'listings' },
  { pagePath: 'pages/news/index', label: 'tab.news', icon: 'news' },
  { pagePath: 'pages/mine/index', label: 'tab.mine', icon: 'mine' },
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

/**
 * H5: Taro's own tab bar reads its labels from app.config.ts (Chinese); tell it the current
 * language's words. Called when the language changes and whenever a tab page shows. Each call sets
 * them, and once more a moment later: after a reload the bar can be drawn with the config's words
 * after setTabBarItem has already answered (a Chromium test caught it staying Chinese), and four
 * label updates cost nothing.
 */
export function syncTabBarWords(): void {
  if (process.env.TARO_ENV !== 'h5') return
  const words = () => Promise.all(TABS.map((tab, index) => Taro.setTabBarItem({ index, text: t(tab.label) }))).catch(() => undefined)
  void words()
  setTimeout(() => void words(), 600)
}
