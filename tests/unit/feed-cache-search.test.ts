// FeedCache keeps a search's ranked window for a few seconds (server/src/modules/listings/
// listings.cache.ts): a crowd searching 牦牛 at once is ranked once, and a write to any post
// clears it, so nobody sees a post that no longer matches.
import { FeedCache } from '../../server/src/modules/listings/listings.cache'

afterEach(() => jest.restoreAllMocks())

function ranking(ids: number[]) {
  const rank = jest.fn(() => Promise.resolve(ids))
  return rank
}

test('many asking at once share one ranking, and later ones reuse it until it is 10 s old', async () => {
  const cache = new FeedCache()
  let now = 1_000_000
  jest.spyOn(Date, 'now').mockImplementation(() => now)
  const rank = ranking([3, 2, 1])
  const answers = await Promise.all(Array.from({ length: 10 }, () => cache.search('牦牛', rank)))
  expect(answers.every((a) => a.join() === '3,2,1')).toBe(true)
  expect(rank).toHaveBeenCalledTimes(1)

  now += 10_000
  await cache.search('牦牛', rank)
  expect(rank).toHaveBeenCalledTimes(1)
  now += 1
  await cache.search('牦牛', rank)
  expect(rank).toHaveBeenCalledTimes(2)
  // Another query is another ranking.
  await cache.search('青稞', rank)
  expect(rank).toHaveBeenCalledTimes(3)
})

test("a post's change clears every search; a person's alone, or one that keeps what posts match, does not", async () => {
  const cache = new FeedCache()
  const rank = ranking([5])
  await cache.search('牦牛', rank)
  cache.changed({ authors: [7] })
  await cache.search('牦牛', rank)
  expect(rank).toHaveBeenCalledTimes(1)
  // A write that leaves what the post matches as it was (a 对接) keeps them too.
  cache.changed({ listings: [99], searchesHold: true })
  await cache.search('牦牛', rank)
  expect(rank).toHaveBeenCalledTimes(1)
  cache.changed({ listings: [99] })
  await cache.search('牦牛', rank)
  expect(rank).toHaveBeenCalledTimes(2)
})

test('a ranking that failed is not kept: the next one asks again', async () => {
  const cache = new FeedCache()
  const rank = jest.fn<Promise<number[]>, []>().mockRejectedValueOnce(new Error('database restarting')).mockResolvedValue([1])
  await expect(cache.search('牦牛', rank)).rejects.toThrow('database restarting')
  expect(await cache.search('牦牛', rank)).toEqual([1])
  expect(rank).toHaveBeenCalledTimes(2)
})
