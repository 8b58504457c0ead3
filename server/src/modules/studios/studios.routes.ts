import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { idParam } from '../../../../common/schemas/common'
import { studio, studioUpdateBody } from '../../../../common/schemas/studios'
import type { Deps } from '../../deps'
import { sendJson } from '../../lib/json-reply'
import { alsoAnswers } from '../../plugins/openapi'
import { getStudio, publicStudioJson, updateStudio } from './studios.service'

/**
 * /api/studios/:id (a user id): public, so a volunteer can share it to a chat or Moments.
 * PUT /api/studios/me: the expert writes their own.
 */
export const studiosRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['studios']
  // The service answers the JSON itself (its cards come from the feed's cache, listings.cards.ts);
  // a visitor's is kept a few seconds, anyone signed in is shown it fresh.
  app.get('/:id', { schema: { tags, params: idParam, response: { 200: studio } } }, async (request, reply) =>
    sendJson(reply, await (request.user ? getStudio(deps, request.params.id, request.user) : publicStudioJson(deps, request.params.id))),
  )
  app.put(
    '/me',
    { onRequest: app.requireUser, schema: { tags, security: [{ bearer: [] }], body: studioUpdateBody, response: { 200: studio, ...alsoAnswers(403, 502) } } },
    async (request, reply) => sendJson(reply, await updateStudio(deps, request.user!, request.body)),
  )
}
