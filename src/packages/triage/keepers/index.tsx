import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { dateTime } from '../../../../common/china-time'
import { isMobilePhone, PHONE_MESSAGE } from '../../../../common/rules/fields'
import type { Region } from '../../../../common/schemas/regions'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useReloadOnShow } from '../../../hooks/useReloadOnShow'
import { useSession } from '../../../hooks/useSession'
import { messageOf } from '../../../services/http'
import { appointKeeper, dismissKeeper, fetchKeepers, fetchTriageMe, type Keeper, type KeeperList } from '../../../services/triage'
import { CountyChooser } from '../shared/county-chooser'
import { refusalOf, TriageNotice, type Refusal } from '../shared/notice'
import './index.scss'

// 任命科服保姆: staff appoint the volunteers who triage a county's needs — by the phone the person
// bound when registering, to a county of the staff member's own area — and dismiss them. A 科服保姆
// sees that county's 分诊 queue and is told when one of its needs waits too long.

/** The server answers a change with that county's keepers: put them in place of the ones shown. */
function withCounty(items: Keeper[], county: string, fresh: KeeperList): Keeper[] {
  return [...items.filter((k) => k.county.code !== county), ...fresh.items].sort(
    (a, b) => a.county.code.localeCompare(b.county.code) || a.appointedAt.localeCompare(b.appointedAt),
  )
}

export default function KeepersPage() {
  const user = useSession()
  const [counties, setCounties] = useState<Region[] | null>(null)
  const [items, setItems] = useState<Keeper[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [refusal, setRefusal] = useState<Refusal | null>(null)

  const load = useCallback(async () => {
    try {
      const [me, list] = await Promise.all([fetchTriageMe(), fetchKeepers()])
      setCounties(me.areas)
      setItems(list.items)
      setError(null)
    } catch (err) {
      const refused = refusalOf(err)
      if (refused) setRefusal(refused)
      else setError(messageOf(err))
    }
  }, [])
  const staff = !!user?.isStaff
  useEffect(() => {
    if (staff) load()
  }, [staff, load])
  useReloadOnShow(load, { when: staff, skipFirst: true })

  if (!user || !staff || refusal) {
    return (
      <PageShell className='keepers'>
        <TriageNotice refusal={!user ? 'signin' : (refusal ?? 'forbidden')} forbidden='仅科协工作人员可用' />
      </PageShell>
    )
  }
  if (!counties || !items) {
    return (
      <PageShell className='keepers'>
        <StateView state={error ? 'error' : 'loading'} message={error ?? undefined} onRetry={load} />
      </PageShell>
    )
  }

  const dismiss = async (k: Keeper) => {
    const { confirm } = await Taro.showModal({
      title: '解除任命',
      content: `解除${k.user.nickname}的${k.county.name}科服保姆任命？解除后 TA 不再看到该县的分诊队列，也不再收到提醒。`,
      confirmText: '解除',
      cancelText: '取消',
      confirmColor: '#c62828',
    })
    if (!confirm) return
    try {
      setItems(withCounty(items, k.county.code, await dismissKeeper(k.county.code, k.user.id)))
      Taro.showToast({ title: '已解除任命', icon: 'none' })
    } catch (err) {
      Taro.showToast({ title: messageOf(err), icon: 'none' })
    }
  }

  return (
    <PageShell className='keepers'>
      <AppointForm counties={counties} onDone={(county, list) => setItems(withCounty(items, county, list))} />
      <View className='card keepers__list'>
        <View className='keepers__title'>已任命的科服保姆（{items.length}）</View>
        {items.length === 0 ? (
          <View className='muted keepers__empty'>还没有任命科服保姆。没有科服保姆的县，超时的需求会提醒县里和州里的科协工作人员。</View>
        ) : (
          items.map((k) => (
            <View key={`${k.county.code}-${k.user.id}`} className='keeper' data-user={k.user.id} data-county={k.county.code}>
              <View className='keeper__main'>
                <View className='keeper__name'>{k.user.nickname}</View>
                <View className='muted'>
                  {k.county.name} · 任命于 {dateTime(k.appointedAt)}
                </View>
              </View>
              <Button className='btn btn--danger keeper__dismiss' onClick={() => dismiss(k)}>
                解除
              </Button>
            </View>
          ))
        )}
      </View>
    </PageShell>
  )
}

function AppointForm({ counties, onDone }: { counties: Region[]; onDone: (county: string, list: KeeperList) => void }) {
  const [phone, setPhone] = useState('')
  // One county in the area: nothing to choose.
  const [county, setCounty] = useState<string | null>(counties.length === 1 ? counties[0].code : null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const inFlight = useRef(false)

  const submit = async () => {
    if (inFlight.current) return
    const typed = phone.trim()
    if (!isMobilePhone(typed)) return setError(PHONE_MESSAGE)
    if (!county) return setError('请选择任命到哪个县')
    inFlight.current = true
    setBusy(true)
    try {
      onDone(county, await appointKeeper({ phone: typed, countyCode: county }))
      setPhone('')
      setError(null)
      Taro.showToast({ title: '已任命', icon: 'none' })
    } catch (err) {
      setError(messageOf(err))
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }

  return (
    <View className='card keepers__form'>
      <View className='keepers__title'>任命科服保姆</View>
      <View className='muted'>对方须已在小程序注册并绑定手机号。任命后 TA 能看到该县的分诊队列，为需求指派专家或代为回复。</View>
      <View className='keepers__label'>手机号</View>
      <Input
        className='keepers__phone'
        type='number'
        maxlength={11}
        value={phone}
        placeholder='对方绑定的手机号'
        nativeProps={{ 'aria-label': '手机号' }}
        onInput={(e) => {
          setPhone(e.detail.value)
          if (error) setError(null)
        }}
      />
      <View className='keepers__label'>任命到</View>
      <CountyChooser
        counties={counties}
        value={county}
        onChange={(code) => {
          setCounty(code)
          if (error) setError(null)
        }}
      />
      {error && (
        <View className='error-text keepers__error' role='alert'>
          {error}
        </View>
      )}
      <Button className='btn btn--primary keepers__submit' disabled={busy || undefined} onClick={submit}>
        任命
      </Button>
    </View>
  )
}
