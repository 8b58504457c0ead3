import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { idParam } from '../../../../common/schemas/common'
import {
  advanceInput,
  awardInput,
  contestDetail,
  contestEntryParams,
  contestInput,
  entryView,
  staffEntriesQuery,
  staffEntryList,
  stageInput,
} from '../../../../common/schemas/contests'
import { staffNominationCounts, staffNominationList } from '../../../../common/schemas/nominations-staff'
import type { Deps } from '../../deps'
import * as contests from './contests.service'
import * as entries from './entries.service'
import { pendingNominationCounts, pendingNominations } from './nominations.staff'
import { alsoAnswers } from '../../plugins/openapi'

const security = [{ bearer: [] }]
const tags = ['staff']

/**
 * /api/staff/contests: staff run contests (401 without a session, 403 FORBIDDEN for non-staff, and
 * for staff acting on a contest outside their area — users.staff_region_code).
 */
export const staffContestsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireStaff)

  app.post('/', { schema: { tags, security, body: contestInput, response: { 201: contestDetail } } }, async (request, reply) =>
    reply.status(201).send(await contests.createContest(deps, request.user!, request.body)),
  )
  app.put('/:id', { schema: { tags, security, params: idParam, body: contestInput, response: { 200: contestDetail } } }, async (request) =>
    contests.updateContest(deps, request.user!, request.params.id, request.body),
  )
  app.post('/:id/stage', { schema: { tags, security, params: idParam, body: stageInput, response: { 200: contestDetail, ...alsoAnswers(409) } } }, async (request) =>
    contests.moveStage(deps, request.user!, request.params.id, request.body.stage),
  )
  app.post('/:id/results', { schema: { tags, security, params: idParam, response: { 200: contestDetail, ...alsoAnswers(409) } } }, async (request) =>
    contests.publishResults(deps, request.user!, request.params.id),
  )

  app.get('/:id/entries', { schema: { tags, security, params: idParam, querystring: staffEntriesQuery, response: { 200: staffEntryList } } }, async (request) => ({
    items: await entries.staffEntries(deps, request.user!, request.params.id, request.query.stage),
  }))
  // 举荐 waiting for the nominee: not entrants yet, but staff must see them (issue 12).
  app.get('/nominations/pending', { schema: { tags, security, response: { 200: staffNominationCounts } } }, async (request) =>
    pendingNominationCounts(deps, request.user!),
  )
  app.get('/:id/nominations', { schema: { tags, security, params: idParam, response: { 200: staffNominationList } } }, async (request) =>
    pendingNominations(deps, request.user!, request.params.id),
  )
  app.post(
    '/:id/entries/:entryId/advance',
    { schema: { tags, security, params: contestEntryParams, body: advanceInput, response: { 200: entryView, ...alsoAnswers(409) } } },
    async (request) => entries.advanceEntry(deps, request.user!, request.params.id, request.params.entryId, request.body.stage),
  )
  app.post(
    '/:id/entries/:entryId/award',
    { schema: { tags, security, params: contestEntryParams, body: awardInput, response: { 200: entryView, ...alsoAnswers(409) } } },
    async (request) => entries.awardEntry(deps, request.user!, request.params.id, request.params.entryId, request.body),
  )
}
