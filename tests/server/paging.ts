// Walking a paged list the way the app does: first page without a cursor, then each page's
// `next` passed back as `?cursor=` until it is null. Used by every list's test (news, feed,
// search, my posts, contests, talents, audit).

export interface Page {
  items: Array<Record<string, unknown>>
  next: string | null
}

/**
 * Every page of a list, in order. `fetchPage(cursorParam)` gets '' for the first page and
 * '&cursor=…' after; `maxPages` stops a list that never ends (a broken `next`) from looping.
 */
export async function walkPages<P extends Page>(fetchPage: (cursorParam: string) => Promise<P>, maxPages = 50): Promise<P[]> {
  const pages: P[] = []
  let next: string | null = null
  do {
    const page: P = await fetchPage(next === null ? '' : `&cursor=${encodeURIComponent(next)}`)
    pages.push(page)
    next = page.next
    if (pages.length > maxPages) throw new Error(`still a next page after ${maxPages} pages`)
  } while (next !== null)
  return pages
}

/** The ids of every page's items, in order. */
export const idsOf = (pages: Page[], key = 'id'): unknown[] => pages.flatMap((p) => p.items.map((i) => i[key]))

/**
 * Text that is not a cursor this server made: not base64url, not JSON, the wrong shape, a number
 * out of range, the other kind, or the same JSON spelled differently.
 */
const b64 = (s: string) => Buffer.from(s).toString('base64url')
export const BAD_CURSORS: Array<[string, string]> = [
  ['not base64url', '!!!'],
  ['too long', 'A'.repeat(65)],
  ['not JSON', b64('hello')],
  ['an array', b64('[1]')],
  ['a bare number', b64('12')],
  ['null', b64('null')],
  ['zero', b64('{"b":0}')],
  ['negative', b64('{"b":-3}')],
  ['a fraction', b64('{"b":2.5}')],
  ['a string id', b64('{"b":"7"}')],
  ['over the id range', b64('{"b":2147483648}')],
  ['two keys', b64('{"b":1,"p":2}')],
  ['an unknown key', b64('{"x":1}')],
  ['spaced JSON', b64('{ "b": 1 }')],
  ['padded', b64('{"b":1}') + '='],
]
/** A well-formed cursor of the kind a keyset list does not take, and one a page list does not. */
export const PAGE_CURSOR = b64('{"p":2}')
export const KEYSET_CURSOR = b64('{"b":5}')
