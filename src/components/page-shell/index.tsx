import type { CSSProperties, PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { useUiPrefs } from '../../hooks/useUiPrefs'
import { useOnline } from '../../hooks/useOnline'
import './index.scss'

/** Every page's root: applies the text-size tokens (WeChat font scale, 长辈模式) and the offline notice. */
export function PageShell({ children, className }: PropsWithChildren<{ className?: string }>) {
  const { elder, scale } = useUiPrefs()
  const online = useOnline()
  const style = { '--scale': String(scale) } as CSSProperties
  return (
    <View className={`shell${elder ? ' shell--elder' : ''}${className ? ` ${className}` : ''}`} style={style}>
      {!online && (
        <View className='offline-banner' role='alert'>
          网络未连接，已填写的内容会为您保留
        </View>
      )}
      {children}
    </View>
  )
}
