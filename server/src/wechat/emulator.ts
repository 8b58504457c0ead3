// A deterministic stand-in for api.weixin.qq.com, used by tests and the local demo. It is a
// separate Fastify app (not a plugin of our API) and speaks WeChat's HTTP protocol: always HTTP 200,
// errors as { errcode, errmsg }. All state lives in the instance; /__emulator/* inspects and steers it.
import { createHash, randomBytes } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import sharp from 'sharp'

export interface EmulatorOptions {
  riskyWords?: string[]
  reviewWords?: string[]
  /** Where media_check_async results are pushed (our server's WeChat message endpoint). */
  pushUrl?: string
  /** The message-push token shared with our server; pushes are signed with it as WeChat does. */
  pushToken?: string
  tokenTtlSeconds?: number
  appid?: string
  secret?: string
  /** Fastify logger setting; off by default (tests). */
  logger?: boolean
}

export const EMULATOR_APPID = 'wx00000000emulator'
export const EMULATOR_SECRET = 'emulator-secret'
export const EMULATOR_PUSH_TOKEN = 'emulator-push-token'

/** Labels as WeChat numbers them: 100 normal, 20006 违法犯罪, 21000 其他. */
const LABEL = { pass: 100, review: 21000, risky: 20006 } as const
type Suggest = keyof typeof LABEL

/**
 * The openid the emulator gives a login code. The user is the part of the code before the first
 * ':' so one user can log in many times with single-use codes: 'alice', 'alice:1', 'alice:2' → same
 * openid. 'o' + 27 base64url chars = 28 chars, like a real openid.
 */
export function emulatorOpenid(code: string): string {
  const user = code.split(':')[0]
  return 'o' + createHash('sha256').update(user).digest('base64url').slice(0, 27)
}

const QR_SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/
const MODULES = 21 // grid size of the fake code (a version-1 QR code is 21×21)

/** A real PNG with a 21×21 black/white pattern from sha256(scene + page), scaled to `width`. */
async function patternPng(scene: string, page: string, width: number): Promise<Buffer> {
  const bits: number[] = []
  for (let i = 0; bits.length < MODULES * MODULES; i++) {
    for (const byte of createHash('sha256').update(`${i}\n${scene}\n${page}`).digest()) {
      for (let b = 7; b >= 0; b--) bits.push((byte >> b) & 1)
    }
  }
  const side = MODULES + 4 // two-module quiet zone on each side
  const raw = Buffer.alloc(side * side, 255)
  for (let y = 0; y < MODULES; y++) {
    for (let x = 0; x < MODULES; x++) if (bits[y * MODULES + x]) raw[(y + 2) * side + x + 2] = 0
  }
  return sharp(raw, { raw: { width: side, height: side, channels: 1 } })
    .resize(width, width, { kernel: 'nearest' })
    .png()
    .toBuffer()
}

interface SentMessage {
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
  miniprogramState?: string
  sentAt: number
}
interface MediaCheck {
  traceId: string
  openid: string
  scene: number
  mediaUrl: string
  mediaType: number
  suggest: Suggest
  label: number
  /** 'pending' until the push is attempted; no push URL → 'skipped'. */
  push: 'pending' | 'delivered' | 'failed' | 'skipped'
}

type Body = Record<string, unknown>
const err = (errcode: number, errmsg: string) => ({ errcode, errmsg: `${errmsg} rid: emulator` })

