import { useState } from 'react'
import { Button, View } from '@tarojs/components'
import type { Region, RegionPath } from '../../../common/schemas/regions'
import { useRegionChildren } from '../../hooks/useRegionChildren'
import { RegionStatus } from './region-status'
import { Tappable } from '../tappable'
import { Ugc } from '../ugc'
import { useT, type MessageKey } from '../../i18n'
import './index.scss'

// Prefecture → county → township as three taps on large buttons (a multi-column picker needs
// scrolling and a confirm, which is hard on an old phone). One level is loaded at a time.
// Its name is the catalog's (region.sichuan); the levels below are named by the server, in Chinese.
const SICHUAN: Region = { code: '51', name: '' }
const PROMPTS: MessageKey[] = ['region.pick_prefecture', 'region.pick_county', 'region.pick_township']

export function RegionPicker({ value, onChange }: { value: RegionPath | null; onChange: (path: RegionPath) => void }) {
  const { t } = useT()
  const [editing, setEditing] = useState(!value)
  const [trail, setTrail] = useState<Region[]>([SICHUAN])
  const { children, error, retry } = useRegionChildren(trail[trail.length - 1].code, editing)

  if (!editing && value) {
    return (
      <View className='region-picker region-picker--done'>
        <View className='region-picker__value'>
          <Ugc>{`${value.prefecture.name} ${value.county.name} ${value.township.name}`}</Ugc>
        </View>
        <Button className='btn btn--plain region-picker__change' onClick={() => (setTrail([SICHUAN]), setEditing(true))}>
          {t('region.change')}
        </Button>
      </View>
    )
  }

  const pick = (region: Region) => {
    if (trail.length < 3) return setTrail([...trail, region])
    onChange({ prefecture: trail[1], county: trail[2], township: region })
    setEditing(false)
  }
  const prompt = t(PROMPTS[trail.length - 1])

  return (
    <View className='region-picker'>
      <View className='region-picker__trail'>
        {trail.map((r, i) => (
          <Tappable key={r.code} className='region-picker__crumb' onClick={() => setTrail(trail.slice(0, i + 1))}>
            {i === 0 ? t('region.sichuan') : <Ugc>{r.name}</Ugc>}
            {i < trail.length - 1 ? ' ›' : ''}
          </Tappable>
        ))}
      </View>
      <View className='region-picker__prompt'>{prompt}</View>
      <RegionStatus loading={!children} error={error} retry={retry} />
      <View className='region-picker__grid'>
        {children?.map((r) => (
          <Button key={r.code} className='btn btn--plain region-picker__option' data-code={r.code} onClick={() => pick(r)}>
            <Ugc>{r.name}</Ugc>
          </Button>
        ))}
      </View>
    </View>
  )
}
