// WeChat server-API client (api.weixin.qq.com or the local emulator, chosen by baseUrl).
// Every failure surfaces as a WechatError carrying one of our stable ErrorCodes, so route handlers
// never look at WeChat's numeric errcodes themselves.
import type { ErrorCode } from '../../../common/errors'

export interface WechatClientOptions {
  /** e.g. https://api.weixin.qq.com, or http://127.0.0.1:3100 for the emulator. No trailing path. */
  baseUrl: string
  appid: string
  secret: string
  /** Per HTTP request (connect + answer + body), default 5 000 ms. */
  timeoutMs?: number
  /** Injected for tests (e.g. a wrapper that counts calls); defaults to Node's global fetch. */
  fetch?: typeof fetch
}

export type SecSuggest = 'pass' | 'review' | 'risky'
/** msg_sec_check / media_check_async scene: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export type SecScene = 1 | 2 | 3 | 4

export interface WechatClient {
  code2Session(code: string): Promise<{ openid: string; unionid?: string }>
  getPhoneNumber(code: string): Promise<{ phoneNumber: string; purePhoneNumber: string; countryCode: string }>
  msgSecCheck(input: { openid: string; scene: SecScene; content: string }): Promise<{ suggest: SecSuggest; label: number }>
  mediaCheckAsync(input: {
    openid: string
    scene: SecScene
    mediaUrl: string
    mediaType: 'image' | 'audio'
  }): Promise<{ traceId: string }>
  sendSubscribeMessage(input: {
    touser: string
    templateId: string
    page?: string
    data: Record<string, { value: string }>
    miniprogramState?: 'developer' | 'trial' | 'formal'
  }): Promise<void>
  getUnlimitedQrCode(input: {
    scene: string
    page?: string
    width?: number
    checkPath?: boolean
    envVersion?: 'release' | 'trial' | 'develop'
  }): Promise<Buffer>
}

type Api =
  | 'stableToken'
  | 'code2Session'
  | 'getPhoneNumber'
  | 'msgSecCheck'
  | 'mediaCheckAsync'
  | 'sendSubscribeMessage'
  | 'getUnlimitedQrCode'

/** wechatErrcode used when WeChat never answered (refused, reset, DNS, timeout) or answered garbage. */
export const TRANSPORT_ERRCODE = -1

export class WechatError extends Error {
  readonly code: ErrorCode
  readonly wechatErrcode: number
  readonly wechatErrmsg: string
  readonly api: string

  constructor(api: string, code: ErrorCode, wechatErrcode: number, wechatErrmsg: string) {
    // Only the API name, the errcode and WeChat's own errmsg go into the message: never a URL
    // (jscode2session carries the secret in its query string) and never a token.
    super(`WeChat ${api} failed: ${code} (errcode ${wechatErrcode}: ${wechatErrmsg})`)
    this.name = 'WechatError'
    this.api = api
    this.code = code
    this.wechatErrcode = wechatErrcode
    this.wechatErrmsg = wechatErrmsg
  }
}

