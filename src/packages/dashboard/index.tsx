import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { DASHBOARD_METRICS, DASHBOARD_METRIC_LABELS, ROLE_LABELS, type DashboardMetric } from '../../../common/enums'
import { monthLabel } from '../../../common/china-time'
import type { Dashboard, DashboardMetricSummary } from '../../../common/schemas/dashboard'
import { PageShell } from '../../components/page-shell'
import { StateView } from '../../components/state-view'
import { useUiPrefs } from '../../hooks/useUiPrefs'
import { ApiRequestError, messageOf } from '../../services/http'
import { fetchDashboard } from '../../services/dashboard'
import { BarChart } from './shared/bar-chart'
import { formatPercent, parentCode, periodLabel, CHILD_LEVEL_LABELS } from './shared/format'
import './index.scss'

type State = 'loading' | 'ready' | 'error' | 'forbidden' | 'signin'

const COLORS = { registrations: '#0b6bcb', posts: '#0b6bcb', responses: '#f9a825', resolved: '#2e7d32' }
const ACTIVITY: DashboardMetric[] = ['posts', 'responses', 'resolved']
const OUTREACH: DashboardMetric[] = ['contest_entries', 'nominations', 'shares', 'share_registrations']
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

// 数据看板: how many people of an area registered (and in which role), what they posted, the
// 对接 that followed, contest entries, nominations and sharing — month by month against the
// targets staff set. A verified chair sees their township; staff start at their whole area and
// tap a township / county / prefecture in the ranking to look inside it. Every number is text on
// the page; the two charts only repeat them as pictures.
export default function DashboardPage() {
  const router = useRouter()
  const { scale, elder } = useUiPrefs()
  const [region, setRegion] = useState<string | undefined>(router.params.region || undefined)
  const [data, setData] = useState<Dashboard | null>(null)
  const [state, setState] = useState<State>('loading')
  const [error, setError] = useState('')
  const [refreshing, setRefreshing] = useState(false)
  const shown = useRef(false)

  const load = useCallback(async () => {
    setRefreshing(true)
    try {
      const next = await fetchDashboard({ region })
      setData(next)
      setState('ready')
    } catch (err) {
      const status = err instanceof ApiRequestError ? err.status : 0
      if (status === 403) setState('forbidden')
      else if (status === 401) setState('signin')
      else if (data) Taro.showToast({ title: messageOf(err), icon: 'none' })
      else {
        setError(messageOf(err))
        setState('error')
      }
    } finally {
      setRefreshing(false)
    }
    // `data` only decides between a toast and the error view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [region])

  useEffect(() => {
    load()
  }, [load])
  // Back from the targets editor: show the targets just set.
  useDidShow(() => {
    if (shown.current) load()
    shown.current = true
  })
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh())
  })

  if (state === 'forbidden' || state === 'signin') {
    return (
      <PageShell className='dashboard'>
        <View className='card dashboard__notice'>
          {state === 'forbidden' ? '数据看板仅供已认证的乡镇科协主席和科协工作人员使用' : '请先登录'}
          {state === 'signin' && (
            <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: '/packages/account/login/index' })}>
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
                  <View className='muted'>
                    目标 {m.target.value} · 完成 {formatPercent(pct)}
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
              <View className='dashboard-table__cell'>{byMetric.registrations.series[i]}</View>
              <View className='dashboard-table__cell'>{regTargets[i] ?? '—'}</View>
              <View className='dashboard-table__cell'>{regTargets[i] === null ? '—' : formatPercent(regTargets[i]! > 0 ? byMetric.registrations.series[i] / regTargets[i]! : null)}</View>
            </View>
          ))}
        </View>
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

      {data.childLevel && data.children.length > 0 && (
        <View className='card dashboard__section dashboard__children'>
          <View className='section-title dashboard__title'>各{CHILD_LEVEL_LABELS[data.childLevel]}注册排名</View>
          <View className='muted'>点一个地区查看它的数据</View>
          {data.children.map((child, i) => (
            <View key={child.code} className='dashboard-child' data-code={child.code} onClick={() => !refreshing && setRegion(child.code)}>
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
            </View>
          ))}
        </View>
      )}
    </PageShell>
  )
}

function MonthTable({ months, metrics, byMetric }: { months: string[]; metrics: DashboardMetric[]; byMetric: Record<DashboardMetric, DashboardMetricSummary> }) {
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
