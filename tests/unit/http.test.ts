// src/services/http.ts against a fake Taro: '@tarojs/taro' is the boundary (request, uploadFile,
// storage, eventCenter, network status), answered here the way WeChat / the server would.
import Taro from '@tarojs/taro'
import { ERROR_MESSAGES } from '../../common/errors'
import { ApiRequestError, RETRY_DELAYS_MS, messageOf, request, upload, withRetry } from '../../src/services/http'
import { isOnline, NETWORK_EVENT, watchNetwork } from '../../src/services/network'
import { SESSION_EVENT, saveSession } from '../../src/services/session'

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void }
type Answer = { statusCode: number; data: unknown } | { errMsg: string }

jest.mock('@tarojs/taro', () => {
  const storage = new Map<string, unknown>()
  const handlers = new Map<string, Set<(...args: unknown[]) => void>>()
  const taro = {
    request: jest.fn(),
    uploadFile: jest.fn(),
    getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
    setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
    removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
    clearStorageSync: () => storage.clear(),
    getNetworkType: jest.fn(),
    onNetworkStatusChange: jest.fn(),
    eventCenter: {
      on: (name: string, fn: (...args: unknown[]) => void) => {
        if (!handlers.has(name)) handlers.set(name, new Set())
        handlers.get(name)!.add(fn)
      },
      off: (name: string, fn: (...args: unknown[]) => void) => void handlers.get(name)?.delete(fn),
      trigger: (name: string, ...args: unknown[]) => handlers.get(name)?.forEach((fn) => fn(...args)),
    },
  }
  return { __esModule: true, default: taro }
})

const taro = Taro as unknown as {
  request: jest.Mock
  uploadFile: jest.Mock
  getStorageSync: (key: string) => unknown
  setStorageSync: (key: string, value: unknown) => void
  clearStorageSync: () => void
  onNetworkStatusChange: jest.Mock
  getNetworkType: jest.Mock
  eventCenter: { on: (n: string, fn: (...a: any[]) => void) => void; off: (n: string, fn: (...a: any[]) => void) => void }
}

/** Each call to `mock` takes the next answer: an HTTP response (success) or a WeChat-style failure. */
function answerWith(mock: jest.Mock, ...answers: Answer[]) {
  mock.mockImplementation((opts: Callbacks) => {
    const answer = answers.shift()
    if (!answer) throw new Error('unexpected extra request')
    // Like Taro, call the callback and also return a promise settling the same way.
    if ('errMsg' in answer) {
      opts.fail?.(answer)
      return Promise.reject(answer)
    }
    opts.success?.(answer)
    return Promise.resolve(answer)
  })
}
const ok = (data: unknown) => ({ statusCode: 200, data })
const apiError = (statusCode: number, code: keyof typeof ERROR_MESSAGES, fields?: Record<string, string>) => ({
  statusCode,
  data: fields ? { code, message: ERROR_MESSAGES[code], fields } : { code, message: ERROR_MESSAGES[code] },
})
const TIMEOUT = { errMsg: 'request:fail timeout' }

/** Runs `p` to its end under fake timers, letting the retry back-off elapse. */
async function settle<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const out = p.then(
    (value) => ({ value }),
    (error) => ({ error }),
  )
  await jest.runAllTimersAsync()
  return out
}

// The network module learns connectivity from Taro.onNetworkStatusChange; keep its callback.
let setConnected: (isConnected: boolean) => void
beforeAll(() => {
  watchNetwork()
  const cb = taro.onNetworkStatusChange.mock.calls[0][0] as (res: { isConnected: boolean }) => void
  setConnected = (isConnected) => cb({ isConnected })
})

beforeEach(() => {
  taro.request.mockReset()
  taro.uploadFile.mockReset()
  taro.clearStorageSync()
  setConnected(true)
  jest.spyOn(Math, 'random').mockReturnValue(0.5) // no jitter: delays are exactly RETRY_DELAYS_MS
})

afterEach(() => {
  jest.useRealTimers()
  jest.restoreAllMocks()
})