// errcode → ErrorCode. `api` narrows a row to one endpoint ('*' = any); rows for one endpoint win
// over '*' rows. Anything not listed becomes WECHAT_UNAVAILABLE with the errcode kept on the error.
const ERRCODE_TABLE: ReadonlyArray<{ errcode: number; api: Api | '*'; code: ErrorCode }> = [
  { errcode: 40029, api: 'code2Session', code: 'AUTH_CODE_INVALID' }, // js_code malformed or expired (5 min)
  { errcode: 40163, api: 'code2Session', code: 'AUTH_CODE_INVALID' }, // js_code already used once
  { errcode: 40226, api: 'code2Session', code: 'AUTH_CODE_INVALID' }, // high-risk user, login blocked by WeChat
  { errcode: 41008, api: 'code2Session', code: 'AUTH_CODE_INVALID' }, // missing js_code
  { errcode: 40029, api: 'getPhoneNumber', code: 'PHONE_CODE_INVALID' }, // phone code bad / expired / used: WeChat answers 40029
  { errcode: 40003, api: 'getPhoneNumber', code: 'PHONE_CODE_INVALID' }, // openid does not match the code
  { errcode: 41008, api: 'getPhoneNumber', code: 'PHONE_CODE_INVALID' }, // missing code
  { errcode: 43101, api: '*', code: 'SUBSCRIBE_REFUSED' }, // user refused / did not subscribe this template
  { errcode: 87014, api: '*', code: 'CONTENT_RISKY' }, // risky content (security check v1-style answer)
  { errcode: 45009, api: '*', code: 'WECHAT_UNAVAILABLE' }, // daily / minute API quota reached
  { errcode: 45011, api: '*', code: 'WECHAT_UNAVAILABLE' }, // API minute quota reached (rate limited)
  { errcode: -1, api: '*', code: 'WECHAT_UNAVAILABLE' }, // system busy (also our TRANSPORT_ERRCODE)
]

function mapErrcode(api: Api, errcode: number): ErrorCode {
  const row =
    ERRCODE_TABLE.find((r) => r.errcode === errcode && r.api === api) ??
    ERRCODE_TABLE.find((r) => r.errcode === errcode && r.api === '*')
  return row?.code ?? 'WECHAT_UNAVAILABLE'
}

/** Token errors: 40001 invalid/not latest, 42001 expired, 40014 malformed. Refresh once and retry once. */
const TOKEN_ERRCODES = new Set([40001, 42001, 40014])

/** Refresh this long before expires_in runs out (capped at half the lifetime for short-lived tokens). */
const REFRESH_MARGIN_MS = 5 * 60 * 1000

/** msg_sec_check accepts at most 2 500 characters per call. */
const SEC_CHECK_MAX_CHARS = 2500

/** getwxacodeunlimit scene: 1–32 of digits, letters and !#$&'()*+,/:;=?@-._~ (WeChat's documented set). */
const QR_SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/

const SUGGEST_RANK: Record<SecSuggest, number> = { pass: 0, review: 1, risky: 2 }

interface WechatJson {
  errcode?: number
  errmsg?: string
  [key: string]: unknown
}

