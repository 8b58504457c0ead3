// The WeChat client against the emulator over real HTTP: no mocks. The only wrapper is a fetch that
// counts requests (it still performs them).
import net from 'node:net'
import Fastify, { type FastifyInstance } from 'fastify'
import { createWechatClient, WechatError, type WechatClientOptions } from '../../server/src/wechat/client'
import { buildEmulator, emulatorOpenid, EMULATOR_APPID, EMULATOR_SECRET } from '../../server/src/wechat/emulator'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

let emulator: FastifyInstance
let receiver: FastifyInstance
let baseUrl: string
const pushed: Array<Record<string, unknown>> = []

function countingFetch() {
  const urls: string[] = []
  const f: typeof fetch = (input, init) => {
    urls.push(String(input instanceof Request ? input.url : input))
    return fetch(input, init)
  }
  return { fetch: f, urls, tokenRequests: () => urls.filter((u) => u.includes('/cgi-bin/stable_token')).length }
}

function client(extra: Partial<WechatClientOptions> = {}) {
  return createWechatClient({ baseUrl, appid: EMULATOR_APPID, secret: EMULATOR_SECRET, timeoutMs: 2000, ...extra })
}

async function rejection(p: Promise<unknown>): Promise<WechatError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(WechatError)
    return e as WechatError
  }
  throw new Error('expected the call to fail')
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const v = probe()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

beforeAll(async () => {
  // The receiving end of media-check pushes, started first so the emulator knows its URL.
  receiver = Fastify()
  receiver.post('/wechat/push', async (req) => {
    pushed.push(req.body as Record<string, unknown>)
    return 'success'
  })
  const receiverUrl = await receiver.listen({ port: 0, host: '127.0.0.1' })
  emulator = buildEmulator({ pushUrl: `${receiverUrl}/wechat/push` })
  baseUrl = await emulator.listen({ port: 0, host: '127.0.0.1' })
})

afterAll(async () => {
  await emulator.close()
  await receiver.close()
})

describe('login (code2Session)', () => {
  it('maps a login code to a stable openid and never returns session_key', async () => {
    const wx = client()
    const first = await wx.code2Session('alice:1')
    const second = await wx.code2Session('alice:2')
    const other = await wx.code2Session('bob:1')
    expect(first).toEqual({ openid: emulatorOpenid('alice') })
    expect(second.openid).toBe(first.openid)
    expect(other.openid).not.toBe(first.openid)
    expect(first.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/)
    expect(Object.keys(first)).not.toContain('session_key')
    expect(JSON.stringify(first)).not.toMatch(/session/i)
  })

  it('rejects a reused or invalid code as AUTH_CODE_INVALID', async () => {
    const wx = client()
    await wx.code2Session('carol:1')
    const reused = await rejection(wx.code2Session('carol:1'))
    expect(reused.code).toBe('AUTH_CODE_INVALID')
    expect(reused.wechatErrcode).toBe(40163)
    const invalid = await rejection(wx.code2Session('invalid-code'))
    expect(invalid.code).toBe('AUTH_CODE_INVALID')
    expect(invalid.wechatErrcode).toBe(40029)
  })

  it('maps a wrong secret to WECHAT_UNAVAILABLE without leaking the secret', async () => {
    const secret = 'wrong-secret-value-123'
    const login = await rejection(client({ secret }).code2Session('dave:1'))
    expect(login.code).toBe('WECHAT_UNAVAILABLE')
    expect(login.wechatErrcode).toBe(40125)
    const token = await rejection(client({ secret }).msgSecCheck({ openid: 'o1', scene: 2, content: 'hi' }))
    expect(token.code).toBe('WECHAT_UNAVAILABLE')
    expect(token.wechatErrcode).toBe(40125)
    for (const e of [login, token]) {
      expect(`${e.message} ${e.wechatErrmsg} ${JSON.stringify(e)}`).not.toContain(secret)
    }
  })
})

