// One client, one request at a time: latency of each URL with microsecond timing (autocannon's
// histogram has 1 ms resolution, too coarse for 1–2 ms pages). Runs in its own process so the
// timing loop does not share the server's event loop. URLs are interleaved (a, b, a, b, …) so a
// noisy moment hits them alike. A name may stand for a list of URLs, asked in turn (searches no
// cache has answered: each one new).
//   node bench/listings-client.mjs '{"urls":{"page1":"http://…","page1000":["http://…","http://…"]},"n":300,"warmup":30}'
// Prints JSON: { name: { n, mean, p50, p95, p99, max, errors } } in milliseconds.
import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'

// The options as JSON, or the path of a file holding them (bench/load.mjs says why).
const arg = process.argv[2]
const { urls, n = 200, warmup = 20 } = JSON.parse(arg.startsWith('{') ? arg : readFileSync(arg, 'utf8'))
const agent = new Agent({ keepAlive: true, maxSockets: 1 })

function get(url) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint()
    const req = request(url, { agent }, (res) => {
      res.resume()
      res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, status: res.statusCode }))
    })
    req.on('error', () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, status: 0 }))
    req.end()
  })
}

const names = Object.keys(urls)
const samples = Object.fromEntries(names.map((k) => [k, []]))
const errors = Object.fromEntries(names.map((k) => [k, 0]))
const asked = Object.fromEntries(names.map((k) => [k, 0]))
const nextUrl = (k) => (Array.isArray(urls[k]) ? urls[k][asked[k]++ % urls[k].length] : urls[k])
for (let i = 0; i < warmup; i++) for (const k of names) await get(nextUrl(k))
for (let i = 0; i < n; i++) {
  for (const k of names) {
    const { ms, status } = await get(nextUrl(k))
    if (status !== 200) errors[k]++
    samples[k].push(ms)
  }
}
agent.destroy()

const q = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
const out = {}
for (const k of names) {
  const s = samples[k].sort((a, b) => a - b)
  out[k] = { n: s.length, mean: s.reduce((a, b) => a + b, 0) / s.length, p50: q(s, 50), p95: q(s, 95), p99: q(s, 99), max: s[s.length - 1], errors: errors[k] }
}
process.stdout.write(JSON.stringify(out))
