import { useEffect, useState, type CSSProperties } from 'react'
import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { useUiPrefs } from '../hooks/useUiPrefs'
import { shownTab, TAB_SHOWN_EVENT, TABS, type TabPath } from '../utils/tab-bar'
import { badgeText } from '../../common/rules/messages'
import type { UnreadCounts } from '../../common/schemas/messages'
import { getUnread, UNREAD_EVENT } from '../services/messages'
import { useT } from '../i18n'
import './index.scss'

// The mini program's tab bar (app.config.ts: tabBar.custom on weapp). WeChat puts one under each
// tab page. Icons are the PNGs app.config.ts lists (the build copies them); labels use the app's
// text sizes, so 长辈模式 and WeChat's font scale make them larger; each tab is tappable over the
// bar's whole height.

function topRoute(): TabPath | null {
  const pages = Taro.getCurrentPages()
  const route = pages[pages.length - 1]?.route
  return TABS.find((t) => t.pagePath === route)?.pagePath ?? null
}

export default function CustomTabBar() {
  const { elder, scale } = useUiPrefs()
  const { t, lang } = useT()
  const [current, setCurrent] = useState<TabPath | null>(() => shownTab() ?? topRoute())
  useEffect(() => {
    const handler = (path: TabPath) => setCurrent(path)
    Taro.eventCenter.on(TAB_SHOWN_EVENT, handler)
    return () => {
      Taro.eventCenter.off(TAB_SHOWN_EVENT, handler)
    }
  }, [])
  // 我的消息: WeChat's tab badge API does not reach a custom tab bar, so it draws the count itself
  // from the counts services/messages announces (the same ones H5's native badge shows).
  const [unread, setUnread] = useState(() => getUnread().total)
  useEffect(() => {
    const handler = (counts: UnreadCounts) => setUnread(counts.total)
    Taro.eventCenter.on(UNREAD_EVENT, handler)
    return () => {
      Taro.eventCenter.off(UNREAD_EVENT, handler)
    }
  }, [])
  const style = { '--scale': String(scale) } as CSSProperties
  return (
    <View className={`tab-bar${elder ? ' tab-bar--elder' : ''}${lang === 'bo' ? ' lang-bo' : ''}`} style={style}>
      {TABS.map((tab) => {
        const on = tab.pagePath === current
        const badge = tab.pagePath === 'pages/mine/index' && unread > 0 ? badgeText(unread) : null
        const text = t(tab.label)
        return (
          <View
            key={tab.pagePath}
            className={`tab-bar__item${on ? ' tab-bar__item--on' : ''}`}
            data-path={tab.pagePath}
            aria-role='tab'
            aria-label={badge ? t('common.unread_label', { label: text, n: badge }) : text}
            onClick={() => {
              if (!on) Taro.switchTab({ url: `/${tab.pagePath}` })
            }}
          >
            <View className='tab-bar__icon-box'>
              <Image className='tab-bar__icon' src={`/assets/tab-bar/${tab.icon}${on ? '-on' : ''}.png`} />
              {badge && <View className='tab-bar__badge'>{badge}</View>}
            </View>
            <View className='tab-bar__label'>{text}</View>
          </View>
        )
      })}
    </View>
  )
}
