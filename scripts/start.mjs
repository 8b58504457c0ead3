#!/usr/bin/env node
// npm start: the whole product on its embedded defaults, for a newcomer on a fresh machine.
//   1. migrate the SQLite database under data/ and seed demo data when it is empty
//   2. build the mini program (dist/weapp, for WeChat DevTools) and the H5 site (dist/h5)
//   3. start the local WeChat emulator and the API (which also serves the H5 site)
// Ctrl-C stops everything. Set SKIP_BUILD=1 to reuse existing builds.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const API_PORT = process.env.PORT ?? '3000'
const EMULATOR_PORT = process.env.WECHAT_EMULATOR_PORT ?? '3100'
const API = `http://127.0.0.1:${API_PORT}`
const env = {
  ...process.env,
  PORT: API_PORT,
  WECHAT_API_BASE: process.env.WECHAT_API_BASE ?? `http://127.0.0.1:${EMULATOR_PORT}`,
  WECHAT_EMULATOR_PORT: EMULATOR_PORT,
  // The emulator pushes image-check results to the API like WeChat's message push does.
  WECHAT_PUSH_URL: `${API}/api/wechat/push`,
  PUBLIC_URL: process.env.PUBLIC_URL ?? API,
  H5_DIR: 'dist/h5',
  // A line of JSON per request would bury the addresses printed below; LOG_LEVEL=info shows them.
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
}

function step(title, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${title}`)
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } })
  if (res.status !== 0) {
    console.error(`✖ ${title} failed (exit ${res.status}).`)
    process.exit(res.status ?? 1)
  }
}

step('Migrating and seeding the database (data/tianfu.db)', 'npx', ['tsx', 'server/scripts/seed.ts'])
if (process.env.SKIP_BUILD && existsSync('dist/weapp/app.json') && existsSync('dist/h5/index.html')) {
  console.log('\n▶ Reusing existing builds (SKIP_BUILD=1)')
} else {
  // The mini program calls the API by absolute URL; the H5 site calls its own origin.
  step('Building the mini program → dist/weapp', 'npx', ['taro', 'build', '--type', 'weapp'], { TARO_APP_API_BASE: API })
  step('Building the H5 site → dist/h5', 'npx', ['taro', 'build', '--type', 'h5'], { TARO_APP_API_BASE: '' })
}

const children = [
  spawn('npx', ['tsx', 'server/src/wechat/emulator-server.ts'], { stdio: 'inherit', env }),
  spawn('npx', ['tsx', 'server/src/server.ts'], { stdio: 'inherit', env }),
]
for (const child of children) {
  child.on('exit', (code) => {
    if (code) {
      console.error(`✖ a process exited with ${code}; stopping.`)
      stop(code)
    }
  })
}

function stop(code = 0) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  setTimeout(() => process.exit(code), 500)
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

async function waitForApi() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${API}/api/health/ready`)).ok) return true
    } catch {}
    await new Promise((r) => setTimeout(r, 200))
  }
  return false
}

if (await waitForApi()) {
  console.log(`
天府科技云 is running (SQLite data/tianfu.db, local WeChat emulator, demo data):
  H5 site         ${API}/            (demo login: 我的 › 微信一键登录)
  API             ${API}/api
  API docs        ${API}/api/docs
  WeChat emulator http://127.0.0.1:${EMULATOR_PORT}
  Mini program    import this folder in WeChat DevTools (project.config.json → dist/weapp);
                  tick 「不校验合法域名」 so it can reach ${API}
Press Ctrl-C to stop.`)
} else {
  console.error('✖ The API did not become ready; see the log above.')
  stop(1)
}
