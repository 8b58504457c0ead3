import { useMemo, useRef, useState } from 'react'
import { Button, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { REJECT_REASON_TEMPLATES } from '../../../../common/rules'
import type { BulkOutcome } from '../../../../common/schemas/review'
import { Tappable } from '../../../components/tappable'
import { messageOf } from '../../../services/http'
import type { BulkDecision } from '../../../services/review'
import { reasonError } from './queue'
import './bulk.scss'

// Staff on a PC (H5, a window ≥ 1024 px): the queue becomes a grid with filters, items get a tick
// box, and a bar decides the ticked ones at once. On a phone (and always on the mini program) none
// of this shows: bulk.scss keeps it to the wide H5 layout, so the phone page stays as it was.

/** The reason templates as chips: a tap puts the words in the reason box (single and bulk alike). */
export function ReasonTemplates({ onPick }: { onPick: (reason: string) => void }) {
  return (
    <View className='reason-templates'>
      {REJECT_REASON_TEMPLATES.map((t) => (
        <Tappable key={t} className='reason-templates__chip' onClick={() => onPick(t)}>
          {t}
        </Tappable>
      ))}
    </View>
  )
}

/** A filter row: one chip per choice, the chosen one pressed. */
export function FilterChips<T extends string>({ label, options, value, onChange }: { label: string; options: Array<[T, string]>; value: T; onChange: (v: T) => void }) {
  return (
    <View className='staff-filter'>
      <View className='staff-filter__label muted'>{label}</View>
      {options.map(([v, text]) => (
        <Tappable key={v} className={`staff-filter__chip${v === value ? ' staff-filter__chip--on' : ''}`} pressed={v === value} onClick={() => onChange(v)}>
          {text}
        </Tappable>
      ))}
    </View>
  )
}

/** The tick box on a card. */
export function SelectBox({ checked, label, onChange }: { checked: boolean; label: string; onChange: () => void }) {
  return (
    <Tappable className={`select-box staff-wide-only${checked ? ' select-box--on' : ''}`} role='checkbox' pressed={checked} label={label} onClick={onChange}>
      <View className='select-box__mark'>{checked ? '✓' : ''}</View>
      <View className='select-box__text'>选择</View>
    </Tappable>
  )
}

/** Ticked ids, kept to those still shown. */
export function useSelection(visibleIds: number[]) {
  const [picked, setPicked] = useState<Set<number>>(new Set())
  const selected = useMemo(() => visibleIds.filter((id) => picked.has(id)), [visibleIds, picked])
  return {
    selected,
    isSelected: (id: number) => picked.has(id),
    toggle: (id: number) =>
      setPicked((prev) => {
        const next = new Set(prev)
        if (!next.delete(id)) next.add(id)
        return next
      }),
    selectAll: () => setPicked(new Set(visibleIds)),
    clear: () => setPicked(new Set()),
  }
}

const OUTCOME_WORDS: Record<Exclude<BulkOutcome, 'done'>, string> = { already: '已被他人处理', forbidden: '不在您的管辖范围', missing: '已不存在' }

/** What a bulk call did, in one line for the toast: 已处理 3 条；1 条已被他人处理. */
export function outcomeSummary(outcomes: BulkOutcome[]): string {
  const count = (o: BulkOutcome) => outcomes.filter((x) => x === o).length
  const parts = [`已处理 ${count('done')} 条`]
  for (const o of ['already', 'forbidden', 'missing'] as const) if (count(o)) parts.push(`${count(o)} 条${OUTCOME_WORDS[o]}`)
  return parts.join('；')
}

/** Outcomes after which the item leaves the queue: decided by us, by someone else, or gone. */
export const LEAVES_QUEUE: readonly BulkOutcome[] = ['done', 'already', 'missing']

/**
 * The bar over the grid: how many are ticked, 全选 / 清除, 批量通过, and 批量驳回 with one reason
 * (a template or typed). `onDecide` sends the decision and resolves when the queue is updated.
 */
export function BulkBar({
  selected,
  shown,
  onSelectAll,
  onClear,
  onDecide,
  who = '作者',
}: {
  selected: number
  shown: number
  onSelectAll: () => void
  onClear: () => void
  onDecide: (decision: BulkDecision) => Promise<void>
  who?: string
}) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const inFlight = useRef(false)

  const run = async (decision: BulkDecision) => {
    if (inFlight.current || !selected) return
    inFlight.current = true
    setBusy(true)
    try {
      await onDecide(decision)
      setRejecting(false)
      setReason('')
    } catch (err) {
      Taro.showToast({ title: messageOf(err), icon: 'none' })
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }
  const confirmReject = () => {
    const found = reasonError(reason)
    setError(found)
    if (!found) run({ decision: 'reject', reason: reason.trim() })
  }
  const off = busy || !selected || undefined

  return (
    <View className='bulk-bar staff-wide-only'>
      <View className='bulk-bar__row'>
        <View className='bulk-bar__count'>已选 {selected} / {shown} 条</View>
        <Button className='btn btn--plain bulk-bar__all' onClick={selected === shown ? onClear : onSelectAll}>
          {selected === shown && shown > 0 ? '取消全选' : '全选'}
        </Button>
        <Button className='btn btn--primary bulk-bar__approve' disabled={off} onClick={() => run({ decision: 'approve' })}>
          批量通过
        </Button>
        <Button className='btn btn--danger bulk-bar__reject' disabled={busy || undefined} onClick={() => setRejecting(true)}>
          批量驳回
        </Button>
      </View>
      {rejecting && (
        <View className='bulk-bar__form'>
          <View className='decision-form__label'>驳回理由（每位{who}都会看到，2–200 字），可点选常用理由</View>
          <ReasonTemplates
            onPick={(t) => {
              setReason(t)
              setError(null)
            }}
          />
          <Textarea
            className='decision-form__input bulk-bar__input'
            value={reason}
            maxlength={200}
            autoHeight
            placeholder='也可以自己填写'
            onInput={(e) => {
              setReason(e.detail.value)
              if (error) setError(null)
            }}
          />
          {error && <View className='error-text'>{error}</View>}
          <View className='bulk-bar__row'>
            <Button className='btn btn--danger bulk-bar__confirm' disabled={off} onClick={confirmReject}>
              确认驳回 {selected} 条
            </Button>
            <Button className='btn btn--plain bulk-bar__cancel' disabled={busy || undefined} onClick={() => setRejecting(false)}>
              取消
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}
