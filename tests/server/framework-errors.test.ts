// Fastify's and Node's own refusals leave as { code, message } in Chinese like every other error
// (server/src/plugins/errors.ts): a URL that does not decode, a header Node's parser refuses, a
// body that is not JSON, too large or of an unknown type, an unknown path (404), and a known path
// asked with a method it does not have (405 with Allow).
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ERROR_MESSAGES, type ErrorCode } from '../../common/errors'
import { buildApp } from '../../server/src/app'
import { loadConfig } from '../../server/src/config'
import { createDb } from '../../server/src/db/database'
import { migrateToLatest } from '../../server/src/db/migrate'
import { alsoAnswers } from '../../server/src/plugins/openapi'
import { login, useTestContext } from './helpers'

let port: number
const ctx = useTestContext()
beforeAll(async () => {
  await ctx.app.listen({ port: 0, host: '127.0.0.1' })
  const address = ctx.app.server.address()
  port = typeof address === 'object' && address ? address.port : 0
})

const answer = (code: ErrorCode) => ({ code, message: ERROR_MESSAGES[code] })

describe('URLs that do not decode', () => {
  it.each(['/api/news/%E0%A4%A', '/api/listings/%', '/api/%zz/children', '/api/regions/%C0%AF/children'])(
    'GET %s → 400 BAD_REQUEST, without repeating the URL',
    async (url) => {
      const res = await ctx.app.inject({ method: 'GET', url })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual(answer('BAD_REQUEST'))
      expect(res.body).not.toContain('%')
    },
  )

  it('a path parameter longer than any id → 400 BAD_REQUEST (not 414)', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/listings/${'9'.repeat(150)}` })
    expect([res.statusCode, res.json()]).toEqual([400, answer('BAD_REQUEST')])
  })
})

describe('bodies', () => {
  it('JSON that does not parse → 400 VALIDATION_FAILED', async () => {
    const { auth } = await login(ctx.app)
    const res = await ctx.app.inject({ method: 'PUT', url: '/api/users/me', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"nickname":' })
    expect([res.statusCode, res.json()]).toEqual([400, answer('VALIDATION_FAILED')])
  })

  it('a body over the limit → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ code: 'x'.repeat(300 * 1024) }),
    })
    expect([res.statusCode, res.json()]).toEqual([413, answer('PAYLOAD_TOO_LARGE')])
  })

  it.each(['application/xml', 'image/png', 'application/x-www-form-urlencoded'])('Content-Type %s → 415', async (type) => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': type }, payload: '{}' })
    expect(res.statusCode).toBe(415)
    expect(res.json()).toEqual(answer('VALIDATION_FAILED'))
  })
})

describe('paths and methods', () => {
  it.each([
    ['GET', '/api/nothing-here'],
    ['GET', '/uploads/avatars/none.jpg'],
    // The file store's catch-all answers GET for any /uploads/ path: that does not make a path known.
    ['POST', '/uploads/photos/x.jpg'],
  ] as const)('%s %s → 404 NOT_FOUND', async (method, url) => {
    const res = await ctx.app.inject({ method, url })
    expect([res.statusCode, res.json()]).toEqual([404, answer('NOT_FOUND')])
    expect(res.headers.allow).toBeUndefined()
  })

  it.each([
    ['DELETE', '/api/news', 'GET, HEAD'],
    ['POST', '/api/news/3', 'GET, HEAD'],
    ['PATCH', '/api/listings/1', 'GET, HEAD, PUT'],
    ['POST', '/api/users/me', 'GET, HEAD, PUT, DELETE'],
    ['DELETE', '/api/regions/51/children?x=1', 'GET, HEAD'],
    ['OPTIONS', '/api/staff/review/queue', 'GET, HEAD'],
  ] as const)('%s %s → 405 METHOD_NOT_ALLOWED with Allow: %s', async (method, url, allow) => {
    const res = await ctx.app.inject({ method, url })
    expect(res.statusCode).toBe(405)
    expect(res.headers.allow).toBe(allow)
    expect(res.json()).toEqual(answer('METHOD_NOT_ALLOWED'))
  })
})

/** Sends raw bytes and reads until the server closes the connection. */
function raw(request: string): Promise<{ head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('end', () => {
      const [head, body = ''] = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n')
      resolve({ head, body })
    })
    socket.on('error', reject)
    socket.write(request, 'latin1')
  })
}

describe("requests Node's HTTP parser refuses", () => {
  it.each([
    ['a NUL in a header', 'GET /api/news HTTP/1.1\r\nHost: x\r\nX-Visitor-Id: ab\u0000cd\r\n\r\n'],
    ['a bare CR in a header', 'GET /api/users/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\rb\r\n\r\n'],
    ['a header without a colon', 'GET /api/news HTTP/1.1\r\nHost: x\r\nnot a header\r\n\r\n'],
    ['an unknown method', 'BREW /api/news HTTP/1.1\r\nHost: x\r\n\r\n'],
  ])('%s → 400 BAD_REQUEST as JSON, and the connection is closed', async (_name, request) => {
    const { head, body } = await raw(request)
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
    expect(head).toMatch(/\r\nContent-Type: application\/json; charset=utf-8\r\n/i)
    expect(head).toMatch(/\r\nConnection: close(\r\n|$)/i)
    expect(JSON.parse(body)).toEqual(answer('BAD_REQUEST'))
  })

  it('headers over 16 KB → 431 PAYLOAD_TOO_LARGE as JSON', async () => {
    const { head, body } = await raw(`GET /api/news HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
    expect(head).toMatch(/^HTTP\/1\.1 431 /)
    expect(JSON.parse(body)).toEqual(answer('PAYLOAD_TOO_LARGE'))
  })

  it('still serves the next connection normally', async () => {
    const { head, body } = await raw('GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
    expect(head).toMatch(/^HTTP\/1\.1 200 /)
    expect(JSON.parse(body)).toEqual({ status: 'ok' })
  })
})

describe('declared error answers go through the response serializer', () => {
  let app: FastifyInstance
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tianfu-framework-'))
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: `sqlite:${join(dir, 'test.db')}`,
      UPLOAD_DIR: join(dir, 'uploads'),
      LOG_LEVEL: 'silent',
      WECHAT_API_BASE: 'http://127.0.0.1:9',
    })
    const db = createDb(config.databaseUrl)
    await migrateToLatest(db)
    app = await buildApp({ config, db })
    const typed = app.withTypeProvider<ZodTypeProvider>()
    typed.get('/api/test-conflict', { schema: { response: { 200: z.object({ ok: z.boolean() }), ...alsoAnswers(409) } } }, async (_request, reply) =>
      reply.status(409).send({ code: 'ALREADY_REVIEWED', message: ERROR_MESSAGES.ALREADY_REVIEWED }),
    )
    // A 409 whose body is not an ApiError (an internal text where the message should be) never leaves as such.
    typed.get('/api/test-bad-conflict', { schema: { response: { 200: z.object({ ok: z.boolean() }), ...alsoAnswers(409) } } }, async (_request, reply) =>
      reply.status(409).send({ code: 'NOT_A_CODE', message: 'row 12 locked by pid 4242' } as never),
    )
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a declared 409 that is an ApiError leaves as it is', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test-conflict' })
    expect([res.statusCode, res.json()]).toEqual([409, answer('ALREADY_REVIEWED')])
  })

  it('a declared 409 that is not an ApiError leaves as 500 INTERNAL_ERROR, without its text', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test-bad-conflict' })
    expect([res.statusCode, res.json()]).toEqual([500, answer('INTERNAL_ERROR')])
    expect(res.body).not.toContain('pid')
  })
})
