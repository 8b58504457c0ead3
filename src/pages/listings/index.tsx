import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useShareAppMessage } from '@tarojs/taro'
import { Button, Input, ScrollView, View } from '@tarojs/components'
import { LISTING_SIDE_LABELS, type ListingSide } from '../../../common/enums'
import type { ListingPage, ListingQuery, ListingSummary } from '../../../common/schemas/listings'
import { PageShell } from '../../components/page-shell'
import { StateView } from '../../components/state-view'
import { ListingCard, listingPath } from '../../components/listing-card'
import { CategoryChips } from '../../components/category-chips'
import { RegionFilter } from '../../components/region-filter'
import { useSession } from '../../hooks/useSession'
import { fetchListings, fetchNeedsForMe, type Match } from '../../services/listings'
import { messageOf } from '../../services/http'
import { loadFilters, saveFilters, takePreset, type ListingFilters } from '../../utils/listing-filters'
import './index.scss'

const PAGE_SIZE = 20
const LOGIN_URL = '/packages/account/login/index'
const PROFILE_URL = '/packages/account/profile/index'
const PUBLISH_URL = '/packages/listings/publish/index'
const SIDES: Array<{ key: ListingSide | null; label: string }> = [
  { key: null, label: '全部' },
  { key: 'need', label: LISTING_SIDE_LABELS.need },
  { key: 'offer', label: LISTING_SIDE_LABELS.offer },
]

/** Browsing pages by the keyset cursor (before = last id); a search pages by number. */
type Next = { before: number } | { page: number } | null
type Phase = 'loading' | 'idle' | 'more' | 'more-error' | 'error' | 'done'

function queryOf(f: ListingFilters): ListingQuery {
  const q: ListingQuery = { limit: PAGE_SIZE }
  if (f.side) q.side = f.side
  if (f.category) q.category = f.category
  if (f.region) q.region = f.region.code
  if (f.q) q.q = f.q
  return q
}

function nextOf(f: ListingFilters, page: ListingPage): Next {
  if (f.q) return page.nextPage ? { page: page.nextPage } : null
  return page.nextCursor ? { before: page.nextCursor } : null
}

