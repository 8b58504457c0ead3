import Taro from '@tarojs/taro'
import { act, renderHook } from '@testing-library/react'
import { ERROR_MESSAGES } from '../../common/errors'
import { errorBody } from './fake-server'

// The 待发送 queue (services/outbox.ts) on the real H5 Taro (storage = localStorage, requests =
// fetch). The network boundary is this file's fetch: it counts what reaches "the server" and
// answers as the API does; the phone's network is the browser's online/offline events, which
// services/network.ts listens to.

type Outbox = typeof import('../../src/services/outbox')
type Network = typeof import('../../src/services/network')
type App = { outbox: Outbox; network: Network; taro: typeof Taro }
const running: App[] = []

interface Seen {
  method: string
  path: string
  key: string | undefined
  body: unknown
}

let seen: Seen[] = []
/** The next answers, by path; a path with none gets 201 and an echo. */
let answers: Record<string, ({ status: number; body: unknown } | 'network-error' | Promise<{ status: number; body: unknown }>)[]> = {}
let onLine = true

function installFetch() {
  globalThis.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost')
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]))
    seen.push({ method: (init.method ?? 'GET').toUpperCase(), path: url.pathname, key: headers['idempotency-key'], body: init.body ? JSON.parse(String(init.body)) : undefined })
    const next = answers[url.pathname]?.shift()
    const answer = next === undefined ? { status: 201, body: { id: seen.length, echo: true } } : await next
    if (answer === 'network-error') throw new TypeError('Failed to fetch')
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } })
  }) as typeof fetch
}

function setNetwork(next: boolean) {
  onLine = next
  window.dispatchEvent(new Event(next ? 'online' : 'offline'))
}

/** A fresh start of the app: its modules loaded anew, storage as the last run left it. */
function launch(): App {
  let loaded!: App
  jest.isolateModules(() => {
    loaded = { outbox: require('../../src/services/outbox'), network: require('../../src/services/network'), taro: require('@tarojs/taro') }
  })
  // As app.ts's useLaunch does.
  loaded.network.watchNetwork()
  loaded.outbox.startOutbox()
  running.push(loaded)
  return loaded
}

/** The app is killed: nothing of that run hears events any more. */
function kill(app: App) {
  app.taro.eventCenter.off()
}


/** Waits until `check` holds (the queue works through promises and events). */
async function until(check: () => boolean, what: string, ms = 1000) {
  for (let i = 0; i < ms / 5; i++) {
    if (check()) return
    await act(() => new Promise((r) => setTimeout(r, 5)))
  }
  throw new Error(`never happened: ${what}`)
}

const posts = () => seen.filter((s) => s.method === 'POST')
const NEED = { kind: 'publish' as const, path: '/api/listings', method: 'POST' as const, data: { title: '牦牛掉膘求补饲技术' }, headers: { 'Idempotency-Key': 'K'.repeat(32) }, label: '牦牛掉膘求补饲技术' }

beforeAll(() => {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => onLine })
})
afterEach(() => {
  running.splice(0).forEach(kill)
})
beforeEach(() => {
  localStorage.clear()
  seen = []
  answers = {}
  onLine = true
  installFetch()
  Taro.setStorageSync('session.token', 'token-of-1')
  Taro.setStorageSync('session.user', { id: 1, nickname: '扎西' })
})

test('offline: the need is queued, nothing is sent; back online it is sent once with its key', async () => {
  const { outbox, taro } = launch()
  setNetwork(false)
  const res = await outbox.sendOrQueue(NEED)
  expect(res.sent).toBe(false)
  expect(outbox.outboxItems()).toEqual([expect.objectContaining({ kind: 'publish', label: '牦牛掉膘求补饲技术', state: 'waiting' })])
  expect(seen).toEqual([])

  const sent = jest.fn()
  taro.eventCenter.on(outbox.OUTBOX_SENT_EVENT, sent)
  setNetwork(true)
  await until(() => outbox.outboxItems().length === 0, 'the queue empties')
  expect(posts()).toEqual([expect.objectContaining({ path: '/api/listings', key: 'K'.repeat(32), body: { title: '牦牛掉膘求补饲技术' } })])
  expect(sent).toHaveBeenCalledWith((res as { item: { id: string } }).item.id, expect.objectContaining({ echo: true }))
})

