// One client, one request at a time, for bench/dashboard.mjs: latency of each target with
// microsecond timing, sending the target's headers (the dashboard needs a bearer token). Runs in
// its own process so the timing loop does not share the server's event loop. Targets are
// interleaved round-robin (a, b, c, a, b, c, …) so a noisy moment on the shared machine hits them
// alike; a target with a smaller n simply drops out of the rotation once it has its samples.
//   node bench/dashboard-client.mjs '{"targets":{"t":{"url":"http://…","headers":{…},"n":100}},"warmup":3}'
// Prints JSON: { name: { n, mean, p50, p95, p99, max, errors, bytes } } in milliseconds.
import { Agent, request } from 'node:http'

const { targets, warmup = 3 } = JSON.parse(process.argv[2])
const agent = new Agent({ keepAlive: true, maxSockets: 1 })

function get({ url, headers }) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint()
    const req = request(url, { agent, headers }, (res) => {
      let bytes = 0
      res.on('data', (chunk) => (bytes += chunk.length))
      res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, status: res.statusCode, bytes }))
    })
    req.on('error', () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, status: 0, bytes: 0 }))
    req.end()
  })
}

const names = Object.keys(targets)
const samples = Object.fromEntries(names.map((k) => [k, []]))
const errors = Object.fromEntries(names.map((k) => [k, 0]))
const bytes = {}
for (let i = 0; i < warmup; i++) for (const k of names) await get(targets[k])
for (let round = 0; ; round++) {
  const due = names.filter((k) => round < (targets[k].n ?? 100))
  if (!due.length) break
  for (const k of due) {
    const r = await get(targets[k])
    if (r.status !== 200) errors[k]++
    bytes[k] = r.bytes
    samples[k].push(r.ms)
  }
}
agent.destroy()

const q = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
const out = {}
for (const k of names) {
  const s = samples[k].sort((a, b) => a - b)
  out[k] = { n: s.length, mean: s.reduce((a, b) => a + b, 0) / s.length, p50: q(s, 50), p95: q(s, 95), p99: q(s, 99), max: s[s.length - 1], errors: errors[k], bytes: bytes[k] }
}
process.stdout.write(JSON.stringify(out))
