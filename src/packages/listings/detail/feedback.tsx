import { useState } from 'react'
import { Button, Textarea, View } from '@tarojs/components'
import { LISTING_LIMITS, validateFeedback } from '../../../../common/rules'
import type { ListingResponse } from '../../../../common/schemas/listings'
import { messageOf } from '../../../services/http'
import { Tappable } from '../../../components/tappable'
import { when } from '../../../utils/when'
import { localize, t as tr, useT } from '../../../i18n'
import { zh } from '../../../../common/i18n/zh'
import { Ugc } from '../../../components/ugc'

const TEXT_MAX = LISTING_LIMITS.feedback[1]
const stars = (n: number) => '★★★★★'.slice(0, n) + '☆☆☆☆☆'.slice(0, 5 - n)

/** 1–5 stars and a few words, once per side of an accepted 对接. */
export function FeedbackForm({ onSubmit }: { onSubmit: (rating: number, text: string) => Promise<void> }) {
  const { t } = useT()
  const [rating, setRating] = useState(0)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    // The server's rule; no stars yet is the form's own question.
    // The rule writes Chinese (with the catalog's Chinese label); the reader gets it in their language.
    const found = validateFeedback({ rating, text: text.trim() }, { labels: { text: zh['feedback.label'] } })
    if (found.rating) return setError(tr('feedback.no_stars'))
    if (found.text) return setError(localize(found.text))
    setBusy(true)
    setError(null)
    try {
      await onSubmit(rating, text.trim())
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='detail__feedback'>
      <View className='detail__label'>{t('feedback.title')}</View>
      <View className='detail__stars'>
        {[1, 2, 3, 4, 5].map((n) => (
          <Tappable key={n} className={`detail__star${n <= rating ? ' detail__star--on' : ''}`} data-star={n} label={t('feedback.star', { n })} pressed={n === rating} onClick={() => setRating(n)}>
            {n <= rating ? '★' : '☆'}
          </Tappable>
        ))}
      </View>
      <Textarea
        className='form-textarea detail__textarea detail__feedback-text'
        placeholder={t('feedback.placeholder')}
        maxlength={TEXT_MAX}
        value={text}
        onInput={(e) => setText(e.detail.value)}
      />
      {error && <View className='error-text' role='alert'>{error}</View>}
      <Button className='btn btn--primary' loading={busy || undefined} disabled={busy || undefined} onClick={submit}>
        {t('feedback.submit')}
      </Button>
    </View>
  )
}

/** What each side said after an accepted 对接. */
export function FeedbackList({ response }: { response: ListingResponse }) {
  const { t } = useT()
  if (!response.feedback.length) return null
  return (
    <View className='detail__feedback-list'>
      {response.feedback.map((f, i) => (
        <View key={i} className='detail__feedback-item'>
          <View className='detail__stars-read'>{stars(f.rating)}</View>
          <View className='muted'>
            {f.fromOwner ? t('feedback.from_owner') : t('feedback.from_responder')} · {when(f.at)}
          </View>
          {f.text && (
            <View>
              <Ugc>{f.text}</Ugc>
            </View>
          )}
        </View>
      ))}
    </View>
  )
}