describe('access token', () => {
  it('is cached across calls', async () => {
    const counter = countingFetch()
    const wx = client({ fetch: counter.fetch })
    await wx.msgSecCheck({ openid: 'o1', scene: 2, content: '你好' })
    await wx.getPhoneNumber('phone-13800001234')
    await wx.msgSecCheck({ openid: 'o1', scene: 2, content: '再见' })
    expect(counter.tokenRequests()).toBe(1)
    expect(counter.urls).toHaveLength(4)
  })

  it('is refreshed once after the platform expires it, and the call still succeeds', async () => {
    const counter = countingFetch()
    const wx = client({ fetch: counter.fetch })
    await wx.msgSecCheck({ openid: 'o1', scene: 2, content: '第一次' })
    await fetch(`${baseUrl}/__emulator/expire-tokens`, { method: 'POST' })
    await expect(wx.msgSecCheck({ openid: 'o1', scene: 2, content: '第二次' })).resolves.toEqual({ suggest: 'pass', label: 100 })
    expect(counter.tokenRequests()).toBe(2)
    // token, check, check (42001), token, retried check
    expect(counter.urls).toHaveLength(5)
  })

  it('is fetched once for concurrent first calls', async () => {
    const counter = countingFetch()
    const wx = client({ fetch: counter.fetch })
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => wx.msgSecCheck({ openid: 'o1', scene: 2, content: `并发 ${i}` })),
    )
    expect(results.every((r) => r.suggest === 'pass')).toBe(true)
    expect(counter.tokenRequests()).toBe(1)
  })
})

describe('msgSecCheck', () => {
  const wx = () => client()
  it('answers pass, review and risky', async () => {
    await expect(wx().msgSecCheck({ openid: 'o1', scene: 3, content: '科普讲座很精彩' })).resolves.toEqual({ suggest: 'pass', label: 100 })
    await expect(wx().msgSecCheck({ openid: 'o1', scene: 3, content: '这里有待审词' })).resolves.toEqual({ suggest: 'review', label: 21000 })
    await expect(wx().msgSecCheck({ openid: 'o1', scene: 3, content: '这里有违禁词' })).resolves.toEqual({ suggest: 'risky', label: 20006 })
  })

  it('splits content over 2,500 characters and lets the worst chunk win', async () => {
    const counter = countingFetch()
    const c = client({ fetch: counter.fetch })
    const long = '科'.repeat(2600) + '待审词' // the word sits in the second chunk only
    await expect(c.msgSecCheck({ openid: 'o1', scene: 3, content: long })).resolves.toEqual({ suggest: 'review', label: 21000 })
    expect(counter.urls.filter((u) => u.includes('/wxa/msg_sec_check'))).toHaveLength(2)

    const risky = '学'.repeat(6000) + '违禁词'
    await expect(c.msgSecCheck({ openid: 'o1', scene: 3, content: risky })).resolves.toEqual({ suggest: 'risky', label: 20006 })
    expect(counter.urls.filter((u) => u.includes('/wxa/msg_sec_check'))).toHaveLength(2 + 3)
  })
})

