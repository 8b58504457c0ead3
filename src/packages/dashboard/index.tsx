import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { DASHBOARD_METRICS, DASHBOARD_METRIC_LABELS, ROLE_LABELS, type DashboardMetric } from '../../../common/enums'
import { monthLabel } from '../../../common/china-time'
import type { DashboardMetricSummary } from '../../../common/schemas/dashboard'
import { PageShell } from '../../components/page-shell'
import { StateView } from '../../components/state-view'
import { Tappable } from '../../components/tappable'
import { useUiPrefs } from '../../hooks/useUiPrefs'
import { LOGIN_URL } from '../../utils/routes'
import { fetchTriageMe } from '../../services/triage'
import { TriageSummary } from './triage-summary'
import { MonthTable, RegistrationTable } from './month-tables'
import { BarChart } from './shared/bar-chart'
import { formatPercent, monthsLabel, parentCode, periodLabel, CHILD_LEVEL_LABELS } from './shared/format'
import { PeopleList } from './people-list'
import { ExportButtons } from './export-buttons'
import { useDashboard } from './use-dashboard'
import './index.scss'

const COLORS = { registrations: '#0b6bcb', posts: '#0b6bcb', responses: '#f9a825', resolved: '#2e7d32' }
const ACTIVITY: DashboardMetric[] = ['posts', 'responses', 'resolved']
const OUTREACH: DashboardMetric[] = ['contest_entries', 'nominations', 'shares', 'share_registrations']

