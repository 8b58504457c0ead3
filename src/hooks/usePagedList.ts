import { useCallback, useEffect, useRef, useState } from 'react'
import { messageOf } from '../services/http'
import { offlineSince } from '../services/offline-cache'

// One list read a page at a time: the first page for a query, more on reach-bottom, a retry after
// a failed "more", and a reload (pull-down, a new filter) that drops any answer still on its way
// for the old one. The page wires it to useReachBottom and useReloadOnShow; the hook itself needs
// no page, so tests/app/paged-list.test.tsx drives it directly.

/**
 * loading: the first page is on its way (no items, or the old ones kept for a reload);
 * idle: more can be read; more: reading more; more-error: reading more failed (loadMore retries);
 * error: the first page failed; done: every item is in.
 */
export type PagedPhase = 'loading' | 'idle' | 'more' | 'more-error' | 'error' | 'done'

/** One page of answers: its items and the cursor of the next page (null: it was the last). */
export interface PageOf<T, C> {
  items: T[]
  next: C | null
}

export interface PagedListOptions<T, Q, C, P extends PageOf<T, C>> {
  /** Reads one page of `query`: the first when `cursor` is null. */
  fetchPage: (query: Q, cursor: C | null) => Promise<P>
  /** What makes two items the same: an item already listed is not listed again when pages shift. */
  keyOf: (item: T) => string | number
  initialQuery: Q
  /** Read the first page on mount (default true). */
  auto?: boolean
}

export interface PagedList<T, Q, P> {
  items: T[]
  phase: PagedPhase
  /** Why the last read failed (phase error or more-error). */
  error: string | null
  query: Q
  /** The query as of the last call, even before the re-render (two quick taps build on each other). */
  latest: () => Q
  /** The last page read, for what a list sends beside its items (a total, the years on offer). */
  lastPage: P | null
  /** When the first page was fetched, if it was read from storage for want of a network (services/offline-cache.ts). */
  offlineAt: string | null
  /** Reads the first page for `query` (the current one if left out); `keepItems` leaves the list on screen meanwhile. */
  load: (query?: Q, keepItems?: boolean) => Promise<void>
  /** Reads the next page, when there is one and nothing else is being read. */
  loadMore: () => Promise<void>
}

export function usePagedList<T, Q, C, P extends PageOf<T, C> = PageOf<T, C>>({
  fetchPage,
  keyOf,
  initialQuery,
  auto = true,
}: PagedListOptions<T, Q, C, P>): PagedList<T, Q, P> {
  const [query, setQuery] = useState<Q>(initialQuery)
  const [items, setItems] = useState<T[]>([])
  const [phase, setPhase] = useState<PagedPhase>(auto ? 'loading' : 'idle')
  const [error, setError] = useState<string | null>(null)
  const [lastPage, setLastPage] = useState<P | null>(null)

  // Each first-page read gets a number; an answer for an older one is dropped.
  const generation = useRef(0)
  // Read in callbacks before React re-renders: a second reach-bottom must see 'more' at once.
  const current = useRef({ query, next: null as C | null, phase })
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  const keyRef = useRef(keyOf)
  keyRef.current = keyOf
  // The first page of the list on screen: whether it came from storage (offline) is its mark.
  const firstPage = useRef<P | null>(null)

  const settle = (page: P) => {
    current.current.next = page.next
    current.current.phase = page.next === null ? 'done' : 'idle'
    setLastPage(page)
    setPhase(current.current.phase)
  }

  const load = useCallback(async (q?: Q, keepItems = false) => {
    const nextQuery = q === undefined ? current.current.query : q
    const id = ++generation.current
    // Until this page is in, reaching the bottom must not page on with the old cursor.
    current.current = { query: nextQuery, next: null, phase: 'loading' }
    setQuery(nextQuery)
    if (!keepItems) setItems([])
    setPhase('loading')
    setError(null)
    try {
      const page = await fetchRef.current(nextQuery, null)
      if (id !== generation.current) return
      firstPage.current = page
      setItems(page.items)
      settle(page)
    } catch (err) {
      if (id !== generation.current) return
      current.current.phase = 'error'
      setError(messageOf(err))
      setPhase('error')
    }
  }, [])

  const loadMore = useCallback(async () => {
    const { query: q, next, phase: p } = current.current
    if ((p !== 'idle' && p !== 'more-error') || next === null) return
    const id = generation.current
    current.current.phase = 'more'
    setPhase('more')
    try {
      const page = await fetchRef.current(q, next)
      if (id !== generation.current) return
      setItems((prev) => {
        const seen = new Set(prev.map(keyRef.current))
        return [...prev, ...page.items.filter((item) => !seen.has(keyRef.current(item)))]
      })
      settle(page)
    } catch (err) {
      if (id !== generation.current) return
      current.current.phase = 'more-error'
      setError(messageOf(err))
      setPhase('more-error')
    }
  }, [])

  useEffect(() => {
    if (auto) load(initialQuery)
  }, [])

  return { items, phase, error, query, latest: () => current.current.query, lastPage, offlineAt: offlineSince(firstPage.current), load, loadMore }
}
