import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import type { Studio } from '../../../../common/schemas/studios'
import { fetchStudio } from '../../../services/studios'

/** 向专家提问: who the need goes to, in place of the 所需/所能 switch (a question is always a need). */
export function AskedExpert({ expertId }: { expertId: number }) {
  const [studio, setStudio] = useState<Studio | null>(null)
  useEffect(() => {
    fetchStudio(expertId)
      .then(setStudio)
      .catch(() => setStudio(null))
  }, [expertId])
  const name = studio ? [studio.person.nickname, studio.title].filter(Boolean).join(' ') : '这位专家'
  return (
    <View className='card publish__asked'>
      <View className='publish__asked-title'>向{name}提问</View>
      <View className='muted'>写清楚遇到的问题。审核通过后，专家会收到通知，也会公开给其他能帮忙的人。</View>
    </View>
  )
}
