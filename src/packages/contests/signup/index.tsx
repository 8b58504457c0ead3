import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useDraft } from '../../../hooks/useDraft'
import { useSession } from '../../../hooks/useSession'
import { ApiRequestError, messageOf } from '../../../services/http'
import { contestPath, editMyEntry, fetchContest, signUpCall, withdrawMyEntry, type ContestDetail } from '../../../services/contests'
import { sendOrQueue } from '../../../services/outbox'
import { useT } from '../../../i18n'
import { formatDeadline } from '../../../../common/china-time'
import { isSignupOpen } from '../../../../common/rules'
import { DoneCard } from '../../../components/done-card'
import { EntryForm, emptyEntry, entryFields, validateEntry, type EntryDraft } from '../components/entry-form'
import { regionPathOf } from '../components/labels'
import { SignInGate } from '../../../components/sign-in-gate'
import { useFormSubmit } from '../components/use-form-submit'
import '../components/common.scss'
import './index.scss'

// 报名参赛 (and 修改 while sign-up is open): the project form, kept as a draft per contest so a
// dropped network or WeChat killing the page loses nothing.
export default function SignupPage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const user = useSession()
  const { t } = useT()
  const [contest, setContest] = useState<ContestDetail | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [form, update, clearDraft] = useDraft<EntryDraft>(`contest-signup.${id}`, emptyEntry(user?.region ?? null))
  const { errors, notice, saving, submit, act } = useFormSubmit()
  const [uploading, setUploading] = useState(false)
  // queued: sent without a network, waiting on the phone (待发送) to go out by itself.
  const [done, setDone] = useState<'created' | 'updated' | 'withdrawn' | 'queued' | null>(null)
  const latest = useRef(form)
  latest.current = form

  const load = useCallback(() => {
    if (!Number.isInteger(id) || id <= 0) return setLoadError('找不到这项比赛')
    setLoadError(null)
    fetchContest(id)
      .then((c) => {
        setContest(c)
        const entry = c.myEntry
        // Editing: start from the entry, unless a draft of this very edit is open.
        if (entry && latest.current.loadedFrom !== entry.id) {
          update({
            title: entry.title,
            category: entry.category,
            description: entry.description,
            years: String(entry.yearsExperience),
            region: regionPathOf(entry.regionCode, entry.regionName) ?? latest.current.region,
            photos: entry.photos,
            loadedFrom: entry.id,
          })
        }
      })
      .catch((err) => setLoadError(messageOf(err)))
  }, [id])

  useEffect(() => {
    if (user?.registered) load()
  }, [user?.id, user?.registered])
  // The registered township is the default; an edit keeps whatever was picked.
  useEffect(() => {
    if (!latest.current.region && user?.region) update({ region: user.region })
  }, [user?.region?.township.code])

  if (!user?.registered) {
    return (
      <PageShell className='signup'>
        <SignInGate className='contest-gate' textClassName='contest-gate__text' user={user} login='登录后才能报名参赛' profile='请先完善资料（昵称和所在乡镇），再来报名' />
      </PageShell>
    )
  }

  const back = () => (Taro.getCurrentPages().length > 1 ? Taro.navigateBack() : Taro.redirectTo({ url: contestPath(id) }))

  if (done) {
    const title = done === 'queued' ? t('outbox.queued_title') : done === 'withdrawn' ? '已撤回报名' : done === 'updated' ? '已保存修改' : '报名成功'
    return (
      <PageShell className='signup'>
        <DoneCard
          title={title}
          titleClassName='signup__done'
          text={
            done === 'queued'
              ? t('outbox.queued_text')
              : done === 'withdrawn'
                ? '报名截止前还可以重新报名。'
                : '报名截止前都可以修改。初赛结果出来后，比赛页面会显示您的进展。'
          }
        >
          <Button className='btn btn--primary' onClick={back}>
            返回比赛
          </Button>
        </DoneCard>
      </PageShell>
    )
  }

  if (!contest) {
    return (
      <PageShell className='signup'>
        <StateView state={loadError ? 'error' : 'loading'} message={loadError ?? undefined} onRetry={load} rows={3} />
      </PageShell>
    )
  }

  const editing = !!contest.myEntry
  if (!contest.signupOpen || !isSignupOpen(contest, Date.now())) {
    return (
      <PageShell className='signup'>
        <View className='card contest-gate signup__closed'>
          <View className='signup__contest'>{contest.name}</View>
          <View className='contest-gate__text'>报名已截止{editing ? '，报名内容不能再修改' : ''}。</View>
          <Button className='btn btn--plain' onClick={back}>
            返回比赛
          </Button>
        </View>
      </PageShell>
    )
  }

  const save = () =>
    submit(
      () => validateEntry(form, { needRegion: true, uploading }),
      async () => {
        const input = { ...entryFields(form), regionCode: form.region!.township.code }
        if (editing) await editMyEntry(id, input)
        else {
          const res = await sendOrQueue({
            kind: 'signup',
            ...signUpCall(id, input),
            label: contest.name,
            draft: { key: `draft.contest-signup.${id}`, value: form },
            editUrl: `/packages/contests/signup/index?id=${id}`,
          })
          if (!res.sent) {
            clearDraft()
            return setDone('queued')
          }
        }
        clearDraft()
        setDone(editing ? 'updated' : 'created')
      },
      (err) => {
        // A retried tap whose first answer was lost: the entry is there, so this is a success.
        if (editing || !(err instanceof ApiRequestError && err.code === 'ALREADY_ENTERED')) return false
        clearDraft()
        setDone('created')
        return true
      },
    )

  const withdraw = () =>
    act(
      {
        title: '撤回报名',
        content: '撤回后您的报名内容会被删除，报名截止前可以重新报名。确定撤回吗？',
        confirmText: '撤回',
        cancelText: '不撤回',
      },
      async () => {
        await withdrawMyEntry(id)
        clearDraft()
        setDone('withdrawn')
      },
    )

  return (
    <PageShell className='signup'>
      <View className='card'>
        <View className='signup__contest'>{contest.name}</View>
        <View className='muted signup__deadline'>{formatDeadline(contest.signupEndsAt)}，截止前都可以修改</View>
      </View>
      {editing && <View className='card signup__edit-note'>您已报名，修改后点“保存修改”。</View>}

      <EntryForm
        value={form}
        update={update}
        latestPhotos={() => latest.current.photos}
        errors={errors}
        categories={contest.categories}
        onUploadingChange={setUploading}
      />

      {notice && <View className='error-text contest-notice signup__notice'>{notice}</View>}
      <View className='contest-submit'>
        <Button className='btn btn--primary signup__submit' loading={saving || undefined} disabled={saving || undefined} onClick={save}>
          {editing ? '保存修改' : '提交报名'}
        </Button>
        {editing && (
          <Button className='btn btn--danger signup__withdraw' disabled={saving || undefined} onClick={withdraw}>
            撤回报名
          </Button>
        )}
      </View>
    </PageShell>
  )
}
