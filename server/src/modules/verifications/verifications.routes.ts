import { z } from 'zod'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { idParam, okResponse } from '../../../../common/schemas/common'
import { rejectInput } from '../../../../common/schemas/listings'
import { proofQuery, proofUpload, verification, verificationBulkInput, verificationBulkResult, verificationList, verificationQuery, verificationRequest } from '../../../../common/schemas/review'
import type { Deps } from '../../deps'
import { decideVerification, listVerifications, myVerification, requestVerification } from './verifications.service'
import { alsoAnswers } from '../../plugins/openapi'
import { readImage } from '../../lib/multipart'
import { PRIVATE_CACHE } from '../../storage/storage'
import { requireRegistered } from '../users/roles'
import { openProof, saveProof } from './verifications.proofs'
import { decideEach } from '../review/review.bulk'

const security = [{ bearer: [] }]

/** /api/verifications: a person asks for their claimed role to be verified. */
export const verificationsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireUser)
  const tags = ['verifications']
  app.post('/', { schema: { tags, security, body: verificationRequest, response: { 201: verification, ...alsoAnswers(409) } } }, async (request, reply) =>
    reply.status(201).send(await requestVerification(deps, request.user!, request.body)),
  )
  app.get('/mine', { schema: { tags, security, response: { 200: z.object({ verification: verification.nullable() }) } } }, async (request) => ({
    verification: await myVerification(deps, request.user!),
  }))
  // A proof photo: private from the start (verifications.proofs.ts), so the answer has no URL.
  app.post(
    '/proofs',
    { schema: { tags, security, consumes: ['multipart/form-data'], response: { 200: proofUpload } } },
    async (request) => {
      requireRegistered(request.user!)
      return saveProof(deps, request.user!, await readImage(request))
    },
  )
  // The applicant's and the deciding staff's only way to the photo; every read is audited.
  app.get(
    '/:id/proof',
    // An image, not JSON: kept out of the OpenAPI document like the poster code (every route there
    // answers a JSON object: tests/server/platform.test.ts). GET /api/verifications/{id}/proof → image/jpeg.
    { schema: { tags, security, params: idParam, querystring: proofQuery, hide: true } },
    async (request, reply) => {
      const object = await openProof(deps, request.user!, request.params.id, request.query.size)
      reply.header('content-type', object.contentType).header('cache-control', PRIVATE_CACHE).header('content-disposition', 'inline')
      if (object.size !== undefined) reply.header('content-length', object.size)
      return reply.send(object.body)
    },
  )
}

/** /api/staff/verifications: staff decide, each within their area (verifications.service.ts). */
export const staffVerificationsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireStaff)
  const tags = ['staff']
  app.get('/', { schema: { tags, security, querystring: verificationQuery, response: { 200: verificationList } } }, async (request) => ({
    items: await listVerifications(deps, request.user!, request.query.status),
  }))
  app.post('/:id/approve', { schema: { tags, security, params: idParam, response: { 200: okResponse, ...alsoAnswers(409) } } }, async (request) => {
    await decideVerification(deps, request.user!, request.params.id, { approve: true })
    return { ok: true as const }
  })
  app.post('/:id/reject', { schema: { tags, security, params: idParam, body: rejectInput, response: { 200: okResponse, ...alsoAnswers(409) } } }, async (request) => {
    await decideVerification(deps, request.user!, request.params.id, { approve: false, reason: request.body.reason })
    return { ok: true as const }
  })
  // Several claims, one decision (review/review.bulk.ts): answers per claim what happened.
  app.post('/bulk', { schema: { tags, security, body: verificationBulkInput, response: { 200: verificationBulkResult } } }, async (request) => {
    const body = request.body
    const decision = body.decision === 'approve' ? { approve: true } : { approve: false, reason: body.reason }
    const results = await decideEach(body.ids, (id) => decideVerification(deps, request.user!, id, decision))
    return { items: results.map(({ item, outcome }) => ({ id: item, outcome })) }
  })
}
