import { useEffect, useState } from 'react'
import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import type { ShareChannel, ShareTarget } from '../../common/enums'
import { createShare, fetchShare, reportOpen } from '../services/sharing'
import { getCachedUser, getToken } from '../services/session'
import { randomId } from '../utils/visitor'

// Sharing with attribution, for every shareable page (article, post/achievement, studio, contest,
// talent). Two hooks:
//
//   const { id, resolving } = useShareEntry()       // ?id=…, or a 小程序码's scene; reports ?s= opens
//   useShareMenu({ target: 'article', id, title, path: '/packages/news/article/index' })
//
// A signed-in viewer's links carry s=<their code>: chats via onShareAppMessage's `promise` (WeChat
// waits up to 3 s for it, else sends the plain link), Moments via onShareTimeline, which must answer
// at once — so the app makes the code itself and tells the server, which keeps it. Codes are kept
// per person, page and channel, so the next share answers at once too. Signed out: plain links.

const SHARE_CODE = /^[A-Za-z0-9_-]{8,32}$/
const CODES_KEY = 'share.codes'
const MAX_CODES = 100
/** Codes already reported as opened in this run of the app (a repeat would only move the reader's latest open). */
const reported = new Set<string>()

export interface ShareEntry {
  /** The page's id: from ?id=, or looked up from the scene; NaN while unknown or when invalid. */
  id: number
  /** The share code the page was opened with, if any. */
  code: string | null
  /** A 小程序码's scene is being looked up: the page should wait rather than say "not found". */
  resolving: boolean
}

function decodeScene(raw: string | undefined): string | null {
  if (!raw) return null
  try {
    const scene = decodeURIComponent(raw)
    return SHARE_CODE.test(scene) ? scene : null
  } catch {
    return null
  }
}

/** Reads how the page was opened (?id=&s=, or a 小程序码's scene = a share code) and reports the open. */
export function useShareEntry(): ShareEntry {
  const { params } = useRouter()
  const direct = Number(params.id)
  const fromLink = params.s && SHARE_CODE.test(params.s) ? params.s : null
  const fromScene = decodeScene(params.scene)
  const code = fromLink ?? fromScene
  const lookup = !(direct > 0) && fromScene !== null
  const [resolved, setResolved] = useState<number | null>(null)
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    if (!lookup) return
    fetchShare(fromScene!)
      .then((s) => setResolved(s.targetId))
      .catch(() => setFailed(true))
  }, [lookup, fromScene])

  useEffect(() => {
    if (!code || reported.has(code)) return
    reported.add(code)
    // Nothing to tell the reader if this fails (offline, rate-limited): the page reads the same.
    reportOpen(code).catch(() => reported.delete(code))
  }, [code])

  return { id: direct > 0 ? direct : (resolved ?? NaN), code, resolving: lookup && resolved === null && !failed }
}

function codeKey(target: ShareTarget, id: number, channel: ShareChannel): string | null {
  const user = getCachedUser()
  return user ? `${user.id}:${target}:${id}:${channel}` : null
}

function cachedCode(target: ShareTarget, id: number, channel: ShareChannel): string | null {
  const key = codeKey(target, id, channel)
  if (!key) return null
  const codes = (Taro.getStorageSync(CODES_KEY) || {}) as Record<string, string>
  return codes[key] ?? null
}

function rememberCode(target: ShareTarget, id: number, channel: ShareChannel, code: string): void {
  const key = codeKey(target, id, channel)
  if (!key) return
  const codes = (Taro.getStorageSync(CODES_KEY) || {}) as Record<string, string>
  delete codes[key]
  codes[key] = code
  const keys = Object.keys(codes)
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_CODES))) delete codes[old]
  Taro.setStorageSync(CODES_KEY, codes)
}

/** The signed-in person's code for sharing this page on this channel (cached, else asked for). */
export async function shareCodeFor(target: ShareTarget, id: number, channel: ShareChannel): Promise<string> {
  const cached = cachedCode(target, id, channel)
  if (cached) return cached
  const share = await createShare(target, id, channel)
  rememberCode(target, id, channel, share.code)
  return share.code
}

export interface ShareMenuOptions {
  target: ShareTarget
  id: number
  title: string
  /** A chat card's picture (5:4); WeChat uses a screenshot of the page when left out. */
  imageUrl?: string
  /** The page's path, e.g. '/packages/news/article/index'. */
  path: string
}

/** The page's 转发 (chats) and 分享到朋友圈 (Moments), carrying the signed-in sharer's code. */
export function useShareMenu({ target, id, title, imageUrl, path }: ShareMenuOptions): void {
  const image = imageUrl ? { imageUrl } : {}
  useShareAppMessage(() => {
    const plain = { title, path: `${path}?id=${id}`, ...image }
    if (!getToken() || !(id > 0)) return plain
    const withCode = (code: string) => ({ ...plain, path: `${plain.path}&s=${code}` })
    const cached = cachedCode(target, id, 'chat')
    if (cached) return withCode(cached)
    const promise = shareCodeFor(target, id, 'chat')
      .then(withCode)
      .catch(() => plain)
    return { ...plain, promise }
  })
  useShareTimeline(() => {
    const plain = { title, query: `id=${id}`, ...image }
    if (!getToken() || !(id > 0)) return plain
    let code = cachedCode(target, id, 'timeline')
    if (!code) {
      // Made here (the answer cannot wait for the server) and registered on the way out.
      const proposed = randomId(16)
      code = proposed
      createShare(target, id, 'timeline', proposed)
        .then((s) => rememberCode(target, id, 'timeline', s.code))
        .catch(() => undefined)
    }
    return { ...plain, query: `id=${id}&s=${code}` }
  })
}