describe('other endpoints', () => {
  it('turns a phone code into the number, and a bad one into PHONE_CODE_INVALID', async () => {
    await expect(client().getPhoneNumber('phone-13800001234')).resolves.toEqual({
      phoneNumber: '13800001234',
      purePhoneNumber: '13800001234',
      countryCode: '86',
    })
    const e = await rejection(client().getPhoneNumber('not-a-phone-code'))
    expect(e.code).toBe('PHONE_CODE_INVALID')
    expect(e.wechatErrcode).toBe(40029)
  })

  it('sends subscribe messages and maps 43101 to SUBSCRIBE_REFUSED', async () => {
    const wx = client()
    const data = { thing1: { value: '科普讲座' }, time2: { value: '2025-05-01 09:00' } }
    await wx.sendSubscribeMessage({ touser: 'o-subscriber', templateId: 'tpl-1', page: 'pages/index/index', data })
    const { messages } = (await (await fetch(`${baseUrl}/__emulator/messages`)).json()) as { messages: Array<{ touser: string }> }
    expect(messages.some((m) => m.touser === 'o-subscriber')).toBe(true)

    const byPrefix = await rejection(wx.sendSubscribeMessage({ touser: 'orefuse-1', templateId: 'tpl-1', data }))
    expect(byPrefix.code).toBe('SUBSCRIBE_REFUSED')
    await fetch(`${baseUrl}/__emulator/refuse-subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'o-changed-mind' }),
    })
    const registered = await rejection(wx.sendSubscribeMessage({ touser: 'o-changed-mind', templateId: 'tpl-1', data }))
    expect(registered.code).toBe('SUBSCRIBE_REFUSED')
    expect(registered.wechatErrcode).toBe(43101)
  })

  it('returns a PNG 小程序码 that differs by scene', async () => {
    const wx = client()
    const a = await wx.getUnlimitedQrCode({ scene: 'a=1', page: 'pages/article/index', checkPath: false })
    const b = await wx.getUnlimitedQrCode({ scene: 'a=2', page: 'pages/article/index', checkPath: false })
    const again = await wx.getUnlimitedQrCode({ scene: 'a=1', page: 'pages/article/index', checkPath: false })
    expect(a.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
    expect(b.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
    expect(a.equals(b)).toBe(false)
    expect(a.equals(again)).toBe(true)
    // JSON error answers are told apart by content-type
    const page = await rejection(wx.getUnlimitedQrCode({ scene: 'a=1', page: '/pages/x' }))
    expect(page.wechatErrcode).toBe(41030)
  })

  it('rejects a 33-character scene before any request', async () => {
    const counter = countingFetch()
    const e = await rejection(client({ fetch: counter.fetch }).getUnlimitedQrCode({ scene: 'x'.repeat(33) }))
    expect(e.code).toBe('VALIDATION_FAILED')
    expect(counter.urls).toHaveLength(0)
  })

  it('delivers the media check result by push', async () => {
    const wx = client()
    const { traceId } = await wx.mediaCheckAsync({ openid: 'o1', scene: 1, mediaUrl: 'https://cdn.example.com/risky.jpg', mediaType: 'image' })
    const event = await waitFor(() => pushed.find((p) => p.trace_id === traceId))
    expect(event).toMatchObject({
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: EMULATOR_APPID,
      version: 2,
      result: { suggest: 'risky', label: 20006 },
    })
    const ok = await wx.mediaCheckAsync({ openid: 'o1', scene: 1, mediaUrl: 'https://cdn.example.com/ok.jpg', mediaType: 'image' })
    const okEvent = await waitFor(() => pushed.find((p) => p.trace_id === ok.traceId))
    expect(okEvent.result).toEqual({ suggest: 'pass', label: 100 })
  })
})

describe('WeChat unreachable', () => {
  it('maps a closed port to WECHAT_UNAVAILABLE quickly', async () => {
    const probe = net.createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
    const port = (probe.address() as net.AddressInfo).port
    await new Promise((r) => probe.close(r))

    const started = Date.now()
    const e = await rejection(client({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 1000 }).code2Session('erin:1'))
    expect(e.code).toBe('WECHAT_UNAVAILABLE')
    expect(Date.now() - started).toBeLessThan(1000)
    expect(e.message).not.toContain(EMULATOR_SECRET)
  })

  it('gives up on a silent server after timeoutMs', async () => {
    const sockets = new Set<net.Socket>()
    const silent = net.createServer((s) => sockets.add(s)) // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    const port = (silent.address() as net.AddressInfo).port
    try {
      const started = Date.now()
      const e = await rejection(client({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 300 }).code2Session('frank:1'))
      const elapsed = Date.now() - started
      expect(e.code).toBe('WECHAT_UNAVAILABLE')
      expect(e.wechatErrmsg).toMatch(/timeout/)
      expect(elapsed).toBeGreaterThanOrEqual(250)
      expect(elapsed).toBeLessThan(1500)
    } finally {
      for (const s of sockets) s.destroy()
      await new Promise((r) => silent.close(r))
    }
  })
})
