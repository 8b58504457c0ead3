import { useCallback, useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Textarea, View } from '@tarojs/components'
import { errorMessage } from '../../../../common/errors'
import { formatRegionPath } from '../../../../common/format'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useDraft } from '../../../hooks/useDraft'
import { useSession } from '../../../hooks/useSession'
import { messageOf } from '../../../services/http'
import { contestPath, fetchContest, fetchNominees, nominate, type ContestDetail, type NominationView } from '../../../services/contests'
import { formatDeadline, signupOpenAt } from '../../../utils/china-time'
import { isVerifiedChair } from '../../../utils/roles'
import { DoneCard } from '../components/done-card'
import { chars } from '../components/labels'
import { SignInGate } from '../components/sign-in-gate'
import { useFormSubmit, type FieldErrors } from '../components/use-form-submit'
import '../components/common.scss'
import './index.scss'

// 举荐人才: a verified township chair puts forward someone of their own township — a registered
// person picked from a list, or someone with no account yet by name and phone (they confirm after
// registering and binding that phone). The server checks the rules again (verified, same township).

type Mode = 'registered' | 'new'
interface Form {
  mode: Mode
  userId: number | null
  userName: string
  name: string
  phone: string
  reason: string
}
const PHONE = /^1[3-9]\d{9}$/

export default function NominatePage() {
  const { params } = useRouter()
  const id = Number(params.id)
  const user = useSession()
  const [contest, setContest] = useState<ContestDetail | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const blank: Form = { mode: 'registered', userId: null, userName: '', name: '', phone: '', reason: '' }
  const [form, update, clearDraft] = useDraft<Form>(`contest-nominate.${id}`, blank)
  const [q, setQ] = useState('')
  const [people, setPeople] = useState<Array<{ userId: number; name: string }> | null>(null)
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
        <SignInGate login='乡镇科协主席登录后可以举荐本乡镇的人才' />
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
              update(blank)
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
  if (!contest.signupOpen || !signupOpenAt(contest)) {
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

  const validate = (): FieldErrors => {
    const found: FieldErrors = {}
    if (form.mode === 'registered') {
      if (!form.userId) found.nominee = '请在下面选择要举荐的人'
    } else {
      const n = chars(form.name)
      if (n < 1 || n > 20) found['nominee.name'] = '请填写姓名（1–20 个字）'
      if (!PHONE.test(form.phone.trim())) found['nominee.phone'] = '请填写正确的 11 位手机号'
    }
    const r = chars(form.reason)
    if (r < 10 || r > 500) found.reason = '举荐理由需为 10–500 个字'
    return found
  }

  const send = () =>
    submit(validate, async () => {
      const nominee =
        form.mode === 'registered'
          ? { userId: form.userId! }
          : { name: form.name.trim(), phone: form.phone.trim(), regionCode: user.region!.township.code }
      const view = await nominate(id, { nominee, reason: form.reason.trim() })
      clearDraft()
      setDone(view)
    })

  return (
    <PageShell className='nominate'>
      <View className='card'>
        <View className='nominate__contest'>{contest.name}</View>
        <View className='muted'>
          {formatDeadline(contest.signupEndsAt)}。被举荐的人确认后即完成报名。
        </View>
      </View>

      <View className='card'>
        <View className='contest-label'>举荐谁</View>
        <View className='nominate__modes'>
          <View className={`nominate__mode${form.mode === 'registered' ? ' nominate__mode--on' : ''}`} data-mode='registered' onClick={() => update({ mode: 'registered' })}>
            <View className='nominate__mode-name'>已注册的群众</View>
            <View className='muted'>本乡镇在天府科技云注册过的人</View>
          </View>
          <View className={`nominate__mode${form.mode === 'new' ? ' nominate__mode--on' : ''}`} data-mode='new' onClick={() => update({ mode: 'new' })}>
            <View className='nominate__mode-name'>还没注册的群众</View>
            <View className='muted'>填姓名和手机号</View>
          </View>
        </View>
      </View>

      {form.mode === 'registered' ? (
        <View className='card nominate__registered'>
          <View className='nominate__search'>
            <Input
              className='contest-input nominate__q'
              placeholder='输入姓名查找'
              maxlength={20}
              value={q}
              confirmType='search'
              onInput={(e) => setQ(e.detail.value)}
              onConfirm={(e) => search(e.detail.value)}
            />
            <Button className='btn btn--primary' onClick={() => search()}>
              查找
            </Button>
          </View>
          {peopleError && <View className='error-text'>{peopleError}</View>}
          {people === null && !peopleError && <View className='muted'>正在加载…</View>}
          {people && people.length === 0 && <View className='muted nominate__none'>没有找到。还没注册的人，请点上面的“还没注册的群众”。</View>}
          <View className='nominate__people'>
            {people?.map((p) => (
              <Button
                key={p.userId}
                className={`btn ${form.userId === p.userId ? 'btn--primary' : 'btn--plain'} nominate__person`}
                data-user={p.userId}
                onClick={() => update({ userId: p.userId, userName: p.name })}
              >
                {p.name}
              </Button>
            ))}
          </View>
          {form.userId && <View className='nominate__chosen'>已选择：{form.userName}</View>}
          {errors.nominee && <View className='error-text'>{errors.nominee}</View>}
        </View>
      ) : (
        <View className='card nominate__new'>
          <View className='contest-label'>姓名</View>
          <Input
            className='contest-input nominate__name'
            placeholder='被举荐人的真实姓名'
            maxlength={20}
            value={form.name}
            onInput={(e) => update({ name: e.detail.value })}
            onBlur={(e) => update({ name: e.detail.value })}
          />
          {errors['nominee.name'] && <View className='error-text'>{errors['nominee.name']}</View>}
          <View className='contest-label contest-label--gap'>手机号</View>
          <Input
            className='contest-input nominate__phone'
            type='number'
            placeholder='11 位手机号，本人注册时绑定它'
            maxlength={11}
            value={form.phone}
            onInput={(e) => update({ phone: e.detail.value })}
            onBlur={(e) => update({ phone: e.detail.value })}
          />
          {errors['nominee.phone'] && <View className='error-text'>{errors['nominee.phone']}</View>}
          <View className='contest-label contest-label--gap'>所在乡镇</View>
          <View className='nominate__fixed-region'>{formatRegionPath(user.region)}</View>
          <View className='muted'>只能举荐本乡镇的人才</View>
        </View>
      )}

      <View className='card'>
        <View className='contest-label'>举荐理由</View>
        <Textarea
          className='contest-textarea nominate__reason'
          placeholder='他（她）有什么本事？带动了多少乡亲？为什么值得参赛？（10–500 字）'
          maxlength={500}
          value={form.reason}
          onInput={(e) => update({ reason: e.detail.value })}
          onBlur={(e) => update({ reason: e.detail.value })}
        />
        <View className='contest-counter'>{chars(form.reason)}/500</View>
        {errors.reason && <View className='error-text'>{errors.reason}</View>}
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
