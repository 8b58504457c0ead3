import { useEffect, useState } from 'react'
import Taro, { useDidShow, useShareAppMessage } from '@tarojs/taro'
import { Button, ScrollView, View } from '@tarojs/components'
import type { ListingSide } from '../../../common/enums'
import { formatRegionShort } from '../../../common/format'
import { PageShell } from '../../components/page-shell'
import { Tappable } from '../../components/tappable'
import { FeedList, SearchBar } from '../../components/listing-feed'
import { CategoryChips } from '../../components/category-chips'
import { RegionFilter } from '../../components/region-filter'
import { useSession } from '../../hooks/useSession'
import { useMessagesBadge } from '../../hooks/useUnreadMessages'
import { useListingFeed } from '../../hooks/useListingFeed'
import { fetchNeedsForMe, listingPath, type Match } from '../../services/listings'
import { loadFilters, saveFilters, takePreset } from '../../utils/listing-filters'
import { LOGIN_URL, PROFILE_URL } from '../../utils/routes'
import { useT, type MessageKey } from '../../i18n'
import { Ugc } from '../../components/ugc'
import './index.scss'
import { ListingTitle } from '../../components/listing-title'

const PUBLISH_URL = '/packages/listings/publish/index'
const SIDES: Array<{ key: ListingSide | null; label: MessageKey }> = [
  { key: null, label: 'listings.all' },
  { key: 'need', label: 'side.need' },
  { key: 'offer', label: 'side.offer' },
]

export default function ListingsTab() {
  const user = useSession()
  const { t } = useT()
  // The 我的 tab's unread badge (我的消息) is set from whichever tab shows.
  useMessagesBadge()
  // A preset from another page (首页 → 找专家) wins over what was stored; see utils/listing-filters.
  const feed = useListingFeed('post', () => {
    const preset = takePreset()
    if (preset) saveFilters(preset)
    return preset ?? loadFilters()
  })
  const { filters, latest, apply } = feed
  const [forMe, setForMe] = useState<Match[]>([])

  // Back on the tab: a preset left meanwhile (the tab page already existed) is applied now.
  useDidShow(() => {
    const preset = takePreset()
    if (!preset) return
    feed.setTyped(preset.q)
    apply(preset)
  })

  const isExpert = user?.role === 'expert'
  useEffect(() => {
    if (!isExpert) return setForMe([])
    fetchNeedsForMe()
      .then(setForMe)
      .catch(() => setForMe([])) // a suggestion strip: nothing to show is fine
  }, [isExpert, user?.id])

  useShareAppMessage(() => ({ title: t('share.listings_title'), path: '/pages/listings/index' }))

  const publish = () => {
    if (!user) return Taro.navigateTo({ url: LOGIN_URL })
    if (!user.registered) return Taro.navigateTo({ url: PROFILE_URL })
    const { side } = latest()
    Taro.navigateTo({ url: side ? `${PUBLISH_URL}?side=${side}` : PUBLISH_URL })
  }

  return (
    <PageShell className='listings'>
      <SearchBar feed={feed} placeholder={t('listings.search_placeholder')} />

      <View className='listings__bar'>
        <View className='listings__sides'>
          {SIDES.map((s) => (
            <Tappable
              key={s.key ?? 'all'}
              className={`listings__side${filters.side === s.key ? ' listings__side--on' : ''}`}
              data-side={s.key ?? ''}
              pressed={filters.side === s.key}
              onClick={() => latest().side !== s.key && apply({ side: s.key })}
            >
              {t(s.label)}
            </Tappable>
          ))}
        </View>
        <Button className='btn btn--primary listings__publish' onClick={publish}>
          {t('listings.publish_button')}
        </Button>
      </View>

      <CategoryChips value={filters.category} allLabel={t('listings.all_categories')} onChange={(category) => category !== latest().category && apply({ category })} />
      <RegionFilter value={filters.region} onChange={(region) => apply({ region })} />

      {forMe.length > 0 && !feed.filtered && (
        <View className='listings__for-me'>
          <View className='section-title'>{t('listings.for_me')}</View>
          <ScrollView className='listings__for-me-scroll' scrollX enhanced showScrollbar={false}>
            <View className='listings__for-me-line'>
              {forMe.map((m) => (
                <Tappable role='link' key={m.id} className='listings__for-me-item' onClick={() => Taro.navigateTo({ url: listingPath(m.id) })}>
                  <View className='listings__for-me-title'>
                    <ListingTitle title={m.title} category={m.category} />
                  </View>
                  <View className='muted'>
                    <Ugc>{formatRegionShort(m.region)}</Ugc>
                  </View>
                </Tappable>
              ))}
            </View>
          </ScrollView>
        </View>
      )}

      <FeedList
        feed={feed}
        emptyMessage={t('listings.empty')}
        emptyAction={
          <Button className='btn btn--primary listings__empty-publish' onClick={publish}>
            {t('listings.empty_action')}
          </Button>
        }
      />
    </PageShell>
  )
}
