import { View } from '@tarojs/components'
import type { ContestDetail } from '../../../services/contests'
import { formatChinaDateTime } from '../../../../common/china-time'
import { STAGE_END_FIELD } from '../../../utils/china-time'
import { CONTEST_STAGE_LABELS } from '../components/labels'

/** Every stage's end, the current one marked. */
export function Schedule({ contest: c, now }: { contest: ContestDetail; now: number }) {
  return (
    <View className='contest__schedule'>
      {(Object.keys(STAGE_END_FIELD) as Array<keyof typeof STAGE_END_FIELD>).map((s) => (
        <View key={s} className={`contest__schedule-row${c.stage === s ? ' contest__schedule-row--on' : ''}`}>
          <View>{CONTEST_STAGE_LABELS[s]}截止</View>
          <View>{formatChinaDateTime(c[STAGE_END_FIELD[s]], now)}</View>
        </View>
      ))}
    </View>
  )
}
