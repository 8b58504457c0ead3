import { useState } from 'react'
import { Button, View } from '@tarojs/components'
import type { Region } from '../../../common/schemas/regions'
import { useRegionChildren } from '../../hooks/useRegionChildren'
import { RegionStatus } from '../region-picker/region-status'
import type { AreaFilter } from '../../utils/listing-filters'
import './index.scss'

// Where to look: 市州 → 县 → 乡镇, each level optional ("全州", "全县" take the whole area), on
// large buttons, one level loaded at a time through the same cached region API as RegionPicker.
const SICHUAN = '51'
const PROMPTS = ['请选择市（州）', '请选择县（市、区）', '请选择乡镇（街道）']

export function RegionFilter({ value, onChange }: { value: AreaFilter | null; onChange: (value: AreaFilter | null) => void }) {
  const [open, setOpen] = useState(false)
  /** The prefecture and county chosen so far. */
  const [trail, setTrail] = useState<Region[]>([])
  const current = trail[trail.length - 1]
  const { children: options, error, retry } = useRegionChildren(current?.code ?? SICHUAN, open)
  const labelOf = (last: Region) => [...trail, last].map((r) => r.name).join(' · ')

  const choose = (next: AreaFilter | null) => {
    setOpen(false)
    setTrail([])
    onChange(next)
  }

  if (!open) {
    return (
      <View className='region-filter'>
        <View className='region-filter__value'>
          地区：<View className='region-filter__name'>{value ? value.label : '全省'}</View>
        </View>
        {value && (
          <Button className='btn btn--plain region-filter__btn region-filter__clear' onClick={() => choose(null)}>
            清除
          </Button>
        )}
        <Button className='btn btn--plain region-filter__btn region-filter__open' onClick={() => setOpen(true)}>
          {value ? '换地区' : '选地区'}
        </Button>
      </View>
    )
  }

  return (
    <View className='region-filter region-filter--open'>
      <View className='region-filter__head'>
        <View>{current ? `${current.name}：${PROMPTS[trail.length]}` : PROMPTS[0]}</View>
        <Button className='btn btn--plain region-filter__btn' onClick={() => (current ? setTrail(trail.slice(0, -1)) : setOpen(false))}>
          {current ? '返回' : '收起'}
        </Button>
      </View>
      <RegionStatus loading={!options} error={error} retry={retry} />
      <View className='region-filter__grid'>
        {options && (
          <Button
            className='btn btn--primary region-filter__option'
            onClick={() => choose(current ? { code: current.code, label: trail.map((r) => r.name).join(' · ') } : null)}
          >
            {current ? `全${trail.length === 1 ? (current.name.endsWith('州') ? '州' : '市') : current.name.slice(-1)}` : '全省'}
          </Button>
        )}
        {options?.map((r) => (
          <Button
            key={r.code}
            className='btn btn--plain region-filter__option'
            data-code={r.code}
            onClick={() => (trail.length === 2 ? choose({ code: r.code, label: labelOf(r) }) : setTrail([...trail, r]))}
          >
            {r.name}
          </Button>
        ))}
      </View>
    </View>
  )
}
