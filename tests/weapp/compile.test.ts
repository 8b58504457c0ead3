// WeChat's own compilers over the weapp build: wcc (WXML) and wcsc (WXSS) from miniprogram-compiler,
// the Linux binaries WeChat DevTools uses, plus the app.json rules the upload would enforce.
import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, posix, relative, resolve, sep } from 'node:path'

const DIST = resolve(__dirname, '../../dist/weapp')

const MB = 1024 * 1024
const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8')) as {
  pages: string[]
  subPackages?: Array<{ root: string; pages: string[] }>
  tabBar?: { list: Array<{ pagePath: string }> }
}
const subPackages = app.subPackages ?? []
const roots = subPackages.map((p) => p.root.replace(/\/$/, ''))
const allPages = [...app.pages, ...subPackages.flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`))]

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))
}
const rel = (root: string, file: string) => relative(root, file).split(sep).join('/')

// The binaries ship without the execute bit; run copies instead of changing node_modules.
const bin = mkdtempSync(join(tmpdir(), 'wechat-compilers-'))
const platformDir = { linux: 'linux', darwin: 'mac', win32: 'windows' }[process.platform as string] ?? 'linux'
const exe = process.platform === 'win32' ? '.exe' : ''
for (const name of ['wcc', 'wcsc']) {
  const from = join(dirname(require.resolve('miniprogram-compiler/package.json')), 'bin', platformDir, name + exe)
  copyFileSync(from, join(bin, name + exe))
  chmodSync(join(bin, name + exe), 0o755)
}
const copies: string[] = [bin]
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

/** A page's WXML with everything it pulls in: <import>/<include>d templates, used components, <wxs> modules. */
function wxmlClosure(root: string, page: string): { wxml: string[]; wxs: string[]; missing: string[] } {
  const wxml = new Set<string>()
  const wxs = new Set<string>()
  const missing: string[] = []
  const visit = (file: string) => {
    if (wxml.has(file)) return
    if (!existsSync(join(root, file))) return void missing.push(file)
    wxml.add(file)
    const text = readFileSync(join(root, file), 'utf8')
    for (const m of text.matchAll(/<(import|include|wxs)\b[^>]*\bsrc="([^"]+)"/g)) {
      const target = posix.normalize(posix.join(posix.dirname(file), m[2]))
      if (m[1] === 'wxs') {
        if (existsSync(join(root, target))) wxs.add(target)
        else missing.push(target)
      } else visit(target.endsWith('.wxml') ? target : `${target}.wxml`)
    }
    const json = join(root, file.replace(/\.wxml$/, '.json'))
    const using: Record<string, string> = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')).usingComponents ?? {}) : {}
    for (const path of Object.values(using)) {
      const target = path.startsWith('/') ? path.slice(1) : posix.normalize(posix.join(posix.dirname(file), path))
      visit(`${target}.wxml`)
    }
  }
  visit(`${page}.wxml`)
  return { wxml: [...wxml], wxs: [...wxs], missing }
}

function wcc(root: string, page: string) {
  const { wxml, wxs, missing } = wxmlClosure(root, page)
  const res = spawnSync(join(bin, 'wcc' + exe), ['-d', ...wxml, ...wxs, '-gn', '$gwx'], { cwd: root, maxBuffer: 64 * MB })
  return { ok: res.status === 0 && missing.length === 0, status: res.status, stderr: res.stderr.toString(), missing, output: res.stdout.length }
}

/** A WXSS file with the files it @imports (wcsc resolves and checks them). */
function wcsc(root: string, file: string) {
  const imports = new Set<string>()
  const visit = (f: string) => {
    if (!existsSync(join(root, f))) return
    for (const m of readFileSync(join(root, f), 'utf8').matchAll(/@import\s+["']([^"']+)["']/g)) {
      const target = posix.normalize(posix.join(posix.dirname(f), m[1]))
      if (!imports.has(target) && target !== file) {
        imports.add(target)
        visit(target)
      }
    }
  }
  visit(file)
  const res = spawnSync(join(bin, 'wcsc' + exe), ['-db', '-pc', '1', file, ...imports], { cwd: root, maxBuffer: 64 * MB })
  return { ok: res.status === 0, status: res.status, stderr: res.stderr.toString() }
}

function brokenCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'weapp-broken-'))
  copies.push(dir)
  cpSync(DIST, dir, { recursive: true })
  return dir
}

const wxssFiles = filesUnder(DIST)
  .map((f) => rel(DIST, f))
  .filter((f) => f.endsWith('.wxss'))

describe('wcc compiles every page', () => {
  test.each(allPages)('%s.wxml', (page) => {
    const res = wcc(DIST, page)
    expect(res.missing).toEqual([])
    expect(res.stderr).toBe('')
    expect(res.status).toBe(0)
    expect(res.output).toBeGreaterThan(0)
  })
})

describe('wcsc compiles every stylesheet', () => {
  test('there are stylesheets', () => expect(wxssFiles).toEqual(expect.arrayContaining(['app.wxss', 'pages/index/index.wxss'])))
  test.each(wxssFiles)('%s', (file) => {
    const res = wcsc(DIST, file)
    expect(res.stderr).toBe('')
    expect(res.status).toBe(0)
  })
})

describe('the checks catch broken output', () => {
  test('a page with an unclosed tag fails wcc', () => {
    const dir = brokenCopy()
    appendFileSync(join(dir, 'pages/index/index.wxml'), '\n<view><text>未闭合</view>\n')
    const res = wcc(dir, 'pages/index/index')
    expect(res.ok).toBe(false)
    expect(res.stderr).toMatch(/pages\/index\/index\.wxml:\d+:\d+: expect end-tag `text`/)
    expect(wcc(dir, 'pages/mine/index').ok).toBe(true)
  })

  test('a bad expression in base.wxml fails every page', () => {
    const dir = brokenCopy()
    const base = readFileSync(join(dir, 'base.wxml'), 'utf8')
    writeFileSync(join(dir, 'base.wxml'), base.replace('{{i.cl}}', '{{i.cl'))
    const res = wcc(dir, 'pages/news/index')
    expect(res.ok).toBe(false)
    expect(res.stderr).toContain('base.wxml')
  })

  test('a missing template import is reported', () => {
    const dir = brokenCopy()
    rmSync(join(dir, 'base.wxml'))
    const res = wcc(dir, 'pages/index/index')
    expect(res.ok).toBe(false)
    expect(res.missing).toContain('base.wxml')
  })

  test('a stylesheet with a syntax error or a missing import fails wcsc', () => {
    const dir = brokenCopy()
    appendFileSync(join(dir, 'pages/index/index.wxss'), '\n.a { color: red; \n .b {{ }')
    expect(wcsc(dir, 'pages/index/index.wxss')).toMatchObject({ ok: false, stderr: expect.stringContaining('pages/index/index.wxss') })
    rmSync(join(dir, 'common.wxss'))
    expect(wcsc(dir, 'app.wxss')).toMatchObject({ ok: false, stderr: expect.stringContaining('common.wxss') })
  })
})

describe('app.json', () => {
  test.each(allPages)('%s exists as .js, .wxml and .json', (page) => {
    for (const ext of ['js', 'wxml', 'json']) expect(existsSync(join(DIST, `${page}.${ext}`)) ? ext : `missing ${page}.${ext}`).toBe(ext)
  })

  test('tab bar pages are in the main package', () => {
    const tabs = (app.tabBar?.list ?? []).map((t) => t.pagePath)
    expect(tabs).toEqual(['pages/index/index', 'pages/listings/index', 'pages/news/index', 'pages/mine/index'])
    for (const tab of tabs) {
      expect(app.pages).toContain(tab)
      expect(roots.some((r) => tab.startsWith(`${r}/`))).toBe(false)
    }
  })

  test('the main package and each subpackage are within 2 MB', () => {
    // As DevTools packs them: license notes, source maps and the project file are not uploaded.
    const ignored = (f: string) => f.endsWith('.LICENSE.txt') || f.endsWith('.map') || f === 'project.config.json'
    const sizes: Record<string, number> = { main: 0, ...Object.fromEntries(roots.map((r) => [r, 0])) }
    for (const file of filesUnder(DIST)) {
      const name = rel(DIST, file)
      if (ignored(name)) continue
      sizes[roots.find((r) => name.startsWith(`${r}/`)) ?? 'main'] += statSync(file).size
    }
    expect(Object.keys(sizes)).toEqual(['main', 'packages/news', 'packages/account', 'packages/listings', 'packages/achievements', 'packages/staff', 'packages/studio', 'packages/contests', 'packages/dashboard', 'packages/sharing', 'packages/messages', 'packages/triage'])
    for (const [name, size] of Object.entries(sizes)) expect({ name, size, over: size > 2 * MB }).toEqual({ name, size, over: false })
    // Every subpackage has something in it (a root that matched nothing would hide a wrong path).
    for (const r of roots) expect(sizes[r]).toBeGreaterThan(0)
  })
})
