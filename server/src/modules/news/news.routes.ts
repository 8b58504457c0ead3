import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { idParam, paginationQuery } from '../../../../common/schemas/common'
import { article, articleListResponse } from '../../../../common/schemas/news'
import { beforeId } from '../../lib/cursor'
import { sendJson } from '../../lib/json-reply'
import { articleJson, getArticleList } from './news.service'
import type { Deps } from '../../deps'

// Public: a shared article opened from Moments (single-page mode) has no login.
export const newsRoutes: FastifyPluginAsyncZod<{ deps: Pick<Deps, 'db' | 'articleCache'> }> = async (app, { deps }) => {
  const tags = ['news']
  app.get('/', { schema: { tags, querystring: paginationQuery, response: { 200: articleListResponse } } }, async (request) =>
    getArticleList(deps.db, request.query.limit, beforeId(request.query)),
  )
  app.get('/:id', { schema: { tags, params: idParam, response: { 200: article } } }, async (request, reply) =>
    sendJson(reply, await articleJson(deps, request.params.id)),
  )
}
