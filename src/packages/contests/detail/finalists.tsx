import { Button, Image, View } from '@tarojs/components'
import { AWARDS } from '../../../../common/enums'
import type { Profile } from '../../../../common/schemas/users'
import { assetUrl } from '../../../services/http'
import type { ContestDetail, FinalistView } from '../../../services/contests'
import { CONTEST_CATEGORY_LABELS } from '../components/labels'
import { awardText } from '../../../../common/rules'

// The finalists: the results once published (by award), then each finalist with the popular vote.

const AWARD_ORDER = [...AWARDS]

export function Finalists({
  contest: c,
  user,
  readOnly,
  voting,
  onVote,
}: {
  contest: ContestDetail
  user: Profile | null
  readOnly: boolean
  voting: number | null
  onVote: (f: FinalistView) => void
}) {
  const published = !!c.resultsPublishedAt
  const awarded = published
    ? c.finalists
        .filter((f) => f.award || f.popularAward)
        .sort((a, b) => (a.award ? AWARD_ORDER.indexOf(a.award) : 99) - (b.award ? AWARD_ORDER.indexOf(b.award) : 99))
    : []
  const voted = c.myVoteEntryId
  return (
    <View className='contest__finalists'>
      {awarded.length > 0 && (
        <View className='contest__results'>
          <View className='section-title'>比赛结果</View>
          <View className='card'>
            {awarded.map((f) => (
              <View key={f.id} className='contest__result' data-entry={f.id}>
                <View className='contest-tag contest-tag--award contest__result-award'>{awardText(f.award, f.awardName, f.popularAward)}</View>
                <View className='contest__result-who'>
                  <View className='contest__result-name'>{f.name}</View>
                  <View className='muted'>{f.title}</View>
                </View>
              </View>
            ))}
          </View>
        </View>
      )}

      <View className='section-title'>决赛选手{c.voteOpen ? ' · 网络投票' : ''}</View>
      {c.voteOpen && (
        <View className='muted contest__vote-hint'>
          {voted ? '您已投过票，谢谢参与。' : '每人可以投 1 票，得票最多的选手获“最受欢迎奖”。'}
        </View>
      )}
      {c.finalists.map((f) => {
        const own = c.myEntry?.id === f.id
        const award = published ? awardText(f.award, f.awardName, f.popularAward) : ''
        return (
          <View key={f.id} className={`card contest__finalist${voted === f.id ? ' contest__finalist--voted' : ''}`} data-entry={f.id}>
            <View className='contest__finalist-main'>
              {f.avatarUrl ? (
                <Image className='contest__avatar' src={assetUrl(f.avatarUrl)} mode='aspectFill' lazyLoad />
              ) : (
                <View className='contest__avatar contest__avatar--empty'>{f.name.slice(0, 1)}</View>
              )}
              <View className='contest__finalist-who'>
                <View className='contest__finalist-name'>
                  {f.name}
                  {award && <View className='contest-tag contest-tag--award'>{award}</View>}
                </View>
                <View className='contest__finalist-title'>{f.title}</View>
                <View className='muted'>
                  {CONTEST_CATEGORY_LABELS[f.category]} · {f.regionName}
                </View>
              </View>
            </View>
            <View className='contest__finalist-foot'>
              <View className='contest__votes'>{f.voteCount} 票</View>
              {c.voteOpen && !readOnly && (
                <VoteButton
                  label={!user ? '登录后投票' : own ? '我的项目' : voted === f.id ? '已投票' : '投票'}
                  disabled={!!user && (own || voted !== null)}
                  busy={voting === f.id}
                  primary={!!user && !own && voted === null}
                  onClick={() => onVote(f)}
                />
              )}
            </View>
          </View>
        )
      })}
    </View>
  )
}

function VoteButton({ label, disabled, busy, primary, onClick }: { label: string; disabled: boolean; busy: boolean; primary: boolean; onClick: () => void }) {
  return (
    <Button
      className={`btn ${primary ? 'btn--primary' : disabled ? 'contest-btn-off' : 'btn--plain'} contest__vote`}
      disabled={disabled || busy || undefined}
      loading={busy || undefined}
      onClick={onClick}
    >
      {label}
    </Button>
  )
}
