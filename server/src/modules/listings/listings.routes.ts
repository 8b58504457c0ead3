import { z } from 'zod'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { dbId, idParam } from '../../../../common/schemas/common'
import {
  feedbackInput,
  idempotencyKey,
  listing,
  listingInput,
  listingPage,
  listingQuery,
  listingResponse,
  matchList,
  myListingsQuery,
  myResponseList,
  responseInput,
  retitleInput,
} from '../../../../common/schemas/listings'
import type { Deps } from '../../deps'
import { sendJson } from '../../lib/json-reply'
import { matchesFor, needsForMe } from './listings.matching'
import * as service from './listings.service'
import { alsoAnswers } from '../../plugins/openapi'

// A missing Idempotency-Key is as wrong as a malformed one: both answer IDEMPOTENCY_KEY_INVALID
// (zod reports a missing header as invalid_type, which would be a generic VALIDATION_FAILED).
// Same checks as the shared schema, so the OpenAPI document keeps its pattern.
const idempotencyHeader = z.string({ error: 'IDEMPOTENCY_KEY_INVALID' }).check(...(idempotencyKey.def.checks ?? []))
const responseParams = z.object({ id: dbId, responseId: dbId })
const security = [{ bearer: [] }]
const tags = ['listings']

export const listingsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // Public: the feed, search, a post and its suggested matches (shared posts open without login).
  app.get('/', { schema: { tags, querystring: listingQuery, response: { 200: listingPage } } }, async (request, reply) => {
    const query = request.query
    // The first page of each filter is what nearly everyone opens: served from a short-lived
    // cache of the serialized answer, cleared by every write (see listings.cache.ts).
    const cacheKey = query.q || query.before || query.cursor ? null : JSON.stringify([query.kind, query.side, query.category, query.stage, query.region, query.limit])
    const hit = cacheKey ? deps.feedCache.get(cacheKey) : undefined
    if (hit) return sendJson(reply, hit)
    const json = await service.listListings(deps, query)
    if (cacheKey) deps.feedCache.set(cacheKey, json)
    return sendJson(reply, json)
  })

  app.get(
    '/mine',
    { onRequest: app.requireUser, schema: { tags, security, querystring: myListingsQuery, response: { 200: listingPage } } },
    async (request) => service.myListings(deps, request.user!, request.query),
  )
  app.get('/responses/mine', { onRequest: app.requireUser, schema: { tags, security, response: { 200: myResponseList } } }, async (request) => ({
    items: await service.myResponses(deps, request.user!),
  }))
  app.get('/for-me', { onRequest: app.requireUser, schema: { tags, security, response: { 200: matchList } } }, async (request) => ({
    items: await needsForMe(deps, request.user!),
  }))

  app.post(
    '/',
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        headers: z.object({ 'idempotency-key': idempotencyHeader }),
        body: listingInput,
        response: { 200: listing, 201: listing, ...alsoAnswers(502) },
      },
    },
    async (request, reply) => {
      const { listing, created } = await service.createListing(deps, request.user!, request.body, request.headers['idempotency-key'])
      return reply.status(created ? 201 : 200).send(listing)
    },
  )

  // Someone not signed in gets the post's kept public page (shared posts: listings.cache.ts).
  app.get('/:id', { schema: { tags, params: idParam, response: { 200: listing } } }, async (request, reply) =>
    request.user
      ? service.getListing(deps, request.user, request.params.id)
      : sendJson(reply, await service.publicListingJson(deps, request.params.id)),
  )
  app.put('/:id', { onRequest: app.requireUser, schema: { tags, security, params: idParam, body: listingInput, response: { 200: listing, ...alsoAnswers(409, 502) } } }, async (request) =>
    service.editListing(deps, request.user!, request.params.id, request.body),
  )
  app.put(
    '/:id/title',
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary: '改写语音求助的标题（本区域工作人员或本乡镇认证主席）',
        params: idParam,
        body: retitleInput,
        response: { 200: listing, ...alsoAnswers(409, 502) },
      },
    },
    async (request) => service.retitleListing(deps, request.user!, request.params.id, request.body.title),
  )
  app.post('/:id/close', { onRequest: app.requireUser, schema: { tags, security, params: idParam, response: { 200: listing, ...alsoAnswers(409) } } }, async (request) =>
    service.closeListing(deps, request.user!, request.params.id),
  )
  app.post('/:id/resolve', { onRequest: app.requireUser, schema: { tags, security, params: idParam, response: { 200: listing, ...alsoAnswers(409) } } }, async (request) =>
    service.resolveListing(deps, request.user!, request.params.id),
  )
  app.get('/:id/matches', { schema: { tags, params: idParam, response: { 200: matchList } } }, async (request) => ({
    items: await matchesFor(deps, request.params.id, request.user ?? null),
  }))

  app.get(
    '/:id/responses',
    { onRequest: app.requireUser, schema: { tags, security, params: idParam, response: { 200: z.object({ items: z.array(listingResponse) }) } } },
    async (request) => ({ items: await service.listResponses(deps, request.user!, request.params.id) }),
  )
  app.post(
    '/:id/responses',
    { onRequest: app.requireUser, schema: { tags, security, params: idParam, body: responseInput, response: { 201: listingResponse, ...alsoAnswers(409, 502) } } },
    async (request, reply) => reply.status(201).send(await service.respond(deps, request.user!, request.params.id, request.body)),
  )
  app.post(
    '/:id/responses/:responseId/accept',
    { onRequest: app.requireUser, schema: { tags, security, params: responseParams, response: { 200: listingResponse, ...alsoAnswers(409) } } },
    async (request) => service.acceptResponse(deps, request.user!, request.params.id, request.params.responseId),
  )
  app.post(
    '/:id/responses/:responseId/feedback',
    { onRequest: app.requireUser, schema: { tags, security, params: responseParams, body: feedbackInput, response: { 200: listingResponse, ...alsoAnswers(409) } } },
    async (request) => service.leaveFeedback(deps, request.user!, request.params.id, request.params.responseId, request.body),
  )
}
