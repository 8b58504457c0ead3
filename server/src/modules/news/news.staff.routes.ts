import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { importPreview, importPreviewBody, importPublishBody, importResult } from '../../../../common/schemas/news'
import { previewImport, publishImport } from './news.service'
import type { Deps } from '../../deps'

// /api/staff/news: staff import a 四川科技报 page — paste → preview (checked, corrected by staff in
// the app) → publish. Publishing the same page twice adds nothing.
export const newsStaffRoutes: FastifyPluginAsyncZod<{ deps: Pick<Deps, 'db' | 'now' | 'articleCache'> }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireStaff)
  const schema = { tags: ['staff'], security: [{ bearer: [] }] }

  // A pasted page is ~10–30 KB of Chinese (3 bytes a character): allow up to 256 KB of it.
  app.post('/preview', { bodyLimit: 1024 * 1024, schema: { ...schema, body: importPreviewBody, response: { 200: importPreview } } }, async (request) =>
    previewImport(deps, request.body),
  )

  app.post('/', { bodyLimit: 1024 * 1024, schema: { ...schema, body: importPublishBody, response: { 200: importResult } } }, async (request) =>
    publishImport(deps, request.user!.id, request.body.articles),
  )
}
