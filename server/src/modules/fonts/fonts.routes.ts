import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyPluginAsync } from 'fastify'
import fastifyStatic from '@fastify/static'

// The Tibetan web font (server/static/fonts, made by scripts/tibetan-font.mjs) at /fonts/: WeChat's
// loadFontFace and the H5 site load it only when a person chooses བོད་ཡིག, so it never weighs on a
// mini program package. Every file under /fonts/ is public (an OFL font and its licence).

const SERVED = /^\/?(tibetan\.woff2?|OFL\.txt)$/

/** server/static/fonts from server/src/modules/fonts (tsx) or dist/server/server/src/modules/fonts (the build). */
export function fontsDir(): string | undefined {
  return [join(__dirname, '../../../static/fonts'), join(__dirname, '../../../../../../server/static/fonts')].find((dir) =>
    existsSync(join(dir, 'tibetan.woff2')),
  )
}

export const fontsRoutes: FastifyPluginAsync<{ dir: string }> = async (app, { dir }) => {
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/fonts/',
    index: false,
    decorateReply: false,
    cacheControl: false,
    // Not part of the JSON API: hidden from the OpenAPI document.
    schemaHide: true,
    allowedPath: (path) => SERVED.test(path),
    setHeaders: (reply) => {
      // The app asks for /fonts/tibetan.woff?v=<hash of the files>: a new font is a new URL, so a
      // phone may keep this one for a year instead of downloading 150–220 KB on every open.
      reply.header('cache-control', 'public, max-age=31536000, immutable')
      // WeChat loads fonts from its own origin (servicewechat.com) and the H5 site may call the
      // API at another origin: a font is fetched in CORS mode, so it needs this to be used at all.
      reply.header('access-control-allow-origin', '*')
      reply.header('cross-origin-resource-policy', 'cross-origin')
    },
  })
}
