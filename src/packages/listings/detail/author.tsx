import { View } from '@tarojs/components'
import { ROLE_LABELS } from '../../../../common/enums'
import type { Person } from '../../../../common/schemas/listings'
import { openStudio } from '../../../components/listing-card'
import { Tappable } from '../../../components/tappable'

/** Who wrote it (or responded); a 科技工作者's name opens their 科创工作室 when `studio` is set. */
export function Author({ person, studio = false }: { person: Person; studio?: boolean }) {
  const link = studio && person.role === 'expert'
  const parts = (
    <>
      <View className='detail__author-name'>{person.nickname}</View>
      {person.verified && <View className='badge badge--ok'>已认证</View>}
      {person.role && <View className='muted'>{ROLE_LABELS[person.role]}</View>}
      {link && <View className='detail__studio-link'>进入工作室 ›</View>}
    </>
  )
  if (!link) return <View className='detail__author'>{parts}</View>
  return (
    <Tappable role='link' className='detail__author detail__author--studio' onClick={() => openStudio(person)}>
      {parts}
    </Tappable>
  )
}
