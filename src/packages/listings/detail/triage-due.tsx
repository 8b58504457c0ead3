import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { Profile } from '../../../../common/schemas/users'
import { Tappable } from '../../../components/tappable'
import { useT } from '../../../i18n'
import { ASSIGNED_URL, fetchAssigned, type MyAssignment } from '../../../services/triage-followup'
import { whenShort } from '../../../utils/when'

/**
 * For a verified expert a 科服保姆 asked to answer this need: by when, and a way to 婉拒 (the
 * assignments page, with its reason form open). Nothing for anyone else, or once they answered.
 * `version` changes when the page reloads, so an answer just sent takes the banner away.
 */
export function TriageDue({ user, listingId, version }: { user: Profile | null; listingId: number; version: unknown }) {
  const { t } = useT()
  const [due, setDue] = useState<MyAssignment | null>(null)
  const expert = user?.role === 'expert' && user.verification === 'verified'
  useEffect(() => {
    if (!expert) return setDue(null)
    let live = true
    fetchAssigned()
      .then((items) => live && setDue(items.find((a) => a.listing.id === listingId && a.status === 'open') ?? null))
      // Only a reminder: the page stands without it.
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [expert, listingId, version])
  if (!due) return null
  return (
    <View className='card detail__triage-due' role='status' data-assignment={due.id}>
      <View className='detail__triage-due-text'>{t('listing.triage_due', { time: whenShort(due.dueAt) })}</View>
      <Tappable role='link' className='detail__triage-decline' onClick={() => Taro.navigateTo({ url: `${ASSIGNED_URL}?decline=${due.id}` })}>
        {t('listing.triage_decline')}
      </Tappable>
    </View>
  )
}
