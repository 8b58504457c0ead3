import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { idParam, okResponse } from '../../../../common/schemas/common'
import {
  contestDetail,
  contestListQuery,
  contestPage,
  contestResults,
  entryInput,
  entryView,
  nominationInput,
  nominationView,
  nomineeCandidates,
  nomineesQuery,
  talentPage,
  talentParams,
  talentProfile,
  talentQuery,
  voteInput,
  voteResult,
} from '../../../../common/schemas/contests'
import type { Deps } from '../../deps'
import { addressKey } from '../../lib/rate-limit'
import { sendJson } from '../../lib/json-reply'
import * as contests from './contests.service'
import * as entries from './entries.service'
import * as nominations from './nominations.service'
import { getTalent, listTalents } from './talents.service'
import { vote } from './votes.service'
import { alsoAnswers } from '../../plugins/openapi'

const security = [{ bearer: [] }]

/**
 * /api/contests: browsing is public (a contest is shared into chats; signed-in viewers also get
 * their own entry and vote), everything else needs a session. Who may do what is decided in the
 * services.
 */
export const contestsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['contests']

  app.get('/', { schema: { tags, querystring: contestListQuery, response: { 200: contestPage } } }, async (request) =>
    contests.listContests(deps, request.query, request.user),
  )
  app.get('/:id', { schema: { tags, params: idParam, response: { 200: contestDetail } } }, async (request, reply) =>
    request.user
      ? contests.getContest(deps, request.user, request.params.id)
      : sendJson(reply, await contests.publicContestJson(deps, request.params.id)),
  )
  app.get('/:id/results', { schema: { tags, params: idParam, response: { 200: contestResults, ...alsoAnswers(409) } } }, async (request) =>
    contests.getResults(deps, request.params.id),
  )

  // Sign-up and one's own entry.
  app.post(
    '/:id/entries',
    { onRequest: app.requireUser, schema: { tags, security, params: idParam, body: entryInput, response: { 201: entryView, ...alsoAnswers(409, 502) } } },
    async (request, reply) => reply.status(201).send(await entries.signUp(deps, request.user!, request.params.id, request.body)),
  )
  app.put(
    '/:id/entries/mine',
    { onRequest: app.requireUser, schema: { tags, security, params: idParam, body: entryInput, response: { 200: entryView, ...alsoAnswers(409, 502) } } },
    async (request) => entries.editMyEntry(deps, request.user!, request.params.id, request.body),
  )
  app.delete(
    '/:id/entries/mine',
    // 200 { ok: true } rather than 204: every route of the API answers a JSON object (platform.test.ts).
    { onRequest: app.requireUser, schema: { tags, security, params: idParam, response: { 200: okResponse, ...alsoAnswers(409) } } },
    async (request) => {
      await entries.withdrawMyEntry(deps, request.user!, request.params.id)
      return { ok: true as const }
    },
  )

  app.post(
    '/:id/votes',
    { onRequest: app.requireUser, schema: { tags, security, params: idParam, body: voteInput, response: { 200: voteResult, ...alsoAnswers(409, 429) } } },
    async (request) => vote(deps, request.user!, addressKey(request.ip), request.params.id, request.body.entryId),
  )

  // A chair's 举荐.
  app.post(
    '/:id/nominations',
    { onRequest: app.requireUser, schema: { tags, security, params: idParam, body: nominationInput, response: { 201: nominationView, ...alsoAnswers(409, 502) } } },
    async (request, reply) => reply.status(201).send(await nominations.nominate(deps, request.user!, request.params.id, request.body)),
  )
  app.get(
    '/:id/nominees',
    { onRequest: app.requireUser, schema: { tags, security, params: idParam, querystring: nomineesQuery, response: { 200: nomineeCandidates } } },
    async (request) => ({ items: await nominations.nomineeCandidates(deps, request.user!, request.params.id, request.query.q) }),
  )
}

/** /api/talents: the public 乡土人才库. */
export const talentsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['contests']
  app.get('/', { schema: { tags, querystring: talentQuery, response: { 200: talentPage } } }, async (request) => listTalents(deps, request.query))
  app.get('/:userId', { schema: { tags, params: talentParams, response: { 200: talentProfile } } }, async (request) =>
    getTalent(deps, request.params.userId),
  )
}
