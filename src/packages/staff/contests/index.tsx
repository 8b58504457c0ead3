import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { CONTEST_STAGES } from '../../../../common/enums'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { useSession } from '../../../hooks/useSession'
import { useReloadOnShow } from '../../../hooks/useReloadOnShow'
import { messageOf } from '../../../services/http'
import { fetchContests, fetchPendingNominationCounts, type ContestSummary } from '../../../services/contests'
import { formatDeadline } from '../../../../common/china-time'
import { nextDeadline, scheduledStage } from '../../../utils/china-time'
import { CONTEST_KIND_LABELS, CONTEST_LEVEL_LABELS, CONTEST_STAGE_LABELS, STAGE_TAG } from '../../contests/components/labels'
import { StageBar } from '../../contests/components/stage-bar'
import { FORBIDDEN_TEXT } from '../shared/queue'
import { staffContestPath } from './paths'
import '../../contests/components/common.scss'
import './index.scss'
import { Tappable } from '../../../components/tappable'

// 大赛管理: every contest (newest first) with its stage and what the schedule expects, and 新建比赛.
// Each opens the contest's management page (stage, entrants, awards, results).

export default function StaffContests() {
  const user = useSession()
  const [items, setItems] = useState<ContestSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  /** 举荐 waiting for the nominee per contest: not entrants yet, but staff must see them. */
  const [pending, setPending] = useState<Record<number, number>>({})

  const load = async () => {
    setError(null)
    try {
      // Staff see them all: a page of 50 covers years of contests.
      const [page, counts] = await Promise.all([fetchContests({ stage: 'all', limit: 50 }), fetchPendingNominationCounts().catch(() => ({}))])
      setItems(page.items)
      setPending(counts)
    } catch (err) {
      setError(messageOf(err))
    }
  }
  useReloadOnShow(load, { when: !!user?.isStaff })

  // The list is public; what staff do with it is not — the server refuses anyone else there.
  if (!user?.isStaff) {
    return (
      <PageShell className='staff-contests'>
        <View className='state state--forbidden'>
          <View className='state__text'>{FORBIDDEN_TEXT}</View>
        </View>
      </PageShell>
    )
  }

  return (
    <PageShell className='staff-contests'>
      <View className='staff-contests__new'>
        <Button className='btn btn--primary staff-contests__create' onClick={() => Taro.navigateTo({ url: staffContestPath() })}>
          ＋ 新建比赛
        </Button>
      </View>
      {!items ? (
        <StateView state={error ? 'error' : 'loading'} message={error ?? undefined} onRetry={load} />
      ) : items.length === 0 ? (
        <StateView state='empty' message='还没有比赛，点上面“新建比赛”' />
      ) : (
        items.map((c) => {
          const deadline = nextDeadline(c)
          const expected = scheduledStage(c)
          return (
            <Tappable role='link' key={c.id} className='card staff-contest-card' data-id={c.id} onClick={() => Taro.navigateTo({ url: staffContestPath(c.id) })}>
              <View className='contest-tags'>
                <View className={`contest-tag contest-tag--kind-${c.kind}`}>{CONTEST_KIND_LABELS[c.kind]}</View>
                <View className='contest-tag'>{CONTEST_LEVEL_LABELS[c.level]}</View>
                <View className={`contest-tag contest-tag--stage contest-tag--stage-${c.stage}`}>{STAGE_TAG[c.stage]}</View>
              </View>
              <View className='staff-contest-card__name'>{c.name}</View>
              <StageBar stage={c.stage} />
              <View className='muted'>
                {c.entryCount} 人参赛{pending[c.id] ? ` · ${pending[c.id]} 人被举荐待确认` : ''}{deadline ? ` · ${CONTEST_STAGE_LABELS[deadline.stage]}${formatDeadline(deadline.at)}` : ''}
              </View>
              {CONTEST_STAGES.indexOf(expected) > CONTEST_STAGES.indexOf(c.stage) && (
                <View className='staff-contest-card__hint'>按日程应已进入{CONTEST_STAGE_LABELS[expected]}，请及时推进</View>
              )}
            </Tappable>
          )
        })
      )}
    </PageShell>
  )
}
