import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { AWARDS, AWARD_LABELS, CONTEST_STAGES, ENTRY_STAGES, type Award, type EntryStage } from '../../../../../common/enums'
import { awardText, CONTEST_LIMITS, lengthMessage, textProblem } from '../../../../../common/rules'
import { Chips } from '../../../../components/category-chips'
import type { StaffEntry } from '../../../../services/contests'
import { CONTEST_CATEGORY_LABELS, CONTEST_STAGE_LABELS, REACHED_LABELS } from '../../../contests/components/labels'

const AWARD_CHOICES = AWARDS.map((a) => ({ key: a, label: AWARD_LABELS[a] }))
const [AWARD_NAME_MIN, AWARD_NAME_MAX] = CONTEST_LIMITS.awardName

/** What is wrong with the name staff give an 'other' award (the server's rule), or null. */
function awardNameProblem(name: string): string | null {
  const problem = textProblem(name, CONTEST_LIMITS.awardName)
  if (!problem) return null
  return problem === 'short' ? `奖项名称至少 ${AWARD_NAME_MIN} 个字` : lengthMessage(CONTEST_LIMITS.awardName, '奖项名称')
}

/** One entrant for staff: who, what, how far; 晋级 to the contest's stage, and a finalist's award. */
export function EntrantCard({
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
                className='form-input staff-entrant__other-name'
                placeholder='奖项名称，如：最佳创意奖'
                maxlength={AWARD_NAME_MAX}
                value={otherName}
                onInput={(ev) => setOtherName(ev.detail.value)}
              />
              <Button
                className='btn btn--primary'
                disabled={busy || undefined}
                onClick={() => {
                  const name = otherName.trim()
                  const problem = awardNameProblem(name)
                  if (problem) return Taro.showToast({ title: problem, icon: 'none' })
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
