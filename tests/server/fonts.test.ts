import { readFileSync } from 'node:fs'
import { useTestContext } from './helpers'
import { routesOf } from './route-recorder'
import { TIBETAN_FONT_VERSION } from '../../src/i18n/font-version'

jest.mock('fastify', () => require('./route-recorder').recordingFastify())

// The Tibetan web font (scripts/tibetan-font.mjs → server/static/fonts) served at /fonts/ for
// WeChat's loadFontFace and the H5 site: the right type, cacheable for good, loadable cross-origin.
const ctx = useTestContext()

describe('GET /fonts/', () => {
  it.each([
    ['tibetan.woff2', 'font/woff2', 'wOF2'],
    ['tibetan.woff', 'font/woff', 'wOFF'],
  ])('serves %s as %s, cached for a year and open to other origins', async (file, type, magic) => {
    const res = await ctx.app.inject({ method: 'GET', url: `/fonts/${file}?v=${TIBETAN_FONT_VERSION}`, headers: { origin: 'https://servicewechat.com' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe(type)
    expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe(magic)
    expect(res.rawPayload.equals(readFileSync(`server/static/fonts/${file}`))).toBe(true)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    // WeChat fetches from servicewechat.com, a font loads in CORS mode: without this it is refused.
    expect(res.headers['access-control-allow-origin']).toBe('*')
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin')
    // The subset is well under the whole font (595 KB) and fits a phone on 2G once.
    expect(res.rawPayload.length).toBeLessThan(260_000)
  })

  it('serves the licence beside the font', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/fonts/OFL.txt' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/plain/)
    expect(res.body).toContain('SIL OPEN FONT LICENSE')
    expect(res.body).toContain('Google')
  })

  it('answers 304 to a phone that has it already', async () => {
    const first = await ctx.app.inject({ method: 'GET', url: '/fonts/tibetan.woff' })
    const again = await ctx.app.inject({ method: 'GET', url: '/fonts/tibetan.woff', headers: { 'if-none-match': String(first.headers.etag) } })
    expect(again.statusCode).toBe(304)
  })

  it.each(['/fonts/other.woff2', '/fonts/../package.json', '/fonts/%2e%2e/app.ts', '/fonts/'])('finds nothing else under /fonts/ (%s)', async (url) => {
    const res = await ctx.app.inject({ method: 'GET', url })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' })
  })

  it('is not part of the JSON API document', async () => {
    const fontRoutes = routesOf(ctx.app).filter((r) => r.url.startsWith('/fonts'))
    expect(fontRoutes.length).toBeGreaterThan(0)
    for (const r of fontRoutes) expect(r.schema?.hide).toBe(true)
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/docs/json' })).json()
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/fonts'))).toEqual([])
  })
})
