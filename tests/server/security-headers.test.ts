// Security headers on the H5 site and the API (server/src/plugins/security.ts), and the API docs
// only outside production.
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
import { loadConfig } from '../../server/src/config'
import { imageOrigins } from '../../server/src/plugins/security'
import { GANZI_TOWNSHIP, login, useTestContext } from './helpers'
import { uploadPhoto } from './listings-fixtures'

// A stand-in dist/h5 with an inline script like the one Taro writes into index.html.
const TARO_INLINE = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);'
let dir: string

const PRODUCTION = {
  NODE_ENV: 'production',
  WECHAT_API_BASE: 'https://api.weixin.qq.com',
  WECHAT_APPID: 'wx1234567890abcdef',
  WECHAT_SECRET: 'real-secret-value-0123456789',
  PHONE_ENCRYPTION_KEY: 'a-long-random-production-key-0123456789',
  WECHAT_PUSH_TOKEN: 'push-token-from-the-admin-console',
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tianfu-h5-'))
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><script>${TARO_INLINE}</script><script defer src="/js/app.js"></script></head><body><div id="app"></div></body></html>`)
})
const dev = useTestContext({}, () => ({ h5Dir: dir }))
const prod = useTestContext(PRODUCTION, () => ({ h5Dir: dir }))
// Declared after the contexts, so the folder goes once both apps are closed.
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The CSP as directive → sources. */
function csp(res: LightMyRequestResponse): Map<string, string[]> {
  const header = res.headers['content-security-policy']
  expect(typeof header).toBe('string')
  return new Map(
    (header as string)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  )
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

function expectCommonHeaders(res: LightMyRequestResponse) {
  const policy = csp(res)
  expect(policy.get('frame-ancestors')).toEqual(["'none'"])
  expect(policy.get('default-src')).toEqual(["'self'"])
  expect(policy.get('object-src')).toEqual(["'none'"])
  expect(policy.get('script-src')).not.toContain("'unsafe-inline'")
  expect(policy.get('script-src')).not.toContain("'unsafe-eval'")
  expect(res.headers['x-frame-options']).toBe('DENY')
  expect(res.headers['x-content-type-options']).toBe('nosniff')
  expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
}

describe('the H5 site', () => {
  it('cannot be framed, and allows exactly its own inline scripts by hash', async () => {
    const res = await dev.app.inject({ method: 'GET', url: '/' })
    expect(res.statusCode).toBe(200)
    expectCommonHeaders(res)
    // Every inline script the page carries (Taro's, the first screen's route check) is allowed by
    // its hash, and nothing else inline is.
    const inline = [...res.body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1])
    expect(inline).toContain(TARO_INLINE)
    expect(inline.length).toBeGreaterThanOrEqual(2)
    // …and the no-op `javascript:;` of Taro's tab bar links, by the hash of the whole URL.
    const allowed = ["'self'", ...new Set(inline.map(sha256)), "'unsafe-hashes'", sha256('javascript:;')]
    expect(csp(res).get('script-src')!.sort()).toEqual(allowed.sort())
    expect(csp(res).get('script-src-attr')).toEqual(["'none'"])
  })

  it('plays a voice note just recorded (a blob: in the phone’s memory), also before it is uploaded or with no network', async () => {
    const res = await dev.app.inject({ method: 'GET', url: '/' })
    expect(csp(res).get('media-src')).toEqual(["'self'", 'blob:'])
  })

  it('serves /index.html under the same policy', async () => {
    const [root, index] = await Promise.all(['/', '/index.html'].map((url) => dev.app.inject({ method: 'GET', url })))
    expect(index.headers['content-security-policy']).toBe(root.headers['content-security-policy'])
  })
})

describe('the API', () => {
  it.each(['/api/health', '/api/news?limit=1', '/api/no-such-route'])('%s carries the headers, without inline scripts', async (url) => {
    const res = await dev.app.inject({ method: 'GET', url })
    expectCommonHeaders(res)
    expect(csp(res).get('script-src')).toEqual(["'self'"])
  })

  it('lets any page show an uploaded image, while the rest stays same-origin', async () => {
    const { auth } = await login(dev.app)
    await dev.app.inject({ method: 'PUT', url: '/api/users/me', headers: auth, payload: { nickname: '扎西', role: 'farmer', regionCode: GANZI_TOWNSHIP } })
    const upload = await uploadPhoto(dev, auth)
    expect(upload.statusCode).toBe(200)
    const path = new URL(upload.json().url, 'http://x').pathname
    const image = await dev.app.inject({ method: 'GET', url: path })
    expect(image.statusCode).toBe(200)
    expect(image.headers['cross-origin-resource-policy']).toBe('cross-origin')
    expect((await dev.app.inject({ method: 'GET', url: '/api/health' })).headers['cross-origin-resource-policy']).toBe('same-origin')
  })
})

describe('images from elsewhere', () => {
  it('allows the API’s public URL and the object store’s public origin, and no other', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://api.kjy.example.cn/',
      STORAGE: 's3',
      S3_REGION: 'ap-chengdu',
      S3_BUCKET: 'tianfu-1250000000',
      S3_ACCESS_KEY_ID: 'AKID',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_PUBLIC_URL: 'https://img.kjy.example.cn/photos',
    })
    expect(imageOrigins(config)).toEqual(['https://api.kjy.example.cn', 'https://img.kjy.example.cn'])
    expect(imageOrigins(loadConfig({}))).toEqual([])
  })
})

describe('HTTPS', () => {
  it('sends HSTS in production, only on requests that came over https', async () => {
    const https = await prod.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } })
    expect(https.headers['strict-transport-security']).toBe('max-age=15552000')
    const http = await prod.app.inject({ method: 'GET', url: '/api/health' })
    expect(http.headers['strict-transport-security']).toBeUndefined()
    const page = await prod.app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' } })
    expect(page.headers['strict-transport-security']).toBe('max-age=15552000')
    expectCommonHeaders(page)
  })

  it('never sends HSTS in development (http://127.0.0.1 must stay reachable)', async () => {
    const res = await dev.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } })
    expect(res.headers['strict-transport-security']).toBeUndefined()
  })
})

describe('API docs', () => {
  it.each(['/api/docs', '/api/docs/json', '/api/docs/static/index.html'])('%s does not exist in production', async (url) => {
    const res = await prod.app.inject({ method: 'GET', url })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/[\u4e00-\u9fa5]/) })
    expectCommonHeaders(res)
  })

  it('are there in development, under the same headers', async () => {
    const page = await dev.app.inject({ method: 'GET', url: '/api/docs' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    expectCommonHeaders(page)
    const doc = await dev.app.inject({ method: 'GET', url: '/api/docs/json' })
    expect(doc.statusCode).toBe(200)
    expect(Object.keys(doc.json().paths)).toContain('/api/staff/audit/')
  })
})
