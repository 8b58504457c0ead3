import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { idParam } from '../../../../common/schemas/common'
import { messagePage, messageQuery, readAllInput, unreadCounts } from '../../../../common/schemas/messages'
import type { Deps } from '../../deps'
import { listMessages, markAllRead, markRead, unreadCounts as countUnread } from './messages.service'

const security = [{ bearer: [] }]
const tags = ['messages']

/** /api/messages: the signed-in person's 我的消息; nobody reads or marks another's. */
export const messagesRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireUser)
  // What happened to a person: never kept by a shared cache.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store')
  })
  app.get('/', { schema: { tags, security, querystring: messageQuery, response: { 200: messagePage } } }, async (request) =>
    listMessages(deps, request.user!, request.query),
  )
  app.get('/unread', { schema: { tags, security, response: { 200: unreadCounts } } }, async (request) => countUnread(deps, request.user!))
  app.post('/:id/read', { schema: { tags, security, params: idParam, response: { 200: unreadCounts } } }, async (request) =>
    markRead(deps, request.user!, request.params.id),
  )
  app.post('/read', { schema: { tags, security, body: readAllInput.nullish(), response: { 200: unreadCounts } } }, async (request) =>
    markAllRead(deps, request.user!, request.body?.entry),
  )
}
