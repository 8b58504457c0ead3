// Over 10,000 malformed requests to every operation of the OpenAPI document (read from the app:
// app.swagger()), as an anonymous caller, a registered farmer and provincial staff. Every answer
// must be documented for its operation (or be 405 with Allow for a method the path does not
// have), never a 5xx, and every error must be { code, message[, fields] } with a known code and
// its Chinese message. The cases come from tests/server/fuzz-cases.ts with a fixed seed
// (FUZZ_SEED overrides it), so a failure replays exactly. The counts are printed for the record.
import { connect } from 'node:net'
import type { LightMyRequestResponse } from 'fastify'
import sharp from 'sharp'
import { ERROR_MESSAGES, isErrorCode } from '../../common/errors'
import { seedDemoData } from '../../server/src/seed/seed'
import { useTestContext } from './helpers'
import { casesFor, operationsOf, seeded, type FuzzCase, type Operation, type Who } from './fuzz-cases'
import { devLogin } from './listings-fixtures'

const SEED = Number(process.env.FUZZ_SEED ?? 20261101)
/** Requests through app.inject; the raw-socket ones come on top. */
const INJECTED = 10_200
const CHINESE = /[\u4e00-\u9fa5]/

let ops: Operation[]
const auth: Record<Who, Record<string, string>> = { anonymous: {}, farmer: {}, staff: {} }
const known = { params: {} as Record<string, string[]>, image: Buffer.alloc(0) }

const ctx = useTestContext()
beforeAll(async () => {
  await seedDemoData(ctx.db, ctx.config.phoneEncryptionKey, new Date())
  auth.farmer = (await devLogin(ctx, 'farmer-zhaxi')).auth
  auth.staff = (await devLogin(ctx, 'staff-sc')).auth
  ops = operationsOf(ctx.app.swagger())

  // Ids that name real rows, so the valid requests and many mutations reach the services.
  const ids = async (table: 'listings' | 'contests' | 'articles' | 'users' | 'contest_entries' | 'listing_responses') =>
    (await ctx.db.selectFrom(table).select('id').orderBy('id').limit(3).execute()).map((row) => String(row.id))
  const listing = (await ids('listings'))[0]
  const share = await ctx.app.inject({
    method: 'POST',
    url: '/api/shares',
    headers: auth.farmer,
    payload: { target: 'listing', targetId: Number(listing), channel: 'chat' },
  })
  expect(share.statusCode).toBe(200)
  known.params = {
    id: [...new Set([...(await ids('listings')), ...(await ids('contests')), ...(await ids('articles')), '1', '2'])],
    entryId: [...(await ids('contest_entries')), '1'],
    responseId: [...(await ids('listing_responses')), '1'],
    userId: await ids('users'),
    code: [share.json().code],
    kind: ['listing'],
  }
  known.image = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } }).png().toBuffer()
})

/** Operations of the document whose template matches this method and path (an empty parameter too: '/api/listings/' reaches PUT '/:id'). */
function matching(method: string, url: string): Operation[] {
  const path = url.split('?')[0]
  return ops.filter((o) => o.method === method && new RegExp(`^${o.path.replace(/\{\w+\}/g, '[^/]*')}/?$`).test(path))
}

/** What is wrong with one answer, or null. */
function problemWith(c: FuzzCase, res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `${res.statusCode} ${res.body.slice(0, 200)}`
  const documented = matching(c.method, c.url)
  if (documented.length) {
    const allowed = new Set(documented.flatMap((o) => [...o.statuses]))
    if (!allowed.has(res.statusCode)) return `${res.statusCode} is not documented (${[...allowed].join(', ')}): ${res.body.slice(0, 200)}`
  } else if (res.statusCode === 405) {
    const allow = String(res.headers.allow ?? '')
    if (!allow || allow.split(', ').includes(c.method)) return `405 with Allow "${allow}"`
    if (c.wrongMethod && !allow.split(', ').includes(c.op.method)) return `405 whose Allow "${allow}" lacks ${c.op.method}`
  } else if (res.statusCode !== 404 && res.statusCode !== 400) {
    return `${res.statusCode} for a path no operation has`
  }
  if (res.statusCode < 400) return null
  let body: Record<string, unknown>
  try {
    body = res.json()
  } catch {
    return `not JSON: ${res.body.slice(0, 100)}`
  }
  const { code, message, fields, ...rest } = body
  if (Object.keys(rest).length) return `extra keys ${Object.keys(rest).join(', ')}`
  if (!isErrorCode(code)) return `unknown code ${String(code)}`
  if (message !== ERROR_MESSAGES[code] || !CHINESE.test(String(message))) return `message ${String(message)}`
  if (fields !== undefined && !Object.values(fields as object).every((m) => typeof m === 'string' && CHINESE.test(m))) return `fields ${JSON.stringify(fields)}`
  return null
}

