import { CURSOR_MAX_LENGTH, MAX_ID } from '../../../common/schemas/common'
import { badRequest } from '../errors'

// Every paged list answers `{ items, next }` and takes `next` back as `?cursor=`. The cursor is
// opaque to the app: base64url of `{ b: id }` (keyset: the last id shown, newest-first lists) or
// `{ p: n }` (the page to show, for lists ranked otherwise: search, talents). What it holds may
// change without the app noticing. Anything that is not a cursor this server made answers 400
// CURSOR_INVALID, never a 500 or a silently different page.

export type Cursor = { b: number } | { p: number }

const SHAPE = /^[A-Za-z0-9_-]+$/

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

const invalid = () => badRequest('CURSOR_INVALID')

/** The one decode: `kind` is what this list pages by; `max` bounds the number (an id, or the last page). */
export function decodeCursor(text: string, kind: 'b' | 'p', max: number): number {
  if (text.length > CURSOR_MAX_LENGTH || !SHAPE.test(text)) throw invalid()
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
  } catch {
    throw invalid()
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid()
  const keys = Object.keys(value)
  const n = (value as Record<string, unknown>)[kind]
  if (keys.length !== 1 || keys[0] !== kind || !Number.isSafeInteger(n) || (n as number) < 1 || (n as number) > max) throw invalid()
  // Only the exact text this server makes: base64url that decodes the same but is spelled
  // otherwise (padding, trailing bits, spaces in the JSON) is not a cursor.
  if (encodeCursor({ [kind]: n } as Cursor) !== text) throw invalid()
  return n as number
}

/**
 * The keyset position of a newest-first list: `cursor` when given, else the `before` id that
 * builds before 2026-12 send (compatibility: remove `before` on 2027-03-01).
 */
export function beforeId(query: { cursor?: string; before?: number }): number | undefined {
  return query.cursor !== undefined ? decodeCursor(query.cursor, 'b', MAX_ID) : query.before
}

/** The page (1-based) of a ranked list: `cursor` when given, else the old `page` (remove 2027-03-01). */
export function pageNumber(query: { cursor?: string; page: number }, maxPage: number): number {
  return query.cursor !== undefined ? decodeCursor(query.cursor, 'p', maxPage) : query.page
}

/** `next` of a keyset page: rows were fetched with limit + 1, so an extra row means there is more. */
export function nextAfter(rows: ReadonlyArray<{ id: number }>, limit: number): { next: string | null; lastId: number | null } {
  const lastId = rows.length > limit ? rows[limit - 1].id : null
  return { next: lastId === null ? null : encodeCursor({ b: lastId }), lastId }
}

export const nextPage = (page: number | null): string | null => (page === null ? null : encodeCursor({ p: page }))
