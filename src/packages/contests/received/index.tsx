import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { NOMINATION_STATUS_LABELS } from '../../../../common/enums'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useDraft } from '../../../hooks/useDraft'
import { useSession } from '../../../hooks/useSession'
import { ApiRequestError, messageOf } from '../../../services/http'
import {
  confirmNomination,
  contestPath,
  declineNomination,
  fetchContest,
  fetchReceivedNominations,
  type ContestDetail,
  type ReceivedNomination,
} from '../../../services/contests'
import { formatDeadline, signupOpenAt } from '../../../utils/china-time'
import { EntryForm, emptyEntry, entryFields, validateEntry, type EntryDraft, type EntryErrors } from '../components/entry-form'
import { LOGIN_URL, PROFILE_URL } from '../components/labels'
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
  const [busy, setBusy] = useState<number | null>(null)

  const load = async () => {
    setError(null)
    try {
      setItems(await fetchReceivedNominations())
    } catch (err) {
      setError(messageOf(err))
    }
  }
  useDidShow(() => {
    if (user?.registered) load()
  })
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh())
  })

  const decline = async (n: ReceivedNomination) => {
    const { confirm } = await Taro.showModal({
      title: '婉拒举荐',
      content: `婉拒 ${n.nominatorName} 的举荐，不参加“${n.contestName}”吗？`,
      confirmText: '婉拒',
      cancelText: '再想想',
    }).catch(() => ({ confirm: false }))
    if (!confirm) return
    setBusy(n.id)
    try {
      await declineNomination(n.id)
      Taro.showToast({ title: '已婉拒', icon: 'none' })
      await load()
    } catch (err) {
      Taro.showToast({ title: messageOf(err), icon: 'none' })
    } finally {
      setBusy(null)
    }
  }

  if (!user) {
    return (
      <PageShell className='received'>
        <View className='card contest-gate'>
          <View className='contest-gate__text'>登录后查看乡镇科协主席对您的举荐</View>
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: LOGIN_URL })}>
            微信一键登录
          </Button>
        </View>
      </PageShell>
    )
  }
  if (!user.registered) {
    return (
      <PageShell className='received'>
        <View className='card contest-gate'>
          <View className='contest-gate__text'>请先完善资料（昵称和所在乡镇），再来确认举荐</View>
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: PROFILE_URL })}>
            完善资料
          </Button>
        </View>
      </PageShell>
    )
  }

  if (done) {
    return (
      <PageShell className='received'>
        <View className='card contest-done'>
          <View className='contest-done__icon'>✓</View>
          <View className='contest-done__title received__done'>已确认参赛</View>
          <View className='muted contest-done__text'>您已报名“{done.contestName}”。比赛的进展会显示在比赛页面和“我的参赛”里。</View>
          <Button className='btn btn--primary' onClick={() => Taro.redirectTo({ url: contestPath(done.contestId) })}>
            查看比赛
          </Button>
        </View>
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
          <View className='invite__contest' onClick={() => Taro.navigateTo({ url: contestPath(n.contestId) })}>
            {n.contestName} ›
          </View>
          <View className='invite__reason'>举荐理由：{n.reason}</View>
          <View className='invite__actions'>
            <Button className='btn btn--primary invite__confirm' onClick={() => setConfirming(n.id)}>
              确认参赛
            </Button>
            <Button className='btn btn--plain invite__decline' disabled={busy === n.id || undefined} onClick={() => decline(n)}>
              婉拒
            </Button>
          </View>
        </View>
      ))}
      {history.length > 0 && (
        <View className='received__history'>
          <View className='section-title'>已处理</View>
          {history.map((n) => (
            <View key={n.id} className='card invite invite--done' data-id={n.id}>
              <View className='invite__contest' onClick={() => Taro.navigateTo({ url: contestPath(n.contestId) })}>
                {n.contestName} ›
              </View>
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
  const [errors, setErrors] = useState<EntryErrors>({})
  const [notice, setNotice] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [uploading, setUploading] = useState(false)
  const inFlight = useRef(false)
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
  if (!contest.signupOpen || !signupOpenAt(contest)) {
    return (
      <View className='card contest-gate'>
        <View className='contest-gate__text'>“{contest.name}”报名已截止，不能再确认参赛。</View>
        <Button className='btn btn--plain' onClick={onCancel}>
          返回
        </Button>
      </View>
    )
  }

  const submit = async () => {
    if (inFlight.current) return
    const found = validateEntry(form, { needRegion: false, uploading })
    setErrors(found)
    const problems = Object.values(found)
    if (problems.length) {
      setNotice(problems.length === 1 ? problems[0] : `有 ${problems.length} 处需要修改：${problems[0]}`)
      return
    }
    inFlight.current = true
    setSaving(true)
    setNotice(null)
    try {
      await confirmNomination(n.id, entryFields(form))
      clearDraft()
      onDone()
    } catch (err) {
      if (err instanceof ApiRequestError && err.fields) setErrors(err.fields)
      setNotice(messageOf(err))
    } finally {
      inFlight.current = false
      setSaving(false)
    }
  }

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
        <Button className='btn btn--primary confirm__submit' loading={saving || undefined} disabled={saving || undefined} onClick={submit}>
          确认参赛
        </Button>
        <Button className='btn btn--plain confirm__cancel' disabled={saving || undefined} onClick={onCancel}>
          返回
        </Button>
      </View>
    </View>
  )
}
