import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { AWARDS, AWARD_LABELS, CONTEST_STAGES, ENTRY_STAGES, type Award, type EntryStage } from '../../../../../common/enums'
import { PageShell } from '../../../../components/page-shell'
import { StateView } from '../../../../components/state-view'
import { Chips } from '../../../../components/category-chips'
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
import { followingStage, formatDeadline, nextDeadline, scheduledStage } from '../../../../utils/china-time'
import { StageBar } from '../../../contests/components/stage-bar'
import { awardText, CONTEST_CATEGORY_LABELS, CONTEST_STAGE_LABELS, REACHED_LABELS, STAGE_TAG } from '../../../contests/components/labels'
import { FORBIDDEN_TEXT } from '../../shared/queue'
import { staffContestPath } from '../paths'
import { ContestForm } from './form'
import '../../../contests/components/common.scss'
import './index.scss'

// One contest for staff: edit it, move it to the next stage (one step, never back), advance
// entrants stage by stage, give finalists their awards, and publish the results (which ends the
// contest and decides 最受欢迎奖 from the votes). Without ?id= it is the 新建比赛 form.

const STAGE_FILTERS: Array<{ key: EntryStage; label: string }> = ENTRY_STAGES.map((s) => ({ key: s, label: REACHED_LABELS[s] }))
const AWARD_CHOICES = AWARDS.map((a) => ({ key: a, label: AWARD_LABELS[a] }))

export default function StaffContest() {
  const { params } = useRouter()
  const id = Number(params.id) > 0 ? Number(params.id) : null
  const [contest, setContest] = useState<ContestDetail | null>(null)
  const [entries, setEntries] = useState<StaffEntry[] | null>(null)
  const [filter, setFilter] = useState<EntryStage | null>(null)
  const [state, setState] = useState<'loading' | 'ready' | 'error' | 'forbidden'>('loading')
  const [error, setError] = useState<string | null>(null)
  const [editing, setEditing] = useState(false)
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

  if (state === 'forbidden') {
    return (
      <PageShell className='staff-contest'>
        <View className='state state--forbidden'>
          <View className='state__text'>{FORBIDDEN_TEXT}</View>
          <Button className='btn btn--plain state__retry' onClick={() => Taro.switchTab({ url: '/pages/mine/index' })}>
            返回我的
          </Button>
        </View>
      </PageShell>
    )
  }

  if (!id) {
    return (
      <PageShell className='staff-contest'>
        <ContestForm
          contest={null}
          onSaved={(c) => {
            Taro.showToast({ title: '已创建', icon: 'success' })
            Taro.redirectTo({ url: staffContestPath(c.id) })
          }}
        />
      </PageShell>
    )
  }

  if (!contest) {
    return (
      <PageShell className='staff-contest'>
        <StateView state={state === 'error' ? 'error' : 'loading'} message={error ?? undefined} onRetry={load} rows={3} />
      </PageShell>
    )
  }

  const c = contest
  if (editing) {
    return (
      <PageShell className='staff-contest'>
        <ContestForm
          contest={c}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setContest(saved)
            setEditing(false)
            Taro.showToast({ title: '已保存', icon: 'success' })
          }}
        />
      </PageShell>
    )
  }

  const next = followingStage(c.stage)
  const deadline = nextDeadline(c)
  const expected = scheduledStage(c)
  const finished = c.stage === 'finished'
  const stageIndex = CONTEST_STAGES.indexOf(c.stage)

  const moveOn = async () => {
    if (!next || next === 'finished') return
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
    const ok = await act(() => publishResults(c.id).then(setContest), '结果已公布', {
      title: '公布比赛结果',
      content: '公布后投票结束，按票数评出最受欢迎奖，获奖名单对所有人公开，比赛结束。确定公布吗？',
      confirmText: '公布',
    })
    if (ok) loadEntries(filter)
  }
  const merge = (e: EntryView) => setEntries((list) => list?.map((x) => (x.id === e.id ? { ...x, ...e } : x)) ?? null)

  return (
    <PageShell className='staff-contest'>
      <View className='card staff-contest__head'>
        <View className='contest-tags'>
          <View className={`contest-tag contest-tag--stage contest-tag--stage-${c.stage}`}>{STAGE_TAG[c.stage]}</View>
        </View>
        <View className='staff-contest__name'>{c.name}</View>
        <View className='muted'>
          {c.organiser} · {c.regionName} · {c.entryCount} 人参赛
        </View>
        <StageBar stage={c.stage} />
        {deadline && <View className='muted staff-contest__deadline'>{deadline.label.replace('截止', '')}：{formatDeadline(deadline.at)}</View>}
        {CONTEST_STAGES.indexOf(expected) > stageIndex && (
          <View className='staff-contest__hint'>按日程应已进入{CONTEST_STAGE_LABELS[expected]}</View>
        )}
        <View className='staff-contest__actions'>
          {next && next !== 'finished' && (
            <Button className='btn btn--primary staff-contest__move' disabled={busy || undefined} onClick={moveOn}>
              进入{CONTEST_STAGE_LABELS[next]}
            </Button>
          )}
          {c.stage === 'final' && (
            <Button className='btn btn--primary staff-contest__publish' disabled={busy || undefined} onClick={publish}>
              公布结果
            </Button>
          )}
          {finished && <View className='staff-contest__finished'>结果已公布，比赛已结束</View>}
          <Button className='btn btn--plain staff-contest__edit' disabled={busy || undefined} onClick={() => setEditing(true)}>
            修改比赛信息
          </Button>
        </View>
      </View>

      <View className='section-title'>参赛选手</View>
      <View className='staff-contest__filter'>
        <Chips
          options={STAGE_FILTERS}
          value={filter}
          allLabel='全部'
          name='stage'
          wrap
          onChange={(stage) => {
            setFilter(stage)
            setEntries(null)
            loadEntries(stage)
          }}
        />
      </View>
      {!entries ? (
        <StateView state='loading' rows={2} />
      ) : entries.length === 0 ? (
        <StateView state='empty' message={filter ? `没有${REACHED_LABELS[filter]}的选手` : '还没有人报名'} />
      ) : (
        entries.map((e) => (
          <EntrantCard
            key={e.id}
            entry={e}
            contestStageIndex={stageIndex}
            finished={finished}
            busy={busy}
            onAdvance={async (stage) => {
              const ok = await act(() => advanceEntry(c.id, e.id, stage).then(merge), `已晋级${CONTEST_STAGE_LABELS[stage]}`)
              // Filtered by stage: the entrant has left this list.
              if (ok && filter) loadEntries(filter)
            }}
            onAward={(award, awardName) => act(() => setAward(c.id, e.id, { award, ...(awardName ? { awardName } : {}) }).then(merge), award ? '已设置奖项' : '已取消奖项')}
          />
        ))
      )}
    </PageShell>
  )
}

