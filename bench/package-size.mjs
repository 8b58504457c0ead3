#!/usr/bin/env node
// Weapp package sizes against WeChat's limits (main ≤ 2 MB, each subpackage ≤ 2 MB, all ≤ 30 MB)
// and our own goal for the main package (≤ 650 KB with every feature in), which keeps the first
// open fast on 2G/3G. Builds a fresh production weapp first unless --no-build is given.
//   npm run bench:size [-- --no-build]
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

// WEAPP_DIST measures another engineer's own build folder (several people share one work tree).
const DIST = process.env.WEAPP_DIST ?? 'dist/weapp'
const MB = 1024 * 1024
const MAIN_GOAL = 650 * 1024

if (!process.argv.includes('--no-build')) {
  const t0 = Date.now()
  const res = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], { stdio: 'ignore', env: { ...process.env, TARO_OUT_DIR: DIST, TARO_APP_API_BASE: 'http://127.0.0.1:3000' } })
  if (res.status !== 0) throw new Error('weapp build failed')
  console.log(`weapp production build: ${((Date.now() - t0) / 1000).toFixed(1)} s`)
}

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
}

const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8'))
const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''))
const sizes = { main: 0, ...Object.fromEntries(roots.map((r) => [r, 0])) }
// DevTools does not upload these: they are not part of any package.
const ignored = (rel) => rel.endsWith('.LICENSE.txt') || rel.endsWith('.map') || rel === 'project.config.json'
for (const file of files(DIST)) {
  const rel = relative(DIST, file).split(sep).join('/')
  if (ignored(rel)) continue
  const root = roots.find((r) => rel.startsWith(`${r}/`))
  sizes[root ?? 'main'] += statSync(file).size
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`
const total = Object.values(sizes).reduce((a, b) => a + b, 0)
console.log('\npackage                      size        of 2 MB limit')
for (const [name, size] of Object.entries(sizes)) {
  console.log(`${name.padEnd(28)} ${kb(size).padStart(10)}   ${((size / (2 * MB)) * 100).toFixed(1).padStart(5)} %`)
}
console.log(`${'total'.padEnd(28)} ${kb(total).padStart(10)}   ${((total / (30 * MB)) * 100).toFixed(1).padStart(5)} % of 30 MB`)
console.log(`\nmain package ÷ 650 KB goal: ${(sizes.main / MAIN_GOAL).toFixed(2)} (${sizes.main <= MAIN_GOAL ? 'within' : 'OVER'} goal)`)
const over = Object.entries(sizes).filter(([, s]) => s > 2 * MB)
if (over.length) {
  console.error(`over WeChat's 2 MB limit: ${over.map(([n]) => n).join(', ')}`)
  process.exitCode = 1
}
// The verdict, one line per goal, for tools and readers who skip the table.
console.log(`GOAL weapp_main_kb ${(sizes.main / 1024).toFixed(1)} KB 650 ${sizes.main <= MAIN_GOAL ? 'met' : 'missed'}`)
console.log(`GOAL weapp_package_max_kb ${(Math.max(...Object.values(sizes)) / 1024).toFixed(1)} KB 2048 ${over.length ? 'missed' : 'met'}`)
