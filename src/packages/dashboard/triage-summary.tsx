import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { hoursMinutes } from '../../../common/format'
import type { TriageFigures } from '../../../common/schemas/triage'
import { fetchTriageFigures, figuresPath } from '../../services/triage'

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`)

/**
 * 科服保姆 on the dashboard: this month's answer to "does every need of this area get an answer, in
 * time, and did it help" — the figures 分诊数据 shows in full, with the county ranking behind the
 * button. Hidden when the server does not let this viewer read them for this area.
 */
export function TriageSummary({ region }: { region: string }) {
  const [data, setData] = useState<TriageFigures | null>(null)
  useEffect(() => {
    let live = true
    setData(null)
    fetchTriageFigures({ region })
      .then((next) => live && setData(next))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [region])
  if (!data) return null
  const f = data.figures
  return (
    <View className='card dashboard__triage-summary' data-region={data.region.code}>
      <View className='dashboard__triage-title'>本月需求回应（科服保姆）</View>
      <View className='dashboard__triage-figures'>
        需求 {f.needs} · 已回应 {f.answered} · 48小时内回应 {percent(f.answeredWithin48h)} · 首次回应中位 {hoursMinutes(f.medianFirstResponseMinutes)} · 已解决 {percent(f.resolved)}
      </View>
      <View className='muted'>
        回访：解决了 {f.outcomes.solved} · 部分解决 {f.outcomes.partial} · 没有解决 {f.outcomes.unsolved}
      </View>
      <Button className='btn btn--plain dashboard__triage' onClick={() => Taro.navigateTo({ url: figuresPath({ region: data.region.code }) })}>
        分诊数据与县区排名
      </Button>
    </View>
  )
}
