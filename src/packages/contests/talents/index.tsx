import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { Button, Image, Input, View } from '@tarojs/components'
import { AWARD_LABELS, CONTEST_CATEGORIES, POPULAR_AWARD_LABEL, type Award, type ContestCategory } from '../../../../common/enums'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { Chips, optionsOf } from '../../../components/category-chips'
import { RegionFilter } from '../../../components/region-filter'
import { usePagedList } from '../../../hooks/usePagedList'
import { assetUrl } from '../../../services/http'
import { fetchTalents, talentPath, type TalentCard, type TalentPage, type TalentParams } from '../../../services/contests'
import type { AreaFilter } from '../../../utils/listing-filters'
import { CONTEST_CATEGORY_LABELS, REACHED_LABELS } from '../components/labels'
import { awardText } from '../../../../common/rules'
import '../components/common.scss'
import { Tappable } from '../../../components/tappable'
import './index.scss'

// 乡土人才库: the finalists and award winners of past contests, searchable by name or project,
// area, category, award and year — for a county looking for a 土专家 nearby, or a journalist.
const PAGE_SIZE = 20
type AwardFilter = Award | 'popular'
const CATEGORY_OPTIONS = optionsOf(CONTEST_CATEGORIES, CONTEST_CATEGORY_LABELS)
const AWARD_OPTIONS: Array<{ key: AwardFilter; label: string }> = [
  { key: 'gold', label: AWARD_LABELS.gold },
  { key: 'silver', label: AWARD_LABELS.silver },
  { key: 'bronze', label: AWARD_LABELS.bronze },
  { key: 'excellence', label: AWARD_LABELS.excellence },
  { key: 'popular', label: POPULAR_AWARD_LABEL },
]
/**
 * The year chips: the years the pool has talents from, as the server tells (a contest's year is
 * its final's year in China time, which can be next year), plus the picked one should it go.
 */
function yearOptions(years: number[], picked: string | null): Array<{ key: string; label: string }> {
  const keys = years.map(String)
  if (picked && !keys.includes(picked)) keys.unshift(picked)
  return keys.map((y) => ({ key: y, label: `${y}年` }))
}

interface Filters {
  q: string
  region: AreaFilter | null
  category: ContestCategory | null
  award: AwardFilter | null
  year: string | null
}
const EMPTY: Filters = { q: '', region: null, category: null, award: null, year: null }

function queryOf(f: Filters, cursor: string | null): TalentParams {
  return {
    q: f.q || undefined,
    region: f.region?.code,
    category: f.category ?? undefined,
    award: f.award ?? undefined,
    year: f.year ? Number(f.year) : undefined,
    limit: PAGE_SIZE,
    ...(cursor === null ? {} : { cursor }),
  }
}

export default function TalentsPage() {
  const [typed, setTyped] = useState('')
  const list = usePagedList<TalentCard, Filters, string, TalentPage>({
    fetchPage: (f, cursor) => fetchTalents(queryOf(f, cursor)),
    keyOf: (t) => t.entryId,
    initialQuery: EMPTY,
  })
  const { items, phase, error, loadMore, query: filters } = list
  // The count and the year chips come with every page; until the first, none.
  const total = list.lastPage?.total ?? 0
  const years = list.lastPage?.years ?? []
  const loadFirst = (f: Filters, keep = false) => list.load(f, keep)
  const apply = (patch: Partial<Filters>) => {
    loadFirst({ ...list.latest(), ...patch })
  }

  usePullDownRefresh(() => {
    loadFirst(list.latest(), true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    loadMore()
  })
  useShareAppMessage(() => ({ title: '四川省农村乡土人才库', path: '/packages/contests/talents/index' }))
  useShareTimeline(() => ({ title: '四川省农村乡土人才库' }))

  const search = (value = typed) => {
    const q = value.trim().slice(0, 40)
    setTyped(q)
    if (q !== list.latest().q) apply({ q })
  }
  const filtered = !!(filters.q || filters.region || filters.category || filters.award || filters.year)

  return (
    <PageShell className='talents'>
      <View className='talents__search'>
        <Input
          className='talents__input'
          confirmType='search'
          placeholder='搜姓名或项目，如：牦牛'
          maxlength={40}
          value={typed}
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={(e) => search(e.detail.value)}
        />
        <Button className='btn btn--primary talents__search-btn' onClick={() => search()}>
          搜索
        </Button>
      </View>

      <View className='talents__filters'>
        <RegionFilter value={filters.region} onChange={(region) => apply({ region })} />
        <Chips options={CATEGORY_OPTIONS} value={filters.category} allLabel='全部类别' name='category' onChange={(category) => apply({ category })} />
        <Chips options={AWARD_OPTIONS} value={filters.award} allLabel='全部' name='award' onChange={(award) => apply({ award })} />
        {(years.length > 0 || filters.year) && (
          <Chips options={yearOptions(years, filters.year)} value={filters.year} allLabel='全部年份' name='year' onChange={(year) => apply({ year })} />
        )}
      </View>

      {phase !== 'loading' && phase !== 'error' && items.length > 0 && <View className='muted talents__total'>共 {total} 位乡土人才</View>}

      {items.length === 0 ? (
        phase === 'loading' ? (
          <StateView state='loading' rows={4} />
        ) : phase === 'error' ? (
          <StateView state='error' message={error ?? undefined} onRetry={() => loadFirst(list.latest())} />
        ) : (
          <StateView state='empty' message={filtered ? '没有符合条件的人才，换个条件试试' : '人才库还是空的：比赛进入决赛后，决赛选手会出现在这里'} />
        )
      ) : (
        <View className='talents__list'>
          {items.map((t) => (
            <TalentItem key={t.entryId} talent={t} />
          ))}
          <View className='muted talents__footer'>
            {phase === 'more' && '正在加载…'}
            {phase === 'done' && '没有更多了'}
            {phase === 'more-error' && <Tappable onClick={loadMore}>{error}，点此重试</Tappable>}
          </View>
        </View>
      )}
    </PageShell>
  )
}

function TalentItem({ talent: t }: { talent: TalentCard }) {
  const award = awardText(t.award, t.awardName, t.popularAward)
  return (
    <Tappable role='link' className='card talent-card' data-user={t.userId} onClick={() => Taro.navigateTo({ url: talentPath(t.userId) })}>
      {t.avatarUrl ? (
        <Image className='talent-card__avatar' src={assetUrl(t.avatarUrl)} mode='aspectFill' lazyLoad />
      ) : (
        <View className='talent-card__avatar talent-card__avatar--empty'>{t.name.slice(0, 1)}</View>
      )}
      <View className='talent-card__body'>
        <View className='talent-card__name'>{t.name}</View>
        <View className='muted'>{t.regionName}</View>
        <View className='talent-card__title'>{t.title}</View>
        <View className='contest-tags'>
          <View className='contest-tag'>{CONTEST_CATEGORY_LABELS[t.category]}</View>
          {award ? <View className='contest-tag contest-tag--award talent-card__award'>{award}</View> : <View className='contest-tag contest-tag--mine'>{REACHED_LABELS[t.stageReached]}</View>}
        </View>
        <View className='muted talent-card__contest'>
          {t.year}年 · {t.contestName}
        </View>
      </View>
    </Tappable>
  )
}
