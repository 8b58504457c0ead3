import type { FastifyPluginAsync } from 'fastify'
import type { Deps } from '../../deps'
import { notFound } from '../../errors'
import { IMMUTABLE_CACHE, isPrivateKey, isValidKey } from '../../storage/storage'

/**
 * GET /uploads/<key>: stored images, read from the store (local disk or the bucket), so every
 * instance serves every instance's uploads. Keys are random and never reused, so the answer may be
 * cached for good. With S3_PUBLIC_URL the app loads from the bucket's origin instead; this route
 * stays for URLs handed out before. Private keys (proofs/) are not served: see verifications/proofs.ts.
 */
export const filesRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.get<{ Params: { '*': string } }>('/*', { schema: { hide: true } }, async (request, reply) => {
    const key = request.params['*']
    // A proof photo is never served here, whoever asks and however its key became known.
    if (!isValidKey(key) || isPrivateKey(key)) throw notFound()
    const object = await deps.storage.get(key)
    if (!object) throw notFound()
    reply.header('content-type', object.contentType).header('cache-control', IMMUTABLE_CACHE)
    if (object.etag) reply.header('etag', object.etag)
    const fresh = object.etag !== undefined && request.headers['if-none-match'] === object.etag
    if (fresh || request.method === 'HEAD') {
      // Not read: let the file handle or the store's connection go now.
      object.body.destroy()
      if (object.size !== undefined && !fresh) reply.header('content-length', object.size)
      return reply.status(fresh ? 304 : 200).send()
    }
    if (object.size !== undefined) reply.header('content-length', object.size)
    return reply.send(object.body)
  })
}
