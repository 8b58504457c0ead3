import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { CONTEST_STAGES, ENTRY_STAGES, type EntryStage } from '../../../../../common/enums'
import { PageShell } from '../../../../components/page-shell'
import { StateView } from '../../../../components/state-view'
import { Chips } from '../../../../components/category-chips'
import { formatDeadline } from '../../../../../common/china-time'
import { nextDeadline, scheduledStage } from '../../../../utils/china-time'
import { StageBar } from '../../../contests/components/stage-bar'
import { CONTEST_STAGE_LABELS, REACHED_LABELS, STAGE_TAG } from '../../../contests/components/labels'
import { nextStage } from '../../../../../common/rules'
import { FORBIDDEN_TEXT } from '../../shared/queue'
import { staffContestPath } from '../paths'
import { EntrantCard } from './entrant-card'
import { PendingNominations } from './pending-nominations'
import { ContestForm } from './form'
import { useStaffContest } from './use-staff-contest'
import '../../../contests/components/common.scss'
import './index.scss'

// One contest for staff: edit it, move it to the next stage (one step, never back), advance
// entrants stage by stage, give finalists their awards, and publish the results (which ends the
// contest and decides 最受欢迎奖 from the votes). Without ?id= it is the 新建比赛 form.

const STAGE_FILTERS: Array<{ key: EntryStage; label: string }> = ENTRY_STAGES.map((s) => ({ key: s, label: REACHED_LABELS[s] }))

export default function StaffContest() {
  const { id, contest, setContest, entries, filter, state, error, busy, load, showStage, moveOn, publish, advance, award } = useStaffContest()
  const [editing, setEditing] = useState(false)

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

  const next = nextStage(c.stage)
  const deadline = nextDeadline(c)
  const expected = scheduledStage(c)
  const finished = c.stage === 'finished'
  const stageIndex = CONTEST_STAGES.indexOf(c.stage)

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
        {deadline && <View className='muted staff-contest__deadline'>{CONTEST_STAGE_LABELS[deadline.stage]}：{formatDeadline(deadline.at)}</View>}
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

      <PendingNominations contestId={c.id} reloadKey={entries} />

      <View className='section-title'>参赛选手</View>
      <View className='staff-contest__filter'>
        <Chips
          options={STAGE_FILTERS}
          value={filter}
          allLabel='全部'
          name='stage'
          wrap
          onChange={showStage}
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
            onAdvance={(stage) => advance(e, stage)}
            onAward={(a, awardName) => award(e, a, awardName)}
          />
        ))
      )}
    </PageShell>
  )
}
