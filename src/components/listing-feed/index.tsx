import type { ReactNode } from 'react'
import { Button, Input, View } from '@tarojs/components'
import type { ListingFeed } from '../../hooks/useListingFeed'
import { StateView } from '../state-view'
import { ListingCard } from '../listing-card'
import { Tappable } from '../tappable'
import { UGC_SLOT, WithUgc } from '../ugc'
import { useT } from '../../i18n'
import { OfflineMark } from '../offline-mark'
import './index.scss'

// What a listings feed looks like (the 所能所需 tab, the 科技成果 page): the search box on the
// coloured head, then the cards with their skeleton, empty, error and "more" states.

export function SearchBar({ feed, placeholder }: { feed: ListingFeed; placeholder: string }) {
  const { t } = useT()
  return (
    <View className='listings__search'>
      <Input
        className='listings__input'
        type='text'
        confirmType='search'
        placeholder={placeholder}
        // H5: the box's name for a screen reader (a placeholder is only an example).
        nativeProps={{ 'aria-label': t('listings.search') }}
        maxlength={40}
        value={feed.typed}
        onInput={(e) => feed.setTyped(e.detail.value)}
        onConfirm={(e) => feed.search(e.detail.value)}
      />
      {feed.typed && (
        <Tappable className='listings__clear' label={t('listings.clear_search')} onClick={feed.clearSearch}>
          ×
        </Tappable>
      )}
      <Button className='btn btn--primary listings__search-btn' onClick={() => feed.search()}>
        {t('listings.search')}
      </Button>
    </View>
  )
}

export function FeedList({
  feed,
  emptyMessage,
  emptyFiltered,
  emptyAction,
}: {
  feed: ListingFeed
  emptyMessage: string
  emptyFiltered?: string
  /** Under the empty notice, e.g. a 发布 button. */
  emptyAction?: ReactNode
}) {
  const { t } = useT()
  const { filters, items, phase, error } = feed
  return (
    <View className='listings__feed'>
      <OfflineMark at={feed.offlineAt} />
      {filters.q && phase !== 'loading' && (
        <View className='muted listings__summary'>
          <WithUgc sentence={t(items.length ? 'listings.results' : 'listings.no_results', { q: UGC_SLOT })} value={filters.q} />
        </View>
      )}
      {items.length === 0 ? (
        phase === 'loading' ? (
          <StateView state='loading' rows={4} />
        ) : phase === 'error' ? (
          <StateView state='error' message={error ?? undefined} onRetry={() => feed.reload()} />
        ) : (
          <View className='listings__empty'>
            <StateView state='empty' message={feed.filtered ? (emptyFiltered ?? t('listings.empty_filtered')) : emptyMessage} />
            {emptyAction}
          </View>
        )
      ) : (
        <View className='listings__list'>
          {items.map((l) => (
            <ListingCard key={l.id} listing={l} />
          ))}
          <View className='muted list-footer'>
            {(phase === 'more' || phase === 'loading') && t('state.loading')}
            {phase === 'done' && t('state.no_more')}
            {phase === 'idle' && ' '}
            {(phase === 'more-error' || phase === 'error') && <Tappable onClick={() => (phase === 'error' ? feed.reload(true) : feed.loadMore())}>{t('state.tap_retry', { error: error ?? '' })}</Tappable>}
          </View>
        </View>
      )}
    </View>
  )
}
