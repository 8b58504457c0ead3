import Taro from '@tarojs/taro'
import { isNetworkFailure } from './outbox'

// Readable offline: the last answer of a few reads a person comes back to — home's latest news,
// the first page of 所能所需, 我的发布, the articles they opened — is kept in storage and given
// back when the network cannot answer, marked with when it was fetched (offlineSince). The
// services call readThrough for exactly those reads; pages only show the mark. Bounded per group
// (oldest dropped first) so it never crowds WeChat's 10 MB of storage.

export type CacheGroup = 'home' | 'feed' | 'mine' | 'article'

/** How many answers each group keeps. */
export const CACHE_LIMITS: Record<CacheGroup, number> = { home: 3, feed: 6, mine: 2, article: 20 }

const PREFIX = 'offline.'
interface Entry {
  /** When it was fetched (ISO). */
  at: string
  data: unknown
}

// Answers that came from storage, and when they were fetched. A WeakMap: the answer object itself
// is what the page keeps in its state, so the mark travels with it and nothing else changes shape.
const served = new WeakMap<object, string>()

/** When the answer was fetched, if it came from storage because the network could not answer; else null. */
export function offlineSince(answer: unknown): string | null {
  return answer && typeof answer === 'object' ? (served.get(answer) ?? null) : null
}

const indexKey = (group: CacheGroup) => `${PREFIX}${group}`
const entryKey = (group: CacheGroup, key: string) => `${PREFIX}${group}:${key}`

function touch(group: CacheGroup, key: string): void {
  const index = (Taro.getStorageSync(indexKey(group)) as string[] | '') || []
  const next = [key, ...index.filter((k) => k !== key)]
  next.slice(CACHE_LIMITS[group]).forEach((old) => Taro.removeStorageSync(entryKey(group, old)))
  Taro.setStorageSync(indexKey(group), next.slice(0, CACHE_LIMITS[group]))
}

/**
 * `fetch`'s answer, kept under (group, key); when the network cannot answer (no network, or no
 * answer in time) the kept one instead, marked. Refusals (404, 403…) are never covered up.
 */
export async function readThrough<T extends object>(group: CacheGroup, key: string, fetch: () => Promise<T>, now = () => new Date()): Promise<T> {
  try {
    const answer = await fetch()
    try {
      Taro.setStorageSync(entryKey(group, key), { at: now().toISOString(), data: answer } satisfies Entry)
      touch(group, key)
    } catch {
      // Storage full: the answer still shows; it just will not be there offline.
    }
    return answer
  } catch (err) {
    if (!isNetworkFailure(err)) throw err
    const saved = Taro.getStorageSync(entryKey(group, key)) as Entry | ''
    if (!saved || !saved.data || typeof saved.data !== 'object') throw err
    const copy = JSON.parse(JSON.stringify(saved.data)) as T
    served.set(copy, saved.at)
    return copy
  }
}

/** Everything kept for offline reading (e.g. when the person signs out: 我的发布 is theirs). */
export function dropOfflineGroup(group: CacheGroup): void {
  const index = (Taro.getStorageSync(indexKey(group)) as string[] | '') || []
  index.forEach((key) => Taro.removeStorageSync(entryKey(group, key)))
  Taro.removeStorageSync(indexKey(group))
}
