import { View } from '@tarojs/components'
import type { DashboardMetric } from '../../../common/enums'
import { monthLabel } from '../../../common/china-time'
import type { DashboardMetricSummary } from '../../../common/schemas/dashboard'
import { formatPercent } from './shared/format'

// The dashboard's numbers month by month, as text: the charts above them only repeat these.

const SHORT_LABELS: Record<DashboardMetric, string> = {
  registrations: '注册',
  posts: '发布',
  responses: '对接',
  resolved: '成功',
  contest_entries: '报名',
  nominations: '举荐',
  shares: '分享',
  share_registrations: '带来注册',
}

/** Registrations each month against that month's target (— where none is set). */
export function RegistrationTable({ months, registrations, targets }: { months: string[]; registrations: number[]; targets: Array<number | null> }) {
  return (
    <View className='dashboard-table'>
      <View className='dashboard-table__row dashboard-table__row--head'>
        <View className='dashboard-table__cell'>月份</View>
        <View className='dashboard-table__cell'>注册</View>
        <View className='dashboard-table__cell'>目标</View>
        <View className='dashboard-table__cell'>完成</View>
      </View>
      {months.map((month, i) => (
        <View key={month} className='dashboard-table__row' data-month={month}>
          <View className='dashboard-table__cell'>{monthLabel(month, true)}</View>
          <View className='dashboard-table__cell'>{registrations[i]}</View>
          <View className='dashboard-table__cell'>{targets[i] ?? '—'}</View>
          <View className='dashboard-table__cell'>{targets[i] === null ? '—' : formatPercent(targets[i]! > 0 ? registrations[i] / targets[i]! : null)}</View>
        </View>
      ))}
    </View>
  )
}

/** A few metrics side by side, a row a month and their totals. */
export function MonthTable({ months, metrics, byMetric }: { months: string[]; metrics: DashboardMetric[]; byMetric: Record<DashboardMetric, DashboardMetricSummary> }) {
  return (
    <View className='dashboard-table'>
      <View className='dashboard-table__row dashboard-table__row--head'>
        <View className='dashboard-table__cell'>月份</View>
        {metrics.map((metric) => (
          <View key={metric} className='dashboard-table__cell'>
            {SHORT_LABELS[metric]}
          </View>
        ))}
      </View>
      {months.map((month, i) => (
        <View key={month} className='dashboard-table__row' data-month={month}>
          <View className='dashboard-table__cell'>{monthLabel(month, true)}</View>
          {metrics.map((metric) => (
            <View key={metric} className='dashboard-table__cell' data-metric={metric}>
              {byMetric[metric].series[i]}
            </View>
          ))}
        </View>
      ))}
      <View className='dashboard-table__row dashboard-table__row--total'>
        <View className='dashboard-table__cell'>合计</View>
        {metrics.map((metric) => (
          <View key={metric} className='dashboard-table__cell'>
            {byMetric[metric].total}
          </View>
        ))}
      </View>
    </View>
  )
}
