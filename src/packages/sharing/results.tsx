import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { ShareTarget } from '../../../common/enums'
import { monthLabel } from '../../../common/china-time'
import type { ShareResults } from '../../../common/schemas/sharing'
import { articlePath } from '../../components/article-card'
import { StateView } from '../../components/state-view'
import { Tappable } from '../../components/tappable'
import { contestPath, talentPath } from '../../services/contests'
import { messageOf } from '../../services/http'
import { listingPath } from '../../services/listings'
import { fetchMyShareResults } from '../../services/sharing'
import { studioPath } from '../../services/studios'

// 每篇的效果 and 每月: which shared articles the volunteer's groups opened and registered from, and
// how each of the last six months went. Read on every show, like the totals above it.

const PATHS: Record<ShareTarget, (id: number) => string> = {
  article: articlePath,
  listing: listingPath,
  studio: studioPath,
  contest: contestPath,
  talent: talentPath,
}
const KINDS: Record<ShareTarget, string> = { article: '文章', listing: '信息', studio: '工作室', contest: '大赛', talent: '人才' }

export function ShareResultsCard() {
  const [results, setResults] = useState<ShareResults | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = () => {
    setError(null)
    fetchMyShareResults()
      .then(setResults)
      .catch((err) => setError(messageOf(err)))
  }
  useDidShow(load)

  if (!results) return <StateView state={error ? 'error' : 'loading'} message={error ?? undefined} onRetry={load} rows={2} />
  return (
    <>
      <View className='section-title'>每篇的效果</View>
      {results.pages.length ? (
        <View className='card sharing__pages'>
          {results.pages.map((p) => (
            <Tappable key={`${p.target}-${p.targetId}`} role='link' className='sharing__page' onClick={() => Taro.navigateTo({ url: PATHS[p.target](p.targetId) })}>
              <View className='sharing__page-title'>
                <View className='tag sharing__page-kind'>{KINDS[p.target]}</View>
                {p.title}
              </View>
              <View className='muted sharing__page-numbers'>
                {p.opens} 人打开 · {p.registrations} 人注册
              </View>
            </Tappable>
          ))}
        </View>
      ) : (
        <View className='card muted sharing__empty'>还没有分享过。打开一篇文章，点“分享给群友”试试。</View>
      )}
      <View className='section-title'>每月</View>
      <View className='card sharing__months'>
        {results.months.map((m) => (
          <View key={m.month} className='row sharing__month' data-month={m.month}>
            <View>{monthLabel(m.month, true)}</View>
            <View className='sharing__month-numbers'>
              {m.opens} 人打开 · {m.registrations} 人注册
            </View>
          </View>
        ))}
      </View>
    </>
  )
}
