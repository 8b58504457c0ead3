import { View } from '@tarojs/components'
import { ENTRY_STAGES, type ContestStage, type EntryStage } from '../../../../../common/enums'
import { CONTEST_STAGE_LABELS } from '../labels'
import './index.scss'

/**
 * 报名 → 初赛 → 复赛 → 决赛: stages behind are ticked, the current one is highlighted (all ticked
 * once the contest is over), and the furthest stage the viewer reached carries a 我 mark.
 */
export function StageBar({ stage, mine, className }: { stage: ContestStage; mine?: EntryStage | null; className?: string }) {
  const current = stage === 'finished' ? ENTRY_STAGES.length : ENTRY_STAGES.indexOf(stage)
  return (
    <View className={`stage-bar${className ? ` ${className}` : ''}`}>
      {ENTRY_STAGES.map((s, i) => {
        const state = i < current ? 'done' : i === current ? 'current' : 'todo'
        return (
          <View key={s} className={`stage-bar__step stage-bar__step--${state}${mine === s ? ' stage-bar__step--mine' : ''}`} data-stage={s}>
            <View className='stage-bar__line' />
            <View className='stage-bar__dot'>{state === 'done' ? '✓' : i + 1}</View>
            <View className='stage-bar__label'>{CONTEST_STAGE_LABELS[s]}</View>
            {mine === s && <View className='stage-bar__mine'>我在这</View>}
          </View>
        )
      })}
    </View>
  )
}
