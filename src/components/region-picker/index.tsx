import { useEffect, useState } from 'react'
import { Button, View } from '@tarojs/components'
import type { Region, RegionPath } from '../../../common/schemas/regions'
import { fetchRegionChildren } from '../../services/regions'
import { messageOf } from '../../services/http'
import './index.scss'

// Prefecture → county → township as three taps on large buttons (a multi-column picker needs
// scrolling and a confirm, which is hard on an old phone). One level is loaded at a time.
const SICHUAN: Region = { code: '51', name: '四川省' }

export function RegionPicker({ value, onChange }: { value: RegionPath | null; onChange: (path: RegionPath) => void }) {
  const [editing, setEditing] = useState(!value)
  const [trail, setTrail] = useState<Region[]>([SICHUAN])
  const [children, setChildren] = useState<Region[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  // Bumped by 重试: the same level again (its failed request already left the cache).
  const [attempt, setAttempt] = useState(0)
  const parent = trail[trail.length - 1]

  useEffect(() => {
    if (!editing) return
    let live = true
    setChildren(null)
    setError(null)
    fetchRegionChildren(parent.code)
      .then((res) => live && setChildren(res.children))
      .catch((err) => live && setError(messageOf(err)))
    return () => {
      live = false
    }
  }, [editing, parent.code, attempt])

  if (!editing && value) {
    return (
      <View className='region-picker region-picker--done'>
        <View className='region-picker__value'>
          {value.prefecture.name} {value.county.name} {value.township.name}
        </View>
        <Button className='btn btn--plain region-picker__change' onClick={() => (setTrail([SICHUAN]), setEditing(true))}>
          修改
        </Button>
      </View>
    )
  }

  const pick = (region: Region) => {
    if (trail.length < 3) return setTrail([...trail, region])
    onChange({ prefecture: trail[1], county: trail[2], township: region })
    setEditing(false)
  }
  const prompt = ['请选择市（州）', '请选择县（市、区）', '请选择乡镇（街道）'][trail.length - 1]

  return (
    <View className='region-picker'>
      <View className='region-picker__trail'>
        {trail.map((r, i) => (
          <View key={r.code} className='region-picker__crumb' onClick={() => setTrail(trail.slice(0, i + 1))}>
            {r.name}
            {i < trail.length - 1 ? ' ›' : ''}
          </View>
        ))}
      </View>
      <View className='region-picker__prompt'>{prompt}</View>
      {error && (
        <View className='error-text'>
          {error}
          <Button className='btn btn--plain' onClick={() => setAttempt((n) => n + 1)}>
            重试
          </Button>
        </View>
      )}
      {!children && !error && <View className='muted'>正在加载…</View>}
      <View className='region-picker__grid'>
        {children?.map((r) => (
          <Button key={r.code} className='btn btn--plain region-picker__option' data-code={r.code} onClick={() => pick(r)}>
            {r.name}
          </Button>
        ))}
      </View>
    </View>
  )
}
