// Many connections at once against the server under test, in its own process so the load does
// not share the server's event loop: autocannon, cycling through a list of paths (one post's page
// a thousand times would measure one cached row, not a crowd opening the posts it was sent).
//   node bench/load.mjs '{"base":"http://127.0.0.1:3000","paths":["/api/listings/1","/api/listings/2"],"connections":50,"duration":10}'
// Prints JSON: { rps, p50, p99, max, mean, non2xx, errors } (latencies in ms).
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'

// The options as JSON, or the path of a file holding them (a long list of paths exceeds what one
// argument may hold).
const arg = process.argv[2]
const { base, paths, connections = 50, duration = 10 } = JSON.parse(arg.startsWith('{') ? arg : readFileSync(arg, 'utf8'))
let next = 0
const result = await autocannon({
  url: base,
  connections,
  duration,
  requests: [
    {
      setupRequest(req) {
        req.path = paths[next++ % paths.length]
        return req
      },
    },
  ],
})
const { requests, latency } = result
process.stdout.write(
  JSON.stringify({
    rps: requests.average,
    p50: latency.p50,
    p99: latency.p99,
    max: latency.max,
    mean: latency.average,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }),
)
