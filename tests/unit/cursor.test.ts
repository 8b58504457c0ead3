import { AppError } from '../../server/src/errors'
import { beforeId, decodeCursor, encodeCursor, nextAfter, nextPage, pageNumber } from '../../server/src/lib/cursor'

// The one cursor of every paged list (server/src/lib/cursor.ts): what it makes it reads back, and
// anything else is 400 CURSOR_INVALID.
const refused = (fn: () => unknown) => {
  try {
    fn()
  } catch (err) {
    return err instanceof AppError && err.code === 'CURSOR_INVALID' && err.statusCode === 400
  }
  return false
}

describe('cursor', () => {
  it('reads back what it makes: an id and a page, as base64url text', () => {
    expect(encodeCursor({ b: 42 })).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeCursor(encodeCursor({ b: 42 }), 'b', 100)).toBe(42)
    expect(decodeCursor(encodeCursor({ p: 3 }), 'p', 50)).toBe(3)
    expect(decodeCursor(encodeCursor({ b: 2147483647 }), 'b', 2147483647)).toBe(2147483647)
  })

  it.each([
    ['', 'b'],
    ['!!!', 'b'],
    [encodeCursor({ p: 2 }), 'b'],
    [encodeCursor({ b: 2 }), 'p'],
    [encodeCursor({ p: 51 }), 'p'],
    [encodeCursor({ b: 0 }), 'b'],
    [encodeCursor({ b: 1 }) + '=', 'b'],
    [Buffer.from('{"b":1,"b":1}').toString('base64url'), 'b'],
    [Buffer.from('{"b":1e0}').toString('base64url'), 'b'],
  ] as const)('refuses %j as a %s cursor', (text, kind) => {
    expect(refused(() => decodeCursor(text, kind, 50))).toBe(true)
  })

  it('prefers the cursor over the old before/page, and reads those when there is none', () => {
    expect(beforeId({ before: 9 })).toBe(9)
    expect(beforeId({ cursor: encodeCursor({ b: 7 }), before: 9 })).toBe(7)
    expect(beforeId({})).toBeUndefined()
    expect(pageNumber({ page: 4 }, 50)).toBe(4)
    expect(pageNumber({ cursor: encodeCursor({ p: 2 }), page: 4 }, 50)).toBe(2)
  })

  it('gives a next page only when a row beyond the limit came back', () => {
    expect(nextAfter([{ id: 9 }, { id: 8 }, { id: 7 }], 2)).toEqual({ next: encodeCursor({ b: 8 }), lastId: 8 })
    expect(nextAfter([{ id: 9 }, { id: 8 }], 2)).toEqual({ next: null, lastId: null })
    expect(nextPage(null)).toBeNull()
    expect(nextPage(2)).toBe(encodeCursor({ p: 2 }))
  })
})
