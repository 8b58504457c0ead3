import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { MAX_ASSIGNEES } from '../../../../common/rules/triage'
import type { TriageCase } from '../../../../common/schemas/triage'
import { Tappable } from '../../../components/tappable'
import { messageOf } from '../../../services/http'
import { assignExperts, findExperts } from '../../../services/triage'

/**
 * 指派: the verified experts the matching suggests for the need (what fits, and how many needs they
 * are already asked to answer, so no one is swamped); tick one or more and 指派. Each gets a message
 * and 48 hours to answer or decline with a reason.
 */
export function AssignForm({ data, onDone }: { data: TriageCase; onDone: (next: TriageCase) => void }) {
  const [picked, setPicked] = useState<number[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const inFlight = useRef(false)
  // An expert asked and not yet answering is not asked twice (the server skips them too).
  const waiting = new Set(data.assignments.filter((a) => a.status === 'open').map((a) => a.expert.id))

  const toggle = (id: number) => {
    setError(null)
    if (picked.includes(id)) return setPicked(picked.filter((p) => p !== id))
    if (picked.length >= MAX_ASSIGNEES) return setError(`一次最多指派 ${MAX_ASSIGNEES} 位专家`)
    setPicked([...picked, id])
  }
  const submit = async () => {
    if (inFlight.current) return
    if (!picked.length) return setError('请先勾选要指派的专家')
    inFlight.current = true
    setBusy(true)
    try {
      const next = await assignExperts(data.listing.id, picked)
      setPicked([])
      setError(null)
      onDone(next)
      Taro.showToast({ title: '已指派，专家会收到通知', icon: 'none' })
    } catch (err) {
      setError(messageOf(err))
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }

  return (
    <View className='card triage-case__section triage-assign'>
      <View className='triage-case__section-title'>指派专家</View>
      {data.suggestions.length === 0 ? (
        <View className='muted triage-assign__none'>没有找到与这条需求相符的已认证专家：可以按姓名或手机号找一位，或电话联系发布人代为回复。</View>
      ) : (
        <View className='muted'>系统按需求匹配的已认证专家。勾选后指派，专家须在 48 小时内回复或说明原因婉拒。</View>
      )}
      {data.suggestions.map((s) => (
        <ExpertOption key={s.expert.id} s={s} matched asked={waiting.has(s.expert.id)} on={picked.includes(s.expert.id)} busy={busy} onToggle={toggle} />
      ))}
      <ExpertSearch picked={picked} waiting={waiting} busy={busy} onToggle={toggle} />
      {error && (
        <View className='error-text triage-assign__error' role='alert'>
          {error}
        </View>
      )}
      <Button className='btn btn--primary triage-assign__submit' disabled={busy || undefined} onClick={submit}>
        {picked.length ? `指派（${picked.length} 位）` : '指派'}
      </Button>
    </View>
  )
}

type Suggestion = TriageCase['suggestions'][number]

/** One expert to tick: from the matching (`why` is the offer that fits) or found by name (`why` is where they work). */
function ExpertOption({ s, matched, asked, on, busy, onToggle }: { s: Suggestion; matched: boolean; asked: boolean; on: boolean; busy: boolean; onToggle: (id: number) => void }) {
  return (
    <Tappable
      role='checkbox'
      pressed={on}
      disabled={asked || busy}
      label={`指派 ${s.expert.nickname}`}
      className={`triage-suggestion${on ? ' triage-suggestion--on' : ''}${asked ? ' triage-suggestion--asked' : ''}`}
      data-id={s.expert.id}
      onClick={() => onToggle(s.expert.id)}
    >
      <View className='triage-suggestion__box' aria-hidden='true'>
        {on ? '✓' : ''}
      </View>
      <View className='triage-suggestion__main'>
        <View className='triage-suggestion__name'>
          {s.expert.nickname}
          {s.expert.verified && <View className='tag triage-suggestion__verified'>已认证</View>}
        </View>
        {s.why && <View className='triage-suggestion__why'>{matched ? `匹配：${s.why}` : s.why}</View>}
        <View className='muted triage-suggestion__load'>
          {asked ? '已指派，等待回复' : s.openAssignments ? `手上还有 ${s.openAssignments} 条待答` : '手上没有待答的指派'}
        </View>
      </View>
    </Tappable>
  )
}

/** Any verified expert by name or phone: the one a declining expert recommended, or where the matching finds nobody. */
function ExpertSearch({ picked, waiting, busy, onToggle }: { picked: number[]; waiting: Set<number>; busy: boolean; onToggle: (id: number) => void }) {
  const [q, setQ] = useState('')
  const [found, setFound] = useState<Suggestion[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const search = async () => {
    const text = q.trim()
    if (!text) return
    setError(null)
    try {
      setFound(await findExperts(text))
    } catch (err) {
      setError(messageOf(err))
    }
  }
  return (
    <View className='triage-assign__search'>
      <View className='triage-assign__search-row'>
        <Input
          className='input triage-assign__search-input'
          value={q}
          maxlength={20}
          placeholder='按姓名或手机号找专家'
          confirmType='search'
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={search}
        />
        <Button className='btn btn--plain triage-assign__search-go' onClick={search}>
          查找
        </Button>
      </View>
      {error && <View className='error-text'>{error}</View>}
      {found && found.length === 0 && <View className='muted triage-assign__found-none'>没有找到这样的已认证专家</View>}
      {found?.map((s) => (
        <ExpertOption key={`found-${s.expert.id}`} s={s} matched={false} asked={waiting.has(s.expert.id)} on={picked.includes(s.expert.id)} busy={busy} onToggle={onToggle} />
      ))}
    </View>
  )
}