test('a request whose answer never came (online, connection dropped) is queued too, and resent with the same key', async () => {
  const { outbox } = launch()
  answers['/api/listings'] = ['network-error', 'network-error', 'network-error']
  const res = await outbox.sendOrQueue(NEED)
  expect(res.sent).toBe(false)
  await outbox.flushOutbox()
  expect(outbox.outboxItems()).toHaveLength(0)
  // three lost tries of the first send (it retries, being keyed), then the flush: one key throughout
  expect(new Set(posts().map((p) => p.key))).toEqual(new Set(['K'.repeat(32)]))
})

/** A need queued offline whose first try, when the network returns, is lost. */
async function firstTryLost(): Promise<Outbox> {
  const { outbox } = launch()
  setNetwork(false)
  await outbox.sendOrQueue(NEED)
  answers['/api/listings'] = ['network-error']
  setNetwork(true)
  await until(() => posts().length === 1 && outbox.outboxItems()[0]?.state === 'waiting', 'the first try, lost')
  return outbox
}

test('a try lost at the edge of a returning signal is tried again by itself, with no further reconnect event', async () => {
  const outbox = await firstTryLost()
  // The phone stays "connected": the queue's own retry sends it, with the same key.
  await until(() => outbox.outboxItems().length === 0, 'sent on the retry', outbox.LOST_TRY_RETRY_MS + 2000)
  expect(posts().map((p) => p.key)).toEqual(['K'.repeat(32), 'K'.repeat(32)])
})

test('a lost try is retried in 3 s even when a later flush was already planned (an answer that never came plans one in 15 s)', async () => {
  const { outbox } = launch()
  // Online, every try of the send lost: queued, and a flush planned 15 s ahead.
  answers['/api/listings'] = ['network-error', 'network-error', 'network-error', 'network-error']
  expect((await outbox.sendOrQueue(NEED)).sent).toBe(false)
  // The next flush is lost too: its own retry is due sooner than the planned one, and wins.
  await outbox.flushOutbox()
  expect(posts()).toHaveLength(4)
  await until(() => outbox.outboxItems().length === 0, 'sent on the 3 s retry', outbox.LOST_TRY_RETRY_MS + 2000)
}, 15_000)

test('offline again before the retry is due: nothing is sent until the network returns', async () => {
  const outbox = await firstTryLost()
  setNetwork(false)
  await act(() => new Promise((r) => setTimeout(r, outbox.LOST_TRY_RETRY_MS + 500)))
  expect(posts()).toHaveLength(1)
  setNetwork(true)
  await until(() => outbox.outboxItems().length === 0, 'sent on reconnect')
  expect(posts()).toHaveLength(2)
})

test('the queue survives the app being killed; the next start sends it once, also an item killed mid-send', async () => {
  const first = launch()
  setNetwork(false)
  await first.outbox.sendOrQueue(NEED)
  await first.outbox.sendOrQueue({ kind: 'respond', path: '/api/listings/7/responses', method: 'POST', data: { message: '我家有青稞种子' }, label: '青稞种子' })
  // The second was being sent when the app died.
  const stored = Taro.getStorageSync('outbox') as { state: string }[]
  stored[1].state = 'sending'
  Taro.setStorageSync('outbox', stored)

  kill(first)
  setNetwork(true) // the network returns while the app is not running: no one hears it
  expect(posts()).toEqual([])
  const second = launch()
  await until(() => second.outbox.outboxItems().length === 0, 'the queue empties after the restart')
  expect(posts().map((p) => p.path)).toEqual(['/api/listings', '/api/listings/7/responses'])
})

