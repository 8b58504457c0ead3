import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { DASHBOARD_METRICS, DASHBOARD_METRIC_LABELS, type DashboardMetric } from '../../../../common/enums'
import { addMonths, chinaMonthOf, monthLabel } from '../../../../common/china-time'
import type { Region } from '../../../../common/schemas/regions'
import type { Target, TargetList } from '../../../../common/schemas/dashboard'
import { Chips, optionsOf } from '../../../components/category-chips'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { Tappable } from '../../../components/tappable'
import { ApiRequestError, messageOf } from '../../../services/http'
import { fetchTargets, saveTarget } from '../../../services/dashboard'
import { fetchRegionChildren } from '../../../services/regions'
import { parseTargetValue } from '../shared/format'
import './index.scss'

const METRIC_OPTIONS = optionsOf(DASHBOARD_METRICS, DASHBOARD_METRIC_LABELS)
type State = 'loading' | 'ready' | 'error' | 'forbidden'

// 设置目标 (staff only): a monthly target for an area — the one the dashboard showed, or one of
// the areas right inside it — for one metric. Setting it again replaces it. Below, the targets
// already set there, newest months first; tapping one puts it in the form to change it.
export default function TargetsPage() {
  const router = useRouter()
  const region = router.params.region || undefined
  const thisMonth = chinaMonthOf()
  const [list, setList] = useState<TargetList | null>(null)
  const [children, setChildren] = useState<Region[]>([])
  const [state, setState] = useState<State>('loading')
  const [loadError, setLoadError] = useState('')
  const [regionCode, setRegionCode] = useState<string | null>(null)
  const [metric, setMetric] = useState<DashboardMetric>('registrations')
  const [month, setMonth] = useState(thisMonth)
  const [value, setValue] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const inFlight = useRef(false)

  const load = useCallback(async () => {
    try {
      const next = await fetchTargets({ region })
      setList(next)
      setRegionCode((current) => current ?? next.area.code)
      setState('ready')
      if (next.area.level !== 'township') {
        fetchRegionChildren(next.area.code)
          .then((res) => setChildren(res.children))
          .catch(() => setChildren([]))
      }
    } catch (err) {
      if (err instanceof ApiRequestError && (err.status === 403 || err.status === 401)) setState('forbidden')
      else {
        setLoadError(messageOf(err))
        setState('error')
      }
    }
  }, [region])

  useEffect(() => {
    load()
  }, [load])

  if (state === 'forbidden') {
    return (
      <PageShell className='targets'>
        <View className='card'>仅科协工作人员可用</View>
      </PageShell>
    )
  }
  if (!list) {
    return (
      <PageShell className='targets'>
        <StateView state={state === 'error' ? 'error' : 'loading'} message={loadError || undefined} onRetry={load} />
      </PageShell>
    )
  }

  const regionOptions = [{ key: list.area.code, label: `${list.area.name}（本级）` }, ...children.map((c) => ({ key: c.code, label: c.name }))]
  const monthKeys = Array.from(new Set([...[-1, 0, 1, 2, 3, 4, 5, 6].map((n) => addMonths(thisMonth, n)), month])).sort()
  const monthOptions = monthKeys.map((m) => ({ key: m, label: monthLabel(m, true) }))
  const existing = list.items.find((t) => t.regionCode === regionCode && t.metric === metric && t.month === month)

  const pick = (t: Target) => {
    setRegionCode(t.regionCode)
    setMetric(t.metric)
    setMonth(t.month)
    setValue(String(t.value))
    setError(null)
  }

  const save = async () => {
    const n = parseTargetValue(value)
    if (n === null) return setError('请填写 0–1000000 的整数')
    if (!regionCode || inFlight.current) return
    inFlight.current = true
    setBusy(true)
    setError(null)
    try {
      await saveTarget({ regionCode, metric, month, value: n })
      Taro.showToast({ title: '目标已保存', icon: 'success' })
      await load()
    } catch (err) {
      setError(messageOf(err))
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }

  const items = [...list.items].sort((a, b) => (a.month === b.month ? a.regionCode.localeCompare(b.regionCode) : a.month < b.month ? 1 : -1))

  return (
    <PageShell className='targets'>
      <View className='card targets__form'>
        <View className='targets__area'>{list.area.label}</View>
        <View className='targets__label'>地区</View>
        <Chips options={regionOptions} value={regionCode} onChange={(v) => v && setRegionCode(v)} wrap name='region' />
        <View className='targets__label'>指标</View>
        <Chips options={METRIC_OPTIONS} value={metric} onChange={(v) => v && setMetric(v)} wrap name='metric' />
        <View className='targets__label'>月份</View>
        <Chips options={monthOptions} value={month} onChange={(v) => v && setMonth(v)} wrap name='month' />
        <View className='targets__label'>目标数{existing && <View className='muted targets__existing'>（已设为 {existing.value}，保存将替换）</View>}</View>
        <Input className='targets__value' type='number' maxlength={7} value={value} placeholder='例如 30' onInput={(e) => setValue(e.detail.value)} />
        {error && <View className='error-text targets__error'>{error}</View>}
        <Button className='btn btn--primary targets__save' disabled={busy || undefined} onClick={save}>
          保存目标
        </Button>
      </View>

      <View className='card targets__list'>
        <View className='targets__label'>已设置的目标</View>
        {items.length === 0 && <View className='muted'>还没有设置目标</View>}
        {items.map((t) => (
          <Tappable key={`${t.regionCode}-${t.metric}-${t.month}`} className='row targets-item' onClick={() => pick(t)}>
            <View>
              <View>
                {t.regionLabel} · {DASHBOARD_METRIC_LABELS[t.metric]}
              </View>
              <View className='muted'>{monthLabel(t.month, true)}</View>
            </View>
            <View className='targets-item__value'>{t.value}</View>
          </Tappable>
        ))}
      </View>
    </PageShell>
  )
}
