import { useEffect, useState } from 'react'
import { Button, View } from '@tarojs/components'
import type { Region } from '../../../common/schemas/regions'
import { fetchRegionChildren } from '../../services/regions'
import { messageOf } from '../../services/http'
import type { AreaFilter } from '../../utils/listing-filters'
import './index.scss'

// Where to look: 市州, then (optionally) 县 — two taps on large buttons, one level loaded at a
// time through the same cached region API as RegionPicker. A filter stops at the county: a
// township is too narrow to browse by.
const SICHUAN = '51'

export function RegionFilter({ value, onChange }: { value: AreaFilter | null; onChange: (value: AreaFilter | null) => void }) {
  const [open, setOpen] = useState(false)
  const [prefecture, setPrefecture] = useState<Region | null>(null)
  const [options, setOptions] = useState<Region[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)
  const parent = prefecture?.code ?? SICHUAN

  useEffect(() => {
    if (!open) return
    let live = true
    setOptions(null)
    setError(null)
    fetchRegionChildren(parent)
      .then((res) => live && setOptions(res.children))
      .catch((err) => live && setError(messageOf(err)))
    return () => {
      live = false
    }
  }, [open, parent, attempt])

  const choose = (next: AreaFilter | null) => {
    setOpen(false)
    setPrefecture(null)
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
        <View>{prefecture ? `${prefecture.name}：请选择县（市、区）` : '请选择市（州）'}</View>
        <Button className='btn btn--plain region-filter__btn' onClick={() => (prefecture ? setPrefecture(null) : setOpen(false))}>
          {prefecture ? '返回' : '收起'}
        </Button>
      </View>
      {error && (
        <View className='error-text'>
          {error}
          <Button className='btn btn--plain' onClick={() => setAttempt((n) => n + 1)}>
            重试
          </Button>
        </View>
      )}
      {!options && !error && <View className='muted'>正在加载…</View>}
      <View className='region-filter__grid'>
        {options && (
          <Button
            className='btn btn--primary region-filter__option'
            onClick={() => choose(prefecture ? { code: prefecture.code, label: prefecture.name } : null)}
          >
            {prefecture ? `全${prefecture.name.endsWith('州') ? '州' : '市'}` : '全省'}
          </Button>
        )}
        {options?.map((r) => (
          <Button
            key={r.code}
            className='btn btn--plain region-filter__option'
            data-code={r.code}
            onClick={() => (prefecture ? choose({ code: r.code, label: `${prefecture.name} · ${r.name}` }) : setPrefecture(r))}
          >
            {r.name}
          </Button>
        ))}
      </View>
    </View>
  )
}
