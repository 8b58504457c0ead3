import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import type { ITouchEvent } from '@tarojs/components'
import './index.scss'

/**
 * Anything a person taps that is not a <Button>: cards, entries, chips, segments, list rows.
 * Taro renders a tappable <View> as a bare element, so on H5 a keyboard cannot reach it and a
 * screen reader hears plain text. This gives it a role (button, or link when it opens a page),
 * Tab focus, Enter/Space and a visible focus ring on H5, and aria-role/aria-label on the mini
 * program (the View template carries them: config/weapp-aria.ts). `pressed` marks the chosen
 * chip or segment of a group.
 */
export type TappableProps = {
  className?: string
  onClick: (e: ITouchEvent) => void
  children?: ReactNode
  /** 'link' when the tap opens another page; 'button' (the default) when it acts here; 'checkbox' for a tick box. */
  role?: 'button' | 'link' | 'checkbox'
  /** What a screen reader says, when the visible text alone would not be clear. */
  label?: string
  /** The chosen chip or segment (aria-pressed), or a ticked checkbox (aria-checked). */
  pressed?: boolean
  disabled?: boolean
} & { [data: `data-${string}`]: string | number | undefined }

export function Tappable({ className, onClick, children, role = 'button', label, pressed, disabled, ...data }: TappableProps) {
  const tap = (e: ITouchEvent) => {
    if (!disabled) onClick(e)
  }
  if (process.env.TARO_ENV === 'h5') {
    const keyboard = {
      role,
      // Lower case: Taro's H5 element wrapper writes attributes by their prop name.
      tabindex: disabled ? '-1' : '0',
      'aria-label': label,
      [role === 'checkbox' ? 'aria-checked' : 'aria-pressed']: pressed === undefined ? undefined : String(pressed),
      'aria-disabled': disabled ? 'true' : undefined,
      // Enter activates links and buttons, Space buttons and tick boxes (as native elements do); Space must
      // not scroll the page.
      onKeyDown: (e: KeyboardEvent) => {
        if (e.target !== e.currentTarget) return
        if (e.key === 'Enter' || (role !== 'link' && (e.key === ' ' || e.key === 'Spacebar'))) {
          e.preventDefault()
          ;(e.currentTarget as HTMLElement).click()
        }
      },
    }
    return (
      <View className={className ? `tappable ${className}` : 'tappable'} onClick={tap} {...data} {...(keyboard as object)}>
        {children}
      </View>
    )
  }
  const mini = { 'aria-role': role, 'aria-label': label }
  return (
    <View className={className ? `tappable ${className}` : 'tappable'} onClick={tap} {...data} {...(mini as object)}>
      {children}
    </View>
  )
}
