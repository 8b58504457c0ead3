import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import type { Studio } from '../../../../common/schemas/studios'
import { fetchStudio } from '../../../services/studios'
import { useT } from '../../../i18n'
import { UGC_SLOT, WithUgc } from '../../../components/ugc'

/** 向专家提问: who the need goes to, in place of the 所需/所能 switch (a question is always a need). */
export function AskedExpert({ expertId }: { expertId: number }) {
  const { t } = useT()
  const [studio, setStudio] = useState<Studio | null>(null)
  useEffect(() => {
    fetchStudio(expertId)
      .then(setStudio)
      .catch(() => setStudio(null))
  }, [expertId])
  const name = studio ? [studio.person.nickname, studio.title].filter(Boolean).join(' ') : null
  return (
    <View className='card publish__asked'>
      <View className='publish__asked-title'>
        {name ? <WithUgc sentence={t('publish.asked_title', { name: UGC_SLOT })} value={name} /> : t('publish.asked_title', { name: t('publish.asked_default') })}
      </View>
      <View className='muted'>{t('publish.asked_text')}</View>
    </View>
  )
}
