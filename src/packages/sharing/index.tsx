import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Image, View } from '@tarojs/components'
import { SHARE_ATTRIBUTION_DAYS } from '../../../common/enums'
import type { Leaderboard, LeaderboardScope, MyShares } from '../../../common/schemas/sharing'
import { PageShell } from '../../components/page-shell'
import { StateView } from '../../components/state-view'
import { useSession } from '../../hooks/useSession'
import { assetUrl, messageOf } from '../../services/http'
import { fetchLeaderboard, fetchMyShares } from '../../services/sharing'
import { LOGIN_URL } from '../../utils/routes'
import { ShareResultsCard } from './results'
import './index.scss'
import { Tappable } from '../../components/tappable'

// 我的传播: what a 智慧科普传播员's sharing achieved (shares, people who opened, registrations that
// followed), their places, and the boards of their county and the province.

const SCOPES: Array<{ key: LeaderboardScope; label: string }> = [
  { key: 'county', label: '本县' },
  { key: 'province', label: '全省' },
]

export default function SharingPage() {
  const user = useSession()
  const [mine, setMine] = useState<MyShares | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [scope, setScope] = useState<LeaderboardScope>('county')
  const [boards, setBoards] = useState<Partial<Record<LeaderboardScope, Leaderboard>>>({})
  const [boardError, setBoardError] = useState<string | null>(null)

  const loadBoard = (which: LeaderboardScope) => {
    setBoardError(null)
    fetchLeaderboard(which)
      .then((b) => setBoards((all) => ({ ...all, [which]: b })))
      .catch((err) => setBoardError(messageOf(err)))
  }
  const load = () => {
    if (!user) return
    setError(null)
    fetchMyShares()
      .then(setMine)
      .catch((err) => setError(messageOf(err)))
    loadBoard(scope)
  }
  // On every show: numbers change while the volunteer is away sharing.
  useDidShow(load)

  const pick = (which: LeaderboardScope) => {
    setScope(which)
    if (!boards[which]) loadBoard(which)
  }

  if (!user) {
    return (
      <PageShell className='sharing'>
        <View className='card'>
          <View className='sharing__intro'>登录后分享文章、信息和工作室，这里会显示有多少人因为您的分享打开和注册。</View>
          <Button className='btn btn--primary sharing__login' onClick={() => Taro.navigateTo({ url: LOGIN_URL })}>
            微信一键登录
          </Button>
        </View>
      </PageShell>
    )
  }

  const board = boards[scope]
  const place = (n: number | null | undefined, where: string) => (n ? `${where}第 ${n} 名` : `${where}暂未上榜`)

  return (
    <PageShell className='sharing'>
      <View className='card sharing__mine'>
        <View className='sharing__title'>我的传播</View>
        {mine ? (
          <>
            <View className='sharing__numbers'>
              <Figure className='sharing__n--shares' n={mine.shares} label='分享' />
              <Figure className='sharing__n--opens' n={mine.opens} label='人打开' />
              <Figure className='sharing__n--registrations' n={mine.registrations} label='人注册' />
            </View>
            <View className='sharing__ranks'>
              <View className='sharing__rank sharing__rank--county'>{place(mine.rank.county, mine.county?.name ?? '本县')}</View>
              <View className='sharing__rank sharing__rank--province'>{place(mine.rank.province, '全省')}</View>
            </View>
          </>
        ) : (
          <StateView state={error ? 'error' : 'loading'} message={error ?? undefined} onRetry={load} rows={1} />
        )}
        <View className='muted sharing__rules'>
          朋友通过您分享的链接、朋友圈或海报打开，算 1 人打开（每人只算一次，自己打开不算）；打开后 {SHARE_ATTRIBUTION_DAYS} 天内注册，算您带来的注册。
        </View>
      </View>

      <ShareResultsCard />

      <View className='sharing__tabs'>
        {SCOPES.map((s) => (
          <Tappable key={s.key} className={`sharing__tab${scope === s.key ? ' sharing__tab--on' : ''}`} data-scope={s.key} pressed={scope === s.key} onClick={() => pick(s.key)}>
            {s.key === 'county' && board?.scope === 'county' && board.region ? board.region.name : s.label}
          </Tappable>
        ))}
      </View>
      <View className='section-title'>智慧科普传播员排行</View>
      {board ? (
        board.items.length ? (
          <View className='card sharing__board'>
            {board.items.map((e) => (
              <View key={`${e.rank}`} className={`sharing__row${e.isMe ? ' sharing__row--me' : ''}`}>
                <View className={`sharing__place${e.rank <= 3 ? ' sharing__place--top' : ''}`}>{e.rank}</View>
                {e.avatarUrl ? (
                  <Image className='sharing__avatar' src={assetUrl(e.avatarUrl)} mode='aspectFill' />
                ) : (
                  <View className='sharing__avatar sharing__avatar--empty'>{e.nickname.slice(0, 1)}</View>
                )}
                <View className='sharing__who'>
                  <View className='sharing__name'>
                    {e.nickname}
                    {e.isMe ? '（我）' : ''}
                  </View>
                  {e.place && <View className='muted'>{e.place}</View>}
                </View>
                <View className='sharing__score'>
                  <View className='sharing__score-reg'>{e.registrations} 注册</View>
                  <View className='muted'>{e.opens} 打开</View>
                </View>
              </View>
            ))}
          </View>
        ) : (
          <View className='card muted sharing__empty'>
            {scope === 'county' && !board.region ? '完善资料选择所在乡镇后，就能看到本县的排行。' : '还没有人上榜，分享一篇文章给群友试试。'}
          </View>
        )
      ) : (
        <StateView state={boardError ? 'error' : 'loading'} message={boardError ?? undefined} onRetry={() => loadBoard(scope)} rows={3} />
      )}
    </PageShell>
  )
}

function Figure({ n, label, className }: { n: number; label: string; className: string }) {
  return (
    <View className={`sharing__n ${className}`}>
      <View className='sharing__n-value'>{n}</View>
      <View className='muted'>{label}</View>
    </View>
  )
}
