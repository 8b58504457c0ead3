import { z } from 'zod'

/** Row ids are 32-bit integers on PostgreSQL: anything larger cannot name a row. */
export const MAX_ID = 2147483647
export const dbId = z.coerce.number().int().positive().max(MAX_ID)
export const idParam = z.object({ id: dbId })
export const okResponse = z.object({ ok: z.literal(true) })
export const errorResponse = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
})
export const paginationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** Keyset cursor: the id of the last item of the previous page. */
  before: dbId.optional(),
})