test('two reconnect events and a flush at start racing: every item goes out exactly once', async () => {
  const { outbox } = launch()
  setNetwork(false)
  await outbox.sendOrQueue(NEED)
  await outbox.sendOrQueue({ ...NEED, data: { title: '第二条' }, headers: { 'Idempotency-Key': 'L'.repeat(32) }, label: '第二条' })
  // The first answer is slow: everything below happens while it is on its way.
  let release!: () => void
  answers['/api/listings'] = [new Promise((r) => (release = () => r({ status: 201, body: { id: 1 } })))]
  outbox.startOutbox() // again: a second call changes nothing
  setNetwork(true)
  setNetwork(false)
  setNetwork(true)
  const extra = outbox.flushOutbox()
  await until(() => posts().length === 1, 'the first is on its way')
  release()
  await extra
  await until(() => outbox.outboxItems().length === 0, 'both sent')
  expect(posts().map((p) => p.key)).toEqual(['K'.repeat(32), 'L'.repeat(32)])
})

test('a refusal by the server stays with its Chinese message for 删除 / 修改; it is not retried, and the next item still goes', async () => {
  const { outbox } = launch()
  setNetwork(false)
  await outbox.sendOrQueue({ ...NEED, draft: { key: 'draft.listing-publish', value: { title: '牦牛掉膘求补饲技术', key: 'K'.repeat(32) } }, editUrl: '/packages/listings/publish/index' })
  await outbox.sendOrQueue({ kind: 'accept', path: '/api/listings/7/responses/3/accept', method: 'POST', label: '青稞种子' })
  answers['/api/listings'] = [{ status: 400, body: errorBody('VALIDATION_FAILED', { title: '标题至少 4 个字' }) }]
  answers['/api/listings/7/responses/3/accept'] = [{ status: 200, body: { id: 3, status: 'accepted' } }]
  setNetwork(true)
  await until(() => outbox.outboxItems().length === 1 && outbox.outboxItems()[0].state === 'failed', 'the need fails, the acceptance goes')
  const [failed] = outbox.outboxItems()
  expect(failed).toMatchObject({ kind: 'publish', error: ERROR_MESSAGES.VALIDATION_FAILED, fields: { title: '标题至少 4 个字' } })

  // More reconnects and flushes: the refused need is never sent again.
  setNetwork(false)
  setNetwork(true)
  await outbox.flushOutbox()
  expect(posts().filter((p) => p.path === '/api/listings')).toHaveLength(1)

  // 修改 puts the form's draft back; the item is gone.
  expect(outbox.reviseOutboxItem(failed.id)).toBe('/packages/listings/publish/index')
  expect(Taro.getStorageSync('draft.listing-publish')).toEqual({ title: '牦牛掉膘求补饲技术', key: 'K'.repeat(32) })
  expect(outbox.outboxItems()).toEqual([])
})

test('a resend whose first try had arrived (ALREADY_RESPONDED) counts as sent; a 5xx waits, then fails after a few tries', async () => {
  const { outbox } = launch()
  setNetwork(false)
  await outbox.sendOrQueue({ kind: 'respond', path: '/api/listings/7/responses', method: 'POST', data: { message: '有' }, label: '青稞' })
  answers['/api/listings/7/responses'] = [{ status: 409, body: errorBody('ALREADY_RESPONDED') }]
  setNetwork(true)
  await until(() => outbox.outboxItems().length === 0, 'the 对接 counts as sent')

  setNetwork(false)
  await outbox.sendOrQueue({ kind: 'feedback', path: '/api/listings/7/responses/3/feedback', method: 'POST', data: { rating: 5, text: '' }, label: '青稞' })
  answers['/api/listings/7/responses/3/feedback'] = Array(5).fill({ status: 503, body: errorBody('SERVICE_UNAVAILABLE') })
  setNetwork(true)
  await until(() => outbox.outboxItems()[0]?.serverTries === 1, 'the first try on reconnect')
  expect(outbox.outboxItems()[0]).toMatchObject({ state: 'waiting' })
  // Each later flush (a return to the app, a reconnect) tries once more.
  for (let i = 2; i < 5; i++) {
    await outbox.flushOutbox()
    expect(outbox.outboxItems()[0]).toMatchObject({ state: 'waiting', serverTries: i })
  }
  await outbox.flushOutbox()
  expect(outbox.outboxItems()[0]).toMatchObject({ state: 'failed', error: ERROR_MESSAGES.SERVICE_UNAVAILABLE })
})

