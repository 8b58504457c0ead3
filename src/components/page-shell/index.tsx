import { useEffect, type CSSProperties, type PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { useUiPrefs } from '../../hooks/useUiPrefs'
import { useOnline } from '../../hooks/useOnline'
import './index.scss'

/** Every page's root: applies the text-size tokens (WeChat font scale, 长辈模式) and the offline notice. */
export function PageShell({ children, className }: PropsWithChildren<{ className?: string }>) {
  const { elder, scale } = useUiPrefs()
  const online = useOnline()
  const style = { '--scale': String(scale) } as CSSProperties
  // H5: the server pre-renders the home page's first screen into index.html for slow networks;
  // the first real page to mount takes over from it.
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') document.getElementById('first-screen')?.remove()
  }, [])
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
