import type { FastifyReply } from 'fastify'

/**
 * Sends an answer already encoded as JSON (a kept page, a page built from kept cards): a string
 * with its content type set is sent as is, not serialized a second time.
 */
export function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json)
}