function EntrantCard({
  entry: e,
  contestStageIndex,
  finished,
  busy,
  onAdvance,
  onAward,
}: {
  entry: StaffEntry
  contestStageIndex: number
  finished: boolean
  busy: boolean
  onAdvance: (stage: Exclude<EntryStage, 'signup'>) => void
  onAward: (award: Award | null, awardName?: string) => void
}) {
  const [otherName, setOtherName] = useState('')
  const [askingName, setAskingName] = useState(false)
  const reached = ENTRY_STAGES.indexOf(e.stageReached)
  const next = ENTRY_STAGES[reached + 1] as Exclude<EntryStage, 'signup'> | undefined
  // An entrant moves to stage X only once the contest is at X (or later), one stage at a time.
  const canAdvance = !!next && !finished && contestStageIndex >= CONTEST_STAGES.indexOf(next)
  const finalist = e.stageReached === 'final'
  const award = awardText(e.award, e.awardName, e.popularAward)
  return (
    <View className='card staff-entrant' data-entry={e.id}>
      <View className='staff-entrant__head'>
        <View className='staff-entrant__name'>{e.name}</View>
        <View className='contest-tag contest-tag--mine staff-entrant__reached'>{REACHED_LABELS[e.stageReached]}</View>
      </View>
      <View className='muted'>
        {e.regionName}
        {e.phoneMasked ? ` · ${e.phoneMasked}` : ''} · {e.source === 'nomination' ? '受举荐' : '自主报名'}
      </View>
      <View className='staff-entrant__title'>{e.title}</View>
      <View className='contest-tags'>
        <View className='contest-tag'>{CONTEST_CATEGORY_LABELS[e.category]}</View>
        <View className='contest-tag'>从业 {e.yearsExperience} 年</View>
        {award && <View className='contest-tag contest-tag--award staff-entrant__award'>{award}</View>}
        {finalist && <View className='contest-tag'>{e.voteCount} 票</View>}
      </View>
      {canAdvance && (
        <Button className='btn btn--primary staff-entrant__advance' disabled={busy || undefined} onClick={() => onAdvance(next!)}>
          晋级{CONTEST_STAGE_LABELS[next!]}
        </Button>
      )}
      {finalist && !finished && (
        <View className='staff-entrant__awards'>
          <View className='muted'>奖项（公布结果前可以修改）</View>
          <Chips
            options={AWARD_CHOICES}
            value={e.award}
            allLabel='无'
            name='award'
            wrap
            onChange={(a) => {
              if (busy) return
              if (a === 'other') return setAskingName(true)
              setAskingName(false)
              onAward(a)
            }}
          />
          {askingName && (
            <View className='staff-entrant__other'>
              <Input
                className='contest-input staff-entrant__other-name'
                placeholder='奖项名称，如：最佳创意奖'
                maxlength={20}
                value={otherName}
                onInput={(ev) => setOtherName(ev.detail.value)}
              />
              <Button
                className='btn btn--primary'
                disabled={busy || undefined}
                onClick={() => {
                  const name = otherName.trim()
                  if (Array.from(name).length < 2) return Taro.showToast({ title: '奖项名称至少 2 个字', icon: 'none' })
                  setAskingName(false)
                  onAward('other', name)
                }}
              >
                确定
              </Button>
            </View>
          )}
        </View>
      )}
    </View>
  )
}
