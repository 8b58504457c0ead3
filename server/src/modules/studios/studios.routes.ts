import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { idParam } from '../../../../common/schemas/common'
import { studio } from '../../../../common/schemas/studios'
import type { Deps } from '../../deps'
import { getStudio } from './studios.service'

/** /api/studios/:id (a user id): public, so a volunteer can share it to a chat or Moments. */
export const studiosRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/:id', { schema: { tags: ['studios'], params: idParam, response: { 200: studio } } }, async (request) => getStudio(deps, request.params.id))
}
