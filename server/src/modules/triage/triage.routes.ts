import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { dbId, idParam, okResponse } from '../../../../common/schemas/common'
import { regionCode } from '../../../../common/schemas/regions'
import {
  assignInput,
  callInput,
  declineInput,
  expertRecord as expertRecordSchema,
  expertSearch,
  expertSearchQuery,
  figuresQuery,
  followupInput,
  followupState,
  keeperInput,
  keeperList,
  myAssignments as myAssignmentsSchema,
  triageCase,
  triageFigures,
  triageQueue,
  triageMe as triageMeSchema,
  triageQueueQuery,
} from '../../../../common/schemas/triage'
import type { Deps } from '../../deps'
import { attachment } from '../../lib/csv'
import { alsoAnswers } from '../../plugins/openapi'
import { caseCsv } from './triage.export'
import { expertRecord, getFigures } from './triage.figures'
import { answerFollowup, getFollowup } from './triage.followups'
import { appointKeeper, listKeepers, removeKeeper } from './triage.keepers'
import { assign, declineAssignment, findExperts, getCase, getQueue, myAssignments, recordCall, triageMe } from './triage.service'

const security = [{ bearer: [] }]
const tags = ['triage']

/** /api/triage: the queue, 保姆单, assignments, follow-ups and figures. Who may do what: triage.access.ts. */
export const triageRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireUser)
  // About people's needs: never kept by a shared cache.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'private, no-store')
  })
  app.get('/me', { schema: { tags, security, response: { 200: triageMeSchema } } }, async (request) => triageMe(deps, request.user!))
  app.get('/queue', { schema: { tags, security, querystring: triageQueueQuery, response: { 200: triageQueue } } }, async (request) =>
    getQueue(deps, request.user!, request.query),
  )
  app.get('/experts', { schema: { tags, security, querystring: expertSearchQuery, response: { 200: expertSearch } } }, async (request) =>
    findExperts(deps, request.user!, request.query.q),
  )
  app.get('/cases/:id', { schema: { tags, security, params: idParam, response: { 200: triageCase } } }, async (request) =>
    getCase(deps, request.user!, request.params.id),
  )
  // A file, not JSON: kept out of the OpenAPI document like the dashboard's exports.
  app.get('/cases/:id/export', { schema: { tags, security, params: idParam, hide: true } }, async (request, reply) => {
    const file = await caseCsv(deps, request.user!, request.params.id)
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachment(file.asciiName, file.name))
    return file.csv
  })
  app.post('/cases/:id/assign', { schema: { tags, security, params: idParam, body: assignInput, response: { 200: triageCase, ...alsoAnswers(409) } } }, async (request) =>
    assign(deps, request.user!, request.params.id, request.body),
  )
  app.post('/cases/:id/call', { schema: { tags, security, params: idParam, body: callInput, response: { 200: triageCase, ...alsoAnswers(409, 502) } } }, async (request) =>
    recordCall(deps, request.user!, request.params.id, request.body),
  )
  app.get('/assigned', { schema: { tags, security, response: { 200: myAssignmentsSchema } } }, async (request) => myAssignments(deps, request.user!))
  app.post('/assignments/:id/decline', { schema: { tags, security, params: idParam, body: declineInput, response: { 200: okResponse, ...alsoAnswers(409) } } }, async (request) =>
    declineAssignment(deps, request.user!, request.params.id, request.body.reason),
  )
  app.get('/followups/:id', { schema: { tags, security, params: idParam, response: { 200: followupState } } }, async (request) =>
    getFollowup(deps, request.user!, request.params.id),
  )
  app.post('/followups/:id', { schema: { tags, security, params: idParam, body: followupInput, response: { 200: followupState, ...alsoAnswers(409, 502) } } }, async (request) =>
    answerFollowup(deps, request.user!, request.params.id, request.body),
  )
  app.get('/figures', { schema: { tags, security, querystring: figuresQuery, response: { 200: triageFigures, ...alsoAnswers(404) } } }, async (request) =>
    getFigures(deps, request.user!, request.query),
  )
}

/** /api/experts/:id/record: an expert's triage record, public like the studio it is shown on. */
export const expertRecordRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/:id/record', { schema: { tags, params: idParam, response: { 200: expertRecordSchema } } }, async (request) => expertRecord(deps, request.params.id))
}

/** /api/staff/triage/keepers: staff appoint and dismiss 科服保姆 of the counties in their area. */
export const staffKeepersRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireStaff)
  const tags = ['staff']
  app.get('/', { schema: { tags, security, querystring: z.object({ county: regionCode.optional() }), response: { 200: keeperList } } }, async (request) =>
    listKeepers(deps, request.user!, request.query.county),
  )
  app.post('/', { schema: { tags, security, body: keeperInput, response: { 200: keeperList, ...alsoAnswers(404, 409) } } }, async (request) =>
    appointKeeper(deps, request.user!, request.body),
  )
  app.delete(
    '/:county/:userId',
    { schema: { tags, security, params: z.object({ county: regionCode, userId: dbId }), response: { 200: keeperList } } },
    async (request) => removeKeeper(deps, request.user!, request.params.userId, request.params.county),
  )
}
