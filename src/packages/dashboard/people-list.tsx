import { useEffect, useState } from 'react'
import { Button, View } from '@tarojs/components'
import { ROLE_LABELS } from '../../../common/enums'
import { formatChinaDate } from '../../../common/china-time'
import type { DashboardPerson } from '../../../common/schemas/dashboard'
import { messageOf } from '../../services/http'
import { fetchDashboardPeople } from '../../services/dashboard'

// 新注册的人: who registered in the area during the period shown, newest first, so a chair can
// follow up with them (name, township, role, date — the server never sends a phone). Paged with
// 加载更多; the server allows it exactly where it allows the dashboard.
export function PeopleList({ region, from, to }: { region: string; from: string; to: string }) {
  const [items, setItems] = useState<DashboardPerson[] | null>(null)
  const [total, setTotal] = useState(0)
  const [next, setNext] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = async (cursor?: string) => {
    setBusy(true)
    setError(null)
    try {
      const page = await fetchDashboardPeople({ region, from, to, cursor })
      setItems((old) => (cursor && old ? [...old, ...page.items] : page.items))
      setTotal(page.total)
      setNext(page.next)
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }
  useEffect(() => {
    setItems(null)
    load()
  }, [region, from, to])

  return (
    <View className='card dashboard__section dashboard__people'>
      <View className='section-title dashboard__title'>新注册的人{items ? `（${total} 人）` : ''}</View>
      <View className='muted'>这段时间在本地区注册的人，最新的在前，方便您上门或在群里跟进</View>
      {items?.length === 0 && <View className='muted dashboard-people__none'>这段时间还没有人注册</View>}
      {items?.map((p, i) => (
        <View key={`${p.registeredAt}-${i}`} className='dashboard-person'>
          <View className='dashboard-person__name'>{p.name}</View>
          <View className='muted dashboard-person__meta'>
            {[p.place, p.role ? ROLE_LABELS[p.role] : null, `${formatChinaDate(p.registeredAt)}注册`].filter(Boolean).join(' · ')}
          </View>
        </View>
      ))}
      {error && (
        <View className='dashboard-people__error'>
          <View className='error-text'>{error}</View>
          <Button className='btn btn--plain' onClick={() => load(items?.length ? (next ?? undefined) : undefined)}>
            重试
          </Button>
        </View>
      )}
      {!error && next && (
        <Button className='btn btn--plain dashboard-people__more' disabled={busy || undefined} onClick={() => load(next)}>
          {busy ? '正在加载…' : '加载更多'}
        </Button>
      )}
    </View>
  )
}
