import { View } from '@tarojs/components'
import { LISTING_EVENT_LABELS, type ListingEventKind } from '../../../common/enums'
import { dateTime } from '../../../common/china-time'
import './index.scss'

export interface TimelineEvent {
  kind: ListingEventKind
  at: string
  note: string | null
}

/** What happened to a post, oldest first: 提交审核 → 审核通过，已发布 → 收到对接申请 → … */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  return (
    <View className='timeline'>
      {events.map((e, i) => (
        <View key={`${e.kind}-${e.at}-${i}`} className={`timeline__item${i === events.length - 1 ? ' timeline__item--last' : ''}`}>
          <View className='timeline__dot' />
          <View className='timeline__body'>
            <View className='timeline__label'>{LISTING_EVENT_LABELS[e.kind] ?? e.kind}</View>
            {e.note && <View className='timeline__note'>{e.note}</View>}
            <View className='muted'>{dateTime(e.at)}</View>
          </View>
        </View>
      ))}
    </View>
  )
}
