// Loads the real weapp build (dist/weapp) in miniprogram-simulate and points it at a real API
// server (SQLite + the WeChat emulator). Only the WeChat runtime is shimmed, at its true boundary:
// the `wx.*` calls the app makes and the Page/App/getApp/getCurrentPages globals.
//
// Use one harness per test file (it adds its own beforeAll/afterAll):
//   const weapp = useWeapp()
//   const page = await weapp.render('pages/index/index')
//   await page.waitForText('注册')
//
// Build first: TARO_APP_API_BASE=http://127.0.0.1:3000 npx taro build --type weapp
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { JSDOM } from 'jsdom'
import { createTestContext, type TestContext } from '../server/helpers'
import { seedDemoData } from '../../server/src/seed/seed'
import { PRIVACY_VERSION } from '../../common/enums'

/** The build under test; WEAPP_DIST points the tests at another copy (e.g. a deliberately broken one). */
export const DIST = resolve(process.env.WEAPP_DIST ?? resolve(__dirname, '../../dist/weapp'))
/** The API origin baked into the build; requests to it are sent to the test server instead. */
const BUILD_API_BASE = 'http://127.0.0.1:3000'
/** miniprogram-simulate prefixes every class in a component's template with `<tagName>--`. */
const PAGE_TAG = 'page'
const CLASS_PREFIX = /^(page|comp)--/

type Detail = Record<string, unknown>
export interface RecordedRequest {
  method: string
  path: string
  headers: Record<string, string>
  data: unknown
  status: number
  body: unknown
}
export interface WeappOptions {
  /** wx.getAppBaseInfo().fontSizeScaleFactor, read once by the app at launch. */
  fontSizeScaleFactor?: number
  /** What the phone's storage already holds when the app launches (e.g. from an earlier run). */
  storage?: Record<string, unknown>
  /**
   * The language the person chose on an earlier open (kept in storage as src/i18n does): 中文 unless
   * a test says otherwise; null for a first open, which asks the language before anything else.
   */
  lang?: 'zh' | 'bo' | null
}

/** Where src/i18n keeps the chosen language (LANG_KEY). */
export const LANG_STORAGE_KEY = 'ui.lang'

export interface PageHandle {
  /** The page's root DOM node (the `page` element); its first child is PageShell's root. */
  root: Element
  /** The page instance (what WeChat passes as `this`): onReachBottom, onShareAppMessage, … */
  instance: Record<string, any>
  text(): string
  /** Elements with class `name` (the simulate prefix ignored), in document order. */
  all(name: string): Element[]
  one(name: string): Element
  /** Innermost elements whose trimmed text equals `text`. */
  allByText(text: string): Element[]
  byText(text: string): Element
  /** A template attribute of a node (e.g. 'open-type'), as the compiled wxml set it. */
  attr(el: Element, name: string): unknown
  /** A finger tap: WeChat's `tap` event, bubbling from `el` to the handler Taro bound. */
  tap(el: Element): void
  /** Types `value` into an <input>: an `input` event, then `blur` as the finger moves on. */
  type(el: Element, value: string): void
  trigger(el: Element, type: string, detail?: Detail): void
  waitFor<T>(check: () => T | undefined | null | false, what?: string): Promise<T>
  waitForText(text: string): Promise<void>
  unload(): void
}

export interface Weapp {
  ctx: TestContext
  /** The test server's origin, e.g. http://127.0.0.1:39321 */
  apiOrigin: string
  storage: Map<string, unknown>
  /** Every wx.request as it is sent ('GET /api/news?limit=10'), answered or not. */
  sent: string[]
  /** Every answered wx.request with the server's status and body. */
  requests: RecordedRequest[]
  /** wx.navigateTo / redirectTo / switchTab / navigateBack / reLaunch calls, urls without Taro's __key_. */
  nav: Array<{ api: string; url?: string }>
  toasts: Array<Record<string, unknown>>
  modals: Array<Record<string, unknown>>
  /** What wx.showModal answers (the person taps 确定 when true). */
  modalConfirms: boolean
  /** The WeChat user wx.login logs in as; each call hands out a fresh single-use code for them. */
  loginUser: string
  loginCodes: string[]
  render(path: string, query?: Record<string, string>): Promise<PageHandle>
  /**
   * WeChat asks the app to show its privacy guide (a privacy API was used before consent): calls the
   * app's onNeedPrivacyAuthorization listener and resolves with what the app answers WeChat.
   */
  needPrivacyAuthorization(): Promise<{ event: string; buttonId?: string }>
  /** The phone loses or regains its network: WeChat's onNetworkStatusChange fires. */
  setOnline(online: boolean): void
  /** What WeChat does with a promise the app left rejected: calls the wx.onUnhandledRejection listeners. */
  unhandledRejection(reason: unknown): void
  /** Signs `user` in through the server (as the login page would) and keeps the session in storage. */
  signIn(user: string): Promise<{ token: string; user: any }>
  /**
   * Lets in-flight requests and Taro's pending setData finish, closes open pages, forgets storage and
   * recorders. In-memory app state (the launch-time ui prefs, the region cache) stays, as on a phone
   * where the app keeps running.
   */
  reset(): Promise<void>
}

