// The network boundary for component tests. '@tarojs/taro' is the real H5 implementation, whose
// Taro.request calls window.fetch; this answers fetch like the API server would, from the same
// division table the server serves (server/src/modules/regions/regions.data.ts), so the names
// and codes on screen are real. Tests can make the next answer(s) for a path fail.
import { ERROR_MESSAGES, type ErrorCode } from '../../common/errors'
import { regionCode } from '../../common/schemas/regions'
import { childrenOf, getRegion } from '../../server/src/modules/regions/regions.data'

export interface SeenRequest {
  method: string
  path: string
  headers: Record<string, string>
}

/** An HTTP answer, or 'network-error' for a dropped connection (fetch rejects). */
export type Answer = { status: number; body: unknown } | 'network-error'

export const errorBody = (code: ErrorCode, fields?: Record<string, string>) =>
  fields ? { code, message: ERROR_MESSAGES[code], fields } : { code, message: ERROR_MESSAGES[code] }

/** What server/src answers for a route (the regions module and the not-found handler). */
function route(method: string, path: string): Answer {
  const m = /^\/api\/regions\/([^/]+)\/children$/.exec(path)
  if (method === 'GET' && m) {
    if (!regionCode.safeParse(m[1]).success) return { status: 400, body: errorBody('REGION_INVALID', { code: ERROR_MESSAGES.REGION_INVALID }) }
    const parent = getRegion(m[1])
    const children = childrenOf(m[1])
    if (!parent || !children) return { status: 404, body: errorBody('NOT_FOUND') }
    return { status: 200, body: { parent, children } }
  }
  return { status: 404, body: errorBody('NOT_FOUND') }
}

export class FakeServer {
  readonly requests: SeenRequest[] = []
  private overrides: { path: string; answer: Answer }[] = []
  private saved: typeof fetch | undefined

  /** The next `times` requests to `path` get `answer` instead of the real route. */
  answerNext(path: string, answer: Answer, times = 1): void {
    for (let i = 0; i < times; i++) this.overrides.push({ path, answer })
  }

  /** How many requests reached the server for `path`. */
  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length
  }

  install(): void {
    this.saved = globalThis.fetch
    globalThis.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(String(input), 'http://localhost')
      const method = (init.method ?? 'GET').toUpperCase()
      const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]))
      this.requests.push({ method, path: url.pathname, headers })
      const i = this.overrides.findIndex((o) => o.path === url.pathname)
      const answer = i >= 0 ? this.overrides.splice(i, 1)[0].answer : route(method, url.pathname)
      if (answer === 'network-error') throw new TypeError('Failed to fetch')
      // Response is the whatwg-fetch polyfill @tarojs/taro-h5 installs in jsdom.
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json; charset=utf-8' } })
    }) as typeof fetch
  }

  uninstall(): void {
    globalThis.fetch = this.saved as typeof fetch
    this.overrides = []
  }
}
