import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Picker, View } from '@tarojs/components'
import { addMonths, chinaMonthOf, isMonth, monthLabel } from '../../../../common/china-time'
import type { Figures, TriageFigures } from '../../../../common/schemas/triage'
import { PageShell } from '../../../components/page-shell'
import { failureOf, StateView, type LoadFailure } from '../../../components/state-view'
import { Tappable } from '../../../components/tappable'
import { useReloadOnShow } from '../../../hooks/useReloadOnShow'
import { messageOf } from '../../../services/http'
import { fetchTriageFigures, figuresPath } from '../../../services/triage'
import { hoursMinutes, OUTCOME_LABELS, percent } from '../shared/format'
import { refusalOf, TriageNotice, type Refusal } from '../shared/notice'
import './index.scss'

/** How many months back the picker offers. */
const MONTHS_BACK = 24

// 分诊数据: how fast and how well an area answers its needs in a month (China time) — needs,
// answered, the median time to the first answer, the share answered within 48 hours, the share
// resolved, what farmers said when asked 问题解决了吗 — the areas below it (tap one to look inside),
// and the month's ranking of the counties. Opened as ?region=&month= (both optional: the viewer's
// own area, this month).
export default function TriageFiguresPage() {
  const { params } = useRouter()
  const region = params.region || undefined
  const [month, setMonth] = useState<string | undefined>(isMonth(params.month) ? params.month : undefined)
  // The newest month on offer: the server's "this month" once it has answered without one.
  const [latest, setLatest] = useState(() => chinaMonthOf(Date.now()))
  const [data, setData] = useState<TriageFigures | null>(null)
  const [failure, setFailure] = useState<LoadFailure | null>(null)
  const [refusal, setRefusal] = useState<Refusal | null>(null)
  const [busy, setBusy] = useState(false)
  const asked = useRef(0)

  const load = useCallback(async () => {
    const id = ++asked.current
    setBusy(true)
    try {
      const next = await fetchTriageFigures({ region, month })
      if (id !== asked.current) return
      if (!month) setLatest(next.month)
      setData(next)
      setFailure(null)
    } catch (err) {
      if (id !== asked.current) return
      const refused = refusalOf(err)
      if (refused) setRefusal(refused)
      else if (data) Taro.showToast({ title: messageOf(err), icon: 'none' })
      else setFailure(failureOf(err))
    } finally {
      if (id === asked.current) setBusy(false)
    }
    // `data` only decides between a toast and the failure view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [region, month])
  useEffect(() => {
    load()
  }, [load])
  useReloadOnShow(load, { skipFirst: true })

  if (refusal) {
    return (
      <PageShell className='triage-figures'>
        <TriageNotice refusal={refusal} forbidden='仅科协工作人员、科服保姆和已认证的乡镇科协主席可以查看本辖区的分诊数据' />
      </PageShell>
    )
  }
  if (!data) {
    return (
      <PageShell className='triage-figures'>
        <StateView state={failure?.state ?? 'loading'} message={failure?.message} onRetry={load} />
      </PageShell>
    )
  }

  const shown = data.month
  const months = Array.from({ length: MONTHS_BACK }, (_, i) => addMonths(latest, -i))
  const at = Math.max(0, months.indexOf(shown))
  const f = data.figures
  return (
    <PageShell className='triage-figures'>
      <View className='card triage-figures__head'>
        <View className='triage-figures__area'>{data.region.name}</View>
        <View className='triage-figures__months'>
          {/* Only the months on offer (a disabled button on H5 loses its words); a tap while loading is ignored. */}
          {shown > months[months.length - 1] ? (
            <Button className='btn btn--plain triage-figures__prev' onClick={() => !busy && setMonth(addMonths(shown, -1))}>
              ‹ 上月
            </Button>
          ) : (
            <View className='triage-figures__nav-none' />
          )}
          <Picker mode='selector' range={months.map((m) => monthLabel(m, true))} value={at} onChange={(e) => setMonth(months[Number(e.detail.value)])}>
            <View className='triage-figures__month' data-month={shown}>
              {monthLabel(shown, true)} ▾
            </View>
          </Picker>
          {shown < latest ? (
            <Button className='btn btn--plain triage-figures__next' onClick={() => !busy && setMonth(addMonths(shown, 1))}>
              下月 ›
            </Button>
          ) : (
            <View className='triage-figures__nav-none' />
          )}
        </View>
        {busy && <View className='muted'>正在更新…</View>}
      </View>

      <View className='triage-figures__tiles'>
        <Tile name='needs' label='发布的需求' value={String(f.needs)} />
        <Tile name='answered' label='得到回应' value={String(f.answered)} />
        <Tile name='median' label='首次回应（中位）' value={hoursMinutes(f.medianFirstResponseMinutes)} />
        <Tile name='within48h' label='48 小时内回应' value={percent(f.answeredWithin48h)} />
        <Tile name='resolved' label='已解决' value={percent(f.resolved)} />
      </View>

      <View className='card triage-figures__outcomes'>
        <View className='triage-figures__title'>回访：问题解决了吗？</View>
        {(['solved', 'partial', 'unsolved'] as const).map((o) => (
          <View key={o} className={`row triage-figures__outcome triage-figures__outcome--${o}`}>
            <View>{OUTCOME_LABELS[o]}</View>
            <View className='triage-figures__count'>{f.outcomes[o]}</View>
          </View>
        ))}
      </View>

      {data.children.length > 0 && (
        <View className='card triage-figures__children'>
          <View className='triage-figures__title'>下辖地区</View>
          <View className='muted'>点一个地区查看它的数据</View>
          {data.children.map((child) => (
            <Tappable
              key={child.region.code}
              role='link'
              className='triage-area'
              data-code={child.region.code}
              onClick={() => Taro.navigateTo({ url: figuresPath({ region: child.region.code, month: shown }) })}
            >
              <View className='triage-area__main'>
                <View className='triage-area__name'>{child.region.name}</View>
                <AreaLine figures={child.figures} />
              </View>
              <View className='muted' aria-hidden='true'>
                ›
              </View>
            </Tappable>
          ))}
        </View>
      )}

      {data.ranking.length > 0 && (
        <View className='card triage-figures__ranking'>
          <View className='triage-figures__title'>{monthLabel(shown, true)}县区排名</View>
          <View className='muted'>先比 48 小时内回应的比例，再比首次回应的中位时间，再比解决的比例</View>
          {data.ranking.filter((r) => r.figures.needs > 0).map((r) => (
            <View key={r.region.code} className={`triage-rank${r.region.code === data.region.code ? ' triage-rank--self' : ''}`} data-code={r.region.code}>
              <View className='triage-rank__no'>{r.rank}</View>
              <View className='triage-area__main'>
                <View className='triage-area__name'>{r.region.name}</View>
                <AreaLine figures={r.figures} />
              </View>
            </View>
          ))}
          {/* The province has 183 counties: those without a need that month are counted, not listed. */}
          {data.ranking.some((r) => !r.figures.needs) && (
            <View className='muted triage-figures__quiet'>另有 {data.ranking.filter((r) => !r.figures.needs).length} 个县区当月没有需求</View>
          )}
        </View>
      )}
    </PageShell>
  )
}

function Tile({ name, label, value }: { name: string; label: string; value: string }) {
  return (
    <View className={`triage-tile triage-tile--${name}`} data-figure={name}>
      <View className='triage-tile__label'>{label}</View>
      <View className='triage-tile__value'>{value}</View>
    </View>
  )
}

/** One area's figures on a line: needs · within 48 h · median · resolved. */
function AreaLine({ figures: f }: { figures: Figures }) {
  if (!f.needs) return <View className='muted triage-area__figures'>当月没有需求</View>
  return (
    <View className='muted triage-area__figures'>
      需求 {f.needs} · 回应 {f.answered} · 48小时内 {percent(f.answeredWithin48h)} · 中位 {hoursMinutes(f.medianFirstResponseMinutes)} · 解决 {percent(f.resolved)}
    </View>
  )
}