describe('retries', () => {
  test('a GET is retried after a timeout and a 503, then succeeds', async () => {
    jest.useFakeTimers()
    answerWith(taro.request, TIMEOUT, apiError(503, 'INTERNAL_ERROR'), ok({ items: [1, 2] }))

    const result = await settle(request<{ items: number[] }>('/api/news'))
    expect(result).toEqual({ value: { items: [1, 2] } })
    expect(taro.request).toHaveBeenCalledTimes(3)
    for (const [opts] of taro.request.mock.calls) expect(opts).toMatchObject({ url: '/api/news', method: 'GET' })
  })

  test('the back-off waits RETRY_DELAYS_MS between attempts', async () => {
    jest.useFakeTimers()
    answerWith(taro.request, TIMEOUT, { statusCode: 502, data: 'Bad Gateway' }, ok('done'))
    const p = request('/api/news')
    const out = p.then((v) => v)

    await jest.advanceTimersByTimeAsync(0)
    expect(taro.request).toHaveBeenCalledTimes(1)
    await jest.advanceTimersByTimeAsync(RETRY_DELAYS_MS[0] - 1)
    expect(taro.request).toHaveBeenCalledTimes(1)
    await jest.advanceTimersByTimeAsync(1)
    expect(taro.request).toHaveBeenCalledTimes(2)
    await jest.advanceTimersByTimeAsync(RETRY_DELAYS_MS[1] - 1)
    expect(taro.request).toHaveBeenCalledTimes(2)
    await jest.advanceTimersByTimeAsync(1)
    expect(taro.request).toHaveBeenCalledTimes(3)
    await expect(out).resolves.toBe('done')
  })

  test('a GET gives up after two retries with the last error', async () => {
    jest.useFakeTimers()
    answerWith(taro.request, TIMEOUT, TIMEOUT, apiError(503, 'INTERNAL_ERROR'))
    const { error } = await settle(request('/api/news'))
    expect(taro.request).toHaveBeenCalledTimes(3)
    expect(error).toBeInstanceOf(ApiRequestError)
    expect(error).toMatchObject({ code: 'INTERNAL_ERROR', status: 503, message: '服务器开小差了，请稍后再试' })
  })

  test('a POST is not retried, neither after a timeout nor after a 503', async () => {
    answerWith(taro.request, TIMEOUT)
    await expect(request('/api/users/me', { method: 'POST', data: { nickname: '张三' } })).rejects.toMatchObject({
      code: 'NETWORK_TIMEOUT',
      status: 0,
      message: ERROR_MESSAGES.NETWORK_TIMEOUT,
    })
    expect(taro.request).toHaveBeenCalledTimes(1)

    taro.request.mockReset()
    answerWith(taro.request, apiError(503, 'INTERNAL_ERROR'))
    await expect(request('/api/users/me', { method: 'PUT', data: {} })).rejects.toMatchObject({ code: 'INTERNAL_ERROR', status: 503 })
    expect(taro.request).toHaveBeenCalledTimes(1)
  })

  test('a POST marked retry: true (safe to repeat) is retried', async () => {
    jest.useFakeTimers()
    answerWith(taro.request, TIMEOUT, ok({ ok: true }))
    expect(await settle(request('/api/auth/login', { method: 'POST', retry: true }))).toEqual({ value: { ok: true } })
    expect(taro.request).toHaveBeenCalledTimes(2)
  })

  test('errors that repeating cannot fix (400, 404, 500) are not retried', async () => {
    for (const answer of [apiError(400, 'VALIDATION_FAILED'), apiError(404, 'NOT_FOUND'), apiError(500, 'INTERNAL_ERROR')]) {
      taro.request.mockReset()
      answerWith(taro.request, answer)
      await expect(request('/api/news/1')).rejects.toBeInstanceOf(ApiRequestError)
      expect(taro.request).toHaveBeenCalledTimes(1)
    }
  })

  test('withRetry with an injected sleep: delays, attempt count, and no retry once offline', async () => {
    const sleep = jest.fn(async () => undefined)
    const timeout = () => new ApiRequestError('NETWORK_TIMEOUT', 0)

    let n = 0
    await expect(withRetry(async () => (++n < 3 ? Promise.reject(timeout()) : 'third'), true, sleep)).resolves.toBe('third')
    expect(sleep.mock.calls).toEqual([[RETRY_DELAYS_MS[0]], [RETRY_DELAYS_MS[1]]])

    sleep.mockClear()
    n = 0
    await expect(withRetry(async () => (n++, Promise.reject(timeout())), false, sleep)).rejects.toMatchObject({ code: 'NETWORK_TIMEOUT' })
    expect([n, sleep.mock.calls.length]).toEqual([1, 0])

    // The phone lost its network while we were waiting: stop, the offline banner takes over.
    n = 0
    const dropping = jest.fn(async () => setConnected(false))
    await expect(withRetry(async () => (n++, Promise.reject(timeout())), true, dropping)).rejects.toMatchObject({ code: 'NETWORK_TIMEOUT' })
    expect([n, dropping.mock.calls.length]).toEqual([2, 1])
  })
})

