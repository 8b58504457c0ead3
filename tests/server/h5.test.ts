import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib'
import { useTestContext } from './helpers'
import { seedDemoData } from '../../server/src/seed/seed'
import { createArticle } from '../../server/src/modules/news/news.service'
import { SEED_ARTICLES } from '../../server/src/seed/articles'

// The API serving a built H5 site: a stand-in dist/h5 with the same shape as Taro's output.
let dir: string
const script = 'console.log("天府科技云")'.repeat(100)

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tianfu-h5-'))
  mkdirSync(join(dir, 'js'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>天府科技云</title></head><body><div id="app"></div></body></html>')
  writeFileSync(join(dir, 'js', 'app.0123abcd.js'), script)
  writeFileSync(join(dir, 'js', 'app.0123abcd.js.br'), brotliCompressSync(script))
})
const ctx = useTestContext({}, () => ({ h5Dir: dir }))
beforeAll(async () => {
  await seedDemoData(ctx.db, ctx.config.phoneEncryptionKey, new Date())
})
// Registered after the context's own afterAll: the app is closed before its folder goes.
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the H5 site', () => {
  it('pre-renders the home page’s first screen with the latest articles as links', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/html/)
    expect(res.headers['cache-control']).toBe('no-cache')
    const html = res.body
    const snapshot = html.slice(html.indexOf('<div id="first-screen"'), html.indexOf('<div id="app">'))
    const news = (await ctx.app.inject({ method: 'GET', url: '/api/news?limit=3' })).json()
    expect(news.items).toHaveLength(3)
    for (const item of news.items) {
      expect(snapshot).toContain(item.title)
      expect(snapshot).toContain(`href="#/packages/news/article/index?id=${item.id}"`)
    }
    // The lead article comes first, as on the app's home page.
    expect(snapshot.indexOf(news.items[0].title)).toBeLessThan(snapshot.indexOf(news.items[1].title))
    expect(html).toContain('<div id="app"></div>')
  })

  it('escapes article text, so a title cannot inject markup', async () => {
    await createArticle(ctx.db, { ...SEED_ARTICLES[0], title: '<img src=x onerror=alert(1)>牦牛 & 青稞' }, new Date())
    const html = (await ctx.app.inject({ method: 'GET', url: '/index.html' })).body
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;牦牛 &amp; 青稞')
    expect(html).not.toContain('<img src=x')
  })

  it('sends the pre-compressed copy of a script to a browser that accepts brotli, cached for a year', async () => {
    const br = await ctx.app.inject({ method: 'GET', url: '/js/app.0123abcd.js', headers: { 'accept-encoding': 'br, gzip' } })
    expect(br.statusCode).toBe(200)
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.rawPayload.length).toBeLessThan(script.length / 5)
    expect(br.headers['cache-control']).toContain('immutable')
    const plain = await ctx.app.inject({ method: 'GET', url: '/js/app.0123abcd.js', headers: { 'accept-encoding': 'identity' } })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(script)
  })

  it('sends the page compressed to a browser that accepts it (a third of the bytes on a slow line), and as it is to one that does not', async () => {
    const plain = await ctx.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'identity' } })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toContain('<div id="first-screen"')

    const br = await ctx.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toMatch(/accept-encoding/i)
    expect(br.headers['content-type']).toMatch(/text\/html/)
    expect(br.headers['content-security-policy']).toBe(plain.headers['content-security-policy'])
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body)
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(plain.body) / 2)

    const gzip = await ctx.app.inject({ method: 'GET', url: '/index.html', headers: { 'accept-encoding': 'gzip, br;q=0' } })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(plain.body)
  })

  it('compresses the page anew when the latest articles change', async () => {
    const before = brotliDecompressSync((await ctx.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } })).rawPayload).toString('utf8')
    await createArticle(ctx.db, { ...SEED_ARTICLES[1], title: '青稞新品种在甘孜试种成功' }, new Date())
    const after = brotliDecompressSync((await ctx.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } })).rawPayload).toString('utf8')
    expect(before).not.toContain('青稞新品种在甘孜试种成功')
    expect(after).toContain('青稞新品种在甘孜试种成功')
  })

  it('keeps the API answering JSON errors under the site', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/nothing-here' })
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('NOT_FOUND')
  })
})
