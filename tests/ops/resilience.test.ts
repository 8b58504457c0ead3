// PostgreSQL restarted (`pg_ctl restart -m fast`) and every backend terminated while 20 clients
// read and write through the compiled API in a process of its own: the process stays up, requests
// caught by the outage fail with a Chinese 503 (and nothing else), everything after recovery
// succeeds, and no acknowledged write is lost or doubled. Prints the numbers for the closing note.
import { randomBytes } from 'node:crypto'
import { ERROR_MESSAGES } from '../../common/errors'
import { startPgCluster, type PgCluster } from './pg-cluster'
import { postNeed, registerFarmer, startEmulator, startServer, type Client, type ServerProcess } from './server-process'

jest.setTimeout(120_000)

let cluster: PgCluster
let emulator: Awaited<ReturnType<typeof startEmulator>>
let server: ServerProcess

beforeAll(async () => {
  cluster = await startPgCluster()
  emulator = await startEmulator()
  server = await startServer({ DATABASE_URL: cluster.url, WECHAT_API_BASE: emulator.url })
})
afterAll(async () => {
  await server?.kill()
  await emulator?.app.close()
  await cluster?.destroy()
})

interface Outcome {
  at: number
  kind: 'read' | 'write'
  status: number | null
  code?: string
  message?: string
  error?: string
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const WRITES_PER_CLIENT = 12

test('the API stays up through a PostgreSQL restart and terminated backends; acknowledged writes survive', async () => {
  const clients: Client[] = []
  for (let i = 0; i < 20; i++) clients.push(await registerFarmer(server.url, `牧民${i}`))

  const outcomes: Outcome[] = []
  const acked = new Map<string, number>()
  let running = true
  const t0 = Date.now()

  async function read() {
    try {
      const res = await fetch(`${server.url}/api/listings?side=need`, { signal: AbortSignal.timeout(15_000) })
      const body = (await res.json()) as { code?: string; message?: string }
      outcomes.push({ at: Date.now() - t0, kind: 'read', status: res.status, code: body.code, message: body.message })
    } catch (err) {
      outcomes.push({ at: Date.now() - t0, kind: 'read', status: null, error: (err as Error).message })
    }
  }

  // Each client keeps going until the outages are over and its writes are all acknowledged
  // (bounded: the test's own timeout ends it otherwise).
  async function clientLoop(client: Client, i: number) {
    let writes = 0
    while (running || writes < WRITES_PER_CLIENT) {
      if (!server.alive()) throw new Error(`the API process exited:\n${server.output().slice(-2000)}`)
      await read()
      if (writes < WRITES_PER_CLIENT) {
        // Like the app: one key per post, the same key on every retry of it.
        const key = `ops_${i}_${writes}_${randomBytes(6).toString('hex')}`
        for (;;) {
          if (!server.alive()) throw new Error(`the API process exited:\n${server.output().slice(-2000)}`)
          const r = await postNeed(server.url, client, key, `牦牛补饲求助 ${i}-${writes}`)
          if ('error' in r) outcomes.push({ at: Date.now() - t0, kind: 'write', status: null, error: r.error })
          else outcomes.push({ at: Date.now() - t0, kind: 'write', status: r.status, code: r.body?.code, message: r.body?.message })
          if (!('error' in r) && (r.status === 201 || r.status === 200)) {
            acked.set(key, r.body.id)
            writes++
            break
          }
          await sleep(100)
        }
      }
      await sleep(30)
    }
  }

  const loops = clients.map(clientLoop)
  await sleep(1500)
  const restartAt = Date.now() - t0
  await cluster.restart()
  const restartedAt = Date.now() - t0
  await sleep(2000)
  const terminateAt = Date.now() - t0
  const terminated = await cluster.terminateBackends()
  await sleep(2500)
  running = false
  await Promise.all(loops)

  // The process is still the same one, and ready.
  expect(server.alive()).toBe(true)
  expect((await fetch(`${server.url}/api/health/ready`)).status).toBe(200)

  // Every failure was a 503 with the code and a Chinese message: no 500, no dropped connection.
  const failed = outcomes.filter((o) => o.status !== 200 && o.status !== 201)
  for (const f of failed) {
    expect({ status: f.status, code: f.code, message: f.message, error: f.error }).toEqual({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: ERROR_MESSAGES.SERVICE_UNAVAILABLE,
      error: undefined,
    })
  }
  // After each outage the service recovered by itself: the last second saw only successes.
  const lastSecond = outcomes.filter((o) => o.at > Date.now() - t0 - 1000)
  expect(lastSecond.length).toBeGreaterThan(20)
  expect(lastSecond.every((o) => o.status === 200 || o.status === 201)).toBe(true)

  // No acknowledged write lost, none stored twice.
  const rows = await cluster.query<{ id: number; idempotency_key: string }>('select id, idempotency_key from listings')
  const byKey = new Map<string, number[]>()
  for (const r of rows) byKey.set(r.idempotency_key, [...(byKey.get(r.idempotency_key) ?? []), r.id])
  for (const [key, id] of acked) expect({ key, ids: byKey.get(key) }).toEqual({ key, ids: [id] })
  expect(acked.size).toBe(20 * WRITES_PER_CLIENT)

  // A burst after recovery: every client reads and writes successfully.
  const after = await Promise.all(clients.map((c, i) => postNeed(server.url, c, `ops_after_${i}_${randomBytes(6).toString('hex')}`, `恢复后的求助 ${i}`)))
  expect(after.map((r) => ('status' in r ? r.status : r.error))).toEqual(Array(20).fill(201))

  const firstSuccessAfter = (t: number) => outcomes.find((o) => o.at > t && (o.status === 200 || o.status === 201))?.at ?? NaN
  const failedIn = (from: number, to: number) => failed.filter((f) => f.at >= from && f.at < to).length
  console.log(
    [
      'PostgreSQL outage run (20 clients, compiled API process):',
      `  requests: ${outcomes.length} (${outcomes.filter((o) => o.kind === 'write').length} writes), failed with 503: ${failed.length}, other failures: 0`,
      `  pg_ctl restart -m fast: issued at ${restartAt} ms, returned at ${restartedAt} ms; 503s: ${failedIn(restartAt, terminateAt)}; ` +
        `first success ${firstSuccessAfter(restartAt) - restartAt} ms after the restart was issued, ${firstSuccessAfter(restartedAt) - restartedAt} ms after it returned`,
      `  pg_terminate_backend on ${terminated} connections at ${terminateAt} ms; 503s: ${failedIn(terminateAt, Infinity)}; ` +
        `first success ${firstSuccessAfter(terminateAt) - terminateAt} ms later`,
      `  acknowledged posts: ${acked.size}, present exactly once: ${[...acked.keys()].filter((k) => byKey.get(k)?.length === 1).length}`,
    ].join('\n'),
  )
})

test('while PostgreSQL is down, readiness says so and liveness does not; both recover by themselves', async () => {
  cluster.stop()
  try {
    const ready = await fetch(`${server.url}/api/health/ready`)
    expect(ready.status).toBe(503)
    expect(await ready.json()).toEqual({ code: 'SERVICE_UNAVAILABLE', message: ERROR_MESSAGES.SERVICE_UNAVAILABLE })
    expect(ready.headers.get('retry-after')).toBe('5')
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
  } finally {
    cluster.start()
  }
  let status = 0
  for (let i = 0; i < 50 && status !== 200; i++) {
    status = (await fetch(`${server.url}/api/health/ready`)).status
    if (status !== 200) await sleep(100)
  }
  expect(status).toBe(200)
  expect(server.alive()).toBe(true)
})
