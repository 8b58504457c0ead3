import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Tappable } from '../tappable'

/** A tappable list row that opens a page: the label, then ›. */
export function NavRow({ label, url, className }: { label: string; url: string; className?: string }) {
  return (
    <Tappable role='link' className={`row${className ? ` ${className}` : ''}`} onClick={() => Taro.navigateTo({ url })}>
      <View>{label}</View>
      <View className='muted' aria-hidden='true'>›</View>
    </Tappable>
  )
}
