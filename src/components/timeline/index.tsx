import { View } from '@tarojs/components'
import { LISTING_EVENTS, type ListingEventKind } from '../../../common/enums'
import { useT } from '../../i18n'
import { whenExactly } from '../../utils/when'
import { Ugc } from '../ugc'
import './index.scss'

export interface TimelineEvent {
  kind: ListingEventKind
  at: string
  note: string | null
}

/** What happened to a post, oldest first: 提交审核 → 审核通过，已发布 → 收到对接申请 → … */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  const { t } = useT()
  return (
    <View className='timeline'>
      {events.map((e, i) => (
        <View key={`${e.kind}-${e.at}-${i}`} className={`timeline__item${i === events.length - 1 ? ' timeline__item--last' : ''}`}>
          <View className='timeline__dot' />
          <View className='timeline__body'>
            <View className='timeline__label'>{LISTING_EVENTS.includes(e.kind) ? t(`event.${e.kind}`) : e.kind}</View>
            {/* Staff's reason or a note someone wrote: their words. */}
            {e.note && (
              <View className='timeline__note'>
                <Ugc>{e.note}</Ugc>
              </View>
            )}
            <View className='muted'>{whenExactly(e.at)}</View>
          </View>
        </View>
      ))}
    </View>
  )
}
