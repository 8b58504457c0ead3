import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib'
import type { FastifyPluginAsync } from 'fastify'
import fastifyStatic from '@fastify/static'
import { getArticleList } from '../news/news.service'
import type { Deps } from '../../deps'
import { injectFirstScreen, renderFirstScreen } from './first-screen'
import { inlineScriptHashes, javascriptUrlSources } from '../../plugins/security'

const FIRST_SCREEN_ARTICLES = 3

type Encoding = 'br' | 'gzip'

/** The encoding to send the page in: brotli where the browser takes it (every one the site targets), else gzip. */
export function pageEncoding(acceptEncoding: string | string[] | undefined): Encoding | null {
  const accepted = String(acceptEncoding ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, q]) => !q || !/^\s*q=0(\.0*)?\s*$/.test(q))
    .map(([name]) => name.trim().toLowerCase())
  if (accepted.includes('br')) return 'br'
  if (accepted.includes('gzip')) return 'gzip'
  return null
}

/**
 * The page (~7 KB: the first screen's styles and articles) compressed, ~2.5 KB with brotli: on
 * Slow 3G that is 0.1 s earlier for the first screen and for the app's scripts behind it. The page
 * only changes with the latest articles, so the last one is kept per encoding, compressed once.
 */
function pageCompressor() {
  const last: Record<Encoding, { html: string; body: Buffer } | null> = { br: null, gzip: null }
  return (html: string, encoding: Encoding): Buffer => {
    const kept = last[encoding]
    if (kept?.html === html) return kept.body
    const body =
      encoding === 'br'
        ? brotliCompressSync(html, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(html) } })
        : gzipSync(html, { level: 9 })
    last[encoding] = { html, body }
    return body
  }
}

/** Serves a built H5 app (dist/h5) from the API's origin, with its first screen pre-rendered. */
export const h5Routes: FastifyPluginAsync<{ dir: string; deps: Pick<Deps, 'db'> }> = async (app, { dir, deps }) => {
  const root = resolve(dir)
  const indexHtml = readFileSync(join(root, 'index.html'), 'utf8')

  // Hashed file names never change content: cache them for a year. The build wrote .br/.gz
  // copies beside them; preCompressed sends those to browsers that accept them.
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: false,
    preCompressed: true,
    decorateReply: false,
    cacheControl: false,
    setHeaders: (reply, path) => {
      // `path` is the file sent, which may be the .br/.gz copy.
      const hashed = /\.[0-9a-f]{8,}\.(js|css)(\.br|\.gz)?$/.test(path)
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
    },
  })

  const page = async () => {
    const latest = await getArticleList(deps.db, FIRST_SCREEN_ARTICLES)
    return injectFirstScreen(indexHtml, renderFirstScreen(latest.items))
  }
  // The page's inline scripts (Taro's rem setup in index.html, the first screen's route check) are
  // the same on every answer — only article text changes — so their hashes are taken once and
  // allowed by the page's CSP instead of 'unsafe-inline' (plugins/security.ts).
  const scripts = [...inlineScriptHashes(injectFirstScreen(indexHtml, renderFirstScreen([]))), ...javascriptUrlSources(['javascript:;'])]
  const policy = app.contentSecurityPolicy(scripts)
  const compress = pageCompressor()
  for (const url of ['/', '/index.html']) {
    app.get(url, { schema: { hide: true } }, async (request, reply) => {
      reply.header('cache-control', 'no-cache').header('content-security-policy', policy).header('vary', 'accept-encoding').type('text/html; charset=utf-8')
      const html = await page()
      const encoding = pageEncoding(request.headers['accept-encoding'])
      if (!encoding) return html
      reply.header('content-encoding', encoding)
      return compress(html, encoding)
    })
  }
}
