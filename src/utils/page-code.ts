// H5 only: a page whose code is not loaded yet, opened without a network.
//
// Taro 4's H5 router loads a page's code with import() the first time the page opens
// (@tarojs/router dist/router/spa.js: render → router.resolve → the route's load → import()). When
// that fails — offline, a dropped 2G line — the router rethrows: "Loading chunk … failed" is
// uncaught, the tab bar has already moved its highlight and the old page stays: the tap silently
// did nothing. The router has no hook for it (NervJS/taro#5238). So the failure is caught one level
// down, in webpack's chunk loader (__webpack_require__.e, which every import() goes through, the
// page's CSS chunk included): instead of failing, the load waits. A notice says the network is
// down and offers 重试; the load is tried again on 重试 and by itself when the browser says it is
// back online — then the router's await simply finishes and the page opens, as after a slow tap.
// Webpack forgets a failed chunk (JS and CSS alike), so trying again fetches it afresh.

import Taro from '@tarojs/taro'
import { t } from '../i18n'

declare const wx: { onUnhandledRejection?: (listener: (res: { reason: unknown }) => void) => void } | undefined
declare const __webpack_require__: { e?: (chunkId: string | number) => Promise<unknown> } | undefined

const NOTICE_ID = 'page-code-offline'
const retries = new Set<() => void>()
let installed = false

function isChunkError(err: unknown): boolean {
  const e = err as { name?: string; message?: string; code?: string } | null
  return !!e && (e.name === 'ChunkLoadError' || e.code === 'CSS_CHUNK_LOAD_FAILED' || /Loading (CSS )?chunk \S+ failed/.test(e.message ?? ''))
}

function retryAll() {
  const waiting = [...retries]
  retries.clear()
  setNotice(waiting.length ? 'retrying' : null)
  waiting.forEach((attempt) => attempt())
}

/** The notice over the app: 'offline' with 重试, 'retrying' while a try is under way, null to remove it. */
function setNotice(state: 'offline' | 'retrying' | null) {
  let el = document.getElementById(NOTICE_ID)
  if (!state) {
    el?.remove()
    return
  }
  if (!el) {
    el = document.createElement('div')
    el.id = NOTICE_ID
    el.className = 'page-code-offline'
    el.setAttribute('role', 'alertdialog')
    el.setAttribute('aria-modal', 'true')
    el.setAttribute('aria-labelledby', `${NOTICE_ID}-title`)
    // Inline: this must show even when the page's own stylesheet is what could not be loaded.
    el.style.cssText =
      'position:fixed;inset:0;z-index:10000;display:flex;flex-direction:column;align-items:center;justify-content:center;' +
      'gap:16px;padding:32px;box-sizing:border-box;background:#f4f6f8;color:#1f2d3d;text-align:center;font-size:18px;line-height:1.6'
    el.innerHTML =
      `<div id="${NOTICE_ID}-title" style="font-size:22px;font-weight:600">${t('pagecode.title')}</div>` +
      `<div class="page-code-offline__text" style="color:#5c6b7a">${t('pagecode.text')}</div>` +
      `<button type="button" class="page-code-offline__retry" style="min-width:200px;min-height:48px;padding:0 24px;border:0;border-radius:8px;background:#0b6bcb;color:#fff;font-size:18px">${t('pagecode.retry')}</button>`
    el.querySelector('button')!.addEventListener('click', retryAll)
    document.body.appendChild(el)
    el.querySelector('button')!.focus()
  }
  const button = el.querySelector('button')!
  button.disabled = state === 'retrying'
  button.textContent = state === 'retrying' ? t('pagecode.opening') : t('pagecode.retry')
}

export function waitForPageCode(): void {
  if (installed || typeof window === 'undefined' || typeof __webpack_require__ === 'undefined' || !__webpack_require__?.e) return
  installed = true
  const load = __webpack_require__.e.bind(__webpack_require__)
  __webpack_require__.e = (chunkId) =>
    load(chunkId).catch(
      (first: unknown) =>
        new Promise((resolve, reject) => {
          if (!isChunkError(first)) return reject(first)
          const attempt = () =>
            load(chunkId).then(
              (value) => {
                resolve(value)
                if (!retries.size) setNotice(null)
              },
              (err: unknown) => {
                if (!isChunkError(err)) return reject(err)
                retries.add(attempt)
                setNotice('offline')
              },
            )
          retries.add(attempt)
          setNotice('offline')
        }),
    )
  window.addEventListener('online', retryAll)
  // Back (or forward) while waiting gives the page up: the person left it, and opening it once the
  // network returns would put it over the page they went back to, under that page's address.
  // popstate, not hashchange: the router's own pushState on a tap fires neither.
  window.addEventListener('popstate', abandonAll)
}

/** Drops every waiting load (its promise never settles: the router's render of that page just never happens). */
function abandonAll() {
  if (!retries.size) return
  retries.clear()
  setNotice(null)
}

/**
 * Weapp: the same tap fails inside WeChat — a subpackage page cannot be opened while its package
 * cannot be downloaded. navigateTo calls its fail, which Taro turns into a rejected promise that no
 * page awaits, so WeChat reports it to wx.onUnhandledRejection and the tap seems to do nothing.
 * Say it plainly; the person taps again when the network is back. (wx.onLazyLoadError is for
 * 分包异步化 — async components and require.async — which this app does not use.)
 */
export function explainFailedNavigation(online: () => boolean): void {
  // Taro's own onUnhandledRejection is not wired for weapp in 4.2: WeChat's API directly.
  const wxApi = typeof wx === 'undefined' ? undefined : wx
  if (!wxApi?.onUnhandledRejection) return
  wxApi.onUnhandledRejection(({ reason }) => {
    const msg = String((reason as { errMsg?: string } | null)?.errMsg ?? '')
    if (!/^(navigateTo|redirectTo|switchTab|reLaunch):fail/.test(msg) || /cancel/i.test(msg)) return
    Taro.showToast({ title: online() ? t('pagecode.tap_again') : t('pagecode.offline_tap_again'), icon: 'none', duration: 3000 })
  })
}
