import { useCallback, useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Textarea, View } from '@tarojs/components'
import { errorMessage } from '../../../../common/errors'
import { formatRegionPath } from '../../../../common/format'
import { CONTEST_LIMITS, isSignupOpen } from '../../../../common/rules'
import { DoneCard } from '../../../components/done-card'
import { Counter, FieldError } from '../../../components/field'
import { PageShell } from '../../../components/page-shell'
import { SignInGate } from '../../../components/sign-in-gate'
import { StateView } from '../../../components/state-view'
import { useDraft } from '../../../hooks/useDraft'
import { useSession } from '../../../hooks/useSession'
import { messageOf } from '../../../services/http'
import { contestPath, fetchContest, fetchNominees, nominate, type ContestDetail, type NominationView } from '../../../services/contests'
import { formatDeadline } from '../../../../common/china-time'
import type { NomineeCandidate } from '../../../../common/schemas/contests'
import { isVerifiedChair } from '../../../utils/roles'
import { useFormSubmit } from '../components/use-form-submit'
import { BLANK, checkNomination, nominationOf, type NominationForm } from './nomination-form'
import { NewPersonFields, RegisteredPicker } from './nominee-fields'
import '../components/common.scss'
import { Tappable } from '../../../components/tappable'
import './index.scss'

// 举荐人才: a verified township chair puts forward someone of their own township — a registered
// person picked from a list, or someone with no account yet by name and phone (they confirm after
// registering and binding that phone). The server checks the rules again (verified, same township).

