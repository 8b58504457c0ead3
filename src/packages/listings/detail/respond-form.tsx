import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Textarea, View } from '@tarojs/components'
import { LISTING_LIMITS, validateResponse } from '../../../../common/rules'
import { Field } from '../../../components/field'
import { useDraft } from '../../../hooks/useDraft'
import { ApiRequestError, messageOf } from '../../../services/http'
import { respondCall } from '../../../services/listings'
import { sendOrQueue } from '../../../services/outbox'
import { useT } from '../../../i18n'

const MESSAGE_MAX = LISTING_LIMITS.response[1]

/** The words of the 对接 flow: a 科技成果 is "expressed interest in", a post is "applied to". */
export function wordsFor(achievement: boolean) {
  return achievement
    ? { respond: '我有意向', title: '表达意向', count: '人有意向', login: '登录后表达意向', sent: '已表达意向，等待对方回复', mine: '我的意向' }
    : { respond: '申请对接', title: '申请对接', count: '人申请对接', login: '登录后申请对接', sent: '已申请，等待对方回复', mine: '我的对接申请' }
}
export type Words = ReturnType<typeof wordsFor>

/**
 * What someone interested writes: a short message, and a phone — filled in from the profile's
 * contact phone, and not needed when WeChat has vouched for one (`phoneMasked`).
 */
export function RespondForm({
  listingId,
  phoneMasked,
  contactPhone,
  words,
  onDone,
}: {
  listingId: number
  phoneMasked: string | null
  contactPhone: string | null
  words: Words
  onDone: () => void
}) {
  const [form, update, clearDraft] = useDraft(`listing-response.${listingId}`, { message: '', phone: contactPhone ?? '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  /** Sent without a network: it waits on the phone (待发送) and goes out by itself. */
  const [queued, setQueued] = useState(false)
  const { t } = useT()

  const submit = async () => {
    if (busy) return
    const phone = form.phone.trim()
    // The server's rule; a phone is only needed here when the profile has none to fall back on.
    const found = validateResponse({ message: form.message.trim(), phone: phone || undefined }, { labels: { message: '留言' } })
    if (!phone && !phoneMasked) found.phone = '请填写手机号，对方接受对接后才会看到'
    setErrors(found)
    setNotice(null)
    if (Object.keys(found).length) return
    setBusy(true)
    try {
      const res = await sendOrQueue({
        kind: 'respond',
        ...respondCall(listingId, form.message.trim(), phone || undefined),
        label: form.message.trim(),
        draft: { key: `draft.listing-response.${listingId}`, value: form },
        editUrl: `/packages/listings/detail/index?id=${listingId}`,
      })
      clearDraft()
      if (!res.sent) return setQueued(true)
      Taro.showToast({ title: words.sent, icon: 'none' })
      onDone()
    } catch (err) {
      if (err instanceof ApiRequestError && err.fields) setErrors(err.fields)
      setNotice(messageOf(err))
    } finally {
      setBusy(false)
    }
  }

  if (queued) {
    return (
      <View className='card detail__respond detail__respond--queued' role='status'>
        <View className='tag detail__queued-tag'>{t('outbox.pending_tag')}</View>
        <View className='detail__queued-text'>{t('outbox.queued_short')}</View>
      </View>
    )
  }

  const set = (key: 'message' | 'phone') => (e: { detail: { value: string } }) => update({ [key]: e.detail.value })
  return (
    <View className='card detail__respond'>
      <Field block='detail' label={words.title} counter={{ value: form.message, max: MESSAGE_MAX }} error={errors.message}>
        <View className='muted'>对方接受后，双方才能看到彼此的联系方式。</View>
        <Textarea
          className='form-textarea detail__textarea detail__message'
          placeholder={`简单说说您能提供什么帮助或有什么需要（${LISTING_LIMITS.response.join('–')} 字）`}
          maxlength={MESSAGE_MAX}
          value={form.message}
          onInput={set('message')}
          onBlur={set('message')}
        />
      </Field>
      <Field block='detail' label={phoneMasked ? '联系电话（可不填）' : '联系电话'} gap error={errors.phone}>
        <Input
          className='form-input detail__input detail__phone-input'
          type='number'
          maxlength={11}
          placeholder={phoneMasked ? `不填则使用已绑定的 ${phoneMasked}` : '11 位手机号'}
          value={form.phone}
          onInput={set('phone')}
          onBlur={set('phone')}
        />
      </Field>
      {notice && <View className='error-text detail__notice' role='alert'>{notice}</View>}
      <Button className='btn btn--primary detail__respond-btn' loading={busy || undefined} disabled={busy || undefined} onClick={submit}>
        {words.respond}
      </Button>
    </View>
  )
}
