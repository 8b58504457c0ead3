import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import { hoursMinutes } from '../../../common/format'
import type { ExpertRecord } from '../../../common/schemas/triage'
import { fetchExpertRecord } from '../../services/triage-followup'


export function recordLine(r: ExpertRecord): string {
  const { solved, partial, unsolved } = r.outcomes
  return `解答需求 ${r.answered} 条 · 中位响应 ${r.medianMinutes === null ? '暂无' : hoursMinutes(r.medianMinutes)} · 回访：解决了 ${solved} / 部分解决 ${partial} / 没有解决 ${unsolved}`
}

/**
 * An expert's record of answering needs, as the platform measures it (every answer to a published
 * need, how long after it was published, and what the farmers said when asked 问题解决了吗).
 * Shown once known; a studio never waits for it.
 */
export function ExpertRecordLine({ expertId, version }: { expertId: number; version: unknown }) {
  const [record, setRecord] = useState<ExpertRecord | null>(null)
  useEffect(() => {
    let live = true
    fetchExpertRecord(expertId)
      .then((r) => live && setRecord(r))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [expertId, version])
  if (!record) return null
  return (
    <View className='studio__record' data-answered={record.answered}>
      <View className='studio__record-title'>解答记录</View>
      <View className='studio__record-line'>{recordLine(record)}</View>
    </View>
  )
}
