import { useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { countdownTo, formatCountdown, formatCountdownCoarse } from '../../../../../common/china-time'
import './index.scss'

/**
 * "距报名截止还有 3天 04:05:06", ticking while the page is shown and stopped when it is hidden or
 * gone (no timer left running behind another page, or in the background on a weak battery). It is
 * a leaf of its own, so each tick re-renders only it and sends WeChat one changed text node. Ticks
 * are aligned to the deadline's whole seconds, so the clock never skips or repeats a second.
 * `coarse` (lists): 还有 12天, checked each minute.
 */
export function Countdown({
  deadline,
  prefix,
  expiredText,
  onExpire,
  coarse = false,
  className,
}: {
  deadline: string
  /** 距报名截止还有 */
  prefix: string
  /** What shows once the deadline has passed: 报名已截止. */
  expiredText: string
  /** Called once when the clock runs out while shown (not when it was already over). */
  onExpire?: () => void
  coarse?: boolean
  className?: string
}) {
  const [now, setNow] = useState(() => Date.now())
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const live = useRef(false)
  const expireCb = useRef(onExpire)
  expireCb.current = onExpire

  const stop = () => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }
  const tick = () => {
    stop()
    const t = Date.now()
    setNow(t)
    const parts = countdownTo(deadline, t)
    if (parts.expired) {
      if (live.current) expireCb.current?.()
      live.current = false
      return
    }
    live.current = true
    // Next whole second of time left (+a few ms so the rounding has moved on), or next minute.
    const step = coarse ? 60_000 : 1000
    const delay = (parts.totalMs % step || step) + 5
    timer.current = setTimeout(tick, delay)
  }

  useEffect(() => {
    tick()
    return stop
  }, [deadline, coarse])
  useDidShow(() => tick())
  useDidHide(() => stop())

  const parts = countdownTo(deadline, now)
  const cls = `countdown${coarse ? ' countdown--coarse' : ''}${parts.expired ? ' countdown--over' : ''}${className ? ` ${className}` : ''}`
  if (parts.expired) {
    return (
      <View className={cls}>
        <Text className='countdown__over'>{expiredText}</Text>
      </View>
    )
  }
  return (
    <View className={cls}>
      <Text className='countdown__prefix'>{prefix}</Text>
      <Text className='countdown__time'>{coarse ? formatCountdownCoarse(parts).replace(/^还有 /, '') : formatCountdown(parts)}</Text>
    </View>
  )
}
