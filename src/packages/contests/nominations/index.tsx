import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { NOMINATION_STATUS_LABELS } from '../../../../common/enums'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useSession } from '../../../hooks/useSession'
import { useReloadOnShow } from '../../../hooks/useReloadOnShow'
import { messageOf } from '../../../services/http'
import { fetchMyNominations, withdrawNomination, type MyNominations } from '../../../services/contests'
import { relativeDate } from '../../../../common/china-time'
import { REACHED_LABELS } from '../components/labels'
import { awardText } from '../../../../common/rules'
import { ContestLink, NominationAction } from '../components/nomination-row'
import { SignInGate } from '../../../components/sign-in-gate'
import '../components/common.scss'
import './index.scss'

// 我的举荐: every 举荐 a chair made, whether the person confirmed, and how far they got — what a
// chair reports to the county. A pending one can be withdrawn.
export default function MyNominationsPage() {
  const user = useSession()
  const [data, setData] = useState<MyNominations | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = async () => {
    setError(null)
    try {
      setData(await fetchMyNominations())
    } catch (err) {
      setError(messageOf(err))
    }
  }
  useReloadOnShow(load, { when: !!user })

  if (!user) {
    return (
      <PageShell className='nominations'>
        <SignInGate className='contest-gate' textClassName='contest-gate__text' login='登录后查看您的举荐' />
      </PageShell>
    )
  }
  if (!data) {
    return (
      <PageShell className='nominations'>
        <StateView state={error ? 'error' : 'loading'} message={error ?? undefined} onRetry={load} />
      </PageShell>
    )
  }

  const s = data.summary
  return (
    <PageShell className='nominations'>
      <View className='card nominations__summary'>
        <Count n={s.total} label='举荐人数' name='total' />
        <Count n={s.pending} label='待确认' name='pending' />
        <Count n={s.confirmed} label='已参赛' name='confirmed' />
        <Count n={s.declined} label='婉拒' name='declined' />
        <Count n={s.reachedFinal} label='进入决赛' name='final' />
        <Count n={s.awarded} label='获奖' name='awarded' />
      </View>

      {data.items.length === 0 ? (
        <View className='card'>
          <StateView state='empty' message='您还没有举荐过人才。打开一项正在报名的比赛，点“举荐人才”。' />
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: '/packages/contests/index' })}>
            去看比赛
          </Button>
        </View>
      ) : (
        data.items.map((n) => (
          <View key={n.id} className='card nomination' data-id={n.id}>
            <View className='nomination__head'>
              <View className='nomination__name'>{n.nomineeName}</View>
              <View className={`nomination__status nomination__status--${n.status}`}>{NOMINATION_STATUS_LABELS[n.status]}</View>
            </View>
            <View className='muted'>
              {n.regionName}
              {n.nomineePhoneMasked ? ` · ${n.nomineePhoneMasked}` : ''}
            </View>
            <ContestLink className='nomination__contest' contestId={n.contestId} contestName={n.contestName} />
            <View className='muted nomination__reason'>举荐理由：{n.reason}</View>
            {n.entry && (
              <View className='contest-tags nomination__progress'>
                <View className='contest-tag contest-tag--mine'>{REACHED_LABELS[n.entry.stageReached]}</View>
                {awardText(n.entry.award, n.entry.awardName, n.entry.popularAward) && (
                  <View className='contest-tag contest-tag--award'>{awardText(n.entry.award, n.entry.awardName, n.entry.popularAward)}</View>
                )}
              </View>
            )}
            {n.status === 'pending' && !n.hasAccount && (
              <View className='muted nomination__hint'>请提醒对方打开天府科技云（新用户注册时乡镇选本乡镇），绑定这个手机号，再到“我的 → 举荐邀请”里确认。</View>
            )}
            <View className='muted'>{relativeDate(n.createdAt)}举荐</View>
            {n.status === 'pending' && (
              <NominationAction
                className='btn btn--danger nomination__withdraw'
                ask={{
                  title: '撤回举荐',
                  content: `撤回对 ${n.nomineeName} 的举荐吗？撤回后对方不会再收到邀请。`,
                  confirmText: '撤回',
                  cancelText: '不撤回',
                }}
                run={() => withdrawNomination(n.id)}
                done='已撤回'
                reload={load}
              >
                撤回举荐
              </NominationAction>
            )}
          </View>
        ))
      )}
    </PageShell>
  )
}

function Count({ n, label, name }: { n: number; label: string; name: string }) {
  return (
    <View className={`nominations__count nominations__count--${name}`}>
      <View className='nominations__count-n'>{n}</View>
      <View className='muted'>{label}</View>
    </View>
  )
}
