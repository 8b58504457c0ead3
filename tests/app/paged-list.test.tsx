import { act, renderHook } from '@testing-library/react'
import { ERROR_MESSAGES } from '../../common/errors'
import { usePagedList, type PageOf } from '../../src/hooks/usePagedList'
import { ApiRequestError } from '../../src/services/http'

// usePagedList against a fetch the test answers by hand: each call waits until the test resolves
// or rejects it, so the order of answers (and answers for an old query) is the test's to choose.

interface Item {
  id: number
}
interface Call {
  query: string
  cursor: number | null
  resolve: (page: PageOf<Item, number>) => void
  reject: (err: unknown) => void
}

function fakeFetch() {
  const calls: Call[] = []
  const fetchPage = jest.fn(
    (query: string, cursor: number | null) =>
      new Promise<PageOf<Item, number>>((resolve, reject) => {
        calls.push({ query, cursor, resolve, reject })
      }),
  )
  return { calls, fetchPage }
}

const items = (...ids: number[]) => ids.map((id) => ({ id }))
const offline = () => new ApiRequestError('NETWORK_TIMEOUT', 0)

function setup(auto = true) {
  const fake = fakeFetch()
  const hook = renderHook(() => usePagedList<Item, string, number>({ fetchPage: fake.fetchPage, keyOf: (i) => i.id, initialQuery: 'all', auto }))
  return { ...fake, hook, list: () => hook.result.current }
}

test('reads the first page on mount, then more until a page has no next cursor', async () => {
  const { calls, list } = setup()
  expect(list().phase).toBe('loading')
  expect(calls).toHaveLength(1)
  expect(calls[0]).toMatchObject({ query: 'all', cursor: null })

  await act(async () => calls[0].resolve({ items: items(5, 4), next: 4 }))
  expect(list().items).toEqual(items(5, 4))
  expect(list().phase).toBe('idle')

  act(() => void list().loadMore())
  expect(list().phase).toBe('more')
  expect(calls[1]).toMatchObject({ query: 'all', cursor: 4 })
  // A second reach-bottom while the first is on its way asks for nothing.
  act(() => void list().loadMore())
  expect(calls).toHaveLength(2)

  // An item that shifted onto the next page is not listed twice.
  await act(async () => calls[1].resolve({ items: items(4, 3, 2), next: null }))
  expect(list().items).toEqual(items(5, 4, 3, 2))
  expect(list().phase).toBe('done')
  expect(list().lastPage).toEqual({ items: items(4, 3, 2), next: null })

  act(() => void list().loadMore())
  expect(calls).toHaveLength(2)
})

test('a failed "more" keeps the items, says why, and loadMore retries the same cursor', async () => {
  const { calls, list } = setup()
  await act(async () => calls[0].resolve({ items: items(9, 8), next: 8 }))
  act(() => void list().loadMore())
  await act(async () => calls[1].reject(offline()))
  expect(list().phase).toBe('more-error')
  expect(list().error).toBe(ERROR_MESSAGES.NETWORK_TIMEOUT)
  expect(list().items).toEqual(items(9, 8))

  act(() => void list().loadMore())
  expect(calls[2]).toMatchObject({ query: 'all', cursor: 8 })
  await act(async () => calls[2].resolve({ items: items(7), next: 7 }))
  expect(list().items).toEqual(items(9, 8, 7))
  expect(list().phase).toBe('idle')
})

test('a failed first page is an error with the message; anything not from the server reads as the generic one', async () => {
  const { calls, list } = setup()
  await act(async () => calls[0].reject(new Error('boom')))
  expect(list().phase).toBe('error')
  expect(list().error).toBe(ERROR_MESSAGES.INTERNAL_ERROR)
  expect(list().items).toEqual([])
  // Nothing to page on from.
  act(() => void list().loadMore())
  expect(calls).toHaveLength(1)
})

test('a reload while the first page is on its way: only the newest answer counts', async () => {
  const { calls, list } = setup()
  act(() => void list().load('offer'))
  expect(list().query).toBe('offer')
  expect(list().latest()).toBe('offer')
  expect(calls[1]).toMatchObject({ query: 'offer', cursor: null })

  await act(async () => calls[1].resolve({ items: items(2), next: null }))
  // The old query's answer arrives late and is dropped.
  await act(async () => calls[0].resolve({ items: items(99, 98), next: 98 }))
  expect(list().items).toEqual(items(2))
  expect(list().phase).toBe('done')
  expect(list().error).toBeNull()
})

test('a "more" answer for the old query is dropped after a reload; keepItems leaves the list on screen meanwhile', async () => {
  const { calls, list } = setup()
  await act(async () => calls[0].resolve({ items: items(3, 2), next: 2 }))
  act(() => void list().loadMore())
  act(() => void list().load(undefined, true))
  expect(list().items).toEqual(items(3, 2))
  expect(list().phase).toBe('loading')
  expect(calls[2]).toMatchObject({ query: 'all', cursor: null })
  // Reaching the bottom now must not page on with the old cursor.
  act(() => void list().loadMore())
  expect(calls).toHaveLength(3)

  await act(async () => calls[1].resolve({ items: items(1), next: null }))
  expect(list().items).toEqual(items(3, 2))
  await act(async () => calls[2].reject(offline()))
  expect(list().phase).toBe('error')
  expect(list().items).toEqual(items(3, 2))

  // Without keepItems a reload empties the list until the answer is in.
  act(() => void list().load())
  expect(list().items).toEqual([])
  await act(async () => calls[3].resolve({ items: items(4), next: null }))
  expect(list().items).toEqual(items(4))
})

test('auto: false reads nothing until load is called', async () => {
  const { calls, list } = setup(false)
  expect(calls).toHaveLength(0)
  expect(list().phase).toBe('idle')
  act(() => void list().loadMore())
  expect(calls).toHaveLength(0)
  act(() => void list().load())
  expect(calls[0]).toMatchObject({ query: 'all', cursor: null })
})
