import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { NOMINATION_STATUS_LABELS } from '../../../../common/enums'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useDraft } from '../../../hooks/useDraft'
import { useSession } from '../../../hooks/useSession'
import { useReloadOnShow } from '../../../hooks/useReloadOnShow'
import { messageOf } from '../../../services/http'
import {
  confirmNomination,
  contestPath,
  declineNomination,
  fetchContest,
  fetchReceivedNominations,
  type ContestDetail,
  type ReceivedNomination,
} from '../../../services/contests'
import { formatDeadline } from '../../../../common/china-time'
import { isSignupOpen } from '../../../../common/rules'
import { DoneCard } from '../../../components/done-card'
import { EntryForm, emptyEntry, entryFields, validateEntry, type EntryDraft } from '../components/entry-form'
import { ContestLink, NominationAction } from '../components/nomination-row'
import { SignInGate } from '../../../components/sign-in-gate'
import { useFormSubmit } from '../components/use-form-submit'
import '../components/common.scss'
import './index.scss'

// 举荐邀请: what township chairs have put this person forward for. 确认参赛 asks for the project
// (the township is the nomination's) and creates the entry; 婉拒 says no. A person nominated by
// phone sees it here once they registered and bound that phone.
export default function ReceivedPage() {
  const { params } = useRouter()
  const focus = Number(params.id) || null
  const user = useSession()
  const [items, setItems] = useState<ReceivedNomination[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [confirming, setConfirming] = useState<number | null>(focus)
  const [done, setDone] = useState<ReceivedNomination | null>(null)

  const load = async () => {
    setError(null)
    try {
      setItems(await fetchReceivedNominations())
    } catch (err) {
      setError(messageOf(err))
    }
  }
  useReloadOnShow(load, { when: !!user?.registered })

  if (!user?.registered) {
    return (
      <PageShell className='received'>
        <SignInGate className='contest-gate' textClassName='contest-gate__text' user={user} login='登录后查看乡镇科协主席对您的举荐' profile='请先完善资料（昵称和所在乡镇），再来确认举荐' />
      </PageShell>
    )
  }

  if (done) {
    return (
      <PageShell className='received'>
        <DoneCard title='已确认参赛' titleClassName='received__done' text={`您已报名“${done.contestName}”。比赛的进展会显示在比赛页面和“我的参赛”里。`}>
          <Button className='btn btn--primary' onClick={() => Taro.redirectTo({ url: contestPath(done.contestId) })}>
            查看比赛
          </Button>
        </DoneCard>
      </PageShell>
    )
  }

  if (!items) {
    return (
      <PageShell className='received'>
        <StateView state={error ? 'error' : 'loading'} message={error ?? undefined} onRetry={load} rows={2} />
      </PageShell>
    )
  }

  const open = confirming ? items.find((n) => n.id === confirming && n.status === 'pending') : undefined
  if (open) {
    return (
      <PageShell className='received'>
        <ConfirmForm
          key={open.id}
          nomination={open}
          onCancel={() => setConfirming(null)}
          onDone={() => {
            setDone(open)
            load()
          }}
        />
      </PageShell>
    )
  }

  const pending = items.filter((n) => n.status === 'pending')
  const history = items.filter((n) => n.status !== 'pending')
  return (
    <PageShell className='received'>
      {pending.length === 0 && (
        <View className='card received__empty'>
          <StateView state='empty' message='暂时没有待确认的举荐' />
          <View className='muted'>
            乡镇科协主席用手机号举荐您的话，请在“我的 → 编辑资料”绑定同一个手机号，举荐就会出现在这里。
          </View>
        </View>
      )}
      {pending.map((n) => (
        <View key={n.id} className='card invite' data-id={n.id}>
          <View className='invite__who'>
            {n.nominatorTownship}科协主席 {n.nominatorName} 举荐您参加
          </View>
          <ContestLink className='invite__contest' contestId={n.contestId} contestName={n.contestName} />
          <View className='invite__reason'>举荐理由：{n.reason}</View>
          <View className='invite__actions'>
            <Button className='btn btn--primary invite__confirm' onClick={() => setConfirming(n.id)}>
              确认参赛
            </Button>
            <NominationAction
              className='btn btn--plain invite__decline'
              ask={{
                title: '婉拒举荐',
                content: `婉拒 ${n.nominatorName} 的举荐，不参加“${n.contestName}”吗？`,
                confirmText: '婉拒',
                cancelText: '再想想',
              }}
              run={() => declineNomination(n.id)}
              done='已婉拒'
              reload={load}
            >
              婉拒
            </NominationAction>
          </View>
        </View>
      ))}
      {history.length > 0 && (
        <View className='received__history'>
          <View className='section-title'>已处理</View>
          {history.map((n) => (
            <View key={n.id} className='card invite invite--done' data-id={n.id}>
              <ContestLink className='invite__contest' contestId={n.contestId} contestName={n.contestName} />
              <View className='muted'>
                {n.nominatorTownship}科协主席 {n.nominatorName} 举荐
              </View>
              <View className='invite__status'>{NOMINATION_STATUS_LABELS[n.status]}</View>
            </View>
          ))}
        </View>
      )}
    </PageShell>
  )
}

/** The project form for confirming one nomination, with its own draft. */
function ConfirmForm({ nomination: n, onCancel, onDone }: { nomination: ReceivedNomination; onCancel: () => void; onDone: () => void }) {
  const [contest, setContest] = useState<ContestDetail | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [form, update, clearDraft] = useDraft<EntryDraft>(`nomination-confirm.${n.id}`, emptyEntry())
  const { errors, notice, saving, submit } = useFormSubmit()
  const [uploading, setUploading] = useState(false)
  const latest = useRef(form)
  latest.current = form

  const load = () => {
    setLoadError(null)
    fetchContest(n.contestId)
      .then(setContest)
      .catch((err) => setLoadError(messageOf(err)))
  }
  useEffect(load, [n.contestId])

  if (!contest) {
    return <StateView state={loadError ? 'error' : 'loading'} message={loadError ?? undefined} onRetry={load} rows={3} />
  }
  if (!contest.signupOpen || !isSignupOpen(contest, Date.now())) {
    return (
      <View className='card contest-gate'>
        <View className='contest-gate__text'>“{contest.name}”报名已截止，不能再确认参赛。</View>
        <Button className='btn btn--plain' onClick={onCancel}>
          返回
        </Button>
      </View>
    )
  }

  const send = () =>
    submit(
      () => validateEntry(form, { needRegion: false, uploading }),
      async () => {
        await confirmNomination(n.id, entryFields(form))
        clearDraft()
        onDone()
      },
    )

  return (
    <View className='confirm'>
      <View className='card'>
        <View className='invite__who'>确认参加“{contest.name}”</View>
        <View className='muted'>
          {n.nominatorTownship}科协主席 {n.nominatorName} 举荐了您。填写您的项目，提交后即完成报名。{formatDeadline(contest.signupEndsAt)}。
        </View>
      </View>
      <EntryForm
        value={form}
        update={update}
        latestPhotos={() => latest.current.photos}
        errors={errors}
        categories={contest.categories}
        fixedRegion={n.regionName}
        onUploadingChange={setUploading}
      />
      {notice && <View className='error-text contest-notice confirm__notice'>{notice}</View>}
      <View className='contest-submit'>
        <Button className='btn btn--primary confirm__submit' loading={saving || undefined} disabled={saving || undefined} onClick={send}>
          确认参赛
        </Button>
        <Button className='btn btn--plain confirm__cancel' disabled={saving || undefined} onClick={onCancel}>
          返回
        </Button>
      </View>
    </View>
  )
}
