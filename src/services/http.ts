import Taro from '@tarojs/taro'
import { ERROR_MESSAGES, isErrorCode, type ErrorCode } from '../../common/errors'
import { CONSENT_EVENT, clearSession, getToken } from './session'
import { isOnline } from './network'
import { localize, t } from '../i18n'

// The only place that calls Taro.request / Taro.uploadFile / Taro.downloadFile. Field conditions shape it: slow
// 2G/3G (generous timeouts), flaky links (idempotent calls retried with backoff), no network
// (fail at once with a clear notice), and every failure becomes an ApiRequestError whose
// `message` is plain Chinese and whose `code` the page can branch on.
export const API_BASE = process.env.TARO_APP_API_BASE ?? ''

const TIMEOUT_MS = 15_000
const UPLOAD_TIMEOUT_MS = 60_000
/** Delays before the 1st and 2nd retry; jitter spreads a crowd reconnecting at once. */
export const RETRY_DELAYS_MS = [600, 1800]
const RETRYABLE_STATUS = new Set([502, 503, 504])

export class ApiRequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message ?? ERROR_MESSAGES[code])
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  data?: unknown
  /** Retries on network failure only make sense for calls that are safe to repeat. */
  retry?: boolean
  /** Extra headers, e.g. Idempotency-Key for a POST that may be retried. */
  headers?: Record<string, string>
}

type RawResponse = { statusCode: number; data: unknown; header?: Record<string, unknown> }

export function assetUrl(path: string | null | undefined): string {
  if (!path) return ''
  // Anything with a scheme is whole already: https:, and a file on the phone (blob: on H5, wxfile: or http://tmp on weapp).
  return /^[a-z][a-z0-9+.-]*:/i.test(path) ? path : `${API_BASE}${path}`
}

function authHeader(): Record<string, string> {
  const token = getToken()
  return token ? { Authorization: `Bearer ${token}` } : {}
}

function toError(res: RawResponse): ApiRequestError {
  const body = (typeof res.data === 'string' ? safeJson(res.data) : res.data) as
    | { code?: unknown; message?: unknown; fields?: Record<string, string> }
    | undefined
  const code: ErrorCode = isErrorCode(body?.code) ? body!.code : res.statusCode >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED'
  if (code === 'SESSION_EXPIRED') clearSession()
  // Signed in on an older privacy guide: the app shows the current one (app.ts) before going on.
  if (code === 'CONSENT_REQUIRED' && getToken()) Taro.eventCenter.trigger(CONSENT_EVENT)
  return new ApiRequestError(code, res.statusCode, t(`error.${code}`) + whenToRetry(code, res.header), body?.fields)
}

/**
 * Over a quota the server says when the same request may succeed (Retry-After, in seconds): tell
 * the person, so they wait instead of tapping again. (PENDING_LIMIT clears when staff review, as
 * its message says, whatever the header.)
 */
function whenToRetry(code: ErrorCode, header: Record<string, unknown> | undefined): string {
  if (code !== 'RATE_LIMITED' || !header) return ''
  const seconds = Number(header['retry-after'] ?? header['Retry-After'])
  if (!Number.isFinite(seconds) || seconds <= 0) return ''
  return seconds < 60 ? t('retry.seconds', { n: Math.ceil(seconds) }) : t('retry.minutes', { n: Math.ceil(seconds / 60) })
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Runs `attempt`, retrying transient failures after RETRY_DELAYS_MS (with ±25% jitter). */
export async function withRetry<T>(attempt: () => Promise<T>, retry: boolean, sleep = defaultSleep): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt()
    } catch (err) {
      const transient =
        err instanceof ApiRequestError && (err.code === 'NETWORK_TIMEOUT' || err.status === 0 || RETRYABLE_STATUS.has(err.status))
      if (!retry || !transient || i >= RETRY_DELAYS_MS.length || !isOnline()) throw err
      await sleep(RETRY_DELAYS_MS[i] * (0.75 + Math.random() * 0.5))
    }
  }
}

function defaultSleep(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms))
}

/**
 * Taro.request / Taro.uploadFile also return a promise that rejects on failure even when `fail` is
 * given (H5 and weapp alike); `fail` already handles it, so keep it from surfacing as an unhandled
 * rejection on every failed request.
 */
function settled(task: unknown): void {
  Promise.resolve(task).catch(() => undefined)
}

