import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { okResponse } from '../../../../common/schemas/common'
import { rejectInput } from '../../../../common/schemas/listings'
import { reviewBulkInput, reviewBulkResult, reviewParams, reviewQueue } from '../../../../common/schemas/review'
import type { Deps } from '../../deps'
import { decide, reviewQueue as queue } from './review.service'
import { alsoAnswers } from '../../plugins/openapi'
import { decideEach } from './review.bulk'

export const reviewRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireStaff)
  const schema = { tags: ['staff'], security: [{ bearer: [] }] }
  app.get('/queue', { schema: { ...schema, response: { 200: reviewQueue } } }, async (request) => ({ items: await queue(deps, request.user!) }))
  app.post('/:kind/:id/approve', { schema: { ...schema, params: reviewParams, response: { 200: okResponse, ...alsoAnswers(409) } } }, async (request) => {
    await decide(deps, request.user!, request.params.kind, request.params.id, { approve: true })
    return { ok: true as const }
  })
  app.post('/:kind/:id/reject', { schema: { ...schema, params: reviewParams, body: rejectInput, response: { 200: okResponse, ...alsoAnswers(409) } } }, async (request) => {
    await decide(deps, request.user!, request.params.kind, request.params.id, { approve: false, reason: request.body.reason })
    return { ok: true as const }
  })
  // Several items, one decision (review.bulk.ts): answers per item what happened.
  app.post('/bulk', { schema: { ...schema, body: reviewBulkInput, response: { 200: reviewBulkResult } } }, async (request) => {
    const body = request.body
    const decision = body.decision === 'approve' ? { approve: true as const } : { approve: false as const, reason: body.reason }
    const results = await decideEach(body.items, (item) => decide(deps, request.user!, item.kind, item.id, decision))
    return { items: results.map(({ item, outcome }) => ({ kind: item.kind, id: item.id, outcome })) }
  })
}
