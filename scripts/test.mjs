#!/usr/bin/env node
// npm test: every test layer, in the order that fails fastest.
//   type check → unit + component tests → server tests on SQLite (and, when DATABASE_URL is a
//   postgres:// URL, on PostgreSQL, then the compiled server's operations tests) → fresh weapp and H5 builds → miniprogram-simulate and
//   WeChat-compiler tests on dist/weapp → Chromium tests on dist/h5.
// Ends with one line "N passed, N failed" summing every jest run.
// SKIP_BUILD=1 reuses existing builds (for quick local reruns only; CI always builds).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const outDir = mkdtempSync(join(tmpdir(), 'tianfu-test-'))
const totals = { passed: 0, failed: 0, suitesFailed: 0 }
const rows = []
/** Steps that are not jest runs (type check, builds) and failed: each counts as one failure. */
let stepFailures = 0
const started = Date.now()

function run(title, cmd, args, env = {}) {
  const t0 = Date.now()
  console.log(`\n▶ ${title}`)
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  const seconds = ((Date.now() - t0) / 1000).toFixed(1)
  return { ok: res.status === 0, seconds }
}

function step(title, cmd, args, env = {}) {
  const result = run(title, cmd, args, env)
  if (!result.ok) stepFailures++
  return result
}

function jest(title, projects, paths, env = {}) {
  const out = join(outDir, `${rows.length}.json`)
  const selectors = ['--selectProjects', ...projects]
  const { ok, seconds } = run(title, 'npx', ['jest', ...paths, ...selectors, '--ci', '--json', `--outputFile=${out}`], env)
  let passed = 0
  let failed = 0
  try {
    const report = JSON.parse(readFileSync(out, 'utf8'))
    passed = report.numPassedTests
    failed = report.numFailedTests
    totals.suitesFailed += report.numFailedTestSuites
  } catch {
    failed = 1 // jest did not even write a report
  }
  if (!ok && failed === 0) failed = 1 // e.g. a suite failed to load: count it
  totals.passed += passed
  totals.failed += failed
  rows.push({ title, passed, failed, seconds })
}

const typecheck = step('Type check (app + server)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'])
const typecheckServer = step('Type check (server)', 'npx', ['tsc', '-p', 'server/tsconfig.json', '--noEmit'])
rows.push({ title: 'type check', passed: '-', failed: typecheck.ok && typecheckServer.ok ? 0 : 'errors', seconds: '' })

jest('Unit and component tests', ['unit', 'app'], [])
// Server tests: createTestContext makes a temp SQLite file unless TEST_DB_URL names a server.
jest('Server tests on SQLite', ['server'], [], { TEST_DB_URL: '' })
const pgUrl = process.env.DATABASE_URL
if (pgUrl && /^postgres(ql)?:\/\//.test(pgUrl)) {
  jest('Server tests on PostgreSQL', ['server'], [], { TEST_DB_URL: pgUrl })
  // The production build, run as operators run it: processes on a PostgreSQL cluster of the
  // tests' own, restarted and killed under load (tests/ops).
  step('Build server → dist/server', 'npx', ['tsc', '-p', 'server/tsconfig.build.json'])
  jest('Operations tests (compiled server, PostgreSQL restarts, two instances, kill -9)', ['ops'], [])
} else {
  console.log('\n(DATABASE_URL is not a postgres:// URL: server tests ran on SQLite only; .ci/run runs both.)')
}

if (!process.env.SKIP_BUILD) {
  // Production builds, like the ones shipped. The weapp's API origin is rewritten by the tests.
  step('Build weapp → dist/weapp', 'npx', ['taro', 'build', '--type', 'weapp'], { TARO_APP_API_BASE: 'http://127.0.0.1:3000' })
  step('Build H5 → dist/h5', 'npx', ['taro', 'build', '--type', 'h5'], { TARO_APP_API_BASE: '' })
}
jest('Mini program tests (miniprogram-simulate, wcc/wcsc) on dist/weapp', ['weapp'], [])
jest('Browser tests (Chromium) on dist/h5', ['e2e'], [])

const minutes = ((Date.now() - started) / 60000).toFixed(1)
console.log('\n──────── summary ────────')
for (const r of rows) console.log(`${r.title.padEnd(70)} passed ${String(r.passed).padStart(4)}  failed ${String(r.failed).padStart(4)}  ${r.seconds}s`)
console.log(`total time ${minutes} min`)
const failed = totals.failed + stepFailures
console.log(`${totals.passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
