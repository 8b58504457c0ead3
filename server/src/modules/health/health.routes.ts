import { z } from 'zod'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { AppError } from '../../errors'
import { ping } from '../../db/database'

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  // Liveness: answers without touching anything, also the baseline the benchmarks divide by.
  app.get('/', { schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({
    status: 'ok' as const,
  }))
  // Readiness: the database answers. A load balancer takes the instance out while it does not
  // (the process itself stays up and reconnects by itself; see db/database.ts).
  app.get('/ready', { schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => {
    try {
      await ping(app.db)
    } catch {
      throw new AppError('SERVICE_UNAVAILABLE', 503, undefined, 5)
    }
    return { status: 'ok' as const }
  })
}
