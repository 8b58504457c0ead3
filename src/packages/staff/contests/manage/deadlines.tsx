import { Picker, View } from '@tarojs/components'
import { DEADLINE_FIELDS } from '../../../../../common/rules'
import { CONTEST_STAGE_LABELS } from '../../../contests/components/labels'
import type { DeadlineKey, PickedTime } from './use-contest-form'

const LABELS: Record<DeadlineKey, string> = {
  signupEndsAt: `${CONTEST_STAGE_LABELS.signup}截止`,
  preliminaryEndsAt: `${CONTEST_STAGE_LABELS.preliminary}截止`,
  semifinalEndsAt: `${CONTEST_STAGE_LABELS.semifinal}截止`,
  finalEndsAt: `${CONTEST_STAGE_LABELS.final}截止`,
}

/** Each stage's end as a date and a time, China wall clock, in the order they must fall. */
export function Deadlines({ value, onChange }: { value: Record<DeadlineKey, PickedTime>; onChange: (dates: Record<DeadlineKey, PickedTime>) => void }) {
  const set = (key: DeadlineKey, patch: Partial<PickedTime>) => onChange({ ...value, [key]: { ...value[key], ...patch } })
  return (
    <>
      {DEADLINE_FIELDS.map((key) => (
        <View key={key} className='staff-form__date-row' data-deadline={key}>
          <View className='staff-form__date-label'>{LABELS[key]}</View>
          <Picker mode='date' value={value[key].date} onChange={(e) => set(key, { date: String(e.detail.value) })}>
            <View className='staff-form__picker staff-form__date'>{value[key].date}</View>
          </Picker>
          <Picker mode='time' value={value[key].time} onChange={(e) => set(key, { time: String(e.detail.value) })}>
            <View className='staff-form__picker staff-form__time'>{value[key].time}</View>
          </Picker>
        </View>
      ))}
    </>
  )
}