test('signed out on the server (SESSION_EXPIRED), however often, is not the item’s fault: it waits for the next sign-in, never fails', async () => {
  const { outbox } = launch()
  setNetwork(false)
  await outbox.sendOrQueue(NEED)
  answers['/api/listings'] = Array(6).fill({ status: 401, body: errorBody('SESSION_EXPIRED') })
  const signInAgain = () => {
    Taro.setStorageSync('session.token', 'token-of-1')
    Taro.setStorageSync('session.user', { id: 1, nickname: '扎西' })
  }
  setNetwork(true)
  await until(() => posts().length === 1 && !Taro.getStorageSync('session.token'), 'the try on reconnect, answered: signed out')
  for (let i = 0; i < 5; i++) {
    signInAgain()
    expect(outbox.outboxItems()[0]).toMatchObject({ state: 'waiting', serverTries: 0 })
    await outbox.flushOutbox()
  }
  signInAgain()
  expect(outbox.outboxItems()[0]).toMatchObject({ state: 'waiting', serverTries: 0 })
  await outbox.flushOutbox()
  expect(outbox.outboxItems()).toEqual([])
  expect(posts()).toHaveLength(7)
})

test('deleting the account takes its 待发送 items and its 我的发布 kept for offline reading off the phone; another person’s stay', async () => {
  const { outbox } = launch()
  setNetwork(false)
  await outbox.sendOrQueue(NEED)
  Taro.setStorageSync('session.user', { id: 2, nickname: '卓玛' })
  await outbox.sendOrQueue({ ...NEED, headers: { 'Idempotency-Key': 'L'.repeat(32) } })
  Taro.setStorageSync('session.user', { id: 1, nickname: '扎西' })
  let users!: typeof import('../../src/services/users')
  let cache!: typeof import('../../src/services/offline-cache')
  jest.isolateModules(() => {
    users = require('../../src/services/users')
    cache = require('../../src/services/offline-cache')
  })
  await cache.readThrough('mine', '1', async () => ({ items: [{ title: '牦牛掉膘' }] }))
  const keptBefore = Object.keys(localStorage).filter((k) => k.startsWith('offline.mine'))
  expect(keptBefore.length).toBeGreaterThan(0)
  setNetwork(true)
  answers['/api/users/me'] = [{ status: 204, body: {} }]
  await users.deleteAccount()
  expect(seen.some((s) => s.method === 'DELETE' && s.path === '/api/users/me')).toBe(true)
  expect(JSON.parse(localStorage.getItem('outbox') ?? '{"data":[]}').data.map((i: { userId: number }) => i.userId)).toEqual([2])
  expect(Object.keys(localStorage).filter((k) => k.startsWith('offline.mine'))).toEqual([])
})

test('another person signed in on the phone neither sees nor sends the first one’s queue', async () => {
  const { outbox } = launch()
  setNetwork(false)
  await outbox.sendOrQueue(NEED)
  Taro.setStorageSync('session.user', { id: 2, nickname: '卓玛' })
  Taro.setStorageSync('session.token', 'token-of-2')
  expect(outbox.outboxItems()).toEqual([])
  setNetwork(true)
  await outbox.flushOutbox()
  expect(posts()).toEqual([])
})

test('useOutbox follows the queue: 待发送 count, then empty once sent', async () => {
  // One module registry with the test's React (a launch() has its own).
  const outbox = require('../../src/services/outbox') as Outbox
  const { watchNetwork } = require('../../src/services/network') as Network
  const { useOutbox } = require('../../src/hooks/useOutbox') as typeof import('../../src/hooks/useOutbox')
  watchNetwork()
  outbox.startOutbox()
  const hook = renderHook(() => useOutbox())
  expect(hook.result.current.waiting).toBe(0)
  setNetwork(false)
  await act(async () => void (await outbox.sendOrQueue(NEED)))
  expect(hook.result.current.waiting).toBe(1)
  setNetwork(true)
  await until(() => hook.result.current.items.length === 0, 'the hook sees it sent')
})
