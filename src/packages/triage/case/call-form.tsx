import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Switch, Textarea, View } from '@tarojs/components'
import type { TriageCase } from '../../../../common/schemas/triage'
import { charCount, cleanText } from '../../../../common/text'
import { messageOf } from '../../../services/http'
import { recordTriageCall } from '../../../services/triage'

const MAX = 500

/**
 * 代为回复: the 科服保姆 phoned the farmer and says what they told them (2–500 characters, as the
 * server counts); 已在电话中解决 when the call settled it. It counts as the need's first answer.
 */
export function CallForm({ listingId, onDone }: { listingId: number; onDone: (next: TriageCase) => void }) {
  const [note, setNote] = useState('')
  const [resolved, setResolved] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const inFlight = useRef(false)
  const length = charCount(cleanText(note))

  const submit = async () => {
    if (inFlight.current) return
    if (length < 2) return setError('请写下电话里告诉对方的内容（至少 2 个字）')
    if (length > MAX) return setError(`最多 ${MAX} 个字`)
    inFlight.current = true
    setBusy(true)
    try {
      const next = await recordTriageCall(listingId, { note: cleanText(note), resolved })
      setNote('')
      setResolved(false)
      setError(null)
      onDone(next)
      Taro.showToast({ title: resolved ? '已记录，需求已解决' : '已记录代为回复', icon: 'none' })
    } catch (err) {
      setError(messageOf(err))
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }

  return (
    <View className='card triage-case__section triage-call'>
      <View className='triage-case__section-title'>代为回复</View>
      <View className='muted'>电话联系了发布人？把告诉对方的办法记下来，算作这条需求的回应。</View>
      <Textarea
        className='triage-call__note'
        value={note}
        maxlength={MAX}
        autoHeight
        placeholder='例如：电话联系了县畜牧站，已告知牦牛腹泻的处理办法和用药'
        nativeProps={{ 'aria-label': '代为回复的内容' }}
        onInput={(e) => {
          setNote(e.detail.value)
          if (error) setError(null)
        }}
      />
      <View className='muted triage-call__count'>
        {length}/{MAX}
      </View>
      <View className='row triage-call__resolved'>
        <View>已在电话中解决</View>
        <Switch
          className='triage-call__switch'
          checked={resolved}
          color='#0b6bcb'
          nativeProps={{ role: 'switch', 'aria-label': '已在电话中解决' }}
          {...(process.env.TARO_ENV === 'weapp' ? { 'aria-label': '已在电话中解决' } : {})}
          onChange={(e) => setResolved(e.detail.value)}
        />
      </View>
      {error && (
        <View className='error-text triage-call__error' role='alert'>
          {error}
        </View>
      )}
      <Button className='btn btn--primary triage-call__submit' disabled={busy || undefined} onClick={submit}>
        记录代为回复
      </Button>
    </View>
  )
}