describe('errors become ApiRequestError with the Chinese message from common/errors.ts', () => {
  test('400 NICKNAME_INVALID keeps its code, message and fields', async () => {
    const fields = { nickname: ERROR_MESSAGES.NICKNAME_INVALID }
    answerWith(taro.request, apiError(400, 'NICKNAME_INVALID', fields))
    const err = await request<never>('/api/users/me', { method: 'PUT', data: { nickname: '' } }).catch((e: unknown) => e as ApiRequestError)
    expect(err).toBeInstanceOf(ApiRequestError)
    expect(err).toBeInstanceOf(Error)
    expect(err.code).toBe('NICKNAME_INVALID')
    expect(err.status).toBe(400)
    expect(err.message).toBe('昵称须为 1–20 个字')
    expect(err.fields).toEqual({ nickname: '昵称须为 1–20 个字' })
    expect(messageOf(err)).toBe('昵称须为 1–20 个字')
  })

  test('the message comes from common/errors.ts, not from the body', async () => {
    answerWith(taro.request, { statusCode: 404, data: { code: 'NOT_FOUND', message: 'Not Found' } })
    await expect(request('/api/news/999')).rejects.toMatchObject({ code: 'NOT_FOUND', message: '找不到您要的内容' })
  })

  test('an unknown error body is INTERNAL_ERROR for a 5xx, VALIDATION_FAILED for a 4xx', async () => {
    answerWith(
      taro.request,
      { statusCode: 500, data: '<html>Internal Server Error</html>' },
      { statusCode: 500, data: { code: 'SOMETHING_NEW', message: 'x' } },
      { statusCode: 500, data: null },
      { statusCode: 418, data: { error: 'teapot' } },
    )
    for (const status of [500, 500, 500]) {
      await expect(request('/api/x', { method: 'POST' })).rejects.toMatchObject({
        code: 'INTERNAL_ERROR',
        status,
        message: ERROR_MESSAGES.INTERNAL_ERROR,
        fields: undefined,
      })
    }
    await expect(request('/api/x', { method: 'POST' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', status: 418 })
  })

  test('an error body that arrives as a JSON string is still read', async () => {
    answerWith(taro.request, { statusCode: 429, data: JSON.stringify({ code: 'RATE_LIMITED', message: '…' }) })
    await expect(request('/api/x', { method: 'POST' })).rejects.toMatchObject({ code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' })
  })

  test('over a quota the message says when to try again (Retry-After, in either header casing)', async () => {
    const refused = (header: Record<string, string>) => ({ statusCode: 429, data: { code: 'RATE_LIMITED', message: '…' }, header })
    answerWith(taro.request, refused({ 'retry-after': '3484' }), refused({ 'Retry-After': '20' }), refused({}))
    await expect(request('/api/x', { method: 'POST' })).rejects.toMatchObject({ message: '操作太频繁，请稍后再试（约 59 分钟后可再试）' })
    await expect(request('/api/x', { method: 'POST' })).rejects.toMatchObject({ message: '操作太频繁，请稍后再试（请 20 秒后再试）' })
    await expect(request('/api/x', { method: 'POST' })).rejects.toMatchObject({ message: '操作太频繁，请稍后再试' })
  })

  test('messageOf gives plain Chinese for anything', () => {
    expect(messageOf(new ApiRequestError('NETWORK_OFFLINE', 0))).toBe('网络未连接，请检查网络后重试')
    expect(messageOf(new TypeError('x is undefined'))).toBe(ERROR_MESSAGES.INTERNAL_ERROR)
  })
})

describe('session', () => {
  const user = { id: 7, nickname: '张三' } as never

  test('the Authorization header carries the stored token; none without a session', async () => {
    answerWith(taro.request, ok(1), ok(2))
    await request('/api/news')
    expect(taro.request.mock.calls[0][0].header).toEqual({ 'content-type': 'application/json' })

    saveSession('tok-abc.123', user)
    await request('/api/users/me', { method: 'PUT', data: { nickname: '李四' } })
    const opts = taro.request.mock.calls[1][0]
    expect(opts.header).toEqual({ 'content-type': 'application/json', Authorization: 'Bearer tok-abc.123' })
    expect(opts).toMatchObject({ url: '/api/users/me', method: 'PUT', data: { nickname: '李四' }, timeout: 15000, dataType: 'json' })
  })

  test('401 SESSION_EXPIRED clears the stored session and tells the app', async () => {
    saveSession('old-token', user)
    const seen: unknown[] = []
    const onSession = (u: unknown) => seen.push(u)
    taro.eventCenter.on(SESSION_EVENT, onSession)
    try {
      answerWith(taro.request, apiError(401, 'SESSION_EXPIRED'))
      await expect(request('/api/users/me')).rejects.toMatchObject({ code: 'SESSION_EXPIRED', status: 401, message: '登录已过期，请重新登录' })
      expect(taro.getStorageSync('session.token')).toBe('')
      expect(taro.getStorageSync('session.user')).toBe('')
      expect(seen).toEqual([null])
      expect(taro.request).toHaveBeenCalledTimes(1)
    } finally {
      taro.eventCenter.off(SESSION_EVENT, onSession)
    }
  })

  test('other errors leave the session alone', async () => {
    saveSession('good-token', user)
    answerWith(taro.request, apiError(403, 'FORBIDDEN'))
    await expect(request('/api/admin')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(taro.getStorageSync('session.token')).toBe('good-token')
  })
})

describe('offline', () => {
  test('fails at once with NETWORK_OFFLINE without calling Taro.request or Taro.uploadFile', async () => {
    const events: unknown[] = []
    const onNetwork = (online: boolean) => events.push(online)
    taro.eventCenter.on(NETWORK_EVENT, onNetwork)
    try {
      setConnected(false)
      expect(isOnline()).toBe(false)
      expect(events).toEqual([false])

      await expect(request('/api/news')).rejects.toMatchObject({ code: 'NETWORK_OFFLINE', status: 0, message: '网络未连接，请检查网络后重试' })
      await expect(request('/api/users/me', { method: 'PUT' })).rejects.toMatchObject({ code: 'NETWORK_OFFLINE' })
      await expect(upload('/api/users/me/avatar', 'wxfile://tmp/a.jpg')).rejects.toMatchObject({ code: 'NETWORK_OFFLINE' })
      expect(taro.request).not.toHaveBeenCalled()
      expect(taro.uploadFile).not.toHaveBeenCalled()

      setConnected(true)
      answerWith(taro.request, ok('back'))
      await expect(request('/api/news')).resolves.toBe('back')
      expect(events).toEqual([false, true])
    } finally {
      taro.eventCenter.off(NETWORK_EVENT, onNetwork)
    }
  })

  test('a request that fails (not a timeout) while the network is gone reports NETWORK_OFFLINE', async () => {
    taro.request.mockImplementation((opts: Callbacks) => {
      setConnected(false) // the line dropped mid-request
      opts.fail?.({ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' })
      return Promise.reject(new Error('request:fail'))
    })
    await expect(request('/api/news')).rejects.toMatchObject({ code: 'NETWORK_OFFLINE' })
    expect(taro.request).toHaveBeenCalledTimes(1) // offline: no retries either
  })
})

describe('upload', () => {
  test('sends the file as multipart field "file" with the token, and parses the JSON answer', async () => {
    saveSession('tok-up', { id: 1 } as never)
    answerWith(taro.uploadFile, { statusCode: 200, data: JSON.stringify({ avatarUrl: '/uploads/a.webp' }) })
    await expect(upload('/api/users/me/avatar', 'wxfile://tmp/a.jpg')).resolves.toEqual({ avatarUrl: '/uploads/a.webp' })
    expect(taro.uploadFile.mock.calls[0][0]).toMatchObject({
      url: '/api/users/me/avatar',
      filePath: 'wxfile://tmp/a.jpg',
      name: 'file',
      header: { Authorization: 'Bearer tok-up' },
    })
  })

  test('an upload error answer becomes its ApiRequestError; a failed upload is NETWORK_TIMEOUT and not retried', async () => {
    answerWith(
      taro.uploadFile,
      { statusCode: 413, data: JSON.stringify({ code: 'IMAGE_TOO_LARGE', message: '…' }) },
      { errMsg: 'uploadFile:fail' },
    )
    await expect(upload('/api/users/me/avatar', 'a.jpg')).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE', status: 413, message: '图片太大，请选择 10MB 以内的图片' })
    await expect(upload('/api/users/me/avatar', 'a.jpg')).rejects.toMatchObject({ code: 'NETWORK_TIMEOUT', status: 0 })
    expect(taro.uploadFile).toHaveBeenCalledTimes(2)
  })
})

test('no unhandled rejection leaks from the promise Taro.request also returns', async () => {
  const leaked: unknown[] = []
  const onUnhandled = (reason: unknown) => leaked.push(reason)
  process.on('unhandledRejection', onUnhandled)
  try {
    // answerWith's fake, like Taro, rejects its returned promise as well as calling `fail`.
    answerWith(taro.request, TIMEOUT)
    await expect(request('/api/x', { method: 'POST' })).rejects.toMatchObject({ code: 'NETWORK_TIMEOUT' })
    answerWith(taro.uploadFile, { errMsg: 'uploadFile:fail' })
    await expect(upload('/api/u', 'a.jpg')).rejects.toMatchObject({ code: 'NETWORK_TIMEOUT' })
    await new Promise((r) => setTimeout(r, 10))
    expect(leaked).toEqual([])
  } finally {
    process.off('unhandledRejection', onUnhandled)
  }
})
