import { useState } from 'react'
import { Button, Textarea, View } from '@tarojs/components'
import { LISTING_LIMITS, validateFeedback } from '../../../../common/rules'
import type { ListingResponse } from '../../../../common/schemas/listings'
import { messageOf } from '../../../services/http'
import { Tappable } from '../../../components/tappable'
import { relativeDate } from '../../../../common/china-time'

const TEXT_MAX = LISTING_LIMITS.feedback[1]
const stars = (n: number) => '★★★★★'.slice(0, n) + '☆☆☆☆☆'.slice(0, 5 - n)

/** 1–5 stars and a few words, once per side of an accepted 对接. */
export function FeedbackForm({ onSubmit }: { onSubmit: (rating: number, text: string) => Promise<void> }) {
  const [rating, setRating] = useState(0)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    // The server's rule; no stars yet is the form's own question.
    const found = validateFeedback({ rating, text: text.trim() }, { labels: { text: '评价' } })
    if (found.rating) return setError('请点星星打分（1–5 星）')
    if (found.text) return setError(found.text)
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
      <View className='detail__label'>评价这次对接</View>
      <View className='detail__stars'>
        {[1, 2, 3, 4, 5].map((n) => (
          <Tappable key={n} className={`detail__star${n <= rating ? ' detail__star--on' : ''}`} data-star={n} label={`${n} 星`} pressed={n === rating} onClick={() => setRating(n)}>
            {n <= rating ? '★' : '☆'}
          </Tappable>
        ))}
      </View>
      <Textarea
        className='form-textarea detail__textarea detail__feedback-text'
        placeholder='说说对方帮得怎么样（可不填）'
        maxlength={TEXT_MAX}
        value={text}
        onInput={(e) => setText(e.detail.value)}
      />
      {error && <View className='error-text' role='alert'>{error}</View>}
      <Button className='btn btn--primary' loading={busy || undefined} disabled={busy || undefined} onClick={submit}>
        提交评价
      </Button>
    </View>
  )
}

/** What each side said after an accepted 对接. */
export function FeedbackList({ response }: { response: ListingResponse }) {
  if (!response.feedback.length) return null
  return (
    <View className='detail__feedback-list'>
      {response.feedback.map((f, i) => (
        <View key={i} className='detail__feedback-item'>
          <View className='detail__stars-read'>{stars(f.rating)}</View>
          <View className='muted'>
            {f.fromOwner ? '发布者的评价' : '对接方的评价'} · {relativeDate(f.at)}
          </View>
          {f.text && <View>{f.text}</View>}
        </View>
      ))}
    </View>
  )
}
