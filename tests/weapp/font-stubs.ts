import { bo } from '../../common/i18n/bo'
import type { Weapp } from './harness'

// WeChat's font loader, user data folder and file downloader, which simulate lacks, stubbed at the
// platform edge: loadFontFace records what it was asked to load, downloadFile fetches the real
// bytes from the test server into an in-memory user data folder. Call at the top of a test file,
// BEFORE useWeapp: simulate keeps what `wx` already has, and Taro picks its APIs (and `env`)
// when app.js loads — which the harness does in its beforeAll.

export const USER_DATA_PATH = 'wxfile://usr'
const BUILD_API_BASE = 'http://127.0.0.1:3000'

export interface FontStubs {
  loads: Array<{ global?: boolean; family: string; source: string }>
  downloads: Array<{ url: string; filePath?: string; statusCode: number }>
  /** The user data folder: path → bytes. */
  files: Map<string, Buffer>
  /** Set once the harness has a server: downloads go there. */
  weapp?: Weapp
}

export function installFontStubs(files: Record<string, Buffer> = {}): FontStubs {
  const stubs: FontStubs = { loads: [], downloads: [], files: new Map(Object.entries(files)) }
  const g = global as any
  const later = (fn: () => void) => setTimeout(fn, 0)
  g.wx = {
    ...(g.wx ?? {}),
    env: { USER_DATA_PATH },
    loadFontFace(opts: any) {
      stubs.loads.push({ global: opts.global, family: opts.family, source: opts.source })
      later(() => {
        opts.success?.({ status: 'loaded', errMsg: 'loadFontFace:ok' })
        opts.complete?.({ status: 'loaded' })
      })
    },
    getFileSystemManager() {
      const missing = (path: string) => new Error(`readFileSync:fail no such file or directory ${path}`)
      return {
        readFileSync(path: string, encoding?: string) {
          const bytes = stubs.files.get(path)
          if (!bytes) throw missing(path)
          return encoding === 'base64' ? bytes.toString('base64') : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)
        },
        readdirSync(dir: string) {
          return [...stubs.files.keys()].filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1))
        },
        unlinkSync(path: string) {
          if (!stubs.files.delete(path)) throw missing(path)
        },
      }
    },
    downloadFile(opts: any) {
      const url = String(opts.url).replace(BUILD_API_BASE, stubs.weapp?.apiOrigin ?? BUILD_API_BASE)
      fetch(url)
        .then(async (res) => {
          const bytes = Buffer.from(await res.arrayBuffer())
          if (opts.filePath && res.ok) stubs.files.set(opts.filePath, bytes)
          stubs.downloads.push({ url: opts.url, filePath: opts.filePath, statusCode: res.status })
          const r = { errMsg: 'downloadFile:ok', statusCode: res.status, filePath: opts.filePath }
          opts.success?.(r)
          opts.complete?.(r)
        })
        .catch((err) => opts.fail?.({ errMsg: `downloadFile:fail ${err}` }))
      return { onProgressUpdate() {}, offProgressUpdate() {}, abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
    },
  }
  return stubs
}

/** The phone's storage after a person chose བོད་ཡིག on an earlier run: the choice and the downloaded words. */
export function tibetanChosenStorage(): Record<string, unknown> {
  const messages = Object.fromEntries(Object.entries(bo).map(([key, entry]) => [key, entry.bo]))
  return { 'ui.lang': 'bo', 'i18n.bo': { lang: 'bo', version: 'test', messages } }
}
