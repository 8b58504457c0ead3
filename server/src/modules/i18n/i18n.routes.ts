import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { bo } from '../../../../common/i18n/bo'

// The Tibetan words for the app (common/i18n/bo.ts), served rather than shipped so they weigh
// nothing in the mini program's packages. Built once per process; the version is their hash, so a
// phone can tell new words from the ones it stored, and an unchanged catalog answers 304.
const messages = Object.fromEntries(Object.entries(bo).map(([key, entry]) => [key, entry.bo]))
const version = createHash('sha256').update(JSON.stringify(messages)).digest('base64url').slice(0, 16)
const etag = `"${version}"`

const catalog = z.object({ lang: z.literal('bo'), version: z.string(), messages: z.record(z.string(), z.string()) })

export const i18nRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/bo', { schema: { tags: ['i18n'], response: { 200: catalog, 304: z.null() } } }, async (request, reply) => {
    // Revalidated on each open (no-cache): new words reach phones with the next server, and a
    // phone on a slow link pays only for a 304 meanwhile.
    reply.header('Cache-Control', 'public, no-cache').header('ETag', etag)
    if (request.headers['if-none-match'] === etag) return reply.code(304).send(null)
    return { lang: 'bo' as const, version, messages }
  })
}