function send(path: string, opts: RequestOptions): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const task = Taro.request({
      url: `${API_BASE}${path}`,
      method: opts.method ?? 'GET',
      data: opts.data as any,
      header: { 'content-type': 'application/json', ...opts.headers, ...authHeader() },
      timeout: TIMEOUT_MS,
      dataType: 'json',
      success: (res) => resolve({ statusCode: res.statusCode, data: res.data, header: res.header }),
      fail: (err: { errMsg?: string }) =>
        reject(
          /timeout/i.test(err?.errMsg ?? '')
            ? new ApiRequestError('NETWORK_TIMEOUT', 0)
            : new ApiRequestError(isOnline() ? 'NETWORK_TIMEOUT' : 'NETWORK_OFFLINE', 0),
        ),
    })
    settled(task)
  })
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  if (!isOnline()) throw new ApiRequestError('NETWORK_OFFLINE', 0)
  const method = opts.method ?? 'GET'
  return withRetry(async () => {
    const res = await send(path, opts)
    if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T
    throw toError(res)
  }, opts.retry ?? method === 'GET')
}

export interface UploadOptions {
  /** Called as bytes go out, with 0–100 (WeChat's UploadTask.onProgressUpdate; XHR progress on H5). */
  onProgress?: (percent: number) => void
  /** The file's name in the form (H5 sends a blob: URL, which has none: a recorded note goes as voice.mp3). */
  fileName?: string
}

/** Uploads one local file (e.g. a chooseAvatar temp path) as multipart field `file`. */
export async function upload<T>(path: string, filePath: string, opts: UploadOptions = {}): Promise<T> {
  if (!isOnline()) throw new ApiRequestError('NETWORK_OFFLINE', 0)
  const res = await new Promise<RawResponse>((resolve, reject) => {
    const task = Taro.uploadFile({
      url: `${API_BASE}${path}`,
      filePath,
      name: 'file',
      ...(opts.fileName ? { fileName: opts.fileName } : {}),
      header: authHeader(),
      timeout: UPLOAD_TIMEOUT_MS,
      success: (r) => resolve({ statusCode: r.statusCode, data: safeJson(r.data), header: (r as { header?: Record<string, unknown> }).header }),
      fail: () => reject(new ApiRequestError('NETWORK_TIMEOUT', 0)),
    } as Taro.uploadFile.Option)
    // weapp: Taro copies the UploadTask's methods onto the promise it returns; H5 has them too.
    const { onProgress } = opts
    if (onProgress) (task as Partial<Taro.UploadTask> | undefined)?.onProgressUpdate?.((p) => onProgress(p.progress))
    settled(task)
  })
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T
  throw toError(res)
}

const DOWNLOAD_ERRORS: Record<number, ErrorCode> = { 401: 'SESSION_EXPIRED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' }

/**
 * A file only the signed-in person may get (a verification's proof photo): fetched with the
 * session, since an <Image> cannot send one, into a local temporary file whose path is returned
 * (weapp: a temp path; H5: a blob: URL). Nothing is kept beyond the page's life.
 */
export async function download(path: string): Promise<string> {
  if (!isOnline()) throw new ApiRequestError('NETWORK_OFFLINE', 0)
  const res = await new Promise<{ statusCode: number; tempFilePath: string }>((resolve, reject) => {
    const task = Taro.downloadFile({
      url: `${API_BASE}${path}`,
      header: authHeader(),
      // H5: the session travels in the header, not in cookies (a cross-origin API needs no credentials).
      withCredentials: false,
      timeout: UPLOAD_TIMEOUT_MS,
      success: (r) => resolve({ statusCode: r.statusCode, tempFilePath: r.tempFilePath }),
      fail: () => reject(new ApiRequestError(isOnline() ? 'NETWORK_TIMEOUT' : 'NETWORK_OFFLINE', 0)),
    } as Taro.downloadFile.Option)
    settled(task)
  })
  if (res.statusCode >= 200 && res.statusCode < 300) return res.tempFilePath
  const code = DOWNLOAD_ERRORS[res.statusCode] ?? (res.statusCode >= 500 ? 'SERVICE_UNAVAILABLE' : 'NOT_FOUND')
  if (code === 'SESSION_EXPIRED') clearSession()
  throw new ApiRequestError(code, res.statusCode)
}

/** What to tell the person about a failure, in their language. */
export function messageOf(err: unknown): string {
  return localize(err instanceof ApiRequestError ? err.message : ERROR_MESSAGES.INTERNAL_ERROR)
}
