import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { auditPage, auditQuery } from '../../../../common/schemas/audit'
import type { Deps } from '../../deps'
import { listAudit } from './audit.service'

/** /api/staff/audit: the log of staff decisions, for provincial staff only (403 FORBIDDEN for an area's staff). */
export const auditRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireStaff)
  app.get('/', { schema: { tags: ['staff'], security: [{ bearer: [] }], querystring: auditQuery, response: { 200: auditPage } } }, async (request, reply) => {
    // Who decided what about whom: never kept by a shared cache.
    reply.header('cache-control', 'private, no-store')
    return listAudit(deps, request.user!, request.query)
  })
}