export default function NominatePage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const user = useSession()
  const [contest, setContest] = useState<ContestDetail | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [form, update, clearDraft] = useDraft<NominationForm>(`contest-nominate.${id}`, BLANK)
  const [q, setQ] = useState('')
  const [people, setPeople] = useState<NomineeCandidate[] | null>(null)
  const [peopleError, setPeopleError] = useState<string | null>(null)
  const { errors, notice, saving, submit, reset } = useFormSubmit()
  const [done, setDone] = useState<NominationView | null>(null)
  const chair = isVerifiedChair(user) && !!user?.region

  const load = useCallback(() => {
    if (!Number.isInteger(id) || id <= 0) return setLoadError('找不到这项比赛')
    setLoadError(null)
    fetchContest(id)
      .then(setContest)
      .catch((err) => setLoadError(messageOf(err)))
  }, [id])
  useEffect(() => {
    if (chair) load()
  }, [chair, load])

  const search = (words = q) => {
    setPeopleError(null)
    fetchNominees(id, words)
      .then(setPeople)
      .catch((err) => setPeopleError(messageOf(err)))
  }
  useEffect(() => {
    if (chair && form.mode === 'registered' && people === null) search('')
  }, [chair, form.mode])

  if (!user) {
    return (
      <PageShell className='nominate'>
        <SignInGate className='contest-gate' textClassName='contest-gate__text' login='乡镇科协主席登录后可以举荐本乡镇的人才' />
      </PageShell>
    )
  }
  if (!chair) {
    return (
      <PageShell className='nominate'>
        <View className='card contest-gate nominate__not-allowed'>
          <View className='contest-gate__text'>{errorMessage('NOMINATION_NOT_ALLOWED')}。</View>
          <View className='muted contest-gate__text'>您是乡镇科协主席的话，请在“我的”里申请认证，科协工作人员审核通过后就能举荐。</View>
          <Button className='btn btn--plain' onClick={() => Taro.switchTab({ url: '/pages/mine/index' })}>
            去“我的”
          </Button>
        </View>
      </PageShell>
    )
  }

  if (done) {
    return (
      <PageShell className='nominate'>
        <DoneCard
          title={`已举荐 ${done.nomineeName}`}
          titleClassName='nominate__done'
          text={
            done.hasAccount
              ? `${done.nomineeName} 打开天府科技云，在“我的 → 举荐邀请”里确认参赛，就完成了报名。`
              : `请告诉 ${done.nomineeName}：打开天府科技云（新用户注册时乡镇选本乡镇），绑定手机号 ${done.nomineePhoneMasked ?? ''}，然后在“我的 → 举荐邀请”里确认参赛。`
          }
        >
          <Button className='btn btn--primary' onClick={() => Taro.redirectTo({ url: '/packages/contests/nominations/index' })}>
            查看我的举荐
          </Button>
          <Button
            className='btn btn--plain nominate__again'
            onClick={() => {
              update(BLANK)
              reset()
              setDone(null)
            }}
          >
            再举荐一位
          </Button>
        </DoneCard>
      </PageShell>
    )
  }

  if (!contest) {
    return (
      <PageShell className='nominate'>
        <StateView state={loadError ? 'error' : 'loading'} message={loadError ?? undefined} onRetry={load} rows={3} />
      </PageShell>
    )
  }
  if (!contest.signupOpen || !isSignupOpen(contest, Date.now())) {
    return (
      <PageShell className='nominate'>
        <View className='card contest-gate'>
          <View className='nominate__contest'>{contest.name}</View>
          <View className='contest-gate__text'>报名已截止，不能再举荐。</View>
          <Button className='btn btn--plain' onClick={() => Taro.redirectTo({ url: contestPath(id) })}>
            返回比赛
          </Button>
        </View>
      </PageShell>
    )
  }

  const township = user.region!.township.code
  const send = () =>
    submit(
      () => checkNomination(form, township),
      async () => {
        const view = await nominate(id, nominationOf(form, township))
        clearDraft()
        setDone(view)
      },
    )

  return (
    <PageShell className='nominate'>
      <View className='card'>
        <View className='nominate__contest'>{contest.name}</View>
        <View className='muted'>
          {formatDeadline(contest.signupEndsAt)}。被举荐的人确认后即完成报名。
        </View>
      </View>

      <View className='card'>
        <View className='form-label'>举荐谁</View>
        <View className='nominate__modes'>
          <Tappable
            className={`nominate__mode${form.mode === 'registered' ? ' nominate__mode--on' : ''}`}
            data-mode='registered'
            pressed={form.mode === 'registered'}
            onClick={() => update({ mode: 'registered' })}
          >
            <View className='nominate__mode-name'>已注册的群众</View>
            <View className='muted'>本乡镇在天府科技云注册过的人</View>
          </Tappable>
          <Tappable className={`nominate__mode${form.mode === 'new' ? ' nominate__mode--on' : ''}`} data-mode='new' pressed={form.mode === 'new'} onClick={() => update({ mode: 'new' })}>
            <View className='nominate__mode-name'>还没注册的群众</View>
            <View className='muted'>填姓名和手机号</View>
          </Tappable>
        </View>
      </View>

      {form.mode === 'registered' ? (
        <RegisteredPicker form={form} update={update} q={q} onQ={setQ} search={search} people={people} peopleError={peopleError} error={errors.nominee} />
      ) : (
        <NewPersonFields form={form} update={update} errors={errors} township={formatRegionPath(user.region)} />
      )}

      <View className='card'>
        <View className='form-label'>举荐理由</View>
        <Textarea
          className='form-textarea nominate__reason'
          placeholder='他（她）有什么本事？带动了多少乡亲？为什么值得参赛？（10–500 字）'
          maxlength={CONTEST_LIMITS.nominationReason[1]}
          value={form.reason}
          onInput={(e) => update({ reason: e.detail.value })}
          onBlur={(e) => update({ reason: e.detail.value })}
        />
        <Counter value={form.reason} max={CONTEST_LIMITS.nominationReason[1]} />
        <FieldError message={errors.reason} />
      </View>

      {notice && <View className='error-text contest-notice nominate__notice'>{notice}</View>}
      <View className='contest-submit'>
        <Button className='btn btn--primary nominate__submit' loading={saving || undefined} disabled={saving || undefined} onClick={send}>
          提交举荐
        </Button>
      </View>
    </PageShell>
  )
}
