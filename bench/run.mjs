#!/usr/bin/env node
// npm run bench [name …] — every bench (or the named ones), one after another, then every goal's
// verdict in one place. Never part of `npm test`.
//
//   npm run bench                       all of them (an hour or more at the default scale)
//   npm run bench -- reads burst        only these
//   ROWS=100000 USERS=100000 npm run bench    a quick run at a tenth of the scale
//
// Each bench prints its own table and ends with lines `GOAL <name> <value> <unit> <target> <met|missed>`;
// this prints the benches' output as it comes, then all their GOAL lines again, last, in bench order.
// PostgreSQL: the database benches measure it too when BENCH_PG names a server (a database name
// per bench is added here: postgres://app@127.0.0.1:55439 → …/bench_reads). Without BENCH_PG this
// starts a throwaway PostgreSQL from the machine's binaries (/usr/lib/postgresql/*/bin, as CI
// installs them) in a temp dir on a free port, and removes it at the end. No binaries: SQLite only,
// and it says so.
// The H5 bench needs a build: H5_DIST, else this builds one into a temp dir first (a few minutes).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')
/** name → [script, needs PostgreSQL] in the order they run. */
const BENCHES = {
  reads: ['bench/reads.mjs', true],
  dashboard: ['bench/dashboard.mjs', true],
  burst: ['bench/burst.mjs', true],
  triage: ['bench/triage.mjs', true],
  'first-screen': ['bench/first-screen.mjs', false],
  'package-size': ['bench/package-size.mjs', false],
  'image-memory': ['bench/image-memory.mjs', false],
}

const asked = process.argv.slice(2)
for (const name of asked) if (!BENCHES[name]) throw new Error(`no bench '${name}': ${Object.keys(BENCHES).join(', ')}`)
const names = asked.length ? asked : Object.keys(BENCHES)
const cleanups = []

const freePort = () =>
  new Promise((ok, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => ok(port))
    })
    s.on('error', fail)
  })

/** A PostgreSQL server URL without a database (…:port), or null when there is none to use. */
async function postgresServer() {
  if (process.env.BENCH_PG) return process.env.BENCH_PG.replace(/\/[^/]*$/, '')
  const base = '/usr/lib/postgresql'
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin/initdb'))) : []
  if (!versions.length) return null
  const bin = join(base, versions.sort((a, b) => Number(a) - Number(b)).at(-1), 'bin')
  const dir = mkdtempSync(join(tmpdir(), 'tianfu-bench-pg-'))
  // initdb refuses to run as root: the cluster then belongs to the postgres user, as in .ci/run.
  const asRoot = userInfo().uid === 0
  const as = (cmd, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args])
  if (asRoot) {
    const pgUser = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' })
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' })
    chownSync(dir, Number(pgUser.stdout), Number(gid.stdout))
  }
  const port = await freePort()
  const must = ([cmd, args]) => {
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] })
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`)
  }
  must(as(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-U', 'app', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']))
  must(
    as(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-w', '-l', join(dir, 'log'), '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c shared_buffers=512MB -c fsync=off`, 'start']),
  )
  cleanups.push(() => {
    spawnSync(...as(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', 'stop']), { stdio: 'ignore' })
    rmSync(dir, { recursive: true, force: true })
  })
  console.log(`▶ A throwaway PostgreSQL ${versions.at(-1)} on port ${port} (fsync off: the benches measure reads and the server, not the disk)`)
  return `postgres://app@127.0.0.1:${port}`
}

function h5Build() {
  if (process.env.H5_DIST) return process.env.H5_DIST
  const out = join(mkdtempSync(join(tmpdir(), 'tianfu-bench-h5-')), 'h5')
  console.log(`▶ Building the H5 site into ${out} (set H5_DIST to measure an existing build)`)
  const r = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, TARO_OUT_DIR: out, TARO_APP_API_BASE: '', TARO_CACHE: '0' } })
  if (r.status !== 0) throw new Error('the H5 build failed')
  cleanups.push(() => rmSync(resolve(out, '..'), { recursive: true, force: true }))
  return out
}

function runOne(name, env) {
  const [script] = BENCHES[name]
  return new Promise((ok) => {
    const goals = []
    let rest = ''
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk)
      const lines = (rest + chunk).split('\n')
      rest = lines.pop()
      for (const line of lines) if (line.startsWith('GOAL ')) goals.push(line)
    })
    child.on('close', (code) => {
      if (rest.startsWith('GOAL ')) goals.push(rest)
      ok({ name, code, goals })
    })
  })
}

const results = []
try {
  const pgServer = names.some((n) => BENCHES[n][1]) ? await postgresServer() : null
  if (!pgServer && names.some((n) => BENCHES[n][1])) console.log('▶ No PostgreSQL binaries and no BENCH_PG: the database benches measure SQLite only (no _pg goals)')
  for (const name of names) {
    console.log(`\n▶ bench ${name}`)
    const env = {}
    if (BENCHES[name][1] && pgServer) env.BENCH_PG = `${pgServer}/bench_${name.replace(/-/g, '_')}_${process.pid}`
    if (name === 'first-screen') env.H5_DIST = h5Build()
    results.push(await runOne(name, env))
  }
} finally {
  for (const fn of cleanups.reverse()) fn()
}

console.log('\n==== Goals (one run; the machine is shared: ratios are the numbers to compare)')
for (const r of results) {
  if (r.code !== 0) console.log(`bench ${r.name} exited with ${r.code}${r.goals.length ? '' : ' before its goals'}`)
}
const goals = results.flatMap((r) => r.goals)
console.log(`${goals.length} goals, ${goals.filter((l) => l.endsWith(' missed')).length} missed:`)
for (const line of goals) console.log(line)
