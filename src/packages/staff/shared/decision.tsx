import { useRef, useState } from 'react'
import { Button, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { StateView } from '../../../components/state-view'
import { FORBIDDEN_TEXT, reasonError, type QueueState } from './queue'
import './decision.scss'
import { LOGIN_URL } from '../../../utils/routes'
import { ReasonTemplates } from './bulk'

/**
 * 通过 / 驳回 at the foot of a queue card. 驳回 opens a small form on the card for the reason
 * (the author reads it), 2–200 characters. Each callback resolves true when the item is done.
 * `who` names the person who reads the reason ('作者', '申请人'); `example` is the placeholder.
 */
export function Decision({
  onApprove,
  onReject,
  who = '作者',
  example = '例如：请补充具体地点和联系方式',
  confirmApprove,
}: {
  onApprove: () => Promise<boolean>
  onReject: (reason: string) => Promise<boolean>
  who?: string
  example?: string
  /** Asked before approving, where one tap grants much (a verification unlocks township data). */
  confirmApprove?: string
}) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const inFlight = useRef(false)

  const run = async (action: () => Promise<boolean>) => {
    if (inFlight.current) return
    inFlight.current = true
    setBusy(true)
    try {
      await action()
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }
  const approve = async () => {
    if (confirmApprove) {
      const { confirm } = await Taro.showModal({ title: '确认通过', content: confirmApprove, confirmText: '确认通过', cancelText: '再看看' })
      if (!confirm) return
    }
    run(onApprove)
  }
  const confirmReject = () => {
    const found = reasonError(reason)
    setError(found)
    if (found) return
    run(() => onReject(reason.trim()))
  }
  const length = Array.from(reason.trim()).length

  // `disabled={busy || undefined}`: on H5 a false `disabled` would still grey the button out.
  if (!rejecting) {
    return (
      <View className='decision'>
        <Button className='btn btn--primary decision__approve' disabled={busy || undefined} onClick={approve}>
          通过
        </Button>
        <Button className='btn btn--danger decision__reject' disabled={busy || undefined} onClick={() => setRejecting(true)}>
          驳回
        </Button>
      </View>
    )
  }
  return (
    <View className='decision-form'>
      <View className='decision-form__label'>驳回理由（{who}会看到，2–200 字）</View>
      <ReasonTemplates
        onPick={(t) => {
          setReason(t)
          setError(null)
        }}
      />
      <Textarea
        className='decision-form__input'
        value={reason}
        maxlength={200}
        autoHeight
        focus
        placeholder={example}
        onInput={(e) => {
          setReason(e.detail.value)
          if (error) setError(null)
        }}
      />
      <View className='decision-form__foot'>
        {error ? <View className='error-text decision-form__error'>{error}</View> : <View />}
        <View className='muted decision-form__count'>{length}/200</View>
      </View>
      <View className='decision'>
        <Button className='btn btn--danger decision__confirm' disabled={busy || undefined} onClick={confirmReject}>
          确认驳回
        </Button>
        <Button
          className='btn btn--plain decision__cancel'
          disabled={busy || undefined}
          onClick={() => {
            setRejecting(false)
            setError(null)
          }}
        >
          取消
        </Button>
      </View>
    </View>
  )
}

/** A queue with nothing to show: skeleton, refusal, sign-in, error or the empty notice. */
export function QueueNotice({ state, error, empty, onRetry }: { state: QueueState; error: string; empty: string; onRetry: () => void }) {
  if (state === 'loading') return <StateView state='loading' />
  if (state === 'forbidden') {
    return (
      <View className='state state--forbidden'>
        <View className='state__text'>{FORBIDDEN_TEXT}</View>
        <Button className='btn btn--plain state__retry' onClick={() => Taro.switchTab({ url: '/pages/mine/index' })}>
          返回我的
        </Button>
      </View>
    )
  }
  if (state === 'signin') {
    return (
      <View className='state state--signin'>
        <View className='state__text'>请先登录</View>
        <Button className='btn btn--primary state__retry' onClick={() => Taro.navigateTo({ url: LOGIN_URL })}>
          微信登录
        </Button>
      </View>
    )
  }
  if (state === 'error') return <StateView state='error' message={error} onRetry={onRetry} />
  return <StateView state='empty' message={empty} />
}
