import Taro, { useShareAppMessage } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { ACHIEVEMENT_STAGES, ACHIEVEMENT_STAGE_LABELS } from '../../../common/enums'
import { errorMessage } from '../../../common/errors'
import { PageShell } from '../../components/page-shell'
import { FeedList, SearchBar } from '../../components/listing-feed'
import { CategoryChips, Chips, optionsOf } from '../../components/category-chips'
import { RegionFilter } from '../../components/region-filter'
import { useSession } from '../../hooks/useSession'
import { useListingFeed } from '../../hooks/useListingFeed'
import { loadFilters } from '../../utils/listing-filters'
import { LOGIN_URL, PROFILE_URL } from '../../utils/routes'
import './index.scss'

// 科技成果: browse and search achievements (listings of kind 'achievement') by stage, field and
// area — the same feed as the 所能所需 tab (hooks/useListingFeed), with its own filters.
const PUBLISH_ACHIEVEMENT_URL = '/packages/listings/publish/index?kind=achievement'
const STAGE_OPTIONS = optionsOf(ACHIEVEMENT_STAGES, ACHIEVEMENT_STAGE_LABELS)

export default function Achievements() {
  const user = useSession()
  const feed = useListingFeed('achievement', () => loadFilters('achievement'))
  const { filters, latest, apply } = feed
  const isExpert = user?.role === 'expert'

  useShareAppMessage(() => ({ title: '天府科技云 · 科技成果', path: '/packages/achievements/index' }))

  const publish = () => {
    if (!user) return Taro.navigateTo({ url: LOGIN_URL })
    if (!user.registered) return Taro.navigateTo({ url: PROFILE_URL })
    Taro.navigateTo({ url: PUBLISH_ACHIEVEMENT_URL })
  }

  return (
    <PageShell className='listings achievements'>
      <SearchBar feed={feed} placeholder='搜索成果，如：牦牛 青稞' />

      <View className='listings__bar achievements__bar'>
        <View className='achievements__intro'>专家和科研单位的成果，可转让、许可或合作</View>
        {isExpert && (
          <Button className='btn btn--primary listings__publish achievements__publish' onClick={publish}>
            ＋ 发布成果
          </Button>
        )}
      </View>
      {!isExpert && (
        <View className='muted achievements__why'>
          {errorMessage('ACHIEVEMENT_NOT_EXPERT')}
          {user ? '。您有成果想转化，可以在“所能所需”发布科技所能。' : '，专家请登录后发布。'}
        </View>
      )}

      <Chips options={STAGE_OPTIONS} value={filters.stage} allLabel='全部阶段' name='stage' onChange={(stage) => stage !== latest().stage && apply({ stage })} />
      <CategoryChips value={filters.category} allLabel='全部领域' onChange={(category) => category !== latest().category && apply({ category })} />
      <RegionFilter value={filters.region} onChange={(region) => apply({ region })} />

      <FeedList
        feed={feed}
        emptyMessage='还没有发布的科技成果'
        emptyFiltered='没有符合条件的成果，换个条件试试'
        emptyAction={
          isExpert ? (
            <Button className='btn btn--primary listings__empty-publish' onClick={publish}>
              发布科技成果
            </Button>
          ) : undefined
        }
      />
    </PageShell>
  )
}
