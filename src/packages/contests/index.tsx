import { useState } from 'react'
import Taro, { useReachBottom, useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { CONTEST_KINDS, type ContestKind } from '../../../common/enums'
import { PageShell } from '../../components/page-shell'
import { Tappable } from '../../components/tappable'
import { StateView } from '../../components/state-view'
import { Chips, optionsOf } from '../../components/category-chips'
import { usePagedList, type PagedPhase, type PageOf } from '../../hooks/usePagedList'
import { useReloadOnShow } from '../../hooks/useReloadOnShow'
import { useSession } from '../../hooks/useSession'
import { contestPath, fetchContests, fetchMyEntries, type ContestSummary, type MyContestEntry } from '../../services/contests'
import { formatChinaDate } from '../../../common/china-time'
import { nextDeadline } from '../../utils/china-time'
import { isVerifiedChair } from '../../utils/roles'
import { Countdown } from './components/countdown'
import { CONTEST_KIND_LABELS, CONTEST_LEVEL_LABELS, CONTEST_STAGE_LABELS, REACHED_LABELS, STAGE_TAG, deadlineLabel } from './components/labels'
import { awardText } from '../../../common/rules'
import { SignInGate } from '../../components/sign-in-gate'
import './components/common.scss'
import './index.scss'

// 乡土人才大赛 and 科创会: the contests going on (with how long is left), past ones (results, the
// talent pool), and 我的参赛 (?tab=mine, from 我的). Readable without an account.
type Tab = 'open' | 'past' | 'mine'
type ListQuery = { tab: Tab; kind: ContestKind | null }
const TABS: Array<{ key: Tab; label: string }> = [
  { key: 'open', label: '进行中' },
  { key: 'past', label: '往届' },
  { key: 'mine', label: '我的参赛' },
]
const KIND_OPTIONS = optionsOf(CONTEST_KINDS, CONTEST_KIND_LABELS)
const PAGE_SIZE = 20

export default function Contests() {
  const { params } = useRouter()
  const user = useSession()
  const [initialTab] = useState<Tab>(TABS.some((t) => t.key === params.tab) ? (params.tab as Tab) : 'open')
  // 我的参赛 is one answer (no paging); the contests of a tab page by the server's `next`.
  const list = usePagedList<ContestSummary | MyContestEntry, ListQuery, string, PageOf<ContestSummary | MyContestEntry, string>>({
    fetchPage: async ({ tab: t, kind: k }, cursor) => {
      if (t !== 'mine') return fetchContests({ stage: t, kind: k ?? undefined, limit: PAGE_SIZE, ...(cursor === null ? {} : { cursor }) })
      return { items: user ? await fetchMyEntries() : [], next: null }
    },
    keyOf: (item) => item.id,
    initialQuery: { tab: initialTab, kind: null },
  })
  const { tab, kind } = list.query
  const { phase, error, loadMore } = list

  // Every show: back from signing up, a countdown's stage may have moved on meanwhile.
  useReloadOnShow(() => list.load(undefined, true), { skipFirst: true })
  useReachBottom(() => {
    if (list.latest().tab !== 'mine') loadMore()
  })
  useShareAppMessage(() => ({ title: '四川省乡土人才创新创业大赛 · 科创会', path: '/packages/contests/index' }))

  const switchTab = (t: Tab) => {
    if (t === list.latest().tab) return
    list.load({ ...list.latest(), tab: t })
  }
  const switchKind = (k: ContestKind | null) => {
    list.load({ ...list.latest(), kind: k })
  }
  const items = tab === 'mine' ? [] : (list.items as ContestSummary[])
  // Nothing to show yet for 我的参赛 until its answer is in (or it failed).
  const mine = tab !== 'mine' || (list.items.length === 0 && (phase === 'loading' || phase === 'error')) ? null : (list.items as MyContestEntry[])

  const chair = isVerifiedChair(user)

  return (
    <PageShell className='contests'>
      <View className='contests__head'>
        <View className='contests__title'>乡土人才创新创业大赛</View>
        <View className='contests__intro'>土专家、田秀才、种养殖能手、致富带头人，都可以报名；乡镇科协主席可以举荐本乡镇的人才。</View>
        <View className='contests__links'>
          <Button className='btn btn--plain contests__link contests__talents' onClick={() => Taro.navigateTo({ url: '/packages/contests/talents/index' })}>
            乡土人才库
          </Button>
          {chair && (
            <Button className='btn btn--plain contests__link contests__nominations' onClick={() => Taro.navigateTo({ url: '/packages/contests/nominations/index' })}>
              我的举荐
            </Button>
          )}
        </View>
      </View>

      <View className='contests__tabs'>
        {TABS.map((t) => (
          <Tappable key={t.key} className={`contests__tab${tab === t.key ? ' contests__tab--on' : ''}`} data-tab={t.key} pressed={tab === t.key} onClick={() => switchTab(t.key)}>
            {t.label}
          </Tappable>
        ))}
      </View>
      {tab !== 'mine' && (
        <View className='contests__kinds'>
          <Chips options={KIND_OPTIONS} value={kind} allLabel='全部' name='kind' onChange={switchKind} />
        </View>
      )}

      {tab === 'mine' ? (
        <MyEntries signedIn={!!user} items={mine} phase={phase} error={error} onRetry={() => list.load()} />
      ) : items.length === 0 ? (
        phase === 'loading' ? (
          <StateView state='loading' rows={3} />
        ) : phase === 'error' ? (
          <StateView state='error' message={error ?? undefined} onRetry={() => list.load()} />
        ) : (
          <StateView state='empty' message={tab === 'open' ? '眼下没有正在进行的比赛，可以看看往届' : '还没有往届比赛'} />
        )
      ) : (
        <View className='contests__list'>
          {items.map((c) => (
            <ContestCard key={c.id} contest={c} />
          ))}
          <View className='muted contests__footer'>
            {phase === 'more' && '正在加载…'}
            {phase === 'done' && '没有更多了'}
            {phase === 'more-error' && <Tappable onClick={loadMore}>{error}，点此重试</Tappable>}
          </View>
        </View>
      )}
    </PageShell>
  )
}

function ContestCard({ contest: c }: { contest: ContestSummary }) {
  const deadline = nextDeadline(c)
  const award = c.mine ? awardText(c.mine.award, null, c.mine.popularAward) : ''
  return (
    <Tappable role='link' className='card contest-card' data-id={c.id} onClick={() => Taro.navigateTo({ url: contestPath(c.id) })}>
      <View className='contest-tags'>
        <View className={`contest-tag contest-tag--kind-${c.kind}`}>{CONTEST_KIND_LABELS[c.kind]}</View>
        <View className='contest-tag'>{CONTEST_LEVEL_LABELS[c.level]}</View>
        <View className={`contest-tag contest-tag--stage contest-tag--stage-${c.stage}`}>{STAGE_TAG[c.stage]}</View>
        {c.mine && <View className='contest-tag contest-tag--mine'>{award || REACHED_LABELS[c.mine.stageReached]}</View>}
      </View>
      <View className='contest-card__name'>{c.name}</View>
      <View className='muted contest-card__org'>
        {c.organiser} · {c.regionName}
      </View>
      <View className='contest-card__foot'>
        {deadline ? (
          <Countdown coarse deadline={deadline.at} prefix={`距${deadlineLabel(deadline.stage)}还有`} expiredText={`${CONTEST_STAGE_LABELS[deadline.stage]}已截止`} />
        ) : (
          <View className='muted'>{c.resultsPublishedAt ? `${formatChinaDate(c.resultsPublishedAt)} 公布结果` : CONTEST_STAGE_LABELS.finished}</View>
        )}
        <View className='muted contest-card__count'>{c.entryCount} 人参赛</View>
      </View>
    </Tappable>
  )
}

function MyEntries({
  signedIn,
  items,
  phase,
  error,
  onRetry,
}: {
  signedIn: boolean
  items: MyContestEntry[] | null
  phase: PagedPhase
  error: string | null
  onRetry: () => void
}) {
  if (!signedIn) return <SignInGate className='contest-gate' textClassName='contest-gate__text' login='登录后可以看到您报名和被举荐参加的比赛' />
  if (!items) {
    return phase === 'error' ? <StateView state='error' message={error ?? undefined} onRetry={onRetry} /> : <StateView state='loading' rows={2} />
  }
  if (items.length === 0) return <StateView state='empty' message='您还没有参加比赛。点“进行中”，挑一个报名吧' />
  return (
    <View className='contests__list'>
      {items.map((e) => {
        const award = awardText(e.award, e.awardName, e.popularAward)
        return (
          <Tappable role='link' key={e.id} className='card my-entry' data-id={e.contestId} onClick={() => Taro.navigateTo({ url: contestPath(e.contestId) })}>
            <View className='contest-tags'>
              <View className={`contest-tag contest-tag--stage contest-tag--stage-${e.contestStage}`}>{STAGE_TAG[e.contestStage]}</View>
              <View className='contest-tag contest-tag--mine'>{REACHED_LABELS[e.stageReached]}</View>
              {award && <View className='contest-tag contest-tag--award'>{award}</View>}
              {e.source === 'nomination' && <View className='contest-tag'>受举荐</View>}
            </View>
            <View className='contest-card__name my-entry__contest'>{e.contestName}</View>
            <View className='my-entry__title'>我的项目：{e.title}</View>
          </Tappable>
        )
      })}
    </View>
  )
}
