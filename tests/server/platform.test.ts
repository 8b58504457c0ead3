// What every route shares: health checks, the OpenAPI document, configuration, and how errors
// leave the server (always { code, message } in Chinese; never internal text).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { buildApp } from '../../server/src/app'
import { ConfigError, loadConfig } from '../../server/src/config'
import { createDb } from '../../server/src/db/database'
import { migrateToLatest } from '../../server/src/db/migrate'
import { GANZI_TOWNSHIP, login, useTestContext } from './helpers'
import { routesOf } from './route-recorder'

const CHINESE = /[\u4e00-\u9fa5]/

// Every Fastify instance created in this file (buildApp's included) records the routes it
// registers, so the OpenAPI check below compares against what the app really serves.
jest.mock('fastify', () => require('./route-recorder').recordingFastify())

const ctx = useTestContext()

/** An app from buildApp that is not ready yet, on its own SQLite file, so a test can add routes. */
async function freshApp(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tianfu-platform-'))
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: `sqlite:${join(dir, 'test.db')}`,
    UPLOAD_DIR: join(dir, 'uploads'),
    LOG_LEVEL: 'silent',
    // Nothing listens there: these apps must not need WeChat.
    WECHAT_API_BASE: 'http://127.0.0.1:9',
    ...env,
  })
  const db = createDb(config.databaseUrl)
  await migrateToLatest(db)
  const app = await buildApp({ config, db, closeDb: false })
  return {
    app,
    db,
    async close() {
      await app.close()
      await db.destroy().catch(() => undefined)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Every (method, path) the app serves that is not hidden from the docs, from an onRoute hook (HEAD excluded). */
function registeredRoutes(app: FastifyInstance): string[] {
  return routesOf(app)
    .filter((r) => !r.schema?.hide && r.method !== 'HEAD')
    .map((r) => `${r.method} ${r.url}`)
}

/** '/api/news/:id/' and '/api/news/{id}' → '/api/news/{id}'. */
const normalize = (path: string) => path.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1')

describe('health', () => {
  it('GET /api/health answers ok', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok' })
  })

  it('GET /api/health/ready answers ok when the database answers', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health/ready' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok' })
  })

  it('GET /api/health/ready answers 503 when the database is gone, while liveness stays ok', async () => {
    const fresh = await freshApp()
    try {
      await fresh.app.ready()
      await fresh.db.destroy()
      const ready = await fresh.app.inject({ method: 'GET', url: '/api/health/ready' })
      expect(ready.statusCode).toBe(503)
      expect(ready.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(CHINESE) })
      expect((await fresh.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
    } finally {
      await fresh.close()
    }
  })
})

describe('OpenAPI document', () => {
  async function checkDocs(app: FastifyInstance) {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(doc.info.title).toMatch(CHINESE)

    const documented: string[] = []
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        documented.push(`${method.toUpperCase()} ${normalize(path)}`)
        const ok = op.responses?.['200'] ?? op.responses?.['201']
        expect({ route: `${method} ${path}`, schema: ok?.content?.['application/json']?.schema?.type }).toEqual({
          route: `${method} ${path}`,
          schema: 'object',
        })
      }
    }
    const served = registeredRoutes(app)
      .filter((r) => / \/api\//.test(r))
      .map((r) => {
        const [method, path] = r.split(' ')
        return `${method} ${normalize(path)}`
      })
    // Sanity: the route tree was read (the profile routes are there).
    expect(served).toEqual(expect.arrayContaining(['GET /api/users/me', 'PUT /api/users/me', 'POST /api/auth/login']))
    expect([...new Set(documented)].sort()).toEqual([...new Set(served)].sort())
  }

  it('lists every /api route with a success (200/201) response schema (emulator setup, with dev login)', async () => {
    await checkDocs(ctx.app)
  })

  it('lists every /api route with a success (200/201) response schema (real WeChat setup, without dev login)', async () => {
    const real = await freshApp({ WECHAT_API_BASE: 'https://api.weixin.qq.com' })
    try {
      await real.app.ready()
      await checkDocs(real.app)
    } finally {
      await real.close()
    }
  })
})

describe('unknown routes', () => {
  // A known path asked with another method is 405 with Allow (framework-errors.test.ts).
  it.each([
    ['GET', '/api/nothing-here'],
    ['POST', '/api/nothing-here'],
    ['GET', '/uploads/avatars/none.jpg'],
    ['DELETE', '/api/regions/51/children/more'],
  ] as const)('%s %s → 404 NOT_FOUND as JSON', async (method, url) => {
    const res = await ctx.app.inject({ method, url })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(CHINESE) })
  })

  it('does not serve files outside the upload folder', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/uploads/../../../../etc/passwd' })
    expect(res.statusCode).toBeGreaterThanOrEqual(400)
    expect(res.statusCode).toBeLessThan(500)
    expect(res.body).not.toContain('root:')
  })
})

