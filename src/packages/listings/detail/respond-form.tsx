import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Textarea, View } from '@tarojs/components'
import { LISTING_LIMITS, validateResponse } from '../../../../common/rules'
import { Field } from '../../../components/field'
import { useDraft } from '../../../hooks/useDraft'
import { ApiRequestError, messageOf } from '../../../services/http'
import { respondCall } from '../../../services/listings'
import { sendOrQueue } from '../../../services/outbox'
import { t as tr, useT, type MessageKey } from '../../../i18n'
import { zh } from '../../../../common/i18n/zh'
import { localizeFields } from '../../../utils/field-messages'
import { VoiceRecorder, type VoiceNote } from '../../../components/voice-recorder'

const MESSAGE_MAX = LISTING_LIMITS.response[1]

/** The words of the 对接 flow: a 科技成果 is "expressed interest in", a post is "applied to". */
export function wordsFor(achievement: boolean): Record<'respond' | 'title' | 'count' | 'login' | 'sent' | 'mine', MessageKey> {
  return achievement
    ? { respond: 'respond.button_interest', title: 'respond.title_interest', count: 'listings.count_interest', login: 'respond.login_interest', sent: 'respond.sent_interest', mine: 'respond.mine_interest' }
    : { respond: 'respond.button', title: 'respond.title', count: 'listings.count_respond', login: 'respond.login', sent: 'respond.sent', mine: 'respond.mine' }
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
  const [form, update, clearDraft] = useDraft(`listing-response.${listingId}`, { message: '', phone: contactPhone ?? '', voice: null as VoiceNote | null })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [voiceBusy, setVoiceBusy] = useState(false)
  // A draft saved before voice notes existed has none.
  const voice = form.voice ?? null
  /** Sent without a network: it waits on the phone (待发送) and goes out by itself. */
  const [queued, setQueued] = useState(false)
  const { t } = useT()

  const submit = async () => {
    if (busy) return
    const phone = form.phone.trim()
    // The server's rule; a phone is only needed here when the profile has none to fall back on.
    // The rule writes Chinese (with the catalog's Chinese label); the reader gets it in their language.
    const found = localizeFields(validateResponse({ message: form.message.trim(), phone: phone || undefined, voiceId: voice?.id }, { labels: { message: zh['respond.label.message'] } }))
    if (!phone && !phoneMasked) found.phone = tr('respond.phone_needed')
    if (voiceBusy) found.voiceId = tr('voice.busy')
    setErrors(found)
    setNotice(null)
    if (Object.keys(found).length) return
    setBusy(true)
    try {
      const res = await sendOrQueue({
        kind: 'respond',
        ...respondCall(listingId, form.message.trim(), phone || undefined, voice?.id),
        label: form.message.trim() || tr('voice.in_post'),
        draft: { key: `draft.listing-response.${listingId}`, value: form },
        editUrl: `/packages/listings/detail/index?id=${listingId}`,
      })
      clearDraft()
      if (!res.sent) return setQueued(true)
      Taro.showToast({ title: tr(words.sent), icon: 'none' })
      onDone()
    } catch (err) {
      if (err instanceof ApiRequestError && err.fields) setErrors(localizeFields(err.fields))
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
      <Field block='detail' label={t(words.title)} counter={{ value: form.message, max: MESSAGE_MAX }} error={errors.message}>
        <View className='muted'>{t('respond.hint')}</View>
        <Textarea
          className='form-textarea detail__textarea detail__message'
          placeholder={t('respond.placeholder', { min: LISTING_LIMITS.response[0], max: LISTING_LIMITS.response[1] })}
          maxlength={MESSAGE_MAX}
          value={form.message}
          onInput={set('message')}
          onBlur={set('message')}
        />
      </Field>
      <Field block='detail' label={t('voice.respond_field')} gap error={errors.voiceId}>
        <VoiceRecorder className='detail__voice-recorder' value={voice} onChange={(note) => update({ voice: note })} onBusyChange={setVoiceBusy} />
      </Field>
      <Field block='detail' label={phoneMasked ? t('respond.phone_optional') : t('respond.phone')} gap error={errors.phone}>
        <Input
          className='form-input detail__input detail__phone-input'
          type='number'
          maxlength={11}
          placeholder={phoneMasked ? t('respond.phone_bound', { phone: phoneMasked }) : t('publish.phone_placeholder')}
          value={form.phone}
          onInput={set('phone')}
          onBlur={set('phone')}
        />
      </Field>
      {notice && <View className='error-text detail__notice' role='alert'>{notice}</View>}
      <Button className='btn btn--primary detail__respond-btn' loading={busy || undefined} disabled={busy || undefined} onClick={submit}>
        {t(words.respond)}
      </Button>
    </View>
  )
}
