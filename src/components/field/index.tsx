import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { charCount, cleanText } from '../../../common/text'
import './form.scss'

/**
 * A field's message under it, as the form's validator (common/rules) or the server's 400 `fields`
 * named it. `className` keeps each form's own hook for tests and spacing ('publish__error').
 */
export function FieldError({ message, className }: { message?: string; className?: string }) {
  return message ? <View className={className ? `error-text field-error ${className}` : 'error-text field-error'}>{message}</View> : null
}

/** Characters typed of the most allowed, counted as the server counts them (common/text.ts). */
export function Counter({ value, max, className }: { value: string; max: number; className?: string }) {
  return <View className={className ? `form-counter ${className}` : 'form-counter'}>{`${charCount(cleanText(value))}/${max}`}</View>
}

/**
 * One field of a form, laid out the same everywhere: its label, the control (children), a counter
 * when `counter` is given, and its message. `block` is the form's BEM block: the parts also carry
 * `${block}__label` (with `--gap` when the field follows another in the same card),
 * `${block}__counter` and `${block}__error`, which pages and tests select on.
 */
export function Field({
  block,
  label,
  gap,
  counter,
  error,
  children,
}: {
  block: string
  label?: ReactNode
  gap?: boolean
  counter?: { value: string; max: number }
  error?: string
  children?: ReactNode
}) {
  return (
    <>
      {label !== undefined && <View className={`form-label ${block}__label${gap ? ` form-label--gap ${block}__label--gap` : ''}`}>{label}</View>}
      {children}
      {counter && <Counter value={counter.value} max={counter.max} className={`${block}__counter`} />}
      <FieldError message={error} className={`${block}__error`} />
    </>
  )
}