// Taken before any test fakes timers: polling runs on real time while a test moves the app's clock
// (jest.useFakeTimers), which would otherwise never fire the poll or reach its timeout.
const realSetTimeout = globalThis.setTimeout
const realNow = Date.now.bind(Date)

/** Polls `check` until it returns something truthy (rendering is asynchronous). */
export async function waitFor<T>(check: () => T | undefined | null | false, what = 'condition', timeoutMs = 5000): Promise<T> {
  const start = realNow()
  let lastError: unknown
  for (;;) {
    try {
      const value = check()
      if (value) return value
    } catch (err) {
      lastError = err
    }
    if (realNow() - start > timeoutMs) throw new Error(`timed out waiting for ${what}${lastError ? `: ${lastError}` : ''}`)
    await new Promise((r) => realSetTimeout(r, 10))
  }
}

export function classesOf(el: Element): string[] {
  return Array.from(el.classList).map((c) => c.replace(CLASS_PREFIX, ''))
}

export function useWeapp(options: WeappOptions = {}): Weapp {
  const g = global as any
  const state = {
    storage: new Map<string, unknown>(),
    sent: [] as string[],
    requests: [] as RecordedRequest[],
    nav: [] as Array<{ api: string; url?: string }>,
    toasts: [] as Array<Record<string, unknown>>,
    modals: [] as Array<Record<string, unknown>>,
    modalConfirms: true,
    loginUser: `weapp-${Date.now().toString(36)}`,
    loginCodes: [] as string[],
    privacyListener: null as null | ((resolve: (res: any) => void, info: { referrer: string }) => void),
    networkListeners: [] as Array<(res: { isConnected: boolean; networkType: string }) => void>,
    rejectionListeners: [] as Array<(res: { reason: unknown; promise: Promise<unknown> }) => void>,
  }
  /** The language chosen on an earlier open (options.lang), as the phone's storage keeps it. */
  const rememberLang = () => {
    const lang = options.lang === undefined ? 'zh' : options.lang
    if (lang) state.storage.set(LANG_STORAGE_KEY, lang)
  }
  const livePages: Array<{ instance: any; comp: any; parent: Element }> = []
  const loaded = new Map<string, string>()
  let simulate: any
  let exparser: any
  let app: any
  let ctx: TestContext
  let apiOrigin = ''
  let codeSeq = 0
  let inflight = 0
  let setDataCalls = 0
  /** Set by render() just before attaching: the query the next page instance loads with. */
  let pendingQuery: Record<string, string> | null = null

  beforeAll(async () => {
    if (!existsSync(join(DIST, 'app.js'))) throw new Error(`no build in ${DIST}: run TARO_APP_API_BASE=${BUILD_API_BASE} npx taro build --type weapp`)
    const scripts = readdirSync(DIST).filter((f) => f.endsWith('.js'))
    if (!scripts.some((f) => readFileSync(join(DIST, f), 'utf8').includes(BUILD_API_BASE))) {
      throw new Error(`dist/weapp was not built with TARO_APP_API_BASE=${BUILD_API_BASE}`)
    }

    // The real server: API + WeChat emulator, seeded like the demo.
    ctx = await createTestContext()
    await seedDemoData(ctx.db, ctx.config.phoneEncryptionKey, new Date())
    await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const address = ctx.app.server.address()
    apiOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

    // simulate and j-component render into a DOM (window/document globals); the jest project runs
    // in node (Fastify and SQLite need node's globals), so give them a jsdom of their own.
    const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>')
    g.window = dom.window
    for (const name of ['document', 'Event', 'CustomEvent', 'TouchEvent', 'HTMLElement', 'Element', 'Node', 'Text']) {
      g[name] = (dom.window as any)[name]
    }
    simulate = require('miniprogram-simulate')
    // The exparser instance j-component renders with: used to dispatch WeChat events on nodes.
    exparser = require(require.resolve('miniprogram-exparser', { paths: [dirname(require.resolve('j-component'))] }))

    installWx(g.wx)
    installGlobals()
    rememberLang()
    for (const [key, value] of Object.entries(options.storage ?? {})) state.storage.set(key, value)

    // app.js registers the app (App(...)) and Taro's runtime; onLaunch runs useLaunch (ui prefs, network).
    require(join(DIST, 'app.js'))
    if (!app) throw new Error('app.js did not call App()')
    app.onLaunch({ path: 'pages/index/index', query: {}, scene: 1001 })
    app.onShow?.({ path: 'pages/index/index', query: {}, scene: 1001 })
  }, 60_000)

  afterAll(async () => {
    await settle()
    closePages()
    await settle() // unmounting sends a last update
    await ctx?.close()
  })

  /**
   * Waits until no request is in flight and Taro has sent no setData for a few timer turns, so
   * nothing from one test lands in the next one (or after the file's globals are gone).
   */
  async function settle() {
    await waitFor(() => inflight === 0, 'requests to finish')
    for (let quiet = 0; quiet < 3; ) {
      const before = setDataCalls
      await new Promise((r) => setTimeout(r, 20))
      quiet = setDataCalls === before && inflight === 0 ? quiet + 1 : 0
    }
  }

  // ---- wx: simulate's mock API object, with the calls this app makes answered for real ----
  function installWx(wx: any) {
    const ok = (api: string, opts: any, res: Record<string, unknown> = {}) => {
      const result = { errMsg: `${api}:ok`, ...res }
      // WeChat calls back asynchronously.
      setTimeout(() => {
        opts?.success?.(result)
        opts?.complete?.(result)
      }, 0)
    }

    // Network: a real HTTP call to the test server, answered the way wx.request answers.
    wx.request = (opts: any) => {
      const controller = new AbortController()
      const method = String(opts.method ?? 'GET').toUpperCase()
      const header: Record<string, string> = { ...(opts.header ?? {}) }
      let url = String(opts.url).replace(BUILD_API_BASE, apiOrigin)
      let body: string | undefined
      if (method === 'GET' && opts.data && typeof opts.data === 'object') {
        const qs = new URLSearchParams(opts.data).toString()
        if (qs) url += (url.includes('?') ? '&' : '?') + qs
      } else if (method !== 'GET') {
        // WeChat JSON-encodes object data and sends an empty body when there is none.
        body = opts.data === undefined ? '' : typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data)
      }
      const fail = (errMsg: string) => {
        opts.fail?.({ errMsg })
        opts.complete?.({ errMsg })
      }
      state.sent.push(`${method} ${url.replace(apiOrigin, '')}`)
      inflight++
      const timer = setTimeout(() => controller.abort(), opts.timeout ?? 60_000)
      fetch(url, { method, headers: header, body, signal: controller.signal })
        .then(async (res) => {
          const text = await res.text()
          let data: unknown = text
          if ((opts.dataType ?? 'json') === 'json') {
            try {
              data = JSON.parse(text)
            } catch {
              data = text
            }
          }
          const u = new URL(url)
          state.requests.push({ method, path: u.pathname + u.search, headers: header, data: opts.data, status: res.status, body: data })
          const result = { errMsg: 'request:ok', statusCode: res.status, data, header: Object.fromEntries(res.headers) }
          opts.success?.(result)
          opts.complete?.(result)
        })
        .catch((err) => fail(controller.signal.aborted ? 'request:fail timeout' : `request:fail ${err?.message ?? err}`))
        .finally(() => {
          clearTimeout(timer)
          inflight--
        })
      return { abort: () => controller.abort(), onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} }
    }

    // wx.login: a fresh single-use code naming the current user; the emulator maps 'alice:3' → alice's openid.
    wx.login = (opts: any) => {
      const code = `${state.loginUser}:${++codeSeq}`
      state.loginCodes.push(code)
      ok('login', opts, { code })
    }

    // Storage: a Map, as WeChat's is per-phone key/value storage ('' for a missing key). Values are
    // copied the way WeChat serialises them, so the app cannot keep a live reference.
    const copy = (v: unknown) => (v === undefined ? v : JSON.parse(JSON.stringify(v)))
    wx.getStorageSync = (key: string) => (state.storage.has(key) ? copy(state.storage.get(key)) : '')
    wx.setStorageSync = (key: string, value: unknown) => void state.storage.set(key, copy(value))
    wx.removeStorageSync = (key: string) => void state.storage.delete(key)
    wx.clearStorageSync = () => state.storage.clear()

    // Network status (services/network.ts): online at launch; setOnline() plays a change.
    wx.getNetworkType = (opts: any) => ok('getNetworkType', opts, { networkType: 'wifi' })
    wx.onNetworkStatusChange = (listener: any) => void state.networkListeners.push(listener)
    wx.onUnhandledRejection = (listener: any) => void state.rejectionListeners.push(listener)

    // Text size: WeChat's font scale setting (utils/ui-prefs.ts reads it at launch).
    const baseInfo = wx.getAppBaseInfo()
    wx.getAppBaseInfo = () => ({ ...baseInfo, fontSizeScaleFactor: options.fontSizeScaleFactor ?? 1 })

    // Privacy (components/privacy-popup): WeChat 2.32.3+ has it; simulate does not.
    wx.onNeedPrivacyAuthorization = (listener: any) => {
      state.privacyListener = listener
    }

    // Navigation and feedback: recorded, not performed (tests render the next page themselves).
    for (const api of ['navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack']) {
      wx[api] = (opts: any = {}) => {
        // Taro adds a __key_ query to every navigation to tell page instances apart; drop it.
        state.nav.push(opts.url ? { api, url: opts.url.replace(/[?&]__key_=[^&]*/, '').replace(/\?$/, '') } : { api })
        ok(api, opts)
      }
    }
    wx.showToast = (opts: any = {}) => {
      state.toasts.push({ title: opts.title, icon: opts.icon })
      ok('showToast', opts)
    }
    wx.showModal = (opts: any = {}) => {
      state.modals.push({ title: opts.title, content: opts.content })
      ok('showModal', opts, { confirm: state.modalConfirms, cancel: !state.modalConfirms })
    }
  }

  // ---- Page/App/getApp/getCurrentPages: the mini program globals simulate does not provide ----
  function installGlobals() {
    let loadingRoute = ''
    g.App = (config: any) => {
      app = config
    }
    g.getApp = () => app
    g.getCurrentPages = () => livePages.map((p) => p.instance)
    // simulate only knows Component(). A Taro page config is {data, onLoad, onShow, onReady, eh,
    // onReachBottom, …}: keep its data, expose every function as a method (the template binds
    // `eh`, tests call onReachBottom/onShareAppMessage), and run the page lifecycle from the
    // component's: attached → onLoad(query) + onShow, ready → onReady.
    g.Page = (config: any) => {
      const route = loadingRoute
      const methods: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(config)) if (typeof value === 'function') methods[key] = value
      g.Component({
        data: config.data ?? {},
        methods,
        lifetimes: {
          attached(this: any) {
            const query = pendingQuery ?? {}
            pendingQuery = null
            this.route = this.__route__ = route
            this.options = query
            // Counted so settle() can tell when Taro has stopped sending updates.
            const setData = this.setData
            this.setData = (data: unknown, cb?: () => void) => {
              setDataCalls++
              return setData(data, cb)
            }
            this.onLoad(query)
            this.onShow()
          },
          ready(this: any) {
            this.onReady()
          },
        },
      })
    }
    loadPageModule = (path: string) => {
      loadingRoute = path
      try {
        return simulate.load(join(DIST, path), PAGE_TAG, { rootPath: DIST })
      } finally {
        loadingRoute = ''
      }
    }
  }
  let loadPageModule: (path: string) => string = () => {
    throw new Error('harness not started')
  }

  function closePages() {
    while (livePages.length) {
      const p = livePages.pop()!
      try {
        p.instance.onUnload?.()
      } catch {
        // already unmounted
      }
      p.comp.detach()
      p.parent.remove()
    }
  }

  function dispatch(el: Element, type: string, detail: Detail = {}) {
    const node = (el as any).__wxElement
    if (!node) throw new Error(`not a rendered node: <${el.tagName.toLowerCase()} class="${el.getAttribute('class')}">`)
    exparser.Event.dispatchEvent(
      node,
      exparser.Event.create(type, detail, { bubbles: true, composed: true, capturePhase: true, extraFields: { touches: [], changedTouches: [] } }),
    )
  }

  async function render(path: string, query: Record<string, string> = {}): Promise<PageHandle> {
    // A page chunk runs once (webpack keeps its modules), so each page is loaded once per file.
    let id = loaded.get(path)
    if (!id) {
      id = loadPageModule(path)
      loaded.set(path, id)
    }
    pendingQuery = query
    const comp = simulate.render(id)
    const parent = document.createElement('parent-wrapper')
    document.body.appendChild(parent)
    comp.attach(parent)
    const instance = comp.instance
    livePages.push({ instance, comp, parent })
    const root: Element = comp.dom

    const elements = () => Array.from(root.querySelectorAll('*'))
    const handle: PageHandle = {
      root,
      instance,
      text: () => root.textContent ?? '',
      all: (name) => elements().filter((el) => classesOf(el).includes(name)),
      one(name) {
        const found = handle.all(name)
        if (!found.length) throw new Error(`no element with class ${name}`)
        return found[0]
      },
      allByText(text) {
        const matches = elements().filter((el) => el.textContent?.trim() === text)
        return matches.filter((el) => !matches.some((other) => other !== el && el.contains(other)))
      },
      byText(text) {
        const found = handle.allByText(text)
        if (!found.length) throw new Error(`no element with text ${text}`)
        return found[0]
      },
      attr(el, name) {
        // simulate keeps a node's template attributes (camelCased) on its virtual tree.
        const attrs: Array<{ name: string; value: unknown }> = (el as any).__wxElement?._vt?.attrs ?? []
        const camel = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())
        return attrs.find((a) => a.name === camel)?.value
      },
      tap: (el) => dispatch(el, 'tap', { x: 0, y: 0 }),
      type(el, value) {
        dispatch(el, 'input', { value, cursor: value.length, keyCode: 0 })
        dispatch(el, 'blur', { value })
      },
      trigger: (el, type, detail) => dispatch(el, type, detail),
      waitFor: (check, what) => waitFor(check, what),
      waitForText: (text) => waitFor(() => handle.text().includes(text), `text "${text}" on ${path}`).then(() => undefined),
      unload() {
        const i = livePages.findIndex((p) => p.comp === comp)
        if (i < 0) return
        const [p] = livePages.splice(i, 1)
        p.instance.onUnload?.()
        p.comp.detach()
        p.parent.remove()
      },
    }
    // Taro mounts the React tree on onLoad and sends it with setData: wait for the first paint.
    await waitFor(() => root.firstElementChild, `first render of ${path}`)
    return handle
  }

  const weapp: Weapp = {
    get ctx() {
      return ctx
    },
    get apiOrigin() {
      return apiOrigin
    },
    storage: state.storage,
    sent: state.sent,
    requests: state.requests,
    nav: state.nav,
    toasts: state.toasts,
    modals: state.modals,
    get modalConfirms() {
      return state.modalConfirms
    },
    set modalConfirms(v) {
      state.modalConfirms = v
    },
    get loginUser() {
      return state.loginUser
    },
    set loginUser(v) {
      state.loginUser = v
    },
    loginCodes: state.loginCodes,
    render,
    needPrivacyAuthorization() {
      const listener = state.privacyListener
      if (!listener) return Promise.reject(new Error('the app registered no onNeedPrivacyAuthorization listener'))
      return new Promise((resolve) => listener(resolve, { referrer: 'input' }))
    },
    setOnline(online) {
      for (const listener of state.networkListeners) listener({ isConnected: online, networkType: online ? 'wifi' : 'none' })
    },
    unhandledRejection(reason) {
      const promise = Promise.reject(reason)
      promise.catch(() => undefined)
      for (const listener of state.rejectionListeners) listener({ reason, promise })
    },
    async signIn(user) {
      const res = await fetch(`${apiOrigin}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: `${user}:${++codeSeq}`, consentVersion: PRIVACY_VERSION }),
      })
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`)
      const session = await res.json()
      // The same keys services/session.ts writes after a login.
      state.storage.set('session.token', session.token)
      state.storage.set('session.user', session.user)
      return session
    },
    async reset() {
      await settle()
      closePages()
      await settle()
      state.storage.clear()
      rememberLang()
      state.sent.length = 0
      state.requests.length = 0
      state.nav.length = 0
      state.toasts.length = 0
      state.modals.length = 0
      state.loginCodes.length = 0
      state.modalConfirms = true
    },
  }
  return weapp
}

export interface DemoSession {
  token: string
  user: { id: number; nickname: string; role: string; verification: string; isStaff: boolean } & Record<string, unknown>
  id: number
  auth: { authorization: string }
}

/**
 * Puts a session for a seeded demo person on this phone (the H5 demo login's route), as if they
 * had logged in: the token and profile go into the phone's storage.
 */
export async function signInDemo(weapp: Weapp, userKey: string): Promise<DemoSession> {
  const res = await fetch(`${weapp.apiOrigin}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userKey, consentVersion: PRIVACY_VERSION }),
  })
  if (res.status !== 200) throw new Error(`dev-login ${userKey}: ${res.status}`)
  const session = await res.json()
  weapp.storage.set('session.token', session.token)
  weapp.storage.set('session.user', session.user)
  return { token: session.token, user: session.user, id: session.user.id, auth: { authorization: `Bearer ${session.token}` } }
}
