// The training-day crowd for bench/burst.mjs, in its own process so the load does not share the
// server's event loop. PEOPLE virtual people arrive at random within ARRIVE seconds (a trainer
// says "scan the code now"); each, as the mini program does it, with no pause between steps
// (harsher than people typing):
//   login    POST /api/auth/login { code, consentVersion } — the wx.login code, their X-Visitor-Id
//   regions  GET /api/regions/51/children, /<prefecture>/children, /<county>/children (the picker)
//   profile  PUT /api/users/me { nickname, role, regionCode, contactPhone? } — registering
//   mine     我的: GET /api/users/me, /api/messages/unread, /api/me/nominations/received, and
//            /api/triage/me for those registered as anything but a farmer
// Every request runs once, no retries: any non-2xx answer or network error is an error, listed by
// step, status and error code. Latency of a step is from its first request to its last answer.
// `connections`: the reverse proxy's keep-alive connections to the server (0: each phone its own).
//   node bench/burst-client.mjs '{"base":"http://127.0.0.1:3000","people":2000,"arrive":5,"run":"a","townships":["513328200"]}'
// Also `{"mode":"wechat","wechat":"http://127.0.0.1:3100","people":2000,...}`: the emulator alone,
// jscode2session the same way (own connection each, same arrivals), to show it is not the limit.
// Prints JSON (latencies in ms).
import { Agent, request } from 'node:http'

const opts = JSON.parse(process.argv[2])
const { people = 2000, arrive = 5, run = 'r', timeoutMs = 30_000 } = opts
const PRIVACY_VERSION = opts.consentVersion

// A seeded generator: the same run draws the same crowd.
let seed = 0x2026_1207
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = (xs) => xs[Math.floor(rand() * xs.length)]

// Time from asking to the connection being open, for a person's first request (their phone connecting).
const connects = []
function call(agent, method, url, { body, headers = {} } = {}) {
  return new Promise((resolve) => {
    const asked = performance.now()
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    const req = request(
      url,
      {
        method,
        agent,
        timeout: timeoutMs,
        headers: { ...headers, ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}) },
      },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json = null
          try {
            json = JSON.parse(text)
          } catch {}
          resolve({ status: res.statusCode, json })
        })
      },
    )
    req.on('socket', (socket) => {
      if (socket.connecting) socket.once('connect', () => connects.push(performance.now() - asked))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', (err) => resolve({ status: 0, json: { code: err.code ?? err.message } }))
    if (data) req.write(data)
    req.end()
  })
}

const q = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null)
const summary = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return { n: s.length, p50: q(s, 50), p99: q(s, 99), max: s.length ? s[s.length - 1] : null }
}

// Arrivals: uniform at random over the window, sorted (person 0 is the first to scan).
const arrivals = Array.from({ length: people }, () => rand() * arrive * 1000).sort((a, b) => a - b)

let start = 0
async function crowd(oneDo) {
  start = performance.now()
  let lastEnd = 0
  await Promise.all(
    arrivals.map(
      (at, i) =>
        new Promise((resolve) => {
          setTimeout(async () => {
            await oneDo(i)
            lastEnd = Math.max(lastEnd, performance.now())
            resolve()
          }, at)
        }),
    ),
  )
  return { seconds: (lastEnd - start) / 1000, arrivedSeconds: arrivals[arrivals.length - 1] / 1000 }
}

if (opts.mode === 'wechat') {
  const { wechat, appid, secret } = opts
  const times = []
  const errors = {}
  const out = await crowd(async (i) => {
    const agent = new Agent({ keepAlive: false })
    const t = performance.now()
    const qs = new URLSearchParams({ appid, secret, js_code: `wechat-only-${run}-${i}`, grant_type: 'authorization_code' })
    const r = await call(agent, 'GET', `${wechat}/sns/jscode2session?${qs}`)
    times.push(performance.now() - t)
    if (r.status !== 200 || !r.json?.openid) errors[`${r.status} ${r.json?.errcode ?? r.json?.code ?? ''}`] = (errors[`${r.status} ${r.json?.errcode ?? r.json?.code ?? ''}`] ?? 0) + 1
  })
  process.stdout.write(JSON.stringify({ ...out, code2session: summary(times), errors }))
  process.exit(0)
}

