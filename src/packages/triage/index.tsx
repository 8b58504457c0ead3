import { useRef, useState } from 'react'
import Taro, { useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { formatChinaDateTime, formatDeadline } from '../../../common/china-time'
import { ASSIGNMENT_STATUS_LABELS, URGENT_REASON_LABELS } from '../../../common/rules/triage'
import type { TriageItem, TriageQueue } from '../../../common/schemas/triage'
import { PageShell } from '../../components/page-shell'
import { StateView } from '../../components/state-view'
import { Tappable } from '../../components/tappable'
import { usePagedList } from '../../hooks/usePagedList'
import { useReloadOnShow } from '../../hooks/useReloadOnShow'
import { fetchTriageQueue, figuresPath, triageCasePath } from '../../services/triage'
import { CountyChooser } from './shared/county-chooser'
import { minutesBetween, waitedLabel } from './shared/format'
import { refusalOf, TriageNotice, type Refusal } from './shared/notice'
import './shared/assignment.scss'
import './index.scss'

// 分诊: the needs of the caller's counties that no one has taken up yet — those the clock or a
// farmer sent back (24 h unanswered, an expert past the deadline or declining, 没有解决) at the top
// with why, then the oldest first. A tap opens the need's 保姆单, where it is assigned or answered.
export default function TriageQueuePage() {
  const [refusal, setRefusal] = useState<Refusal | null>(null)
  // The counties arrive with the first page; kept through a filtered reload.
  const [areas, setAreas] = useState<TriageQueue['areas']>([])
  const now = useRef(Date.now())
  const list = usePagedList<TriageItem, string | null, string, TriageQueue>({
    fetchPage: async (region, cursor) => {
      try {
        const page = await fetchTriageQueue({ region: region ?? undefined, cursor: cursor ?? undefined })
        setAreas(page.areas)
        setRefusal(null)
        return page
      } catch (err) {
        setRefusal(refusalOf(err))
        throw err
      }
    },
    keyOf: (item) => item.listing.id,
    initialQuery: null,
    auto: false,
  })
  // Back from a 保姆单 (assigned, answered): the queue as it is now.
  useReloadOnShow(() => {
    now.current = Date.now()
    return list.load(undefined, true)
  })
  useReachBottom(() => list.loadMore())

  if (refusal) {
    return (
      <PageShell className='triage'>
        <TriageNotice refusal={refusal} />
      </PageShell>
    )
  }
  const loaded = list.lastPage !== null
  const items = list.items
  return (
    <PageShell className='triage'>
      <View className='card triage__head'>
        <View className='triage__lead'>没有人接手的需求，超时和退回的排在最前，其余先发布的在前</View>
        <Tappable role='link' className='triage__figures' onClick={() => Taro.navigateTo({ url: figuresPath() })}>
          分诊数据与县区排名 ›
        </Tappable>
        {areas.length > 1 && (
          <CountyChooser counties={areas} value={list.query} all='全部' prefectureCounts onChange={(code) => list.load(code)} />
        )}
      </View>
      {items.length === 0 && (!loaded || list.phase === 'loading' || list.phase === 'error') ? (
        <StateView state={list.phase === 'error' ? 'error' : 'loading'} message={list.error ?? undefined} onRetry={() => list.load()} rows={3} />
      ) : items.length === 0 ? (
        <View className='card triage__empty'>
          <View className='triage__empty-title'>分诊队列已清空</View>
          <View className='muted'>辖区里发布的需求都已有人接手。有需求超过 24 小时没人回应、指派的专家逾期或婉拒时，会回到这里并通知您。</View>
        </View>
      ) : (
        <View className='triage__list'>
          {items.map((item) => (
            <QueueItem key={item.listing.id} item={item} now={now.current} />
          ))}
          <View className='muted triage__footer'>
            {list.phase === 'more' ? '加载中…' : list.phase === 'more-error' ? `${list.error ?? ''} 上拉重试` : list.phase === 'done' ? '没有更多了' : ''}
          </View>
        </View>
      )}
    </PageShell>
  )
}

function QueueItem({ item, now }: { item: TriageItem; now: number }) {
  const { listing, urgent } = item
  return (
    <Tappable
      role='link'
      className={`card triage-item${urgent ? ' triage-item--urgent' : ''}`}
      data-id={listing.id}
      onClick={() => Taro.navigateTo({ url: triageCasePath(listing.id) })}
    >
      {urgent && (
        <View className='triage-item__urgent' data-reason={urgent.reason}>
          加急 · {URGENT_REASON_LABELS[urgent.reason]}
        </View>
      )}
      <View className='triage-item__title'>{listing.title}</View>
      <View className='muted triage-item__where'>
        {listing.region.county.name} {listing.region.township.name}
        {listing.proxyLabel ? ` · ${listing.proxyLabel}` : ''}
      </View>
      <View className='triage-item__waited'>
        已等待 <View className='triage-item__hours'>{waitedLabel(minutesBetween(item.publishedAt, now))}</View>
        <View className='muted triage-item__since'>发布于 {formatChinaDateTime(item.publishedAt, now)}</View>
      </View>
      {item.firstResponseAt === null ? (
        <View className='triage-item__unanswered'>还没有人回应</View>
      ) : (
        <View className='muted triage-item__responded'>
          首次回应 {formatChinaDateTime(item.firstResponseAt, now)}
          {listing.responseCount > 0 ? ` · ${listing.responseCount} 条对接申请` : ''}
        </View>
      )}
      {item.assignments.length > 0 && (
        <View className='triage-item__assignments'>
          {item.assignments.map((a) => (
            <View key={a.id} className={`triage-assignment triage-assignment--${a.status}`} data-status={a.status}>
              <View className='triage-assignment__who'>指派 {a.expert.nickname}</View>
              <View className='triage-assignment__status'>{ASSIGNMENT_STATUS_LABELS[a.status]}</View>
              {a.status === 'open' && <View className='muted triage-assignment__due'>{formatDeadline(a.dueAt, now)}</View>}
            </View>
          ))}
        </View>
      )}
    </Tappable>
  )
}