export default function ListingsTab() {
  const user = useSession()
  // A preset from another page (首页 → 找专家) wins over what was stored; see utils/listing-filters.
  const [filters, setFilters] = useState<ListingFilters>(() => {
    const preset = takePreset()
    if (preset) saveFilters(preset)
    return preset ?? loadFilters()
  })
  const [typed, setTyped] = useState(filters.q)
  const [items, setItems] = useState<ListingSummary[]>([])
  const [next, setNext] = useState<Next>(null)
  const [phase, setPhase] = useState<Phase>('loading')
  const [error, setError] = useState<string | null>(null)
  const [forMe, setForMe] = useState<Match[]>([])

  // Each first-page load gets a number; an answer for an older filter is dropped.
  const generation = useRef(0)
  const current = useRef({ filters, next, phase })
  current.current = { filters, next, phase }

  const loadFirst = useCallback(async (f: ListingFilters, keepItems = false) => {
    const id = ++generation.current
    // Until this page is in, reaching the bottom must not page on with the old cursor.
    current.current.phase = 'loading'
    current.current.next = null
    if (!keepItems) setItems([])
    setPhase('loading')
    setError(null)
    try {
      const page = await fetchListings(queryOf(f))
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
  }, [])

  const loadMore = useCallback(async () => {
    const { filters: f, next: n, phase: p } = current.current
    if ((p !== 'idle' && p !== 'more-error') || !n) return
    const id = generation.current
    current.current.phase = 'more' // a second reach-bottom before the re-render asks for nothing
    setPhase('more')
    try {
      const page = await fetchListings({ ...queryOf(f), ...n })
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
  }, [])

  const apply = useCallback(
    (patch: Partial<ListingFilters>) => {
      const f = { ...current.current.filters, ...patch }
      // Two quick taps (side, then category) before a re-render: the second builds on the first.
      current.current.filters = f
      setFilters(f)
      saveFilters(f)
      loadFirst(f)
    },
    [loadFirst],
  )

  useEffect(() => {
    loadFirst(filters)
  }, [])

  // Back on the tab: a preset left meanwhile (the tab page already existed) is applied now.
  useDidShow(() => {
    const preset = takePreset()
    if (!preset) return
    setTyped(preset.q)
    apply(preset)
  })

  const isExpert = user?.role === 'expert'
  useEffect(() => {
    if (!isExpert) return setForMe([])
    fetchNeedsForMe()
      .then(setForMe)
      .catch(() => setForMe([])) // a suggestion strip: nothing to show is fine
  }, [isExpert, user?.id])

  usePullDownRefresh(() => {
    loadFirst(current.current.filters, true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    loadMore()
  })
  useShareAppMessage(() => ({ title: '天府科技云 · 科技所能所需', path: '/pages/listings/index' }))

  const search = (value = typed) => {
    const q = value.trim().slice(0, 40)
    setTyped(q)
    if (q !== filters.q) apply({ q })
  }
  const clearSearch = () => {
    setTyped('')
    if (filters.q) apply({ q: '' })
  }

  const publish = () => {
    if (!user) return Taro.navigateTo({ url: LOGIN_URL })
    if (!user.registered) return Taro.navigateTo({ url: PROFILE_URL })
    const { side } = current.current.filters
    Taro.navigateTo({ url: side ? `${PUBLISH_URL}?side=${side}` : PUBLISH_URL })
  }

  const filtered = !!(filters.side || filters.category || filters.region || filters.q)

  return (
    <PageShell className='listings'>
      <View className='listings__search'>
        <Input
          className='listings__input'
          type='text'
          confirmType='search'
          placeholder='搜索，如：牦牛 补饲'
          maxlength={40}
          value={typed}
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={(e) => search(e.detail.value)}
        />
        {typed && (
          <View className='listings__clear' onClick={clearSearch}>
            ×
          </View>
        )}
        <Button className='btn btn--primary listings__search-btn' onClick={() => search()}>
          搜索
        </Button>
      </View>

      <View className='listings__bar'>
        <View className='listings__sides'>
          {SIDES.map((s) => (
            <View
              key={s.key ?? 'all'}
              className={`listings__side${filters.side === s.key ? ' listings__side--on' : ''}`}
              data-side={s.key ?? ''}
              onClick={() => current.current.filters.side !== s.key && apply({ side: s.key })}
            >
              {s.label}
            </View>
          ))}
        </View>
        <Button className='btn btn--primary listings__publish' onClick={publish}>
          ＋ 发布
        </Button>
      </View>

      <CategoryChips value={filters.category} allLabel='全部分类' onChange={(category) => category !== current.current.filters.category && apply({ category })} />
      <RegionFilter value={filters.region} onChange={(region) => apply({ region })} />

      {forMe.length > 0 && !filtered && (
        <View className='listings__for-me'>
          <View className='section-title'>适合我的需求</View>
          <ScrollView className='listings__for-me-scroll' scrollX enhanced showScrollbar={false}>
            <View className='listings__for-me-line'>
              {forMe.map((m) => (
                <View key={m.id} className='listings__for-me-item' onClick={() => Taro.navigateTo({ url: listingPath(m.id) })}>
                  <View className='listings__for-me-title'>{m.title}</View>
                  <View className='muted'>
                    {m.region.county.name} {m.region.township.name}
                  </View>
                </View>
              ))}
            </View>
          </ScrollView>
        </View>
      )}

      {filters.q && phase !== 'loading' && (
        <View className='muted listings__summary'>
          “{filters.q}”的搜索结果{items.length ? '' : '：没有找到'}
        </View>
      )}

      {items.length === 0 ? (
        phase === 'loading' ? (
          <StateView state='loading' rows={4} />
        ) : phase === 'error' ? (
          <StateView state='error' message={error ?? undefined} onRetry={() => loadFirst(filters)} />
        ) : (
          <View className='listings__empty'>
            <StateView state='empty' message={filtered ? '没有符合条件的信息，换个条件试试' : '还没有人发布，来发布第一条吧'} />
            <Button className='btn btn--primary listings__empty-publish' onClick={publish}>
              发布需求或服务
            </Button>
          </View>
        )
      ) : (
        <View className='listings__list'>
          {items.map((l) => (
            <ListingCard key={l.id} listing={l} />
          ))}
          <View className='muted list-footer'>
            {(phase === 'more' || phase === 'loading') && '正在加载…'}
            {phase === 'done' && '没有更多了'}
            {phase === 'idle' && ' '}
            {(phase === 'more-error' || phase === 'error') && <View onClick={() => (phase === 'error' ? loadFirst(filters, true) : loadMore())}>{error}，点此重试</View>}
          </View>
        </View>
      )}
    </PageShell>
  )
}
