// FeedCache finds a person's kept cards and post pages by author (server/src/modules/listings/
// listings.cache.ts): a profile save (each registration of a training day) drops exactly theirs,
// and clears the kept feed pages only when a card of theirs was kept, so a page never shows their
// old name or badge.
import { FeedCache } from '../../server/src/modules/listings/listings.cache'

afterEach(() => jest.restoreAllMocks())

const json = (id: number) => JSON.stringify({ id })

test("a person's change drops their cards and post pages, and nobody else's", () => {
  const cache = new FeedCache()
  cache.setCard(1, 7, json(1))
  cache.setCard(2, 7, json(2))
  cache.setCard(3, 8, json(3))
  cache.setDetail(1, 7, json(1))
  cache.setDetail(3, 8, json(3))
  cache.set('feed:need', '[1,2,3]')

  cache.changed({ authors: [7] })
  expect([cache.card(1), cache.card(2), cache.card(3)]).toEqual([undefined, undefined, json(3)])
  expect([cache.detail(1), cache.detail(3)]).toEqual([undefined, json(3)])
  expect(cache.get('feed:need')).toBeUndefined()
})

test('someone with no kept card (a new registration) leaves the kept pages alone', () => {
  const cache = new FeedCache()
  cache.setCard(3, 8, json(3))
  cache.set('feed:need', '[3]')
  cache.changed({ authors: [9] })
  expect(cache.get('feed:need')).toBe('[3]')
  expect(cache.card(3)).toBe(json(3))
  // Their cards gone once is gone: telling again finds none.
  cache.changed({ authors: [8] })
  cache.set('feed:need', '[]')
  cache.changed({ authors: [8] })
  expect(cache.get('feed:need')).toBe('[]')
})

test('a card dropped to make room, or past its 10 s, is no longer counted as theirs', () => {
  const cache = new FeedCache()
  let now = 1_000_000
  jest.spyOn(Date, 'now').mockImplementation(() => now)
  // 20,000 cards is the most kept: the 20,001st drops the oldest, person 7's.
  cache.setCard(0, 7, json(0))
  for (let id = 1; id <= 20_000; id++) cache.setCard(id, 8, json(id))
  expect(cache.card(0)).toBeUndefined()
  cache.set('feed:need', '[1]')
  cache.changed({ authors: [7] })
  expect(cache.get('feed:need')).toBe('[1]')

  // Person 9's card expires unread: reading it finds nothing, and their change leaves pages alone.
  cache.setCard(30_000, 9, json(30_000))
  now += 10_001
  expect(cache.card(30_000)).toBeUndefined()
  cache.set('feed:offer', '[2]')
  cache.changed({ authors: [9] })
  expect(cache.get('feed:offer')).toBe('[2]')
})

test('keeping a card again replaces it: one entry, still found by its author', () => {
  const cache = new FeedCache()
  cache.setCard(1, 7, json(1))
  cache.setCard(1, 7, '{"id":1,"title":"new"}')
  expect(cache.card(1)).toBe('{"id":1,"title":"new"}')
  cache.changed({ listings: [1] })
  expect(cache.card(1)).toBeUndefined()
  cache.set('feed:need', '[]')
  // The post's own change already dropped it: the person's change finds none left.
  cache.changed({ authors: [7] })
  expect(cache.get('feed:need')).toBe('[]')
})
