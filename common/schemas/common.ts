import { z } from 'zod'

/** Row ids are 32-bit integers on PostgreSQL: anything larger cannot name a row. */
export const MAX_ID = 2147483647
/** A row id in a path or query string (coerced from text). */
export const dbId = z.coerce.number().int().positive().max(MAX_ID)
/** A row id in a JSON body: a number, not coerced (JSON bodies say what they mean). */
export const bodyId = z.number().int().positive().max(MAX_ID)

/** Text a person writes: trimmed, `min`–`max` characters counted in code points. */
export const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((s) => {
      const n = Array.from(s).length
      return n >= min && n <= max
    }, { message: `须为 ${min}–${max} 个字` })
    // Control characters other than line breaks and tabs are never meant (and PostgreSQL text
    // cannot hold U+0000): refuse them the same way on both databases.
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { message: '含有无法显示的字符' })

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
