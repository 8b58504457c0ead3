import { useCallback, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { ListingKind } from '../../common/enums'
import type { ListingPage, ListingQuery, ListingSummary } from '../../common/schemas/listings'
import { fetchListings } from '../services/listings'
import { usePagedList, type PagedPhase } from './usePagedList'
import { saveFilters, type ListingFilters } from '../utils/listing-filters'

// One feed of listings — the 所能所需 tab (posts) or the 科技成果 page (achievements): filters kept
// in storage, the first page per filter, more on reach-bottom, pull-to-refresh, the search box.
// The paging itself is usePagedList's.
// Pages render it with <SearchBar> and <FeedList> (components/listing-feed).

const PAGE_SIZE = 20

export type FeedPhase = PagedPhase

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

export interface ListingFeed {
  filters: ListingFilters
  /** The filters as of the last tap, even before the re-render (two quick taps build on each other). */
  latest: () => ListingFilters
  items: ListingSummary[]
  phase: FeedPhase
  error: string | null
  /** When the list was fetched, if it was read from storage for want of a network. */
  offlineAt: string | null
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
  const [first] = useState<ListingFilters>(initial)
  const [typed, setTyped] = useState(first.q)
  // Browsing and search page alike: the server's `next`, sent back as `cursor`.
  const list = usePagedList<ListingSummary, ListingFilters, string, ListingPage>({
    fetchPage: (f, cursor) => fetchListings(cursor === null ? queryOf(kind, f) : { ...queryOf(kind, f), cursor }),
    keyOf: (l) => l.id,
    initialQuery: first,
  })

  const apply = useCallback(
    (patch: Partial<ListingFilters>) => {
      // Two quick taps (side, then category) before a re-render: the second builds on the first.
      const f = { ...list.latest(), ...patch }
      saveFilters(f, kind)
      list.load(f)
    },
    [kind],
  )

  usePullDownRefresh(() => {
    list.load(undefined, true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    list.loadMore()
  })

  const search = (value = typed) => {
    const q = value.trim().slice(0, 40)
    setTyped(q)
    if (q !== list.latest().q) apply({ q })
  }
  const clearSearch = () => {
    setTyped('')
    if (list.latest().q) apply({ q: '' })
  }

  const filters = list.query
  return {
    filters,
    latest: list.latest,
    items: list.items,
    phase: list.phase,
    error: list.error,
    offlineAt: list.offlineAt,
    apply,
    reload: (keepItems = false) => list.load(undefined, keepItems),
    loadMore: list.loadMore,
    filtered: !!(filters.side || filters.stage || filters.category || filters.region || filters.q),
    typed,
    setTyped,
    search,
    clearSearch,
  }
}
