import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { PRIVACY_VERSION } from '../../common/enums'
import { buildEmulator } from '../../server/src/wechat/emulator'
import { freePort } from './pg-cluster'

// The API as operators run it: the compiled server (npm run build:server → dist/server) in a
// process of its own, so a test can restart its database under it, or kill -9 it.

export const SERVER_JS = resolve(__dirname, '../../dist/server/server/src/server.js')

export interface ServerProcess {
  url: string
  child: ChildProcess
  /** What it printed (stdout + stderr), for a failing test's message. */
  output(): string
  alive(): boolean
  kill(signal?: NodeJS.Signals): Promise<void>
}

export async function startEmulator(): Promise<{ url: string; app: FastifyInstance }> {
  const app = buildEmulator()
  await app.listen({ port: 0, host: '127.0.0.1' })
  return { url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`, app }
}

export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run npm run build:server first`)
  const port = await freePort()
  let out = ''
  const child = spawn(process.execPath, [SERVER_JS], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      UPLOAD_DIR: mkdtempSync(join(tmpdir(), 'tianfu-ops-uploads-')),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const url = `http://127.0.0.1:${port}`
  const proc: ServerProcess = {
    url,
    child,
    output: () => out,
    alive: () => child.exitCode === null && child.signalCode === null,
    kill: (signal = 'SIGTERM') =>
      new Promise((res) => {
        if (!proc.alive()) return res()
        child.once('exit', () => res())
        child.kill(signal)
      }),
  }
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (!proc.alive()) throw new Error(`server exited at start:\n${out}`)
    try {
      if ((await fetch(`${url}/api/health/ready`)).ok) return proc
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  await proc.kill('SIGKILL')
  throw new Error(`server did not become ready:\n${out}`)
}

export interface Client {
  token: string
  auth: { authorization: string }
}

/** A new registered farmer, signed in through the emulator. */
export async function registerFarmer(base: string, name: string): Promise<Client> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: `${name}:${Math.random()}`, consentVersion: PRIVACY_VERSION }),
  })
  if (!login.ok) throw new Error(`login ${name}: ${login.status} ${await login.text()}`)
  const { token } = (await login.json()) as { token: string }
  const auth = { authorization: `Bearer ${token}` }
  const profile = await fetch(`${base}/api/users/me`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ nickname: name.slice(0, 20), role: 'farmer', regionCode: '513328200' }),
  })
  if (!profile.ok) throw new Error(`profile ${name}: ${profile.status} ${await profile.text()}`)
  return { token, auth }
}

export function needBody(title: string) {
  return {
    side: 'need',
    title,
    category: 'breeding',
    regionCode: '513328200',
    description: '家里二十头牦牛，冬天掉膘厉害，想学补饲配方和青稞秸秆加工。',
    contact: { name: '扎西', phone: '13800009999' },
  }
}

/** POST /api/listings with an idempotency key; the network error (if any) is returned, not thrown. */
export async function postNeed(base: string, client: Client, key: string, title: string): Promise<{ status: number; body: any } | { error: string }> {
  try {
    const res = await fetch(`${base}/api/listings`, {
      method: 'POST',
      headers: { ...client.auth, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(needBody(title)),
      signal: AbortSignal.timeout(15_000),
    })
    return { status: res.status, body: await res.json().catch(() => null) }
  } catch (err) {
    return { error: (err as Error).message }
  }
}