// 数据看板: how many people of an area registered (and in which role), what they posted, the
// 对接 that followed, contest entries, nominations and sharing — month by month against the
// targets staff set. A verified chair sees their township; staff start at their whole area and
// tap a township / county / prefecture in the ranking to look inside it. Every number is text on
// the page; the two charts only repeat them as pictures.
export default function DashboardPage() {
  const { scale, elder } = useUiPrefs()
  const { data, state, error, refreshing, load, setRegion } = useDashboard()
  // 科服保姆 figures (how fast and how well the area answers its needs): offered where the server says they may be read.
  const [triageFigures, setTriageFigures] = useState(false)
  useEffect(() => {
    fetchTriageMe()
      .then((me) => setTriageFigures(me.figures))
      .catch(() => undefined)
  }, [])

  if (state === 'forbidden' || state === 'signin') {
    return (
      <PageShell className='dashboard'>
        <View className='card dashboard__notice'>
          {state === 'forbidden' ? '数据看板仅供已认证的乡镇科协主席和科协工作人员使用' : '请先登录'}
          {state === 'signin' && (
            <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: LOGIN_URL })}>
              微信一键登录
            </Button>
          )}
        </View>
      </PageShell>
    )
  }
  if (!data) {
    return (
      <PageShell className='dashboard'>
        <StateView state={state === 'error' ? 'error' : 'loading'} message={error || undefined} onRetry={load} />
      </PageShell>
    )
  }

  const { area, scope, months } = data
  const byMetric = Object.fromEntries(data.metrics.map((m) => [m.metric, m])) as Record<DashboardMetric, DashboardMetricSummary>
  const monthTargets = (metric: DashboardMetric) => months.map((m) => data.targets.find((t) => t.month === m && t.metric === metric)?.value ?? null)
  const regTargets = monthTargets('registrations')
  const labels = months.map((m) => monthLabel(m))
  const up = area.code !== scope.code ? parentCode(area.code) : null
  const roleMax = Math.max(1, ...data.registrationsByRole.map((r) => r.count))
  const fontSize = Math.round((elder ? 13 : 11) * scale)

  return (
    <PageShell className='dashboard'>
      <View className='card dashboard__head'>
        <View className='dashboard__area'>{area.label}</View>
        <View className='muted dashboard__period'>
          {periodLabel(months)} · 累计注册 <View className='dashboard__to-date'>{data.registeredToDate}</View> 人
        </View>
        {(up || data.canEditTargets) && (
          <View className='dashboard__actions'>
            {up && (
              <Button className='btn btn--plain dashboard__up' disabled={refreshing || undefined} onClick={() => setRegion(up)}>
                返回上一级
              </Button>
            )}
            {data.canEditTargets && (
              <Button className='btn btn--plain dashboard__targets' onClick={() => Taro.navigateTo({ url: `/packages/dashboard/targets/index?region=${area.code}` })}>
                设置目标
              </Button>
            )}
          </View>
        )}
        {triageFigures && <TriageSummary region={area.code} />}
        <ExportButtons region={area.code} from={months[0]} to={months[months.length - 1]} name={area.name} />
        {refreshing && <View className='muted'>正在更新…</View>}
      </View>

      <View className='dashboard__tiles'>
        {DASHBOARD_METRICS.map((metric) => {
          const m = byMetric[metric]
          const pct = m.target?.progress ?? null
          return (
            <View key={metric} className={`dashboard-tile dashboard-tile--${metric}`} data-metric={metric}>
              <View className='dashboard-tile__label'>{DASHBOARD_METRIC_LABELS[metric]}</View>
              <View className='dashboard-tile__value'>{m.total}</View>
              {m.target && (
                <View className='dashboard-tile__target'>
                  {/* The target may cover only some months of the period: say which, and what was done in them. */}
                  <View className='muted dashboard-tile__target-period'>
                    <Text className='dashboard-tile__nowrap'>{monthsLabel(data.targets.filter((t) => t.metric === metric).map((t) => t.month), false)}</Text>
                    <Text className='dashboard-tile__nowrap'>目标 {m.target.value}</Text>
                  </View>
                  <View className='muted dashboard-tile__target-done'>
                    其间完成 {m.target.actual} · {formatPercent(pct)}
                  </View>
                  <View className='progress'>
                    <View className={`progress__bar${pct !== null && pct >= 1 ? ' progress__bar--done' : ''}`} style={{ width: `${Math.min(100, Math.round((pct ?? 1) * 100))}%` }} />
                  </View>
                </View>
              )}
            </View>
          )
        })}
      </View>

      <View className='card dashboard__section dashboard__registrations'>
        <View className='section-title dashboard__title'>每月注册人数</View>
        <BarChart id='chart-registrations' labels={labels} fontSize={fontSize} series={[{ label: '注册人数', color: COLORS.registrations, values: byMetric.registrations.series }]} targets={regTargets} />
        <RegistrationTable months={months} registrations={byMetric.registrations.series} targets={regTargets} />
      </View>

      <View className='card dashboard__section dashboard__activity'>
        <View className='section-title dashboard__title'>所能所需与对接</View>
        <BarChart
          id='chart-activity'
          labels={labels}
          fontSize={fontSize}
          series={ACTIVITY.map((metric) => ({ label: DASHBOARD_METRIC_LABELS[metric], color: COLORS[metric as keyof typeof COLORS], values: byMetric[metric].series }))}
        />
        <MonthTable months={months} metrics={ACTIVITY} byMetric={byMetric} />
      </View>

      <View className='card dashboard__section dashboard__outreach'>
        <View className='section-title dashboard__title'>大赛与分享</View>
        <MonthTable months={months} metrics={OUTREACH} byMetric={byMetric} />
      </View>

      <View className='card dashboard__section dashboard__roles'>
        <View className='section-title dashboard__title'>新注册的身份</View>
        {data.registrationsByRole.map((r) => (
          <View key={r.role} className='dashboard-role' data-role={r.role}>
            <View className='dashboard-role__name'>{ROLE_LABELS[r.role]}</View>
            <View className='dashboard-role__track'>
              <View className='dashboard-role__bar' style={{ width: `${Math.round((r.count / roleMax) * 100)}%` }} />
            </View>
            <View className='dashboard-role__count'>{r.count}</View>
          </View>
        ))}
      </View>

      <PeopleList region={area.code} from={months[0]} to={months[months.length - 1]} />

      {data.childLevel && data.children.length > 0 && (
        <View className='card dashboard__section dashboard__children'>
          <View className='section-title dashboard__title'>各{CHILD_LEVEL_LABELS[data.childLevel]}注册排名</View>
          <View className='muted'>点一个地区查看它的数据</View>
          {data.children.map((child, i) => (
            <Tappable key={child.code} className='dashboard-child' data-code={child.code} disabled={refreshing} onClick={() => setRegion(child.code)}>
              <View className='dashboard-child__rank'>{i + 1}</View>
              <View className='dashboard-child__main'>
                <View className='dashboard-child__name'>{child.name}</View>
                {child.target !== null && (
                  <View className='muted dashboard-child__target'>
                    目标 {child.target} · 完成 {formatPercent(child.progress)}
                  </View>
                )}
              </View>
              <View className='dashboard-child__count'>{child.registrations} 人</View>
              <View className='muted'>›</View>
            </Tappable>
          ))}
        </View>
      )}
    </PageShell>
  )
}
