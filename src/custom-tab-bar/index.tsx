import { useEffect, useState, type CSSProperties } from 'react'
import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { useUiPrefs } from '../hooks/useUiPrefs'
import { shownTab, TAB_SHOWN_EVENT, TABS, type TabPath } from '../utils/tab-bar'
import { badgeText } from '../../common/rules/messages'
import type { UnreadCounts } from '../../common/schemas/messages'
import { getUnread, UNREAD_EVENT } from '../services/messages'
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
    <View className={`tab-bar${elder ? ' tab-bar--elder' : ''}`} style={style}>
      {TABS.map((t) => {
        const on = t.pagePath === current
        const badge = t.pagePath === 'pages/mine/index' && unread > 0 ? badgeText(unread) : null
        return (
          <View
            key={t.pagePath}
            className={`tab-bar__item${on ? ' tab-bar__item--on' : ''}`}
            data-path={t.pagePath}
            aria-role='tab'
            aria-label={badge ? `${t.text}，${badge} 条新消息` : t.text}
            onClick={() => {
              if (!on) Taro.switchTab({ url: `/${t.pagePath}` })
            }}
          >
            <View className='tab-bar__icon-box'>
              <Image className='tab-bar__icon' src={`/assets/tab-bar/${t.icon}${on ? '-on' : ''}.png`} />
              {badge && <View className='tab-bar__badge'>{badge}</View>}
            </View>
            <View className='tab-bar__label'>{t.text}</View>
          </View>
        )
      })}
    </View>
  )
}
