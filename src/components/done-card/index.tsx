import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import './index.scss'

/**
 * What a form shows once the server has it (已提交, 报名成功, 已举荐…): a tick, what happened,
 * what next, and the buttons (children). The class names keep the page's own BEM hooks.
 */
export function DoneCard({
  title,
  text,
  children,
  className,
  titleClassName,
  textClassName,
}: {
  title: ReactNode
  text: ReactNode
  children?: ReactNode
  className?: string
  titleClassName?: string
  textClassName?: string
}) {
  const cls = (base: string, extra?: string) => (extra ? `${base} ${extra}` : base)
  return (
    <View className={cls('card done-card', className)}>
      <View className='done-card__icon'>✓</View>
      <View className={cls('done-card__title', titleClassName)}>{title}</View>
      <View className={cls('muted done-card__text', textClassName)}>{text}</View>
      {children}
    </View>
  )
}
