import { useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import type { UnreadCounts } from '../../common/schemas/messages'
import { getUnread, refreshUnread, UNREAD_EVENT } from '../services/messages'

/**
 * The unread counts of 我的消息, read again each time the page shows: every tab page calls it, so
 * the 我的 tab's badge is right whichever tab the person is on (WeChat sets tab badges only from a
 * tab page).
 */
export function useUnreadMessages(): UnreadCounts {
  const [counts, setCounts] = useState(getUnread)
  useEffect(() => {
    const handler = (next: UnreadCounts) => setCounts(next)
    Taro.eventCenter.on(UNREAD_EVENT, handler)
    return () => {
      Taro.eventCenter.off(UNREAD_EVENT, handler)
    }
  }, [])
  useDidShow(() => {
    refreshUnread()
  })
  return counts
}

/** A tab page that shows no count itself: keeps the 我的 tab's badge right each time it shows. */
export function useMessagesBadge(): void {
  useDidShow(() => {
    refreshUnread()
  })
}
