import { Children, cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react'
import { Input, Textarea, View } from '@tarojs/components'
import { charCount, cleanText } from '../../../common/text'
import './form.scss'

/**
 * A field's message under it, as the form's validator (common/rules) or the server's 400 `fields`
 * named it. `className` keeps each form's own hook for tests and spacing ('publish__error').
 */
export function FieldError({ message, className, id }: { message?: string; className?: string; id?: string }) {
  // role=alert: a screen reader says the message as it appears (after 提交), not only when found.
  return message ? (
    <View className={className ? `error-text field-error ${className}` : 'error-text field-error'} role='alert' id={id}>
      {message}
    </View>
  ) : null
}

/**
 * H5: Taro's <Input>/<Textarea> wrap the real <input>, which gets only what `nativeProps` says; tie
 * it to the field's label and message there. The mini program reads the label beside the box.
 */
function labelled(children: ReactNode, labelId: string | undefined, errorId: string | undefined): ReactNode {
  if (process.env.TARO_ENV !== 'h5' || !labelId) return children
  return Children.map(children, (child) => {
    if (!isValidElement(child) || (child.type !== Input && child.type !== Textarea)) return child
    const el = child as ReactElement<{ nativeProps?: Record<string, unknown> }>
    const nativeProps = {
      'aria-labelledby': labelId,
      ...(errorId ? { 'aria-describedby': errorId, 'aria-invalid': 'true' } : {}),
      ...el.props.nativeProps,
    }
    return cloneElement(el, { nativeProps })
  })
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
  const id = useId()
  const h5 = process.env.TARO_ENV === 'h5'
  const labelId = h5 && label !== undefined ? `${id}-label` : undefined
  const errorId = h5 && error ? `${id}-error` : undefined
  return (
    <>
      {label !== undefined && (
        <View className={`form-label ${block}__label${gap ? ` form-label--gap ${block}__label--gap` : ''}`} id={labelId}>
          {label}
        </View>
      )}
      {labelled(children, labelId, errorId)}
      {counter && <Counter value={counter.value} max={counter.max} className={`${block}__counter`} />}
      <FieldError message={error} className={`${block}__error`} id={errorId} />
    </>
  )
}
