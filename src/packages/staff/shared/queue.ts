import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { ApiRequestError, messageOf } from '../../../services/http'

export type QueueState = 'loading' | 'ready' | 'error' | 'forbidden' | 'signin'

/** What a staff queue page shows when the server refuses: the app only mirrors the server's answer. */
export const FORBIDDEN_TEXT = '仅科协工作人员可用'

/**
 * A staff work queue: loads on open and on pull-down, and drops an item once it is decided. The
 * server decides who is staff (403 → FORBIDDEN_TEXT), whatever the cached profile says.
 */
export function useStaffQueue<T extends { id: number }>(fetchItems: () => Promise<T[]>) {
  const [items, setItems] = useState<T[]>([])
  const [state, setState] = useState<QueueState>('loading')
  const [error, setError] = useState('')
  const loaded = useRef(false)
  const busy = useRef(false)

  const load = useCallback(async () => {
    if (busy.current) return
    busy.current = true
    // A refresh keeps the list on screen; only the first load shows the skeleton.
    if (!loaded.current) setState('loading')
    try {
      const next = await fetchItems()
      loaded.current = true
      setItems(next)
      setState('ready')
    } catch (err) {
      const status = err instanceof ApiRequestError ? err.status : 0
      if (status === 403) {
        setItems([])
        setState('forbidden')
      } else if (status === 401) {
        setItems([])
        setState('signin')
      } else if (loaded.current) {
        Taro.showToast({ title: messageOf(err), icon: 'none' })
      } else {
        setError(messageOf(err))
        setState('error')
      }
    } finally {
      busy.current = false
    }
  }, [fetchItems])

  useEffect(() => {
    load()
  }, [load])
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh())
  })

  const remove = useCallback((id: number) => setItems((prev) => prev.filter((i) => i.id !== id)), [])
  return { items, state, error, load, remove }
}

/**
 * Runs a staff decision on one item: on success (or when another staff member got there first)
 * the item leaves the list with a toast; any other failure leaves it in place and says why.
 */
export async function decideItem(run: () => Promise<unknown>, done: string, remove: () => void): Promise<boolean> {
  try {
    await run()
    remove()
    Taro.showToast({ title: done, icon: 'success' })
    return true
  } catch (err) {
    if (err instanceof ApiRequestError && err.code === 'ALREADY_REVIEWED') {
      remove()
      Taro.showToast({ title: err.message, icon: 'none' })
      return true
    }
    Taro.showToast({ title: messageOf(err), icon: 'none' })
    return false
  }
}

/** Reject reasons: 2–200 characters (emoji count as one), as the server checks. */
export function reasonError(reason: string): string | null {
  const n = Array.from(reason.trim()).length
  if (n < 2) return '请填写驳回理由（至少 2 个字）'
  if (n > 200) return '驳回理由最多 200 个字'
  return null
}
