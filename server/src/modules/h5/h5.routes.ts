import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { FastifyPluginAsync } from 'fastify'
import fastifyStatic from '@fastify/static'
import { getArticleList } from '../news/news.service'
import type { Deps } from '../../deps'
import { injectFirstScreen, renderFirstScreen } from './first-screen'
import { inlineScriptHashes, javascriptUrlSources } from '../../plugins/security'

const FIRST_SCREEN_ARTICLES = 3

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
  const helmet = { contentSecurityPolicy: { useDefaults: false, directives: app.cspDirectives(scripts) } }
  for (const url of ['/', '/index.html']) {
    app.get(url, { schema: { hide: true }, helmet }, async (_request, reply) => {
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8')
      return page()
    })
  }
}
