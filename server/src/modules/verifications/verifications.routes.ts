import { z } from 'zod'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { idParam, okResponse } from '../../../../common/schemas/common'
import { rejectInput } from '../../../../common/schemas/listings'
import { verification, verificationList, verificationQuery, verificationRequest } from '../../../../common/schemas/review'
import type { Deps } from '../../deps'
import { decideVerification, listVerifications, myVerification, requestVerification } from './verifications.service'
import { alsoAnswers } from '../../plugins/openapi'

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
}
