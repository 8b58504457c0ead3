import { useMemo, useState } from 'react'
import { View } from '@tarojs/components'
import type { Region } from '../../../../common/schemas/regions'
import { Tappable } from '../../../components/tappable'
import { useRegionChildren } from '../../../hooks/useRegionChildren'
import './county-chooser.scss'

const SICHUAN = '51'

/**
 * A county of the caller's area, by tapping: the counties as chips when they lie in one 市州; for
 * staff of the province (183 counties) the 市州 first, then its counties. `all`: the words of the
 * "no filter" chip (the queue's 全部); without it a county must be chosen (appointing). With
 * `prefectureCounts` a 市州 is itself a choice (the queue can show a whole 市州).
 */
export function CountyChooser({
  counties,
  value,
  onChange,
  all,
  prefectureCounts = false,
}: {
  counties: Region[]
  value: string | null
  onChange: (code: string | null) => void
  all?: string
  prefectureCounts?: boolean
}) {
  const byPrefecture = useMemo(() => {
    const out = new Map<string, Region[]>()
    for (const c of [...counties].sort((a, b) => a.code.localeCompare(b.code))) {
      const key = c.code.slice(0, 4)
      out.set(key, [...(out.get(key) ?? []), c])
    }
    return out
  }, [counties])
  const several = byPrefecture.size > 1
  const [prefecture, setPrefecture] = useState<string | null>(value ? value.slice(0, 4) : null)
  // The 市州's names: only asked for when there is more than one to choose from.
  const { children: prefectures } = useRegionChildren(SICHUAN, several)
  const nameOf = (code: string) => prefectures?.find((p) => p.code === code)?.name ?? code

  const chip = (key: string, text: string, on: boolean, pick: () => void, code?: string) => (
    <Tappable key={key} className={`county-chooser__chip${on ? ' county-chooser__chip--on' : ''}`} pressed={on} onClick={pick} data-code={code}>
      {text}
    </Tappable>
  )

  if (several && !prefecture) {
    return (
      <View className='county-chooser'>
        <View className='muted county-chooser__prompt'>选择市州</View>
        {all && chip('all', all, value === null, () => onChange(null))}
        {[...byPrefecture.keys()].map((code) =>
          chip(code, nameOf(code), false, () => {
            setPrefecture(code)
            if (prefectureCounts) onChange(code)
          }, code),
        )}
      </View>
    )
  }
  const shown = several ? (byPrefecture.get(prefecture!) ?? []) : counties
  return (
    <View className='county-chooser'>
      {several && (
        <View className='county-chooser__head'>
          <View className='county-chooser__prefecture'>{nameOf(prefecture!)}</View>
          <Tappable
            className='county-chooser__back'
            onClick={() => {
              setPrefecture(null)
              if (prefectureCounts || (value && value.startsWith(prefecture!))) onChange(null)
            }}
          >
            ‹ 换一个市州
          </Tappable>
        </View>
      )}
      {several && prefectureCounts && chip('whole', `全${nameOf(prefecture!).endsWith('州') ? '州' : '市'}`, value === prefecture, () => onChange(prefecture), prefecture!)}
      {!several && all && chip('all', all, value === null, () => onChange(null))}
      {shown.map((c) => chip(c.code, c.name, value === c.code, () => onChange(c.code), c.code))}
    </View>
  )
}
