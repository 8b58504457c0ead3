import { useEffect, useState, type CSSProperties } from 'react'
import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { useUiPrefs } from '../hooks/useUiPrefs'
import { shownTab, TAB_SHOWN_EVENT, TABS, type TabPath } from '../utils/tab-bar'
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
  const style = { '--scale': String(scale) } as CSSProperties
  return (
    <View className={`tab-bar${elder ? ' tab-bar--elder' : ''}`} style={style}>
      {TABS.map((t) => {
        const on = t.pagePath === current
        return (
          <View
            key={t.pagePath}
            className={`tab-bar__item${on ? ' tab-bar__item--on' : ''}`}
            data-path={t.pagePath}
            aria-role='tab'
            aria-label={t.text}
            onClick={() => {
              if (!on) Taro.switchTab({ url: `/${t.pagePath}` })
            }}
          >
            <Image className='tab-bar__icon' src={`/assets/tab-bar/${t.icon}${on ? '-on' : ''}.png`} />
            <View className='tab-bar__label'>{t.text}</View>
          </View>
        )
      })}
    </View>
  )
}
