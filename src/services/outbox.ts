import Taro from '@tarojs/taro'
import type { ErrorCode } from '../../common/errors'
import { ApiRequestError, request } from './http'
import { isOnline, NETWORK_EVENT } from './network'
import { getCachedUser, getToken, SESSION_EVENT } from './session'

// 待发送: what a person sent while the phone had no network (a need, a 对接, accepting one, an
// evaluation, a contest sign-up) waits here, in storage, so killing the app loses nothing, and goes
// out by itself when the network returns or the app starts again. Exactly once: each item keeps
// the request it will send, its Idempotency-Key included, and every queued route is one the server
// dedupes — a need by its key; a 对接, an evaluation and a sign-up by their one-per-person unique
// index (a resend whose first answer was lost is answered ALREADY_… and counts as sent); accepting
// a response that is already accepted returns it unchanged. Photos are uploaded when picked (they
// need the network there and then); a queued need carries the ones already uploaded.

export type OutboxKind = 'publish' | 'respond' | 'accept' | 'feedback' | 'signup'

/** A request as the service that owns the route describes it. */
export interface OutboxCall {
  path: string
  method: 'POST' | 'PUT'
  data?: unknown
  headers?: Record<string, string>
}

export interface OutboxRequest extends OutboxCall {
  kind: OutboxKind
  /** What the person recognises it by (a need's title, the post a 对接 is for). */
  label: string
  /** 修改: the form's draft as it was sent (storage key and value), put back when they choose to change it. */
  draft?: { key: string; value: unknown }
  /** 修改: the page holding that form. */
  editUrl?: string
}

export interface OutboxItem extends OutboxRequest {
  id: string
  /** Whose session sends it: another person signing in on this phone never sends it as theirs. */
  userId: number
  createdAt: string
  /** waiting: goes out with the next flush; failed: the server refused it (error says why), kept until 删除 / 修改. */
  state: 'waiting' | 'sending' | 'failed'
  error?: string
  fields?: Record<string, string>
  /** Answers from a server that could not take it just then (5xx, over a quota): after MAX_SERVER_TRIES it fails. */
  serverTries?: number
}

export const OUTBOX_EVENT = 'outbox:change'
/** (id, the server's answer) once an item has been delivered. */
export const OUTBOX_SENT_EVENT = 'outbox:sent'
const STORAGE_KEY = 'outbox'
const MAX_SERVER_TRIES = 5
/**
 * A try lost to the network while the phone says it is online (a signal coming back often drops
 * the first request, or leaves it hanging until its timeout) is tried again by itself: after 3 s,
 * then twice as long each time, at most every 5 min. Without this the item waited for the next
 * reconnect event, which a phone that stays "connected" on a weak signal never sends.
 */
export const LOST_TRY_RETRY_MS = 3_000
const LOST_TRY_RETRY_MAX_MS = 300_000
let lostTryRetryMs = LOST_TRY_RETRY_MS

/** Answers that mean an earlier try of this very item already reached the server. */
const ALREADY_DONE: Partial<Record<OutboxKind, ErrorCode>> = {
  respond: 'ALREADY_RESPONDED',
  feedback: 'FEEDBACK_EXISTS',
  signup: 'ALREADY_ENTERED',
}
/** Refusals that pass (signed in again, the server recovers, the quota refills): keep waiting. */
const WAIT_CODES = new Set<ErrorCode>(['SESSION_EXPIRED', 'CONSENT_REQUIRED', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'INTERNAL_ERROR', 'NETWORK_OFFLINE', 'NETWORK_TIMEOUT'])

/** Wait codes about the person, not the request: they never count towards MAX_SERVER_TRIES. */
const NOT_THE_ITEMS = new Set<ErrorCode>(['SESSION_EXPIRED', 'CONSENT_REQUIRED'])

function read(): OutboxItem[] {
  const saved = Taro.getStorageSync(STORAGE_KEY) as OutboxItem[] | ''
  return Array.isArray(saved) ? saved : []
}

function write(items: OutboxItem[]): void {
  Taro.setStorageSync(STORAGE_KEY, items)
  Taro.eventCenter.trigger(OUTBOX_EVENT, items)
}

function patch(id: string, change: Partial<OutboxItem> | null): void {
  const items = read()
  write(change ? items.map((i) => (i.id === id ? { ...i, ...change } : i)) : items.filter((i) => i.id !== id))
}

const currentUserId = () => getCachedUser()?.id ?? 0

/** The signed-in person's items, oldest first. */
export function outboxItems(): OutboxItem[] {
  const me = currentUserId()
  return read().filter((i) => i.userId === me)
}

/** A request failed without an answer from the server: it may not have arrived (or its answer was lost). */
export function isNetworkFailure(err: unknown): boolean {
  return err instanceof ApiRequestError && err.status === 0
}

let seq = 0
function newId(): string {
  seq += 1
  return `${Date.now().toString(36)}-${seq}-${Math.floor(Math.random() * 1e6).toString(36)}`
}

export function enqueue(req: OutboxRequest, now = new Date()): OutboxItem {
  const item: OutboxItem = { ...req, id: newId(), userId: currentUserId(), createdAt: now.toISOString(), state: 'waiting' }
  write([...read(), item])
  // Queued after a timeout while the phone says it is online: nothing else would wake the queue.
  if (isOnline()) scheduleFlush()
  return item
}

