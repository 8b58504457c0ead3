import { z } from 'zod'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { regionChildrenResponse, regionCode } from '../../../../common/schemas/regions'
import { notFound } from '../../errors'
import { childrenOf, getRegion } from './regions.data'

// The app loads one level at a time (21 prefectures, then ~10 counties, then ~20 townships):
// a few hundred bytes per tap instead of shipping 90 KB of divisions in the mini program.
export const regionsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/:code/children',
    { schema: { tags: ['regions'], params: z.object({ code: regionCode }), response: { 200: regionChildrenResponse } } },
    async (request, reply) => {
      const parent = getRegion(request.params.code)
      const children = childrenOf(request.params.code)
      if (!parent || !children) throw notFound()
      // Division data changes once a year at most.
      reply.header('cache-control', 'public, max-age=86400')
      return { parent, children }
    },
  )
}
