import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { idParam } from '../../../../common/schemas/common'
import {
  articleLinksBody,
  articleLinksResponse,
  linkOptionsResponse,
  relatedArticlesQuery,
  relatedArticlesResponse,
} from '../../../../common/schemas/article-links'
import type { Deps } from '../../deps'
import { linkOptions, relatedArticles, saveArticleLinks } from './article-links.service'

// Articles ↔ product pages (one domain: this module). Its routes live under the news paths the app
// already uses; the import preview's suggestions (link-suggestions.ts) are used by news.staff.routes.

// Public, under /api/news: a feature page's 相关报道 (no login: read from shared links, Moments
// single-page mode included). An article's own buttons come with the article (GET /api/news/:id).
export const articleLinksRoutes: FastifyPluginAsyncZod<{ deps: Pick<Deps, 'db'> }> = async (app, { deps }) => {
  const tags = ['news']
  app.get('/related', { schema: { tags, querystring: relatedArticlesQuery, response: { 200: relatedArticlesResponse } } }, async (request) => ({
    items: await relatedArticles(deps.db, request.query.target, request.query.targetId, request.query.limit),
  }))
}

// Staff, under /api/staff/news: edit the links of a published article (attach, remove, reorder).
export const articleLinksStaffRoutes: FastifyPluginAsyncZod<{ deps: Pick<Deps, 'db' | 'now' | 'articleCache'> }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireStaff)
  const schema = { tags: ['staff'], security: [{ bearer: [] }] }
  app.get('/link-options', { schema: { ...schema, response: { 200: linkOptionsResponse } } }, async () => linkOptions(deps.db))
  app.put('/:id/links', { schema: { ...schema, params: idParam, body: articleLinksBody, response: { 200: articleLinksResponse } } }, async (request) => ({
    links: await saveArticleLinks(deps, request.user!.id, request.params.id, request.body.links, deps.now()),
  }))
}
