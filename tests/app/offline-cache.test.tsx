import Taro from '@tarojs/taro'
import { act, renderHook } from '@testing-library/react'
import { errorBody, FakeServer } from './fake-server'
import { fetchArticle, fetchArticles } from '../../src/services/news'
import { fetchListings, fetchMyListings } from '../../src/services/listings'
import { CACHE_LIMITS, offlineSince } from '../../src/services/offline-cache'
import { usePagedList } from '../../src/hooks/usePagedList'
import { ApiRequestError } from '../../src/services/http'
import { watchNetwork } from '../../src/services/network'

// Readable offline (services/offline-cache.ts) through the real services and the H5 Taro: what was
// last fetched comes back from storage when the network cannot answer, marked with when it was
// fetched; a refusal by the server is never covered up; the cache stays bounded.

const server = new FakeServer()
let onLine = true
/** The phone loses (or regains) its network, as the browser reports it. */
function network(next: boolean) {
  onLine = next
  window.dispatchEvent(new Event(next ? 'online' : 'offline'))
}
beforeAll(() => {
  Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => onLine })
  watchNetwork()
})
const article = (id: number) => ({ id, title: `文章${id}`, paragraphs: ['青稞'.repeat(200)] })

beforeEach(() => {
  network(true)
  localStorage.clear()
  server.install()
})
afterEach(() => server.uninstall())

test('an article read once is readable without an answer, marked with when it was fetched', async () => {
  server.answerNext('/api/news/7', { status: 200, body: article(7) })
  const fresh = await fetchArticle(7)
  expect(offlineSince(fresh)).toBeNull()

  network(false)
  const kept = await fetchArticle(7)
  expect(kept).toEqual(article(7))
  expect(Date.now() - Date.parse(offlineSince(kept)!)).toBeLessThan(60_000)
  // Never read before: the network failure is the answer.
  await expect(fetchArticle(8)).rejects.toMatchObject({ code: 'NETWORK_OFFLINE' })

  // Online, but no answer comes (a dropped 2G line; a GET is tried three times).
  network(true)
  server.answerNext('/api/news/7', 'network-error', 3)
  expect(offlineSince(await fetchArticle(7))).not.toBeNull()
})

test('a refusal is not covered by what was kept: a deleted article is gone', async () => {
  server.answerNext('/api/news/7', { status: 200, body: article(7) })
  await fetchArticle(7)
  server.answerNext('/api/news/7', { status: 404, body: errorBody('NOT_FOUND') })
  await expect(fetchArticle(7)).rejects.toMatchObject({ code: 'NOT_FOUND' })
})

test(`at most ${CACHE_LIMITS.article} articles are kept, the least recently read dropped first`, async () => {
  for (let id = 1; id <= CACHE_LIMITS.article + 5; id++) {
    server.answerNext(`/api/news/${id}`, { status: 200, body: article(id) })
    await fetchArticle(id)
  }
  const kept = Object.keys(localStorage).filter((k) => k.startsWith('offline.article:'))
  expect(kept).toHaveLength(CACHE_LIMITS.article)
  expect(kept).not.toContain('offline.article:1')
  network(false)
  await expect(fetchArticle(1)).rejects.toBeInstanceOf(ApiRequestError)
  expect((await fetchArticle(25)).title).toBe('文章25')
})

test('home, the feed’s first page and 我的发布 (per person) come back offline; later pages do not', async () => {
  Taro.setStorageSync('session.user', { id: 1 })
  server.answerNext('/api/news', { status: 200, body: { items: [article(3)], next: null } })
  server.answerNext('/api/listings', { status: 200, body: { items: [{ id: 11 }], next: 'c1' } })
  server.answerNext('/api/listings/mine', { status: 200, body: { items: [{ id: 21 }], next: null } })
  await fetchArticles(undefined, 3)
  await fetchListings({ limit: 20 })
  await fetchMyListings()

  network(false)
  expect(offlineSince(await fetchArticles(undefined, 3))).not.toBeNull()
  expect((await fetchListings({ limit: 20 })).items).toEqual([{ id: 11 }])
  expect((await fetchMyListings()).items).toEqual([{ id: 21 }])

  // Someone else signed in on this phone: not the first person's posts.
  Taro.setStorageSync('session.user', { id: 2 })
  await expect(fetchMyListings()).rejects.toBeInstanceOf(ApiRequestError)
  // A filter never fetched, or the next page: the network is needed.
  await expect(fetchListings({ limit: 20, side: 'need' })).rejects.toBeInstanceOf(ApiRequestError)
  await expect(fetchListings({ limit: 20, cursor: 'c1' })).rejects.toBeInstanceOf(ApiRequestError)
})

test('usePagedList says when its first page was read from storage', async () => {
  server.answerNext('/api/listings', { status: 200, body: { items: [{ id: 11 }], next: null } })
  const hook = renderHook(() => usePagedList({ fetchPage: (_: null) => fetchListings({ limit: 20 }), keyOf: (l: { id: number }) => l.id, initialQuery: null }))
  await act(async () => {
    for (let i = 0; i < 50 && hook.result.current.phase === 'loading'; i++) await new Promise((r) => setTimeout(r, 5))
  })
  expect(hook.result.current.offlineAt).toBeNull()

  network(false)
  await act(() => hook.result.current.load())
  expect(hook.result.current.items).toEqual([{ id: 11 }])
  expect(hook.result.current.offlineAt).not.toBeNull()
})