export type SendResult<T> = { sent: true; result: T } | { sent: false; item: OutboxItem }

/**
 * Sends now when it can; without a network (or when the answer never came) the request is queued
 * and goes out later, once. Refusals by the server are thrown as usual: the form shows them.
 */
export async function sendOrQueue<T>(req: OutboxRequest): Promise<SendResult<T>> {
  if (!isOnline()) return { sent: false, item: enqueue(req) }
  try {
    return { sent: true, result: await request<T>(req.path, { method: req.method, data: req.data, headers: req.headers, retry: !!req.headers?.['Idempotency-Key'] }) }
  } catch (err) {
    if (isNetworkFailure(err)) return { sent: false, item: enqueue(req) }
    const done = ALREADY_DONE[req.kind]
    if (done && err instanceof ApiRequestError && err.code === done) return { sent: true, result: undefined as T }
    throw err
  }
}

let running: Promise<void> | null = null
let again = false

/**
 * Sends every waiting item of the signed-in person, oldest first. One flush at a time: a second
 * call while one runs (two reconnect events, app start and reconnect together) joins it and makes
 * it go round once more, so nothing is sent twice and nothing queued meanwhile is missed.
 */
export function flushOutbox(): Promise<void> {
  if (running) {
    again = true
    return running
  }
  running = (async () => {
    try {
      do {
        again = false
        await flushOnce()
      } while (again)
    } finally {
      running = null
    }
  })()
  return running
}

async function flushOnce(): Promise<void> {
  if (!isOnline() || !getToken()) return
  for (const item of outboxItems()) {
    if (item.state !== 'waiting') continue
    // Re-read: it may have been deleted while an earlier item was sending.
    if (!read().some((i) => i.id === item.id && i.state === 'waiting')) continue
    patch(item.id, { state: 'sending' })
    try {
      const result = await request<unknown>(item.path, { method: item.method, data: item.data, headers: item.headers })
      delivered(item, result)
    } catch (err) {
      const code = err instanceof ApiRequestError ? err.code : 'INTERNAL_ERROR'
      if (code === ALREADY_DONE[item.kind]) {
        delivered(item, undefined)
        continue
      }
      const e = err instanceof ApiRequestError ? err : new ApiRequestError('INTERNAL_ERROR', 500)
      // Signed out or consent asked: the person's to fix, however often — never the item's tries.
      const counts = !isNetworkFailure(err) && !NOT_THE_ITEMS.has(code)
      const tries = (item.serverTries ?? 0) + (counts ? 1 : 0)
      if (isNetworkFailure(err) || (WAIT_CODES.has(code) && tries < MAX_SERVER_TRIES)) {
        // Not the item's fault: it waits for the next reconnect, start or return to the app, and,
        // lost on the network while the phone says online, for the queue's own retry.
        patch(item.id, { state: 'waiting', serverTries: tries })
        if (isNetworkFailure(err) && isOnline()) {
          scheduleFlush(lostTryRetryMs)
          lostTryRetryMs = Math.min(lostTryRetryMs * 2, LOST_TRY_RETRY_MAX_MS)
        }
        return
      }
      patch(item.id, { state: 'failed', error: e.message, fields: e.fields, serverTries: tries })
    }
  }
}

function delivered(item: OutboxItem, result: unknown): void {
  lostTryRetryMs = LOST_TRY_RETRY_MS
  patch(item.id, null)
  Taro.eventCenter.trigger(OUTBOX_SENT_EVENT, item.id, result)
}

/** An account deleted: what its person left waiting goes with it (phones, messages, drafts). */
export function dropOutboxOf(userId: number): void {
  write(read().filter((i) => i.userId !== userId))
}

/** 删除: the person gives the item up. */
export function removeOutboxItem(id: string): void {
  patch(id, null)
}

/** 修改: the form's draft comes back as it was sent, the item goes; returns the page to open. */
export function reviseOutboxItem(id: string): string | null {
  const item = read().find((i) => i.id === id)
  if (!item) return null
  if (item.draft) Taro.setStorageSync(item.draft.key, item.draft.value)
  patch(id, null)
  return item.editUrl ?? null
}

let timer: ReturnType<typeof setTimeout> | null = null
let timerDue = 0
/** A flush in `ms`, unless one is planned sooner: the earliest planned wins. */
function scheduleFlush(ms = 15_000): void {
  const due = Date.now() + ms
  if (timer) {
    if (timerDue <= due) return
    clearTimeout(timer)
  }
  timerDue = due
  timer = setTimeout(() => {
    timer = null
    void flushOutbox()
  }, ms)
}

let started = false

/**
 * At app launch (after watchNetwork): an item left 'sending' by an app killed mid-request goes
 * back to waiting (sent again with its key, the server keeps one), and the queue is flushed now,
 * whenever the network returns and whenever someone signs in.
 */
export function startOutbox(): void {
  if (started) return
  started = true
  const items = read()
  if (items.some((i) => i.state === 'sending')) write(items.map((i) => (i.state === 'sending' ? { ...i, state: 'waiting' as const } : i)))
  Taro.eventCenter.on(NETWORK_EVENT, (online: boolean) => {
    if (!online) return
    lostTryRetryMs = LOST_TRY_RETRY_MS
    void flushOutbox()
  })
  Taro.eventCenter.on(SESSION_EVENT, (user: unknown) => {
    if (user) void flushOutbox()
  })
  void flushOutbox()
}