export function createWechatClient(opts: WechatClientOptions): WechatClient {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '')
  const timeoutMs = opts.timeoutMs ?? 5000
  const doFetch = opts.fetch ?? fetch

  // Keep WeChat's errmsg, but scrub our own credentials should one ever be echoed back.
  const scrub = (text: string): string => {
    let out = text
    for (const s of [opts.secret, cached?.token]) if (s) out = out.split(s).join('***')
    return out
  }
  const fail = (api: Api, errcode: number, errmsg: string): WechatError =>
    new WechatError(api, mapErrcode(api, errcode), errcode, scrub(errmsg))

  /** One HTTP exchange. Resolves with the raw Response; transport failures become WechatError. */
  async function request(api: Api, url: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
    } catch (err) {
      throw transportError(api, err)
    }
  }
  function transportError(api: Api, err: unknown): WechatError {
    const e = err as { name?: string; cause?: { code?: string } }
    // Only the error name / socket code: undici's messages are safe today, but a URL would carry secrets.
    const what = e?.name === 'TimeoutError' ? `timeout after ${timeoutMs} ms` : `network error ${e?.cause?.code ?? e?.name ?? ''}`
    return fail(api, TRANSPORT_ERRCODE, what.trim())
  }
  async function readJson(api: Api, res: Response): Promise<WechatJson> {
    let text: string
    try {
      text = await res.text()
    } catch (err) {
      throw transportError(api, err)
    }
    try {
      const body = JSON.parse(text) as unknown
      if (body && typeof body === 'object') return body as WechatJson
    } catch {
      /* fall through */
    }
    throw fail(api, TRANSPORT_ERRCODE, `unexpected answer (HTTP ${res.status}, not JSON)`)
  }
  function check(api: Api, body: WechatJson): WechatJson {
    // WeChat answers HTTP 200 with errcode ≠ 0 on failure; success omits errcode or sends 0.
    if (typeof body.errcode === 'number' && body.errcode !== 0) throw fail(api, body.errcode, String(body.errmsg ?? ''))
    return body
  }

  // ---- access token -------------------------------------------------------------------------
  // cgi-bin/stable_token (not cgi-bin/token): several server instances share one appid, and every
  // cgi-bin/token call invalidates the token the other instances hold. stable_token in normal mode
  // hands all of them the same token until it expires. We never use force_refresh (it too would
  // invalidate the others, and is limited to 20 calls a day).
  let cached: { token: string; refreshAt: number } | null = null
  let inflight: Promise<string> | null = null

  function getToken(): Promise<string> {
    if (cached && Date.now() < cached.refreshAt) return Promise.resolve(cached.token)
    // Concurrent callers share one in-flight fetch.
    inflight ??= fetchToken().finally(() => {
      inflight = null
    })
    return inflight
  }
  async function fetchToken(): Promise<string> {
    const res = await request('stableToken', `${baseUrl}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: opts.appid, secret: opts.secret }),
    })
    const body = check('stableToken', await readJson('stableToken', res))
    const token = body.access_token
    const expiresIn = Number(body.expires_in)
    if (typeof token !== 'string' || !token || !(expiresIn > 0)) {
      throw fail('stableToken', TRANSPORT_ERRCODE, 'token answer without access_token / expires_in')
    }
    const lifetimeMs = expiresIn * 1000
    cached = { token, refreshAt: Date.now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2) }
    return token
  }
  /** Forget `token` unless another caller already replaced it. */
  function invalidate(token: string): void {
    if (cached?.token === token) cached = null
  }

  /**
   * POST JSON to an access-token endpoint. A token error (40001/42001/40014) refreshes the token
   * once and retries once. `image: true` accepts an image answer (getwxacodeunlimit).
   */
  async function callWithToken(api: Api, path: string, payload: unknown, image = false): Promise<WechatJson | Buffer> {
    for (let attempt = 0; ; attempt++) {
      const token = await getToken()
      const res = await request(api, `${baseUrl}${path}?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      })
      // getwxacodeunlimit answers an image on success and JSON on error: the content-type tells which.
      if (image && (res.headers.get('content-type') ?? '').startsWith('image/')) {
        try {
          return Buffer.from(await res.arrayBuffer())
        } catch (err) {
          throw transportError(api, err)
        }
      }
      const body = await readJson(api, res)
      if (attempt === 0 && typeof body.errcode === 'number' && TOKEN_ERRCODES.has(body.errcode)) {
        invalidate(token)
        continue
      }
      return check(api, body)
    }
  }

  // ---- endpoints ----------------------------------------------------------------------------
  async function checkChunk(openid: string, scene: SecScene, content: string): Promise<{ suggest: SecSuggest; label: number }> {
    const body = (await callWithToken('msgSecCheck', '/wxa/msg_sec_check', { version: 2, openid, scene, content })) as WechatJson
    const result = body.result as { suggest?: string; label?: number | string } | undefined
    const suggest = result?.suggest
    if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') {
      throw fail('msgSecCheck', TRANSPORT_ERRCODE, 'answer without result.suggest')
    }
    return { suggest, label: Number(result?.label ?? 0) }
  }

  return {
    async code2Session(code) {
      const qs = new URLSearchParams({ appid: opts.appid, secret: opts.secret, js_code: code, grant_type: 'authorization_code' })
      const res = await request('code2Session', `${baseUrl}/sns/jscode2session?${qs}`, { method: 'GET' })
      const body = check('code2Session', await readJson('code2Session', res))
      // session_key is read only to confirm a complete answer, and deliberately dropped: it decrypts
      // and verifies the user's wx.* encryptedData, so whoever holds it can forge or read that data.
      // We use the code-based phone API instead, so nothing here needs it; not returning it means it
      // cannot be logged, stored or sent to the app by accident (PRODUCT.md: never send it to the client).
      if (typeof body.openid !== 'string' || !body.openid || typeof body.session_key !== 'string') {
        throw fail('code2Session', TRANSPORT_ERRCODE, 'answer without openid / session_key')
      }
      return typeof body.unionid === 'string' && body.unionid ? { openid: body.openid, unionid: body.unionid } : { openid: body.openid }
    },

    async getPhoneNumber(code) {
      const body = (await callWithToken('getPhoneNumber', '/wxa/business/getuserphonenumber', { code })) as WechatJson
      const info = body.phone_info as { phoneNumber?: string; purePhoneNumber?: string; countryCode?: string | number } | undefined
      if (!info?.phoneNumber || !info.purePhoneNumber) throw fail('getPhoneNumber', TRANSPORT_ERRCODE, 'answer without phone_info')
      // countryCode is documented as a string but WeChat's own sample sends a number.
      return { phoneNumber: info.phoneNumber, purePhoneNumber: info.purePhoneNumber, countryCode: String(info.countryCode ?? '') }
    },

    async msgSecCheck({ openid, scene, content }) {
      // Longer text is checked in 2 500-character chunks (by code point, so no emoji is cut in
      // half); the worst suggestion wins. Sequential, stopping at the first 'risky'.
      const chars = Array.from(content)
      let worst: { suggest: SecSuggest; label: number } | null = null
      for (let i = 0; i < Math.max(chars.length, 1); i += SEC_CHECK_MAX_CHARS) {
        const r = await checkChunk(openid, scene, chars.slice(i, i + SEC_CHECK_MAX_CHARS).join(''))
        if (!worst || SUGGEST_RANK[r.suggest] > SUGGEST_RANK[worst.suggest]) worst = r
        if (worst.suggest === 'risky') break
      }
      return worst!
    },

    async mediaCheckAsync({ openid, scene, mediaUrl, mediaType }) {
      const body = (await callWithToken('mediaCheckAsync', '/wxa/media_check_async', {
        version: 2,
        openid,
        scene,
        media_url: mediaUrl,
        media_type: mediaType === 'audio' ? 1 : 2, // WeChat: 1 audio, 2 image
      })) as WechatJson
      if (typeof body.trace_id !== 'string') throw fail('mediaCheckAsync', TRANSPORT_ERRCODE, 'answer without trace_id')
      return { traceId: body.trace_id }
    },

    async sendSubscribeMessage({ touser, templateId, page, data, miniprogramState }) {
      await callWithToken('sendSubscribeMessage', '/cgi-bin/message/subscribe/send', {
        touser,
        template_id: templateId,
        ...(page ? { page } : {}),
        data,
        miniprogram_state: miniprogramState ?? 'formal',
        lang: 'zh_CN',
      })
    },

    async getUnlimitedQrCode({ scene, page, width, checkPath, envVersion }) {
      // Validated here so a bad scene costs no request (WeChat would answer 40169).
      if (!QR_SCENE_PATTERN.test(scene)) {
        throw new WechatError('getUnlimitedQrCode', 'VALIDATION_FAILED', 40169, 'invalid scene (checked locally, not sent)')
      }
      const out = await callWithToken(
        'getUnlimitedQrCode',
        '/wxa/getwxacodeunlimit',
        {
          scene,
          ...(page ? { page } : {}),
          width: width ?? 430,
          check_path: checkPath ?? true,
          env_version: envVersion ?? 'release',
        },
        true,
      )
      // JSON with errcode 0 but no image would be a protocol surprise, not a picture.
      if (!Buffer.isBuffer(out)) throw fail('getUnlimitedQrCode', TRANSPORT_ERRCODE, 'JSON answer instead of an image')
      return out
    },
  }
}
