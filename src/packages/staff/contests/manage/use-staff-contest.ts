import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { Award, EntryStage } from '../../../../../common/enums'
import { ApiRequestError, messageOf } from '../../../../services/http'
import {
  advanceEntry,
  fetchContest,
  fetchStaffEntries,
  moveStage,
  publishResults,
  setAward,
  type ContestDetail,
  type EntryView,
  type StaffEntry,
} from '../../../../services/contests'
import { CONTEST_STAGE_LABELS } from '../../../contests/components/labels'
import { nextStage } from '../../../../../common/rules'

// One contest for staff, its data and actions: the contest and its entrants (403 to anyone but
// staff), the stage filter, and each action confirmed, sent one at a time, then shown as the
// server answered.

export type PageState = 'loading' | 'ready' | 'error' | 'forbidden'

export function useStaffContest() {
  const { params } = useRouter()
  const id = Number(params.id) > 0 ? Number(params.id) : null
  const [contest, setContest] = useState<ContestDetail | null>(null)
  const [entries, setEntries] = useState<StaffEntry[] | null>(null)
  const [filter, setFilter] = useState<EntryStage | null>(null)
  const [state, setState] = useState<PageState>('loading')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const inFlight = useRef(false)

  const loadEntries = useCallback(
    async (stage: EntryStage | null) => {
      if (!id) return
      try {
        setEntries(await fetchStaffEntries(id, stage))
      } catch (err) {
        if (err instanceof ApiRequestError && err.status === 403) setState('forbidden')
        else Taro.showToast({ title: messageOf(err), icon: 'none' })
      }
    },
    [id],
  )

  const load = useCallback(async () => {
    if (!id) return setState('ready')
    setError(null)
    try {
      // The staff list answers 403 to anyone else: ask it first, then the contest.
      const list = await fetchStaffEntries(id, filter)
      setEntries(list)
      setContest(await fetchContest(id))
      setState('ready')
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 403) setState('forbidden')
      else {
        setError(messageOf(err))
        setState((s) => (s === 'ready' ? s : 'error'))
      }
    }
  }, [id, filter])

  useEffect(() => {
    load()
  }, [id])
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh())
  })

  /** Runs a staff action after a confirmation; the page then shows the server's state. */
  const act = async (action: () => Promise<unknown>, done: string, confirm?: { title: string; content: string; confirmText: string }) => {
    if (inFlight.current) return false
    if (confirm) {
      const res = await Taro.showModal({ ...confirm, cancelText: '取消' }).catch(() => ({ confirm: false }))
      if (!res.confirm) return false
    }
    inFlight.current = true
    setBusy(true)
    try {
      await action()
      Taro.showToast({ title: done, icon: 'success' })
      return true
    } catch (err) {
      Taro.showToast({ title: messageOf(err), icon: 'none' })
      return false
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }

  const showStage = (stage: EntryStage | null) => {
    setFilter(stage)
    setEntries(null)
    loadEntries(stage)
  }

  const moveOn = async () => {
    const c = contest
    const next = c && nextStage(c.stage)
    if (!c || !next || next === 'finished') return
    const ok = await act(() => moveStage(c.id, next).then(setContest), `已进入${CONTEST_STAGE_LABELS[next]}`, {
      title: `进入${CONTEST_STAGE_LABELS[next]}`,
      content:
        c.stage === 'signup'
          ? `进入${CONTEST_STAGE_LABELS[next]}后报名和举荐就关闭了，并且不能退回。确定吗？`
          : `比赛将进入${CONTEST_STAGE_LABELS[next]}，不能退回。确定吗？`,
      confirmText: '确定',
    })
    if (ok) loadEntries(filter)
  }

  const publish = async () => {
    if (!contest) return
    const ok = await act(() => publishResults(contest.id).then(setContest), '结果已公布', {
      title: '公布比赛结果',
      content: '公布后投票结束，按票数评出最受欢迎奖，获奖名单对所有人公开，比赛结束。确定公布吗？',
      confirmText: '公布',
    })
    if (ok) loadEntries(filter)
  }

  const merge = (e: EntryView) => setEntries((list) => list?.map((x) => (x.id === e.id ? { ...x, ...e } : x)) ?? null)

  const advance = async (e: StaffEntry, stage: Exclude<EntryStage, 'signup'>) => {
    if (!contest) return
    const ok = await act(() => advanceEntry(contest.id, e.id, stage).then(merge), `已晋级${CONTEST_STAGE_LABELS[stage]}`)
    // Filtered by stage: the entrant has left this list.
    if (ok && filter) loadEntries(filter)
  }

  const award = (e: StaffEntry, award: Award | null, awardName?: string) => {
    if (!contest) return
    act(() => setAward(contest.id, e.id, { award, ...(awardName ? { awardName } : {}) }).then(merge), award ? '已设置奖项' : '已取消奖项')
  }

  return { id, contest, setContest, entries, filter, state, error, busy, load, showStage, moveOn, publish, advance, award }
}
