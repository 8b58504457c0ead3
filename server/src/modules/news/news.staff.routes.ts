import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { importPreview, importPreviewBody, importPublishBody, importResult } from '../../../../common/schemas/news'
import { articleKey, parseNewspaperPage } from './importer'
import { existingKeys, publishImported } from './news.service'
import type { Deps } from '../../deps'
import { suggestLinks } from '../article-links/link-suggestions'
import { checkLinks, linkContext, replaceArticleLinks } from '../article-links/article-links.service'

// /api/staff/news: staff import a 四川科技报 page — paste → preview (checked, corrected by staff in
// the app) → publish. Publishing the same page twice adds nothing.
export const newsStaffRoutes: FastifyPluginAsyncZod<{ deps: Pick<Deps, 'now'> }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireStaff)
  const schema = { tags: ['staff'], security: [{ bearer: [] }] }

  // A pasted page is ~10–30 KB of Chinese (3 bytes a character): allow up to 256 KB of it.
  app.post('/preview', { bodyLimit: 1024 * 1024, schema: { ...schema, body: importPreviewBody, response: { 200: importPreview } } }, async (request) => {
    const { text, ...opts } = request.body
    const page = parseNewspaperPage(text, opts)
    const keyed = page.articles.map((a) => ({ ...a, sourceKey: articleKey(a) }))
    const published = await existingKeys(app.db, keyed.map((a) => a.sourceKey))
    const linkCtx = await linkContext(app.db, deps.now())
    return { ...page, articles: keyed.map((a) => ({ ...a, duplicate: published.has(a.sourceKey), suggestedLinks: suggestLinks(a, linkCtx) })) }
  })

  app.post('/', { bodyLimit: 1024 * 1024, schema: { ...schema, body: importPublishBody, response: { 200: importResult } } }, async (request) => {
    // The links staff kept are checked before anything is written: a wrong contest id publishes nothing.
    const { articles } = request.body
    const links = await Promise.all(articles.map((a, i) => checkLinks(app.db, a.links ?? [], `articles.${i}.links`)))
    const now = deps.now()
    return publishImported(app.db, articles, {
      actorId: request.user!.id,
      at: now,
      onCreated: (trx, id, i) => replaceArticleLinks(trx, id, links[i], now),
    })
  })
}
