import { z } from 'zod'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { idParam } from '../../../../common/schemas/common'
import {
  feedbackInput,
  idempotencyKey,
  listing,
  listingInput,
  listingPage,
  listingQuery,
  listingResponse,
  matchList,
  myResponseList,
  responseInput,
} from '../../../../common/schemas/listings'
import type { Deps } from '../../deps'
import { matchesFor, needsForMe } from './listings.matching'
import * as service from './listings.service'

const responseParams = z.object({ id: z.coerce.number().int().positive(), responseId: z.coerce.number().int().positive() })
const security = [{ bearer: [] }]
const tags = ['listings']

export const listingsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // Public: the feed, search, a post and its suggested matches (shared posts open without login).
  app.get('/', { schema: { tags, querystring: listingQuery, response: { 200: listingPage } } }, async (request) =>
    service.listListings(deps, request.query),
  )

  app.get(
    '/mine',
    { onRequest: app.requireUser, schema: { tags, security, querystring: z.object({ before: z.coerce.number().int().positive().optional() }), response: { 200: listingPage } } },
    async (request) => service.myListings(deps, request.user!, request.query.before),
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
        headers: z.object({ 'idempotency-key': idempotencyKey }),
        body: listingInput,
        response: { 200: listing, 201: listing },
      },
    },
    async (request, reply) => {
      const { listing, created } = await service.createListing(deps, request.user!, request.body, request.headers['idempotency-key'])
      return reply.status(created ? 201 : 200).send(listing)
    },
  )

  app.get('/:id', { schema: { tags, params: idParam, response: { 200: listing } } }, async (request) =>
    service.getListing(deps, request.user, request.params.id),
  )
  app.put('/:id', { onRequest: app.requireUser, schema: { tags, security, params: idParam, body: listingInput, response: { 200: listing } } }, async (request) =>
    service.editListing(deps, request.user!, request.params.id, request.body),
  )
  app.post('/:id/close', { onRequest: app.requireUser, schema: { tags, security, params: idParam, response: { 200: listing } } }, async (request) =>
    service.closeListing(deps, request.user!, request.params.id),
  )
  app.post('/:id/resolve', { onRequest: app.requireUser, schema: { tags, security, params: idParam, response: { 200: listing } } }, async (request) =>
    service.resolveListing(deps, request.user!, request.params.id),
  )
  app.get('/:id/matches', { schema: { tags, params: idParam, response: { 200: matchList } } }, async (request) => ({
    items: await matchesFor(deps, request.params.id),
  }))

  app.get(
    '/:id/responses',
    { onRequest: app.requireUser, schema: { tags, security, params: idParam, response: { 200: z.object({ items: z.array(listingResponse) }) } } },
    async (request) => ({ items: await service.listResponses(deps, request.user!, request.params.id) }),
  )
  app.post(
    '/:id/responses',
    { onRequest: app.requireUser, schema: { tags, security, params: idParam, body: responseInput, response: { 201: listingResponse } } },
    async (request, reply) => reply.status(201).send(await service.respond(deps, request.user!, request.params.id, request.body)),
  )
  app.post(
    '/:id/responses/:responseId/accept',
    { onRequest: app.requireUser, schema: { tags, security, params: responseParams, response: { 200: listingResponse } } },
    async (request) => service.acceptResponse(deps, request.user!, request.params.id, request.params.responseId),
  )
  app.post(
    '/:id/responses/:responseId/feedback',
    { onRequest: app.requireUser, schema: { tags, security, params: responseParams, body: feedbackInput, response: { 200: listingResponse } } },
    async (request) => service.leaveFeedback(deps, request.user!, request.params.id, request.params.responseId, request.body),
  )
}
