import { z } from 'zod'

export const idParam = z.object({ id: z.coerce.number().int().positive() })
export const okResponse = z.object({ ok: z.literal(true) })
export const errorResponse = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
})
export const paginationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** Keyset cursor: the id of the last item of the previous page. */
  before: z.coerce.number().int().positive().optional(),
})
