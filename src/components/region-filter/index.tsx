import { useState } from 'react'
import { Button, View } from '@tarojs/components'
import type { Region } from '../../../common/schemas/regions'
import { useRegionChildren } from '../../hooks/useRegionChildren'
import { RegionStatus } from '../region-picker/region-status'
import type { AreaFilter } from '../../utils/listing-filters'
import { useT, type MessageKey } from '../../i18n'
import { Ugc } from '../ugc'
import './index.scss'

// Where to look: 市州 → 县 → 乡镇, each level optional ("全州", "全县" take the whole area), on
// large buttons, one level loaded at a time through the same cached region API as RegionPicker.
const SICHUAN = '51'
const PROMPTS: MessageKey[] = ['region.pick_prefecture', 'region.pick_county', 'region.pick_township']

/** 全州 / 全市 / 全县 / 全区: the whole of the area chosen, by the last character of its Chinese name. */
const WHOLE: Record<string, MessageKey> = { '\u5dde': 'region.all_zhou', '\u5e02': 'region.all_city', '\u53bf': 'region.all_county', '\u533a': 'region.all_district' }

export function RegionFilter({ value, onChange }: { value: AreaFilter | null; onChange: (value: AreaFilter | null) => void }) {
  const { t } = useT()
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
          {t('region.label')}
          <View className='region-filter__name'>{value ? <Ugc>{value.label}</Ugc> : t('region.all_province')}</View>
        </View>
        {value && (
          <Button className='btn btn--plain region-filter__btn region-filter__clear' onClick={() => choose(null)}>
            {t('region.clear')}
          </Button>
        )}
        <Button className='btn btn--plain region-filter__btn region-filter__open' onClick={() => setOpen(true)}>
          {value ? t('region.change_area') : t('region.pick_area')}
        </Button>
      </View>
    )
  }

  return (
    <View className='region-filter region-filter--open'>
      <View className='region-filter__head'>
        <View>
          {current ? (
            <>
              <Ugc>{current.name}</Ugc>：{t(PROMPTS[trail.length])}
            </>
          ) : (
            t(PROMPTS[0])
          )}
        </View>
        <Button className='btn btn--plain region-filter__btn' onClick={() => (current ? setTrail(trail.slice(0, -1)) : setOpen(false))}>
          {current ? t('region.back') : t('region.fold')}
        </Button>
      </View>
      <RegionStatus loading={!options} error={error} retry={retry} />
      <View className='region-filter__grid'>
        {options && (
          <Button
            className='btn btn--primary region-filter__option'
            onClick={() => choose(current ? { code: current.code, label: trail.map((r) => r.name).join(' · ') } : null)}
          >
            {current ? t(WHOLE[trail.length === 1 && !current.name.endsWith('\u5dde') ? '\u5e02' : current.name.slice(-1)] ?? 'region.all_county') : t('region.all_province')}
          </Button>
        )}
        {options?.map((r) => (
          <Button
            key={r.code}
            className='btn btn--plain region-filter__option'
            data-code={r.code}
            onClick={() => (trail.length === 2 ? choose({ code: r.code, label: labelOf(r) }) : setTrail([...trail, r]))}
          >
            <Ugc>{r.name}</Ugc>
          </Button>
        ))}
      </View>
    </View>
  )
}
