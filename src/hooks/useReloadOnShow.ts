import { useRef } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'

/**
 * Reads a page's data again whenever it is shown (back from a form, the app back from the
 * background: what changed meanwhile shows) and on pull-down, whose spinner stops once the read
 * settles, failed or not.
 *
 * `when: false` skips the read on show (signed out: there is nothing of theirs to read); pull-down
 * always reads, as every page did. `skipFirst` leaves the first show to the page's own first read.
 */
export function useReloadOnShow(reload: () => unknown, { when = true, skipFirst = false }: { when?: boolean; skipFirst?: boolean } = {}): void {
  const shown = useRef(false)
  useDidShow(() => {
    const first = !shown.current
    shown.current = true
    if (when && !(first && skipFirst)) reload()
  })
  usePullDownRefresh(() => {
    Promise.resolve()
      .then(reload)
      .catch(() => undefined)
      .finally(() => Taro.stopPullDownRefresh())
  })
}
