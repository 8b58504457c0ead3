import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { idParam, okResponse } from '../../../../common/schemas/common'
import {
  confirmNominationInput,
  entryView,
  myContestEntryList,
  myNominations,
  nominationView,
  receivedNominationList,
} from '../../../../common/schemas/contests'
import type { Deps } from '../../deps'
import * as entries from './entries.service'
import * as nominations from './nominations.service'
import { alsoAnswers } from '../../plugins/openapi'

const security = [{ bearer: [] }]
const tags = ['contests']

/** /api/nominations/:id — the chair withdraws; the nominee confirms or declines. */
export const nominationsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireUser)
  // 200 { ok: true } rather than 204: every route of the API answers a JSON object (platform.test.ts).
  app.delete('/:id', { schema: { tags, security, params: idParam, response: { 200: okResponse, ...alsoAnswers(409) } } }, async (request) => {
    await nominations.withdrawNomination(deps, request.user!, request.params.id)
    return { ok: true as const }
  })
  app.post(
    '/:id/confirm',
    { schema: { tags, security, params: idParam, body: confirmNominationInput, response: { 201: entryView, ...alsoAnswers(409, 502) } } },
    async (request, reply) => reply.status(201).send(await nominations.confirmNomination(deps, request.user!, request.params.id, request.body)),
  )
  app.post('/:id/decline', { schema: { tags, security, params: idParam, response: { 200: nominationView, ...alsoAnswers(409) } } }, async (request) =>
    nominations.declineNomination(deps, request.user!, request.params.id),
  )
}

/** /api/me/…: a person's own contest entries, the nominations they made and those they received. */
export const contestsMeRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.addHook('onRequest', app.requireUser)
  app.get('/contest-entries', { schema: { tags, security, response: { 200: myContestEntryList } } }, async (request) => ({
    items: await entries.myEntries(deps, request.user!),
  }))
  app.get('/nominations', { schema: { tags, security, response: { 200: myNominations } } }, async (request) =>
    nominations.myNominations(deps, request.user!),
  )
  app.get('/nominations/received', { schema: { tags, security, response: { 200: receivedNominationList } } }, async (request) => ({
    items: await nominations.receivedNominations(deps, request.user!),
  }))
}