const { base, townships } = opts
// Who comes to a training day: mostly herders and farmers, some chairs, volunteers, an expert or two.
const ROLE_MIX = [...Array(85).fill('farmer'), ...Array(5).fill('chair'), ...Array(5).fill('volunteer'), ...Array(3).fill('expert'), ...Array(2).fill('other')]
const STEPS = ['login', 'regions', 'profile', 'mine']
const times = Object.fromEntries(STEPS.map((s) => [s, []]))
const person = [] // login start → profile answered
const errors = {} // 'step status CODE' → count
let completed = 0
let lastProfile = 0 // when the last profile was answered, from the first arrival
const fail = (step, r) => {
  const key = `${step} ${r.status} ${r.json?.code ?? ''}`.trim()
  errors[key] = (errors[key] ?? 0) + 1
}
const ok = (r) => r.status >= 200 && r.status < 300

// Behind a reverse proxy (connections > 0) the server sees only the proxy's keep-alive
// connections to it, shared by everyone and used in turn (nginx's upstream keepalive); without
// one (0), each phone's own connection.
const proxy = opts.connections > 0 ? new Agent({ keepAlive: true, maxSockets: opts.connections }) : null

async function one(i) {
  const agent = proxy ?? new Agent({ keepAlive: true, maxSockets: 1 })
  try {
    const visitor = `burst${run}phone${String(i).padStart(8, '0')}`
    const township = pick(townships)
    const role = pick(ROLE_MIX)
    let t = performance.now()
    const t0 = t
    const login = await call(agent, 'POST', `${base}/api/auth/login`, {
      body: { code: `burst-${run}-${i}`, consentVersion: PRIVACY_VERSION },
      headers: { 'x-visitor-id': visitor },
    })
    times.login.push(performance.now() - t)
    if (!ok(login)) return fail('login', login)
    const auth = { authorization: `Bearer ${login.json.token}`, 'x-visitor-id': visitor }

    t = performance.now()
    for (const code of ['51', township.slice(0, 4), township.slice(0, 6)]) {
      const r = await call(agent, 'GET', `${base}/api/regions/${code}/children`)
      if (!ok(r)) return fail('regions', r)
    }
    times.regions.push(performance.now() - t)

    t = performance.now()
    const body = { nickname: `学员${run}${i}`, role, regionCode: township }
    if (rand() < 0.3) body.contactPhone = `138${String(10_000_000 + i).slice(-8)}`
    const profile = await call(agent, 'PUT', `${base}/api/users/me`, { body, headers: auth })
    const now = performance.now()
    times.profile.push(now - t)
    if (!ok(profile)) return fail('profile', profile)
    person.push(now - t0)
    completed++
    lastProfile = Math.max(lastProfile, now - start)

    t = performance.now()
    const mine = ['/api/users/me', '/api/messages/unread', '/api/me/nominations/received', ...(role === 'farmer' ? [] : ['/api/triage/me'])]
    for (const path of mine) {
      const r = await call(agent, 'GET', `${base}${path}`, { headers: auth })
      if (!ok(r)) return fail('mine', r)
    }
    times.mine.push(performance.now() - t)
  } finally {
    if (!proxy) agent.destroy()
  }
}

const { seconds: allSeconds, arrivedSeconds } = await crowd(one)
proxy?.destroy()
const nErrors = Object.values(errors).reduce((a, b) => a + b, 0)
process.stdout.write(
  JSON.stringify({
    // The goal's clock: the first arrival to the last profile saved (我的 afterwards is extra).
    seconds: lastProfile / 1000,
    allSeconds,
    arrivedSeconds,
    people,
    completed,
    errors,
    nErrors,
    person: summary(person),
    connect: summary(connects),
    clientCpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    steps: Object.fromEntries(STEPS.map((s) => [s, summary(times[s])])),
  }),
)
