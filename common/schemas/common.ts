import { z } from 'zod'
import { ERROR_MESSAGES, type ErrorCode } from '../errors'
import { CONTROL_MESSAGE, fitsLength, isHttpUrl, lengthMessage, MAX_ID, PHONE, URL_MAX } from '../rules/fields'
import { cleanText, hasControlChars } from '../text'

export { isHttpUrl, MAX_ID }
/** A row id in a path or query string (coerced from text). */
export const dbId = z.coerce.number().int().positive().max(MAX_ID)
/** A row id in a JSON body: a number, not coerced (JSON bodies say what they mean). */
export const bodyId = z.number().int().positive().max(MAX_ID)
/** A mainland mobile number, 11 digits (common/rules PHONE). */
export const mobilePhone = z.string().regex(PHONE, { message: 'PHONE_INVALID' })

/**
 * Text a person writes (common/text.ts): invisible formatting characters removed, trimmed, then
 * `min`–`max` characters counted in code points, as JSON Schema counts minLength/maxLength (the
 * document shows both). `message` replaces the Chinese "须为 min–max 个字" (or names an error
 * code); `singleLine` refuses line breaks and tabs too (names, labels: shown on one line).
 */
export function text(min: number, max: number, opts: { message?: string; singleLine?: boolean } = {}) {
  const message = opts.message ?? lengthMessage([min, max])
  return (
    z
      .string()
      .overwrite(cleanText)
      .refine((s) => fitsLength(s, [min, max]), { message })
      // Control characters are never meant (and PostgreSQL text cannot hold U+0000): refuse them
      // the same way on both databases.
      .refine((s) => !hasControlChars(s, opts.singleLine), { message: opts.message ?? CONTROL_MESSAGE })
      .meta({ minLength: min, maxLength: max })
  )
}

/** A web link as people and staff may store it (common/rules/fields.ts `isHttpUrl`). */
export const httpUrl = z.string().trim().max(URL_MAX).refine(isHttpUrl, { message: 'URL_INVALID' })

export const idParam = z.object({ id: dbId })
export const okResponse = z.object({ ok: z.literal(true) })
/**
 * Every error answer (server/src/plugins/errors.ts). Registered as the component ApiError, which
 * every operation's 4xx/5xx responses point to (server/src/plugins/openapi.ts).
 */
export const errorResponse = z
  .object({
    code: z.enum(Object.keys(ERROR_MESSAGES) as [ErrorCode, ...ErrorCode[]]).describe('稳定的错误码（common/errors.ts），客户端据此分支'),
    message: z.string().describe('给用户看的中文说明'),
    fields: z.record(z.string(), z.string()).optional().describe('出错的字段（如 contact.phone）→ 中文说明'),
  })
  .meta({ id: 'ApiError', description: '错误：稳定的 code 与中文 message' })

// ---- one page shape for every list (server/src/lib/cursor.ts) ----

/** Longer than any cursor the server makes; longer text is not one (CURSOR_INVALID). */
export const CURSOR_MAX_LENGTH = 64
/** `?cursor=`: a page's `next`, passed back as is. Opaque: the app never reads or builds one. */
export const cursorParam = z
  .string()
  .max(CURSOR_MAX_LENGTH, { message: 'CURSOR_INVALID' })
  .optional()
  .describe('上一页返回的 next，原样传回；不传为第一页')

/**
 * A page of a list: `next` is the cursor of the following page, null on the last one. Lists that
 * show a count (talents) extend it with `total`. Older builds read nextCursor / nextBefore /
 * nextPage instead, sent beside `next` until 2027-03-01.
 */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next: z.string().nullable().describe('下一页的 cursor；没有下一页时为 null') })
}

export const paginationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: cursorParam,
  /** Compatibility (remove 2027-03-01): builds before `cursor` send the id of the last item shown. */
  before: dbId.optional(),
})
