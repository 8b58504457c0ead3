import { View } from '@tarojs/components'
import type { Person } from '../../../../common/schemas/listings'
import { openStudio } from '../../../components/listing-card'
import { Tappable } from '../../../components/tappable'
import { Ugc } from '../../../components/ugc'
import { useT } from '../../../i18n'

/** Who wrote it (or responded); a 科技工作者's name opens their 科创工作室 when `studio` is set. */
export function Author({ person, studio = false }: { person: Person; studio?: boolean }) {
  const { t } = useT()
  const link = studio && person.role === 'expert'
  const parts = (
    <>
      <View className='detail__author-name'>
        <Ugc>{person.nickname}</Ugc>
      </View>
      {person.verified && <View className='badge badge--ok'>{t('listings.verified')}</View>}
      {person.role && <View className='muted'>{t(`role.${person.role}`)}</View>}
      {link && <View className='detail__studio-link'>{t('listing.author_studio')}</View>}
    </>
  )
  if (!link) return <View className='detail__author'>{parts}</View>
  return (
    <Tappable role='link' className='detail__author detail__author--studio' onClick={() => openStudio(person)}>
      {parts}
    </Tappable>
  )
}
