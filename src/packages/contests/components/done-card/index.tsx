import type { ReactNode } from 'react'
import { View } from '@tarojs/components'

/** What a contest form shows once the server has it (报名成功, 已确认参赛, 已举荐…): a tick, what happened, what next, and the buttons. */
export function DoneCard({ title, titleClassName, text, children }: { title: ReactNode; titleClassName: string; text: ReactNode; children: ReactNode }) {
  return (
    <View className='card contest-done'>
      <View className='contest-done__icon'>✓</View>
      <View className={`contest-done__title ${titleClassName}`}>{title}</View>
      <View className='muted contest-done__text'>{text}</View>
      {children}
    </View>
  )
}
