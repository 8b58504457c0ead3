import Taro from '@tarojs/taro'
import { badgeText, MESSAGE_ENTRIES } from '../../common/rules/messages'
import type { MessageEntry } from '../../common/rules/messages'
import type { MessageItem, MessagePage, UnreadCounts } from '../../common/schemas/messages'
import { request } from './http'
import { getToken, SESSION_EVENT } from './session'
import { listingPath } from './listings'
import { triageCasePath } from './triage'
import { followupPath } from './triage-followup'

// 我的消息: the list, the unread counts, and the red number on the 我的 tab. The counts are kept
// here once and announced (UNREAD_EVENT), so the tab badge and the 我的 page always agree.
export const UNREAD_EVENT = 'messages:unread'
export const MESSAGES_URL = '/packages/messages/index'
/** The 我的 tab: the last of app.config.ts's tabBar.list. */
const MINE_TAB = 3

const NONE: UnreadCounts = { total: 0, entries: Object.fromEntries(MESSAGE_ENTRIES.map((e) => [e, 0])) as Record<MessageEntry, number> }
let current: UnreadCounts = NONE

export function getUnread(): UnreadCounts {
  return current
}

/**
 * The badge on the 我的 tab of a native tab bar (H5: Taro's). The mini program draws its own bar
 * (src/custom-tab-bar), which WeChat's badge calls do not reach: it shows UNREAD_EVENT's count
 * itself, and there these calls fail harmlessly. WeChat also takes them on tab pages only, and
 * Taro's H5 bar answers only while it is on screen — so nothing waits for them, and a failure is
 * nobody's business (the next tab page shown sets the badge again).
 */
function showBadge(total: number): void {
  const done = () => undefined
  try {
    const call = total > 0
      ? Taro.setTabBarBadge({ index: MINE_TAB, text: badgeText(total), fail: done })
      : Taro.removeTabBarBadge({ index: MINE_TAB, fail: done })
    Promise.resolve(call).catch(done)
  } catch {
    // A runtime without the call at all.
  }
}

function publish(counts: UnreadCounts): UnreadCounts {
  current = counts
  showBadge(counts.total)
  Taro.eventCenter.trigger(UNREAD_EVENT, counts)
  return counts
}

let reading: Promise<UnreadCounts> | null = null

/**
 * Reads the counts again (app show, each tab page show: both come at once when the app returns, so
 * a read on its way is shared); signed out there are none. A failure keeps the last known.
 */
export function refreshUnread(): Promise<UnreadCounts> {
  if (!getToken()) return Promise.resolve(publish(NONE))
  reading ??= request<UnreadCounts>('/api/messages/unread', { retry: true })
    .then(publish, () => {
      showBadge(current.total)
      return current
    })
    .finally(() => {
      reading = null
    })
  return reading
}

// Signing out (or an expired session) clears the number at once; signing in reads it.
Taro.eventCenter.on(SESSION_EVENT, (user: unknown) => {
  if (!user) publish(NONE)
})

export function fetchMessages(cursor?: string): Promise<MessagePage> {
  return request<MessagePage>(`/api/messages${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`)
}

export async function markMessageRead(id: number): Promise<UnreadCounts> {
  return publish(await request<UnreadCounts>(`/api/messages/${id}/read`, { method: 'POST', retry: true }))
}

/** Every unread message read, or those of one entry of the 我的 page (opened). */
export async function markAllMessagesRead(entry?: MessageEntry): Promise<UnreadCounts> {
  return publish(await request<UnreadCounts>('/api/messages/read', { method: 'POST', data: entry ? { entry } : {}, retry: true }))
}

/** The page a message opens, and whether it is a tab (switchTab) — null for a target this build does not know. */
export function messageLink(m: Pick<MessageItem, 'target' | 'entry'>): { url: string; tab: boolean } | null {
  switch (m.target.type) {
    case 'listing':
      return { url: listingPath(m.target.id), tab: false }
    case 'nomination':
      return m.entry === 'invites'
        ? { url: '/packages/contests/received/index', tab: false }
        : { url: '/packages/contests/nominations/index', tab: false }
    case 'verification':
      return { url: '/pages/mine/index', tab: true }
    // A need waiting for triage opens its 保姆单; 问题解决了吗 opens the question for its author.
    case 'triage_case':
      return { url: triageCasePath(m.target.id), tab: false }
    case 'followup':
      return { url: followupPath(m.target.id), tab: false }
    default:
      return null
  }
}