export function buildEmulator(opts: EmulatorOptions = {}): FastifyInstance {
  const riskyWords = opts.riskyWords ?? ['违禁词']
  const reviewWords = opts.reviewWords ?? ['待审词']
  const ttlMs = (opts.tokenTtlSeconds ?? 7200) * 1000
  const appid = opts.appid ?? EMULATOR_APPID
  const pushToken = opts.pushToken ?? EMULATOR_PUSH_TOKEN
  // Settable at run time (POST /__emulator/push-url): a test server's port is known only after
  // the emulator it is configured with has started.
  let pushUrl = opts.pushUrl
  const secret = opts.secret ?? EMULATOR_SECRET

  const app = Fastify({
    logger: opts.logger
      ? {
          // Emulator credentials are fake, but keep the habit: no secrets or tokens in logs.
          serializers: { req: (req) => ({ method: req.method, url: req.url.replace(/(secret|access_token)=[^&]*/g, '$1=***') }) },
        }
      : false,
  })

  // ---- state ----
  const tokens = new Map<string, { expiresAt: number }>()
  let stableToken: string | null = null // what stable_token hands out until it expires
  let plainToken: string | null = null // the latest cgi-bin/token; each call invalidates the previous one
  const usedCodes = new Set<string>()
  const refused = new Set<string>()
  let messages: SentMessage[] = []
  let mediaChecks: MediaCheck[] = []
  const timers = new Set<NodeJS.Timeout>()
  let traceSeq = 0
  // Verdicts queued by a test for the next media checks of a type (1 audio, 2 image): stored keys are
  // random, so a test cannot name its upload 'risky' the way a URL-based rule would need.
  let verdicts: Array<{ mediaType: number; suggest: Suggest }> = []

  function reset(): void {
    tokens.clear()
    stableToken = plainToken = null
    usedCodes.clear()
    refused.clear()
    messages = []
    mediaChecks = []
    verdicts = []
    for (const t of timers) clearTimeout(t)
    timers.clear()
  }
  app.addHook('onClose', async () => reset())

  // WeChat reads JSON whatever the content-type says (text/plain included).
  app.removeContentTypeParser('text/plain')
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, body === '' ? {} : JSON.parse(body as string))
    } catch {
      done(Object.assign(new Error('body is not JSON'), { statusCode: 400 }), undefined) // → 47001 below
    }
  })
  // WeChat never answers 4xx/5xx for bad input: it answers 200 with an errcode.
  app.setErrorHandler((error, _req, reply) => {
    const clientError = ((error as { statusCode?: number }).statusCode ?? 500) < 500
    reply.code(200).send(clientError ? err(47001, 'data format error') : err(-1, 'system error'))
  })

  function issueToken(): { access_token: string; expires_in: number } {
    const token = 'EMU_' + randomBytes(48).toString('base64url')
    tokens.set(token, { expiresAt: Date.now() + ttlMs })
    return { access_token: token, expires_in: Math.round(ttlMs / 1000) }
  }
  function credentialError(a: unknown, s: unknown) {
    if (a !== appid) return err(40013, 'invalid appid')
    if (s !== secret) return err(40125, 'invalid appsecret')
    return null
  }
  /** null when the access_token query parameter is good, else the WeChat error to answer. */
  function tokenError(query: unknown) {
    const token = (query as { access_token?: string }).access_token
    if (!token) return err(41001, 'access_token missing')
    const t = tokens.get(token)
    if (!t) return err(40001, 'invalid credential, access_token is invalid or not latest')
    if (Date.now() >= t.expiresAt) return err(42001, 'access_token expired')
    return null
  }
  function classify(text: string): Suggest {
    if (riskyWords.some((w) => text.includes(w))) return 'risky'
    if (reviewWords.some((w) => text.includes(w))) return 'review'
    return 'pass'
  }

  // ---- access tokens ----
  app.post('/cgi-bin/stable_token', async (req) => {
    const b = (req.body ?? {}) as Body
    if (b.grant_type !== 'client_credential') return err(40002, 'invalid grant_type')
    const bad = credentialError(b.appid, b.secret)
    if (bad) return bad
    const current = stableToken ? tokens.get(stableToken) : undefined
    if (b.force_refresh !== true && stableToken && current && Date.now() < current.expiresAt) {
      // Normal mode: the same token, with the seconds it has left.
      return { access_token: stableToken, expires_in: Math.max(1, Math.floor((current.expiresAt - Date.now()) / 1000)) }
    }
    // force_refresh invalidates the old token (→ 40001); an expired one stays known (→ 42001).
    if (stableToken && b.force_refresh === true) tokens.delete(stableToken)
    const issued = issueToken()
    stableToken = issued.access_token
    return issued
  })
  app.get('/cgi-bin/token', async (req) => {
    const q = req.query as Body
    if (q.grant_type !== 'client_credential') return err(40002, 'invalid grant_type')
    const bad = credentialError(q.appid, q.secret)
    if (bad) return bad
    if (plainToken) tokens.delete(plainToken) // each call invalidates the previous token
    const issued = issueToken()
    plainToken = issued.access_token
    return issued
  })

  // ---- login ----
  app.get('/sns/jscode2session', async (req) => {
    const q = req.query as Body
    const bad = credentialError(q.appid, q.secret)
    if (bad) return bad
    const code = typeof q.js_code === 'string' ? q.js_code : ''
    if (!code) return err(41008, 'missing code')
    if (code.startsWith('invalid')) return err(40029, 'invalid code')
    if (usedCodes.has(code)) return err(40163, 'code been used')
    usedCodes.add(code)
    return { openid: emulatorOpenid(code), session_key: randomBytes(16).toString('base64') }
  })

  app.post('/wxa/business/getuserphonenumber', async (req) => {
    const bad = tokenError(req.query)
    if (bad) return bad
    const m = /^phone-(1\d{10})$/.exec(String(((req.body ?? {}) as Body).code ?? ''))
    // Any other code: WeChat answers 40029 "invalid code" for bad, expired or reused phone codes.
    if (!m) return err(40029, 'invalid code')
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: m[1],
        purePhoneNumber: m[1],
        countryCode: '86',
        watermark: { timestamp: Math.floor(Date.now() / 1000), appid },
      },
    }
  })

  // ---- content security ----
  app.post('/wxa/msg_sec_check', async (req) => {
    const bad = tokenError(req.query)
    if (bad) return bad
    const b = (req.body ?? {}) as Body
    const content = typeof b.content === 'string' ? b.content : ''
    // Stricter than documented behaviour, on purpose: over-long content must be split by the caller.
    if (Array.from(content).length > 2500) return err(47001, 'data format error: content exceeds 2500 characters')
    const suggest = classify(content)
    if (Number(b.version) !== 2) return suggest === 'risky' ? err(87014, 'risky content') : { errcode: 0, errmsg: 'ok' }
    if (typeof b.openid !== 'string' || !b.openid || ![1, 2, 3, 4].includes(Number(b.scene))) {
      return err(47001, 'data format error')
    }
    const label = LABEL[suggest]
    const keyword = [...riskyWords, ...reviewWords].find((w) => content.includes(w))
    return {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest, label },
      detail: [
        { strategy: 'content_model', errcode: 0, suggest, label, prob: suggest === 'pass' ? 0 : 90 },
        keyword ? { strategy: 'keyword', errcode: 0, suggest, label, level: 90, keyword } : { strategy: 'keyword', errcode: 0 },
      ],
      trace_id: `emu-${++traceSeq}-${randomBytes(4).toString('hex')}`,
    }
  })

  app.post('/wxa/media_check_async', async (req) => {
    const bad = tokenError(req.query)
    if (bad) return bad
    const b = (req.body ?? {}) as Body
    if (typeof b.media_url !== 'string' || ![1, 2].includes(Number(b.media_type))) return err(47001, 'data format error')
    const queued = verdicts.findIndex((v) => v.mediaType === Number(b.media_type))
    const suggest: Suggest = queued >= 0 ? verdicts.splice(queued, 1)[0].suggest : b.media_url.includes('risky') ? 'risky' : 'pass'
    const check: MediaCheck = {
      traceId: `emu-${++traceSeq}-${randomBytes(4).toString('hex')}`,
      openid: String(b.openid ?? ''),
      scene: Number(b.scene ?? 0),
      mediaUrl: b.media_url,
      mediaType: Number(b.media_type),
      suggest,
      label: LABEL[suggest],
      push: pushUrl ? 'pending' : 'skipped',
    }
    mediaChecks.push(check)
    if (pushUrl) {
      const target = pushUrl
      const timer = setTimeout(() => {
        timers.delete(timer)
        void push(target, check)
      }, 100)
      timers.add(timer)
    }
    return { errcode: 0, errmsg: 'ok', trace_id: check.traceId }
  })

  /**
   * The wxa_media_check event as WeChat pushes it in JSON plaintext mode, signed in the query:
   * signature = sha1 of the sorted [token, timestamp, nonce] joined.
   */
  async function push(url: string, c: MediaCheck): Promise<void> {
    const timestamp = String(Math.floor(Date.now() / 1000))
    const nonce = randomBytes(6).toString('hex')
    const signature = createHash('sha1').update([pushToken, timestamp, nonce].sort().join('')).digest('hex')
    const target = new URL(url)
    target.searchParams.set('signature', signature)
    target.searchParams.set('timestamp', timestamp)
    target.searchParams.set('nonce', nonce)
    const event = {
      ToUserName: 'gh_emulator00000',
      FromUserName: c.openid,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid,
      trace_id: c.traceId,
      version: 2,
      result: { suggest: c.suggest, label: c.label },
      detail: [{ strategy: 'content_model', errcode: 0, suggest: c.suggest, label: c.label, prob: 90 }],
    }
    try {
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(3000),
      })
      c.push = res.ok ? 'delivered' : 'failed'
      if (!res.ok) app.log.warn({ traceId: c.traceId, status: res.status }, 'media check push rejected')
    } catch (e) {
      c.push = 'failed'
      app.log.warn({ traceId: c.traceId, err: (e as Error).message }, 'media check push failed')
    }
  }

  // ---- subscribe messages ----
  app.post('/cgi-bin/message/subscribe/send', async (req) => {
    const bad = tokenError(req.query)
    if (bad) return bad
    const b = (req.body ?? {}) as Body
    const touser = typeof b.touser === 'string' ? b.touser : ''
    if (!touser) return err(40003, 'invalid openid')
    if (typeof b.template_id !== 'string' || !b.template_id) return err(40037, 'invalid template_id')
    if (touser.startsWith('orefuse') || refused.has(touser)) return err(43101, 'user refuse to accept the msg')
    const data = (b.data ?? {}) as Record<string, { value: string }>
    for (const [key, v] of Object.entries(data)) {
      // thing.DATA fields hold at most 20 characters (the rule most often broken).
      if (key.startsWith('thing') && Array.from(String(v?.value ?? '')).length > 20) {
        return err(47003, `argument invalid! data.${key}.value invalid`)
      }
    }
    messages.push({
      touser,
      templateId: b.template_id,
      page: typeof b.page === 'string' ? b.page : undefined,
      data,
      miniprogramState: typeof b.miniprogram_state === 'string' ? b.miniprogram_state : undefined,
      sentAt: Date.now(),
    })
    return { errcode: 0, errmsg: 'ok' }
  })

  // ---- 小程序码 ----
  app.post('/wxa/getwxacodeunlimit', async (req, reply) => {
    const bad = tokenError(req.query)
    if (bad) return bad
    const b = (req.body ?? {}) as Body
    const scene = typeof b.scene === 'string' ? b.scene : ''
    if (!QR_SCENE_PATTERN.test(scene)) return err(40169, 'invalid length for scene, or the data is not json string')
    const page = typeof b.page === 'string' ? b.page : ''
    // Pages are written without a leading '/' and without a query string.
    if (page.startsWith('/') || page.includes('?')) return err(41030, 'invalid page')
    const width = Math.min(1280, Math.max(280, Number(b.width) || 430)) // WeChat clamps to 280–1280
    return reply.type('image/png').send(await patternPng(scene, page, width))
  })

  // ---- control API (tests, demo) ----
  app.get('/__emulator/messages', async () => ({ messages }))
  app.get('/__emulator/media-checks', async () => ({ mediaChecks }))
  app.post('/__emulator/reset', async () => {
    reset()
    return { ok: true }
  })
  app.post('/__emulator/push-url', async (req) => {
    const url = ((req.body ?? {}) as Body).url
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return err(47001, 'data format error: url required')
    pushUrl = url
    return { ok: true }
  })
  // The next media check of `mediaType` (1 audio, 2 image) answers `suggest` (queued in order).
  app.post('/__emulator/media-verdict', async (req) => {
    const b = (req.body ?? {}) as Body
    const mediaType = Number(b.mediaType)
    if (![1, 2].includes(mediaType) || !['pass', 'review', 'risky'].includes(String(b.suggest))) return err(47001, 'data format error: mediaType 1|2, suggest pass|review|risky')
    verdicts.push({ mediaType, suggest: b.suggest as Suggest })
    return { ok: true }
  })
  app.post('/__emulator/expire-tokens', async () => {
    for (const t of tokens.values()) t.expiresAt = Date.now() - 1
    return { ok: true, expired: tokens.size }
  })
  app.post('/__emulator/refuse-subscribe', async (req) => {
    const openid = ((req.body ?? {}) as Body).openid
    if (typeof openid !== 'string' || !openid) return err(47001, 'data format error: openid required')
    refused.add(openid)
    return { ok: true }
  })

  return app
}