function count(map: Map<string, number>, key: string) {
  map.set(key, (map.get(key) ?? 0) + 1)
}
const sorted = (map: Map<string, number>) => Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)))

it(`answers ${INJECTED}+ malformed requests over every operation as documented, in Chinese, never with a 5xx`, async () => {
  const r = seeded(SEED)
  const perOp = Math.ceil(INJECTED / ops.length)
  const methodsOf = new Map<string, string[]>()
  for (const o of ops) methodsOf.set(o.path, [...(methodsOf.get(o.path) ?? []), o.method])

  const failures: string[] = []
  const statuses = new Map<string, number>()
  const kinds = new Map<string, number>()
  const codes = new Map<string, number>()
  const people = new Map<string, number>()
  let requests = 0
  const started = Date.now()
  for (const o of ops) {
    for (const c of casesFor(o, known, r, perOp, methodsOf.get(o.path)!)) {
      const res = await ctx.app.inject({
        method: c.method as 'GET',
        url: c.url,
        headers: { ...auth[c.who], ...c.headers },
        payload: c.payload,
      })
      requests++
      count(statuses, String(res.statusCode))
      count(kinds, c.kind)
      count(people, c.who)
      if (res.statusCode >= 400 && String(res.headers['content-type']).startsWith('application/json')) count(codes, String(res.json().code))
      const problem = problemWith(c, res)
      if (problem) failures.push(`${c.op.method} ${c.op.path} [${c.kind}, ${c.who}] ${c.method} ${c.url.slice(0, 120)}: ${problem}`)
    }
  }
  console.log(
    `fuzz (${ctx.dbKind}, seed ${SEED}): ${requests} requests over ${ops.length} operations in ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
      `  statuses ${JSON.stringify(sorted(statuses))}\n  cases ${JSON.stringify(sorted(kinds))}\n  people ${JSON.stringify(sorted(people))}\n` +
      `  error codes ${JSON.stringify(sorted(codes))}`,
  )
  expect(failures.slice(0, 25)).toEqual([])
  expect(requests).toBeGreaterThanOrEqual(INJECTED)
}, 180_000)

/** One raw HTTP/1.1 exchange: what Node's parser refuses never reaches Fastify's routing. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk) => (answer += chunk))
    // The server closes the connection after answering: the answer is complete.
    socket.on('end', () => resolve(answer))
    socket.on('error', (err) => (answer ? resolve(answer) : reject(err)))
    socket.write(request, 'latin1')
  })
}

it("answers requests Node's HTTP parser refuses (NUL or bare CR in a header, a header without a colon, a broken request line) with a Chinese 400 and closes", async () => {
  await ctx.app.listen({ port: 0, host: '127.0.0.1' })
  const address = ctx.app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const broken = [
    (m: string, u: string) => `${m} ${u} HTTP/1.1\r\nHost: x\r\nX-Visitor-Id: ab\u0000cd\r\n\r\n`,
    (m: string, u: string) => `${m} ${u} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\rb\r\n\r\n`,
    (m: string, u: string) => `${m} ${u} HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n`,
    (m: string, u: string) => `${m} ${u} extra HTTP/1.1\r\nHost: x\r\n\r\n`,
    (_m: string, u: string) => `FOO ${u} HTTP/1.1\r\nHost: x\r\n\r\n`,
    (m: string, u: string) => `${m} ${u} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello`,
  ]
  const failures: string[] = []
  let requests = 0
  for (const [i, o] of ops.entries()) {
    const url = o.path.replace(/\{\w+\}/g, '1')
    for (const make of [broken[i % broken.length], broken[(i + 3) % broken.length]]) {
      const answer = await raw(port, make(o.method, url))
      requests++
      const [head, body = ''] = answer.split('\r\n\r\n')
      const ok =
        /^HTTP\/1\.1 400 /.test(head) &&
        /\r\nconnection: close/i.test(head) &&
        /\r\ncontent-type: application\/json/i.test(head) &&
        Buffer.from(body, 'latin1').toString('utf8') === JSON.stringify({ code: 'BAD_REQUEST', message: ERROR_MESSAGES.BAD_REQUEST })
      if (!ok) failures.push(`${o.method} ${url}: ${JSON.stringify(make(o.method, url))} → ${JSON.stringify(answer.slice(0, 300))}`)
    }
  }
  console.log(`fuzz (${ctx.dbKind}): ${requests} raw requests refused by the HTTP parser, each a Chinese 400`)
  expect(failures.slice(0, 10)).toEqual([])
})