describe('loadConfig', () => {
  function configError(env: Record<string, string>): string {
    try {
      loadConfig(env)
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError)
      return (err as Error).message
    }
    throw new Error('expected loadConfig to throw')
  }

  it('starts with no settings at all, for development against the emulator', () => {
    const config = loadConfig({})
    expect(config.env).toBe('development')
    expect(config.wechat.emulator).toBe(true)
  })

  it('names PORT when it is not a number', () => {
    const message = configError({ PORT: 'abc' })
    expect(message).toContain('PORT')
    expect(message).not.toContain('DATABASE_URL')
  })

  it('names DATABASE_URL for an unsupported database', () => {
    const message = configError({ DATABASE_URL: 'mysql://x' })
    expect(message).toContain('DATABASE_URL')
    expect(message).toMatch(/sqlite|postgres/)
  })

  it('lists every WeChat and key setting missing in production', () => {
    const message = configError({ NODE_ENV: 'production' })
    for (const name of ['WECHAT_API_BASE', 'WECHAT_APPID', 'WECHAT_SECRET', 'WECHAT_PUSH_TOKEN', 'PHONE_ENCRYPTION_KEY']) expect(message).toContain(name)
  })

  const production = {
    NODE_ENV: 'production',
    WECHAT_API_BASE: 'https://api.weixin.qq.com',
    WECHAT_APPID: 'wx1234567890abcdef',
    WECHAT_SECRET: 'real-secret-value-0123456789',
    PHONE_ENCRYPTION_KEY: 'a-long-random-production-key-0123456789',
    WECHAT_PUSH_TOKEN: 'push-token-from-the-admin-console',
  }

  it('accepts a complete production setup, which talks to real WeChat', () => {
    const config = loadConfig(production)
    expect(config.env).toBe('production')
    expect(config.wechat).toMatchObject({ baseUrl: 'https://api.weixin.qq.com', emulator: false })
  })

  it.each(['WECHAT_APPID', 'WECHAT_SECRET', 'WECHAT_PUSH_TOKEN', 'PHONE_ENCRYPTION_KEY'] as const)(
    'names only %s when just that one is missing in production',
    (name) => {
      const { [name]: _omit, ...rest } = production
      const message = configError(rest)
      expect(message).toContain(name)
      for (const other of ['WECHAT_API_BASE', 'WECHAT_APPID', 'WECHAT_SECRET', 'WECHAT_PUSH_TOKEN', 'PHONE_ENCRYPTION_KEY'].filter((n) => n !== name)) {
        expect(message).not.toContain(other)
      }
    },
  )

  it.each(['http://127.0.0.1:3100/', 'http://10.0.0.5:3100', 'https://api.weixin.qq.com.evil.example'])(
    'refuses WECHAT_API_BASE=%s in production, which would switch on the demo login',
    (base) => {
      expect(configError({ ...production, WECHAT_API_BASE: base })).toContain('WECHAT_API_BASE')
    },
  )

  it('does not repeat a secret in its message', () => {
    const message = configError({ ...production, PHONE_ENCRYPTION_KEY: 'short-s3cret', SESSION_DAYS: '0' })
    expect(message).toContain('PHONE_ENCRYPTION_KEY')
    expect(message).toContain('SESSION_DAYS')
    expect(message).not.toContain('short-s3cret')
  })
})

describe('unexpected failures', () => {
  it('answers 500 INTERNAL_ERROR without the error text when a route throws', async () => {
    const fresh = await freshApp()
    try {
      fresh.app.get('/api/test-boom', async () => {
        throw new Error('database password is hunter2 at /srv/app/secret.ts:12')
      })
      fresh.app.withTypeProvider<ZodTypeProvider>().get(
        '/api/test-bad-shape',
        { schema: { response: { 200: z.object({ id: z.number() }) } } },
        async () => ({ id: 'not a number', internal: 'hunter2' }) as unknown as { id: number },
      )
      await fresh.app.ready()
      for (const url of ['/api/test-boom', '/api/test-bad-shape']) {
        const res = await fresh.app.inject({ method: 'GET', url })
        expect(res.statusCode).toBe(500)
        expect(res.json()).toEqual({ code: 'INTERNAL_ERROR', message: expect.stringMatching(CHINESE) })
        expect(res.body).not.toMatch(/hunter2|secret\.ts|stack|Error/)
      }
    } finally {
      await fresh.close()
    }
  })

  describe('with WeChat going down', () => {
    const outage = useTestContext()

    it('answers 502 WECHAT_UNAVAILABLE, with no details, while WeChat is unreachable', async () => {
      const { auth } = await login(outage.app)
      const before = (await outage.app.inject({ method: 'GET', url: '/api/users/me', headers: auth })).json()
      await outage.emulator.close()

      const put = await outage.app.inject({
        method: 'PUT',
        url: '/api/users/me',
        headers: auth,
        payload: { nickname: '扎西', role: 'farmer', regionCode: GANZI_TOWNSHIP },
      })
      const signIn = await outage.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { code: 'someone:1', consentVersion: '2026-11-01' },
      })
      const phone = await outage.app.inject({ method: 'POST', url: '/api/users/me/phone', headers: auth, payload: { code: 'phone-13800001234' } })
      for (const res of [put, signIn, phone]) {
        expect(res.statusCode).toBe(502)
        expect(res.json()).toEqual({ code: 'WECHAT_UNAVAILABLE', message: expect.stringMatching(CHINESE) })
        expect(res.body).not.toMatch(/stack|errcode|127\.0\.0\.1|ECONNREFUSED|secret/i)
      }
      // The profile was not half-saved.
      expect((await outage.app.inject({ method: 'GET', url: '/api/users/me', headers: auth })).json()).toEqual(before)
    })
  })
})
