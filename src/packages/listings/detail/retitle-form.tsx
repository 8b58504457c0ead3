import { useState } from 'react'
import { Button, Input, View } from '@tarojs/components'
import { LISTING_LIMITS } from '../../../../common/rules'
import type { Listing } from '../../../../common/schemas/listings'
import { ApiRequestError, messageOf } from '../../../services/http'
import { retitleListing } from '../../../services/listings'
import { localize, useT } from '../../../i18n'

/**
 * 写标题: a need said only by voice is titled from its category (语音求助·养殖) until someone who
 * heard it writes what it is about — its township's verified chair or staff of its area
 * (viewer.canRetitle), so the board and search say what the herder asked.
 */
export function RetitleForm({ listing, onDone }: { listing: Listing; onDone: (l: Listing) => void }) {
  const { t } = useT()
  const [title, setTitle] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const save = async () => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      onDone(await retitleListing(listing.id, title))
    } catch (err) {
      setError(err instanceof ApiRequestError && err.fields?.title ? localize(err.fields.title) : messageOf(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card detail__retitle'>
      <View className='detail__label'>{t('retitle.label')}</View>
      <View className='muted'>{t('retitle.hint')}</View>
      <Input className='form-input detail__retitle-input' value={title} maxlength={LISTING_LIMITS.title[1]} placeholder={t('retitle.placeholder')} onInput={(e) => setTitle(e.detail.value)} />
      {error && <View className='error-text detail__retitle-error'>{error}</View>}
      <Button className='btn btn--primary detail__retitle-save' disabled={busy || !title.trim() || undefined} onClick={save}>
        {t('retitle.save')}
      </Button>
    </View>
  )
}
