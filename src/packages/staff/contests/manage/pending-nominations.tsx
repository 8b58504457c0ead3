import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import { formatChinaDate } from '../../../../../common/china-time'
import type { StaffNominationList } from '../../../../../common/schemas/nominations-staff'
import { messageOf } from '../../../../services/http'
import { fetchPendingNominations } from '../../../../services/contests'

// 举荐 waiting for the nominee's answer: they are not entrants until the person confirms, so the
// entrant count alone read "0 人参赛" while chairs had put people forward. Staff see who was put
// forward, by which chair, and since when, to ask the chair to follow up.
export function PendingNominations({ contestId, reloadKey }: { contestId: number; reloadKey?: unknown }) {
  const [list, setList] = useState<StaffNominationList | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    fetchPendingNominations(contestId)
      .then((l) => live && (setList(l), setError(null)))
      .catch((err) => live && setError(messageOf(err)))
    return () => {
      live = false
    }
  }, [contestId, reloadKey])

  if (error) return <View className='muted staff-nominations__error'>待确认的举荐没有加载成功：{error}</View>
  if (!list || list.pending === 0) return null
  return (
    <View className='staff-nominations'>
      <View className='section-title staff-nominations__title'>待本人确认的举荐（{list.pending} 人）</View>
      <View className='muted staff-nominations__hint'>被举荐的人确认后才算参赛；长时间没有确认的，可以请举荐的主席提醒本人。</View>
      {list.items.map((n) => (
        <View key={n.id} className='card staff-nomination' data-id={n.id}>
          <View className='staff-nomination__name'>
            {n.nomineeName}
            {n.nomineePhoneMasked ? <View className='muted staff-nomination__phone'>{n.nomineePhoneMasked}</View> : null}
          </View>
          <View className='muted'>{n.regionName}</View>
          <View className='staff-nomination__by'>
            举荐人：{n.nominatorName}
            {n.nominatorTownship ? `（${n.nominatorTownship}）` : ''} · {formatChinaDate(n.createdAt)}
          </View>
          <View className='staff-nomination__reason'>{n.reason}</View>
        </View>
      ))}
    </View>
  )
}
