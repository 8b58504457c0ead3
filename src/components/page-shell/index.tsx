import { useEffect, useRef, useState, type CSSProperties, type PropsWithChildren } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useUiPrefs } from '../../hooks/useUiPrefs'
import { useOnline } from '../../hooks/useOnline'
import { isTabPath, pageShown, syncTabBarWords } from '../../utils/tab-bar'
import { useT } from '../../i18n'
import { zh } from '../../../common/i18n/zh'
import './index.scss'

/** The page's own title (its navigationBarTitleText), read once as the page mounts. */
function usePageTitle(): string {
  const [title] = useState(() => {
    const page = Taro.getCurrentInstance().page as { config?: { navigationBarTitleText?: string } } | null | undefined
    return page?.config?.navigationBarTitleText ?? zh['title.home']
  })
  return title
}

/**
 * Every page's root: applies the text-size tokens (WeChat font scale, 长辈模式) and the offline notice.
 * On H5 it is the page's main landmark and starts with the page's one heading (the mini program
 * has its title in the navigation bar, which WeChat's screen reader reads), so a screen reader can
 * jump to the content and hear which page this is. `title` when the page knows better than its
 * navigation bar (an article's headline).
 */
export function PageShell({ children, className, title }: PropsWithChildren<{ className?: string; title?: string }>) {
  const { t, localize, lang } = useT()
  // Titles are written in each page's config (Chinese, for WeChat's first paint); the catalog has them.
  const pageTitle = localize(usePageTitle())
  const { elder, scale } = useUiPrefs()
  const online = useOnline()
  const h5 = process.env.TARO_ENV === 'h5'
  const style = { '--scale': String(scale) } as CSSProperties
  // H5: the server pre-renders the home page's first screen into index.html for slow networks;
  // the first real page to mount takes over from it.
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') document.getElementById('first-screen')?.remove()
  }, [])
  // The mini program's own tab bar (src/custom-tab-bar) marks the tab on screen and lies over the
  // page's foot: tab pages keep their last lines clear of it.
  const [route] = useState(() => Taro.getCurrentInstance().router?.path)
  const onTab = isTabPath(route?.replace(/^\//, ''))
  useDidShow(() => {
    pageShown(route)
    // H5: Taro's tab bar may not have existed when the language was set at launch.
    if (onTab) syncTabBarWords()
  })
  const underTabBar = process.env.TARO_ENV === 'weapp' && onTab
  // The navigation bar shows the config's Chinese title until told otherwise: tell it in Tibetan,
  // and again after a switch back.
  const titled = useRef(false)
  useEffect(() => {
    if (title || (lang === 'zh' && !titled.current)) return
    titled.current = true
    Taro.setNavigationBarTitle({ title: pageTitle }).catch(() => undefined)
  }, [lang, pageTitle, title])
  return (
    <View className={`shell${elder ? ' shell--elder' : ''}${lang === 'bo' ? ' lang-bo' : ''}${underTabBar ? ' shell--tab' : ''}${className ? ` ${className}` : ''}`} style={style} {...(h5 ? { role: 'main' } : {})}>
      {h5 && (
        // Named by aria-label, not by text: the words are often on the page already (天府科技云 on
        // the home page), and a second copy in the text would be found by anything that looks
        // for them.
        <View className='sr-only' role='heading' aria-level='1' aria-label={title ?? pageTitle} />
      )}
      {!online && (
        <View className='offline-banner' role='alert'>
          {t('shell.offline')}
        </View>
      )}
      {children}
    </View>
  )
}
