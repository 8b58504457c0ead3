import { useCallback, useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Textarea, View } from '@tarojs/components'
import { countdownTo, formatChinaDateTime, formatCountdownCoarse } from '../../../../common/china-time'
import { CATEGORY_LABELS } from '../../../../common/enums'
import { formatRegionPath } from '../../../../common/format'
import { ASSIGNMENT_STATUS_LABELS } from '../../../../common/rules/triage'
import { charCount, cleanText } from '../../../../common/text'
import { ListingTitle } from '../../../components/listing-title'
import { PageShell } from '../../../components/page-shell'
import { SignInGate } from '../../../components/sign-in-gate'
import { StateView } from '../../../components/state-view'
import { useReloadOnShow } from '../../../hooks/useReloadOnShow'
import { useSession } from '../../../hooks/useSession'
import { messageOf } from '../../../services/http'
import { listingPath } from '../../../services/listings'
import { declineAssignment, fetchAssigned, type MyAssignment } from '../../../services/triage-followup'
import '../../../components/field/form.scss'
import './index.scss'

const MINUTE = 60_000

/** Open ones first, the nearest deadline on top; then the rest, newest first. */
function ordered(items: MyAssignment[]): MyAssignment[] {
  const open = items.filter((a) => a.status === 'open').sort((a, b) => a.dueAt.localeCompare(b.dueAt))
  return [...open, ...items.filter((a) => a.status !== 'open')]
}

/**
 * 待我解答: the needs a 科服保姆 asked this expert to answer, each with its deadline (48 hours from
 * the assignment, China time) and where it stands. 去回复 opens the need, where they answer as
 * anyone would (the answer closes the assignment); 婉拒 says why they cannot help, and the need
 * goes back to the top of its county's queue. `?decline=<id>` opens that assignment's 婉拒 form
 * (the need's page links here).
 */
export default function Assigned() {
  const user = useSession()
  const declineParam = Number(useRouter().params.decline)
  const [items, setItems] = useState<MyAssignment[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [now, setNow] = useState(Date.now)

  const load = useCallback(async () => {
    setError(null)
    try {
      setItems(ordered(await fetchAssigned()))
      setNow(Date.now())
    } catch (err) {
      setError(messageOf(err))
    }
  }, [])
  useReloadOnShow(load, { when: !!user })
  // The countdowns move by the minute, not by the second: a list, not a stopwatch.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), MINUTE)
    return () => clearInterval(timer)
  }, [])

  if (!user) {
    return (
      <PageShell className='assigned'>
        <SignInGate login='登录后查看科服保姆请您解答的需求' />
      </PageShell>
    )
  }
  if (!items) {
    return (
      <PageShell className='assigned'>
        <StateView state={error ? 'error' : 'loading'} message={error ?? undefined} onRetry={load} rows={3} />
      </PageShell>
    )
  }
  if (items.length === 0) {
    return (
      <PageShell className='assigned'>
        <StateView state='empty' message='科服保姆还没有请您解答的需求。有需求请您解答时，“我的消息”里会告诉您。' />
      </PageShell>
    )
  }
  const open = items.filter((a) => a.status === 'open').length
  return (
    <PageShell className='assigned'>
      <View className='muted assigned__count'>{open ? `${open} 条等您回复，请在截止前回复，或说明原因婉拒` : '没有等您回复的需求'}</View>
      {items.map((a) => (
        <AssignmentCard key={a.id} item={a} now={now} startDeclining={a.id === declineParam} onDeclined={load} />
      ))}
    </PageShell>
  )
}

function AssignmentCard({ item, now, startDeclining, onDeclined }: { item: MyAssignment; now: number; startDeclining: boolean; onDeclined: () => void }) {
  const l = item.listing
  const isOpen = item.status === 'open'
  const [declining, setDeclining] = useState(startDeclining && isOpen)
  const left = countdownTo(item.dueAt, now)
  return (
    <View className={`card assigned__item assigned__item--${item.status}`} data-id={item.id} data-listing={l.id}>
      <View className='assigned__head'>
        <View className={`assigned__status assigned__status--${item.status}`}>{ASSIGNMENT_STATUS_LABELS[item.status]}</View>
        <View className='muted'>{CATEGORY_LABELS[l.category]}</View>
      </View>
      <View className='assigned__title'>
        <ListingTitle title={l.title} category={l.category} />
      </View>
      <View className='muted'>{formatRegionPath(l.region)}</View>
      {isOpen ? (
        <View className={`assigned__due${left.totalMs < 6 * 3_600_000 ? ' assigned__due--soon' : ''}`}>
          请在 {formatChinaDateTime(item.dueAt, now)} 前回复 · {formatCountdownCoarse(left)}
        </View>
      ) : (
        <View className='muted assigned__due'>指派于 {formatChinaDateTime(item.assignedAt, now)}</View>
      )}
      {item.status === 'declined' && item.declineReason && <View className='assigned__reason'>婉拒理由：{item.declineReason}</View>}
      {/* Declined (or answered, or past its deadline) on reload: the form goes with the open assignment. */}
      {declining && isOpen ? (
        <DeclineForm assignmentId={item.id} onCancel={() => setDeclining(false)} onDone={onDeclined} />
      ) : (
        <View className='assigned__actions'>
          <Button className='btn btn--primary assigned__answer' onClick={() => Taro.navigateTo({ url: listingPath(l.id) })}>
            {isOpen ? '去回复' : '查看需求'}
          </Button>
          {isOpen && (
            <Button className='btn btn--plain assigned__decline' onClick={() => setDeclining(true)}>
              婉拒
            </Button>
          )}
        </View>
      )}
    </View>
  )
}

const REASON_MIN = 2
const REASON_MAX = 200

function DeclineForm({ assignmentId, onCancel, onDone }: { assignmentId: number; onCancel: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const length = charCount(cleanText(reason))
  const submit = async () => {
    if (busy) return
    if (length < REASON_MIN || length > REASON_MAX) return setError(`请写下婉拒的原因（${REASON_MIN}–${REASON_MAX} 字），科服保姆会据此另请专家`)
    setError(null)
    setBusy(true)
    try {
      await declineAssignment(assignmentId, reason.trim())
      Taro.showToast({ title: '已婉拒，科服保姆会另请专家', icon: 'none' })
      onDone()
    } catch (err) {
      setError(messageOf(err))
      setBusy(false)
    }
  }
  return (
    <View className='assigned__decline-form'>
      <View className='assigned__label'>婉拒理由（科服保姆会看到）</View>
      <Textarea
        className='form-textarea assigned__reason-input'
        placeholder='例如：不熟悉牦牛疾病，建议找兽医'
        maxlength={REASON_MAX}
        value={reason}
        onInput={(e) => setReason(e.detail.value)}
        onBlur={(e) => setReason(e.detail.value)}
      />
      <View className='form-counter'>{`${length}/${REASON_MAX}`}</View>
      {error && (
        <View className='error-text assigned__error' role='alert'>
          {error}
        </View>
      )}
      <View className='assigned__actions'>
        <Button className='btn btn--danger assigned__decline-confirm' loading={busy || undefined} disabled={busy || undefined} onClick={submit}>
          确定婉拒
        </Button>
        <Button className='btn btn--plain assigned__decline-cancel' disabled={busy || undefined} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
