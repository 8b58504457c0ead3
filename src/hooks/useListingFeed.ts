import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { ListingKind } from '../../common/enums'
import type { ListingPage, ListingQuery, ListingSummary } from '../../common/schemas/listings'
import { fetchListings } from '../services/listings'
import { messageOf } from '../services/http'
import { saveFilters, type ListingFilters } from '../utils/listing-filters'

// One feed of listings — the 所能所需 tab (posts) or the 科技成果 page (achievements): filters kept
// in storage, the first page per filter, more on reach-bottom, pull-to-refresh, the search box.
// Pages render it with <SearchBar> and <FeedList> (components/listing-feed).

const PAGE_SIZE = 20

/** Browsing pages by the keyset cursor (before = last id); a search pages by number. */
type Next = { before: number } | { page: number } | null
export type FeedPhase = 'loading' | 'idle' | 'more' | 'more-error' | 'error' | 'done'

function queryOf(kind: ListingKind, f: ListingFilters): ListingQuery {
  // kind=post is the server's default: leave it out (the tab's requests stay as they were).
  const q: ListingQuery = kind === 'post' ? { limit: PAGE_SIZE } : { kind, limit: PAGE_SIZE }
  if (f.side && kind === 'post') q.side = f.side
  if (f.stage && kind === 'achievement') q.stage = f.stage
  if (f.category) q.category = f.category
  if (f.region) q.region = f.region.code
  if (f.q) q.q = f.q
  return q
}

function nextOf(f: ListingFilters, page: ListingPage): Next {
  if (f.q) return page.nextPage ? { page: page.nextPage } : null
  return page.nextCursor ? { before: page.nextCursor } : null
}

export interface ListingFeed {
  filters: ListingFilters
  /** The filters as of the last tap, even before the re-render (two quick taps build on each other). */
  latest: () => ListingFilters
  items: ListingSummary[]
  phase: FeedPhase
  error: string | null
  /** Changes some filters (kept in storage) and loads the first page again. */
  apply: (patch: Partial<ListingFilters>) => void
  /** Reloads the first page; `keepItems` leaves the list on screen meanwhile (pull-to-refresh, retry). */
  reload: (keepItems?: boolean) => Promise<void>
  loadMore: () => Promise<void>
  /** Whether any filter or search narrows the list. */
  filtered: boolean
  /** The search box: what is typed (not yet searched), and its actions. */
  typed: string
  setTyped: (value: string) => void
  search: (value?: string) => void
  clearSearch: () => void
}

export function useListingFeed(kind: ListingKind, initial: () => ListingFilters): ListingFeed {
  const [filters, setFilters] = useState<ListingFilters>(initial)
  const [typed, setTyped] = useState(filters.q)
  const [items, setItems] = useState<ListingSummary[]>([])
  const [next, setNext] = useState<Next>(null)
  const [phase, setPhase] = useState<FeedPhase>('loading')
  const [error, setError] = useState<string | null>(null)

  // Each first-page load gets a number; an answer for an older filter is dropped.
  const generation = useRef(0)
  const current = useRef({ filters, next, phase })
  current.current = { filters, next, phase }

  const loadFirst = useCallback(
    async (f: ListingFilters, keepItems = false) => {
      const id = ++generation.current
      // Until this page is in, reaching the bottom must not page on with the old cursor.
      current.current.phase = 'loading'
      current.current.next = null
      if (!keepItems) setItems([])
      setPhase('loading')
      setError(null)
      try {
        const page = await fetchListings(queryOf(kind, f))
        if (id !== generation.current) return
        const n = nextOf(f, page)
        setItems(page.items)
        setNext(n)
        setPhase(n ? 'idle' : 'done')
      } catch (err) {
        if (id !== generation.current) return
        setError(messageOf(err))
        setPhase('error')
      }
    },
    [kind],
  )

  const loadMore = useCallback(async () => {
    const { filters: f, next: n, phase: p } = current.current
    if ((p !== 'idle' && p !== 'more-error') || !n) return
    const id = generation.current
    current.current.phase = 'more' // a second reach-bottom before the re-render asks for nothing
    setPhase('more')
    try {
      const page = await fetchListings({ ...queryOf(kind, f), ...n })
      if (id !== generation.current) return
      const n2 = nextOf(f, page)
      setItems((prev) => {
        const seen = new Set(prev.map((l) => l.id))
        return [...prev, ...page.items.filter((l) => !seen.has(l.id))]
      })
      setNext(n2)
      setPhase(n2 ? 'idle' : 'done')
    } catch (err) {
      if (id !== generation.current) return
      setError(messageOf(err))
      setPhase('more-error')
    }
  }, [kind])

  const apply = useCallback(
    (patch: Partial<ListingFilters>) => {
      const f = { ...current.current.filters, ...patch }
      // Two quick taps (side, then category) before a re-render: the second builds on the first.
      current.current.filters = f
      setFilters(f)
      saveFilters(f, kind)
      loadFirst(f)
    },
    [kind, loadFirst],
  )

  useEffect(() => {
    loadFirst(filters)
  }, [])

  usePullDownRefresh(() => {
    loadFirst(current.current.filters, true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    loadMore()
  })

  const search = (value = typed) => {
    const q = value.trim().slice(0, 40)
    setTyped(q)
    if (q !== current.current.filters.q) apply({ q })
  }
  const clearSearch = () => {
    setTyped('')
    if (current.current.filters.q) apply({ q: '' })
  }

  return {
    filters,
    latest: () => current.current.filters,
    items,
    phase,
    error,
    apply,
    reload: (keepItems = false) => loadFirst(current.current.filters, keepItems),
    loadMore,
    filtered: !!(filters.side || filters.stage || filters.category || filters.region || filters.q),
    typed,
    setTyped,
    search,
    clearSearch,
  }
}
