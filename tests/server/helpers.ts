import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { buildApp } from '../../server/src/app'
import { loadConfig, type Config } from '../../server/src/config'
import { createDb, type Db } from '../../server/src/db/database'
import { migrateToLatest } from '../../server/src/db/migrate'
import { buildEmulator } from '../../server/src/wechat/emulator'
import { createStorage, type Storage } from '../../server/src/storage'
import { PRIVACY_VERSION } from '../../common/enums'

// Each test file gets its own database (a temp SQLite file, or a fresh PostgreSQL database when
// TEST_DB_URL points at a server), its own upload folder and its own WeChat emulator on a real port.
export interface TestContext {
  app: FastifyInstance
  db: Db
  emulator: FastifyInstance
  emulatorUrl: string
  dbKind: 'sqlite' | 'postgres'
  /** The database's URL, for a second connection (another "instance") to the same database. */
  dbUrl: string
  config: Config
  /** The app's file store (local folder, or the bucket the env names): tests look inside it. */
  storage: Storage
  close(): Promise<void>
}

async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DB_URL
  if (!base) {
    const dir = mkdtempSync(join(tmpdir(), 'tianfu-db-'))
    return { url: `sqlite:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const name = `t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(base)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}

export interface TestContextOptions {
  /** Serve a built H5 app (e.g. 'dist/h5') from the same origin, for the browser tests in tests/e2e. */
  h5Dir?: string
  /** The app's clock for time rules (contest deadlines, rate limits): tests move it instead of sleeping. */
  now?: () => Date
  /**
   * A second API instance behind the same load balancer as this context: its own app, database
   * connection and store client, on the other's database, file store and WeChat emulator. Closing
   * it leaves those to their owner.
   */
  sharing?: TestContext
}

/** Second instances made on a context, closed before it (they use its database and emulator). */
const SHARERS = Symbol('sharers')
type Sharers = Set<TestContext>

export async function createTestContext(env: Record<string, string> = {}, opts: TestContextOptions = {}): Promise<TestContext> {
  if (opts.sharing) return createSecondInstance(opts.sharing, opts)
  const emulator = buildEmulator()
  await emulator.listen({ port: 0, host: '127.0.0.1' })
  const address = emulator.server.address()
  const emulatorUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const database = await createTestDatabase()
  const uploadDir = mkdtempSync(join(tmpdir(), 'tianfu-uploads-'))
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    WECHAT_API_BASE: emulatorUrl,
    UPLOAD_DIR: uploadDir,
    LOG_LEVEL: 'silent',
    ...env,
  })
  const db = createDb(config.databaseUrl)
  await migrateToLatest(db)
  const storage = createStorage(config)
  const app = await buildApp({ config, db, storage, h5Dir: opts.h5Dir, now: opts.now })
  await app.ready()
  const sharers: Sharers = new Set()
  const ctx: TestContext & { [SHARERS]: Sharers } = {
    [SHARERS]: sharers,
    app,
    db,
    emulator,
    emulatorUrl,
    dbKind: database.url.startsWith('sqlite:') ? 'sqlite' : 'postgres',
    dbUrl: database.url,
    config,
    storage,
    async close() {
      for (const other of [...sharers]) await other.close()
      await app.close()
      await emulator.close()
      await database.drop()
      rmSync(uploadDir, { recursive: true, force: true })
    },
  }
  return ctx
}

/**
 * A fresh database with migrations, an emulator and, for a world, the seed and a dozen sign-ins:
 * seconds on a busy machine or a PostgreSQL server, so set-up is not held to a test's 5 s.
 */
const SETUP_TIMEOUT_MS = 60_000

/**
 * Something a test file sets up once (in beforeAll) and tears down at the end (afterAll), used
 * through a handle that stands for it: `const ctx = useTestContext()` at the top of a file or a
 * describe, then `ctx.app` inside tests and hooks. Declared before the file's own hooks, so those
 * see it made; touched outside a test or hook, it says so instead of handing out undefined.
 */
export function useLazy<T extends object>(what: string, make: () => Promise<T>, dispose?: (made: T) => Promise<void>): T {
  let made: T | undefined
  let state = 'not made yet: use it inside tests and hooks, not while the file is read'
  beforeAll(async () => {
    state = 'not made: its beforeAll failed or timed out (see above)'
    made = await make()
  }, SETUP_TIMEOUT_MS)
  afterAll(async () => {
    const done = made
    made = undefined
    state = 'closed already (afterAll)'
    if (done && dispose) await dispose(done)
  }, SETUP_TIMEOUT_MS)
  const current = (): T => {
    if (!made) throw new Error(`${what} is ${state}`)
    return made
  }
  return new Proxy({} as T, {
    // Not a promise, so `await` and async returns leave the handle alone.
    get: (_, key) => (key === 'then' ? undefined : Reflect.get(current(), key)),
    set: (_, key, value) => Reflect.set(current(), key, value),
    has: (_, key) => Reflect.has(current(), key),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(current(), key)
      return d && { ...d, configurable: true }
    },
  })
}

/**
 * The file's (or the describe's) test context: created in beforeAll, closed in afterAll. `env` and
 * `opts` may be functions when they need values from earlier hooks (a folder or an S3 server made
 * in beforeAll). A second instance (`sharing`) is closed before the context it shares.
 */
export function useTestContext(
  env: Record<string, string> | (() => Record<string, string>) = {},
  opts: TestContextOptions | (() => TestContextOptions) = {},
): TestContext {
  return useLazy(
    'The test context',
    () => createTestContext(typeof env === 'function' ? env() : env, typeof opts === 'function' ? opts() : opts),
    (ctx) => ctx.close(),
  )
}

async function createSecondInstance(first: TestContext, opts: TestContextOptions): Promise<TestContext> {
  const { config } = first
  const db = createDb(first.dbUrl)
  const storage = createStorage(config)
  const app = await buildApp({ config, db, storage, h5Dir: opts.h5Dir, now: opts.now })
  await app.ready()
  const sharers = (first as TestContext & { [SHARERS]: Sharers })[SHARERS]
  const second: TestContext = {
    ...first,
    app,
    db,
    storage,
    // Its own app, connection and store client (closed with the app); the rest is the first's.
    async close() {
      if (!sharers.delete(second)) return
      await app.close()
    },
  }
  sharers.add(second)
  return second
}

/** Logs a new person in through the emulator: the login code names them. */
export async function login(app: FastifyInstance, code = `code-${randomBytes(4).toString('hex')}`) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { code, consentVersion: PRIVACY_VERSION } })
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`)
  const body = res.json()
  return { token: body.token as string, user: body.user, auth: { authorization: `Bearer ${body.token}` } }
}

export const GANZI_TOWNSHIP = '513328200' // 甘孜县呷拉乡
