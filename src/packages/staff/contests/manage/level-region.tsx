import { useState } from 'react'
import { Button, View } from '@tarojs/components'
import type { ContestLevel } from '../../../../../common/enums'
import { REGION_LENGTH } from '../../../../../common/rules'
import type { Region } from '../../../../../common/schemas/regions'
import { RegionStatus } from '../../../../components/region-picker/region-status'
import { useRegionChildren } from '../../../../hooks/useRegionChildren'

/** The 市州 (and 县) a prefecture- or county-level contest covers, in large buttons. */
export function LevelRegion({ level, value, onChange }: { level: ContestLevel; value: Region | null; onChange: (r: Region | null) => void }) {
  const [prefecture, setPrefecture] = useState<Region | null>(null)
  const [editing, setEditing] = useState(false)
  const wanted = REGION_LENGTH[level]
  const done = !!value && value.code.length === wanted
  const parent = level === 'county' && prefecture ? prefecture.code : '51'
  const { children: options, error, retry } = useRegionChildren(parent, level !== 'province' && (!done || editing))

  if (level === 'province') return <View className='staff-form__region'>四川省</View>
  if (done && !editing) {
    return (
      <View className='staff-form__region-row'>
        <View className='staff-form__region'>{value!.name}</View>
        <Button className='btn btn--plain staff-form__region-change' onClick={() => (setPrefecture(null), setEditing(true))}>
          修改
        </Button>
      </View>
    )
  }
  const pick = (r: Region) => {
    if (level === 'county' && !prefecture) return setPrefecture(r)
    onChange(r)
    setEditing(false)
  }
  return (
    <View className='staff-form__region-pick'>
      <View className='muted'>{level === 'county' && prefecture ? `${prefecture.name}：请选择县（市、区）` : '请选择市（州）'}</View>
      <RegionStatus loading={!options} error={error} retry={retry} />
      <View className='staff-form__region-grid'>
        {options?.map((r) => (
          <Button key={r.code} className='btn btn--plain staff-form__region-option' data-code={r.code} onClick={() => pick(r)}>
            {r.name}
          </Button>
        ))}
      </View>
    </View>
  )
}
