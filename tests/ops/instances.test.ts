// Two compiled API instances on one PostgreSQL: each scheduled job runs once although both
// schedule it, and one instance kill -9'ed in the middle of 500 concurrent posts (sent with
// idempotency keys, retried against the other instance like the app's queue would) leaves every
// acknowledged post present exactly once. Prints the numbers for the closing note.
import { randomBytes } from 'node:crypto'
import { startPgCluster, type PgCluster } from './pg-cluster'
import { postNeed, registerFarmer, startEmulator, startServer, type Client, type ServerProcess } from './server-process'

jest.setTimeout(180_000)

let cluster: PgCluster
let emulator: Awaited<ReturnType<typeof startEmulator>>
let a: ServerProcess
let b: ServerProcess

beforeAll(async () => {
  cluster = await startPgCluster()
  emulator = await startEmulator()
  const env = { DATABASE_URL: cluster.url, WECHAT_API_BASE: emulator.url }
  // Both start at once: both tick their scheduled jobs at start, against one database.
  ;[a, b] = await Promise.all([startServer(env), startServer(env)])
})
afterAll(async () => {
  await Promise.all([a?.kill('SIGKILL'), b?.kill()])
  await emulator?.app.close()
  await cluster?.destroy()
})

test('each scheduled job ran once although two instances started together', async () => {
  // Both instances' first tick has happened once the jobs' rows are there and unlocked.
  let rows: { name: string; runs: number; locked_by: string | null }[] = []
  for (let i = 0; i < 100; i++) {
    rows = await cluster.query('select name, runs, locked_by from job_leases order by name')
    if (rows.length && rows.every((r) => r.runs >= 1 && r.locked_by === null)) break
    await new Promise((r) => setTimeout(r, 100))
  }
  expect(rows.length).toBeGreaterThanOrEqual(2)
  expect(rows.map((r) => [r.name, r.runs])).toEqual(rows.map((r) => [r.name, 1]))
})

test('kill -9 of one instance during 500 concurrent posts: every acknowledged post is present exactly once', async () => {
  const PEOPLE = 50
  const PER_PERSON = 10
  const clients: Client[] = await Promise.all(Array.from({ length: PEOPLE }, (_, i) => registerFarmer(b.url, `牧民${i}`)))
  const posts = clients.flatMap((client, p) =>
    Array.from({ length: PER_PERSON }, (_, n) => ({ client, key: `kill_${p}_${n}_${randomBytes(6).toString('hex')}`, title: `牦牛补饲求助 ${p}-${n}` })),
  )

  const acked = new Map<string, { id: number; status: number }>()
  let sentToA = 0
  let failedOnA = 0
  let killedAt = -1
  async function send(post: (typeof posts)[number], i: number) {
    // Half the posts go to A first; whatever A cannot answer is retried on B with the same key.
    const first = i % 2 === 0 ? a : b
    for (const server of first === a ? [a, b, b, b] : [b, b, b]) {
      if (server === a) sentToA++
      const r = await postNeed(server.url, post.client, post.key, post.title)
      if ('status' in r && (r.status === 201 || r.status === 200)) {
        acked.set(post.key, { id: r.body.id, status: r.status })
        if (acked.size === 150 && killedAt < 0) {
          killedAt = acked.size
          a.child.kill('SIGKILL')
        }
        return
      }
      if (server === a) failedOnA++
      else throw new Error(`instance B failed a post: ${JSON.stringify(r)}`)
    }
  }
  // 50 in flight at a time, like 50 phones.
  let next = 0
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < posts.length) {
        const i = next++
        await send(posts[i], i)
      }
    }),
  )

  expect(killedAt).toBe(150)
  expect(a.alive()).toBe(false)
  expect(b.alive()).toBe(true)
  const rows = await cluster.query<{ id: number; idempotency_key: string }>('select id, idempotency_key from listings')
  const byKey = new Map<string, number[]>()
  for (const r of rows) byKey.set(r.idempotency_key, [...(byKey.get(r.idempotency_key) ?? []), r.id])
  // Every post was acknowledged in the end (B took over), and each is stored once, as acknowledged.
  expect(acked.size).toBe(posts.length)
  for (const [key, { id }] of acked) expect({ key, ids: byKey.get(key) }).toEqual({ key, ids: [id] })
  expect(rows.length).toBe(posts.length)

  const replays = [...acked.values()].filter((v) => v.status === 200).length
  console.log(
    [
      'Two instances, kill -9 of A after 150 acknowledged posts (500 posts, 50 in flight, 50 people):',
      `  sent to A: ${sentToA}, failed on A (killed): ${failedOnA}, retried on B: ${failedOnA}`,
      `  acknowledged: ${acked.size} (of which ${replays} answered 200 = B found the post A had stored before dying)`,
      `  rows in listings: ${rows.length}; acknowledged and present exactly once: ${[...acked.keys()].filter((k) => byKey.get(k)?.length === 1).length}`,
    ].join('\n'),
  )
})
