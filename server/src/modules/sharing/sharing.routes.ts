import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  leaderboardQuery,
  leaderboardResponse,
  myShares,
  shareCodeParam,
  shareCreateBody,
  shareOpenBody,
  shareOpenResponse,
  shareResponse,
  shareResults,
} from '../../../../common/schemas/sharing'
import type { Deps } from '../../deps'
import { addressKey } from '../../lib/rate-limit'
import { createShare, getLeaderboard, getShare, myShares as getMyShares, posterCode, recordOpen, rememberVisitor, visitorIdOf } from './sharing.service'
import { alsoAnswers } from '../../plugins/openapi'
import { myShareResults } from './sharing.results'

// /api/shares: codes for sharing with attribution, opens, the volunteer's numbers, the leaderboard,
// and the 小程序码 for a poster. Opening a shared page needs no account (Moments single-page mode).
export const sharingRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['sharing']
  const security = [{ bearer: [] }]

  app.post(
    '/',
    { onRequest: app.requireUser, schema: { tags, security, body: shareCreateBody, response: { 200: shareResponse, ...alsoAnswers(404) } } },
    async (request) => {
      const share = await createShare(deps, request.user!, request.body)
      // The phone a person shares from is theirs: their own link opened there later is no open.
      await rememberVisitor(deps, request.user!.id, visitorIdOf(request.headers)).catch((err) => request.log.error({ err }, 'remembering the phone failed'))
      return share
    },
  )

  app.get('/mine', { onRequest: app.requireUser, schema: { tags, security, response: { 200: myShares } } }, async (request) =>
    getMyShares(deps.db, request.user!),
  )

  app.get('/mine/results', { onRequest: app.requireUser, schema: { tags, security, response: { 200: shareResults } } }, async (request) =>
    myShareResults(deps, request.user!.id),
  )

  app.get(
    '/leaderboard',
    { onRequest: app.requireUser, schema: { tags, security, querystring: leaderboardQuery, response: { 200: leaderboardResponse } } },
    async (request) => getLeaderboard(deps, request.user!, request.query.scope, request.query.region),
  )

  app.get('/:code', { schema: { tags, params: shareCodeParam, response: { 200: shareResponse } } }, async (request) =>
    getShare(deps.db, request.params.code),
  )

  // The person is their account when signed in or on a phone known to be theirs, else the phone
  // (X-Visitor-Id; earlier builds sent it in the body).
  app.post('/:code/opens', { schema: { tags, params: shareCodeParam, body: shareOpenBody, response: { 200: shareOpenResponse, ...alsoAnswers(429) } } }, async (request) =>
    recordOpen(deps, request.params.code, {
      user: request.user,
      visitorId: visitorIdOf(request.headers) ?? request.body?.visitorId ?? null,
      ip: addressKey(request.ip),
    }),
  )

  // Answers an image, not JSON: kept out of the OpenAPI document, whose every route answers a JSON
  // object (tests/server/platform.test.ts). GET /api/shares/{code}/poster-code → image/png.
  app.get('/:code/poster-code', { schema: { tags, params: shareCodeParam, hide: true } }, async (request, reply) => {
    const image = await posterCode(deps, request.params.code)
    // A code's 小程序码 never changes: phones and proxies may keep it.
    const type = image.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])) ? 'image/jpeg' : 'image/png'
    return reply.type(type).header('cache-control', 'public, max-age=2592000, immutable').send(image)
  })
}
