import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { dashboard, dashboardPeople, dashboardPeopleQuery, dashboardQuery, target, targetInput, targetList, targetsQuery } from '../../../../common/schemas/dashboard'
import type { Deps } from '../../deps'
import { getDashboard, getDashboardPeople, listTargets, setTarget } from './dashboard.service'
import { dashboardCsv, peopleCsv } from './dashboard.export'
import { attachment } from '../../lib/csv'

const security = [{ bearer: [] }]

/** /api/dashboard: verified chairs (their township) and staff (their area); everyone else 403. */
export const dashboardRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireUser)
  app.get('/', { schema: { tags: ['dashboard'], security, querystring: dashboardQuery, response: { 200: dashboard } } }, async (request, reply) => {
    // Figures about people: never kept by a shared cache.
    reply.header('cache-control', 'private, no-store')
    return getDashboard(deps, request.user!, request.query, deps.now())
  })
  // Who registered, for the chair to follow up (names, no phones): same rule, same period.
  app.get('/people', { schema: { tags: ['dashboard'], security, querystring: dashboardPeopleQuery, response: { 200: dashboardPeople } } }, async (request, reply) => {
    reply.header('cache-control', 'private, no-store')
    return getDashboardPeople(deps, request.user!, request.query, deps.now())
  })
  // The same two as spreadsheets (dashboard.export.ts): same rule, same period, UTF-8 CSV for Excel.
  // Files, not JSON: kept out of the OpenAPI document like the poster code and the proof photo (every
  // route there answers a JSON object: tests/server/platform.test.ts).
  const csvSchema = { tags: ['dashboard'], security, querystring: dashboardQuery, hide: true }
  for (const [url, make] of [['/export', dashboardCsv], ['/people/export', peopleCsv]] as const) {
    app.get(url, { schema: csvSchema }, async (request, reply) => {
      const file = await make(deps, request.user!, request.query, deps.now())
      reply
        .header('cache-control', 'private, no-store')
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachment(file.asciiName, file.name))
      return file.csv
    })
  }
}

/** /api/staff/targets: staff list and set monthly targets within their area. */
export const staffTargetsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireStaff)
  const tags = ['staff']
  app.get('/', { schema: { tags, security, querystring: targetsQuery, response: { 200: targetList } } }, async (request) =>
    listTargets(deps, request.user!, request.query),
  )
  app.put('/', { schema: { tags, security, body: targetInput, response: { 200: target } } }, async (request) =>
    setTarget(deps, request.user!, request.body),
  )
}
