import { createHash, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Deps } from '../../deps'
import { forbidden } from '../../errors'
import { applyMediaCheck } from './uploads.service'

// WeChat's message push (消息推送, JSON plaintext mode). Every call is signed with the token set in
// the admin console: signature = sha1(sort(token, timestamp, nonce)). GET is WeChat's URL check.
const signed = z.object({ signature: z.string().regex(/^[0-9a-f]{40}$/), timestamp: z.string().regex(/^\d{1,12}$/), nonce: z.string().max(64) })

function validSignature(token: string, q: z.infer<typeof signed>): boolean {
  const expected = createHash('sha1').update([token, q.timestamp, q.nonce].sort().join('')).digest()
  return timingSafeEqual(expected, Buffer.from(q.signature, 'hex'))
}

const mediaCheckEvent = z
  .object({
    Event: z.string(),
    trace_id: z.string().optional(),
    result: z.object({ suggest: z.string() }).optional(),
  })
  .passthrough()

export const pushRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const schema = { tags: ['wechat'], hide: true }
  app.get('/', { schema: { ...schema, querystring: signed.extend({ echostr: z.string().max(128) }) } }, async (request, reply) => {
    if (!validSignature(deps.config.wechat.pushToken, request.query)) throw forbidden()
    return reply.type('text/plain').send(request.query.echostr)
  })
  app.post('/', { schema: { ...schema, querystring: signed, body: mediaCheckEvent } }, async (request, reply) => {
    if (!validSignature(deps.config.wechat.pushToken, request.query)) throw forbidden()
    const event = request.body
    if (event.Event === 'wxa_media_check' && event.trace_id && event.result) {
      await applyMediaCheck(deps, event.trace_id, event.result.suggest)
    }
    // WeChat expects "success" (or an empty body); anything else makes it retry.
    return reply.type('text/plain').send('success')
  })
}
