import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { formatChineseDate } from '../../../../common/format'
import { PageShell } from '../../../components/page-shell'
import { Tappable } from '../../../components/tappable'
import { articlePath } from '../../../components/article-card'
import { ShareBar } from '../../../components/share-bar'
import { StateView } from '../../../components/state-view'
import { useShareMenu } from '../../../hooks/useShare'
import { formatChinaDateTime, formatDeadline } from '../../../../common/china-time'
import { nextDeadline } from '../../../utils/china-time'
import { isVerifiedChair } from '../../../utils/roles'
import { isSinglePageMode, openedAlone } from '../../../utils/share'
import { Countdown } from '../components/countdown'
import { StageBar } from '../components/stage-bar'
import { CONTEST_CATEGORY_LABELS, CONTEST_KIND_LABELS, CONTEST_LEVEL_LABELS, CONTEST_STAGE_LABELS, REACHED_LABELS, STAGE_TAG, deadlineLabel } from '../components/labels'
import { awardText } from '../../../../common/rules'
import { Finalists } from './finalists'
import { Schedule } from './schedule'
import { progressNote, signupAction, signupOpen } from './signup-action'
import { useContestDetail } from './use-contest-detail'
import '../../../components/field/form.scss'
import '../components/common.scss'
import './index.scss'

// A contest's page: where it stands (stage bar, countdown in China time), the viewer's part
// (报名参赛 / 已报名·修改 / 报名已截止 / 登录后报名, 举荐人才 for verified chairs, a pending 举荐 to
// confirm), finalists and the popular vote, results, rules and the newspaper's reports. Shared to
// chats and Moments, so everything reads without an account; login is asked for only on a tap.
// Its 相关报道 come with the contest (c.articles: the ones staff attached plus those linking here),
// so the page shows those and not <RelatedArticles> as well.

const go = (url: string) => Taro.navigateTo({ url })
/** contestPath(id) without its query. */
const CONTEST_PATH = '/packages/contests/detail/index'

export default function ContestDetailPage() {
  const { id, user, contest, failure, invites, now, tick, voting, load, castVote } = useContestDetail()

  const shareTitle = contest ? contest.name : '四川省乡土人才创新创业大赛'
  useShareMenu({ target: 'contest', id, title: shareTitle, path: CONTEST_PATH })

  if (!contest) {
    return (
      <PageShell className='contest'>
        <StateView state={failure?.state ?? 'loading'} message={failure?.message} onRetry={load} rows={3} />
      </PageShell>
    )
  }

  const c = contest
  const readOnly = isSinglePageMode()
  const deadline = nextDeadline(c)
  const open = signupOpen(c, now)
  const mine = c.myEntry
  const chair = isVerifiedChair(user)
  const myStage = mine?.stageReached ?? c.mine?.stageReached ?? null
  const signup = signupAction(c, user, now)
  const signupUrl = signup.url
  const myAward = mine ? awardText(mine.award, mine.awardName, mine.popularAward) : ''

  return (
    <PageShell className='contest'>
      <View className='card contest__head'>
        <View className='contest-tags'>
          <View className={`contest-tag contest-tag--kind-${c.kind}`}>{CONTEST_KIND_LABELS[c.kind]}</View>
          <View className='contest-tag'>{CONTEST_LEVEL_LABELS[c.level]}</View>
          <View className={`contest-tag contest-tag--stage contest-tag--stage-${c.stage}`}>{STAGE_TAG[c.stage]}</View>
        </View>
        <View className='contest__name'>{c.name}</View>
        <View className='muted contest__org'>
          主办：{c.organiser} · {c.regionName}
        </View>
        <View className='contest__categories'>
          {c.categories.map((k) => (
            <View key={k} className='contest__category'>
              {CONTEST_CATEGORY_LABELS[k]}
            </View>
          ))}
        </View>
        <View className='muted contest__count'>已有 {c.entryCount} 人参赛</View>
      </View>

      <View className='card contest__progress'>
        <StageBar stage={c.stage} mine={myStage} />
        {deadline ? (
          <View className='contest__deadline'>
            <Countdown
              className='contest__countdown'
              deadline={deadline.at}
              prefix={`距${deadlineLabel(deadline.stage)}还有`}
              expiredText={deadline.stage === 'final' ? '决赛已截止，等待公布结果' : `${CONTEST_STAGE_LABELS[deadline.stage]}已截止`}
              onExpire={tick}
            />
            <View className='muted contest__deadline-at'>{formatDeadline(deadline.at, now)}（北京时间）</View>
          </View>
        ) : (
          <View className='contest__deadline contest__finished'>
            比赛已结束{c.resultsPublishedAt ? `，${formatChinaDateTime(c.resultsPublishedAt, now)} 公布结果` : ''}
          </View>
        )}
        <Schedule contest={c} now={now} />
      </View>

      {invites.map((n) => (
        <View key={n.id} className='card contest__invite' data-nomination={n.id}>
          <View className='contest__invite-text'>
            {n.nominatorTownship}科协主席 {n.nominatorName} 举荐您参加本次比赛
          </View>
          <View className='muted'>确认后即完成报名：填写您的项目，几分钟就好。</View>
          {!readOnly && (
            <Button className='btn btn--primary contest__invite-btn' onClick={() => go(`/packages/contests/received/index?id=${n.id}`)}>
              去确认
            </Button>
          )}
        </View>
      ))}

      {mine && (
        <View className='card contest__mine'>
          <View className='form-label'>我的参赛项目</View>
          <View className='contest__mine-title'>{mine.title}</View>
          <View className='contest-tags contest__mine-tags'>
            <View className='contest-tag'>{CONTEST_CATEGORY_LABELS[mine.category]}</View>
            <View className='contest-tag contest-tag--mine contest__mine-stage'>{REACHED_LABELS[mine.stageReached]}</View>
            {myAward && <View className='contest-tag contest-tag--award'>{myAward}</View>}
            {mine.source === 'nomination' && <View className='contest-tag'>受举荐参赛</View>}
          </View>
          {c.stage !== 'signup' && c.stage !== 'finished' && <View className='muted'>{progressNote(c.stage, mine.stageReached)}</View>}
        </View>
      )}

      {readOnly ? (
        <View className='card muted contest__single'>点屏幕下方“前往小程序”，可以报名、举荐和投票</View>
      ) : (
        <View className='card contest__actions'>
          <Button
            className={`btn ${signup.disabled ? 'contest-btn-off' : 'btn--primary'} contest__signup`}
            disabled={signup.disabled || undefined}
            onClick={signupUrl ? () => go(signupUrl) : undefined}
          >
            {signup.label}
          </Button>
          {signup.note && <View className='muted contest__signup-note'>{signup.note}</View>}
          {chair && open && (
            <Button className='btn btn--plain contest__nominate' onClick={() => go(`/packages/contests/nominate/index?id=${c.id}`)}>
              举荐人才
            </Button>
          )}
          <ShareBar className='contest__share' target='contest' id={c.id} title={shareTitle} text={`主办：${c.organiser}`} path={CONTEST_PATH} />
        </View>
      )}

      {c.finalists.length > 0 && (
        <Finalists contest={c} user={user} readOnly={readOnly} voting={voting} onVote={castVote} />
      )}

      <View className='section-title'>比赛介绍</View>
      <View className='card'>
        <Text className='contest__text contest__description' userSelect>
          {c.description}
        </Text>
      </View>
      <View className='section-title'>参赛规则</View>
      <View className='card'>
        <Text className='contest__text contest__rules' userSelect>
          {c.rules}
        </Text>
      </View>

      {c.articles.length > 0 && (
        <View className='contest__articles'>
          <View className='section-title'>相关报道</View>
          <View className='card'>
            {c.articles.map((a) => (
              <Tappable role='link' key={a.id} className='row contest__article' onClick={() => go(articlePath(a.id))}>
                <View className='contest__article-title'>
                  {a.title}
                  {a.publishedOn && <View className='muted'>四川科技报 {formatChineseDate(a.publishedOn)}</View>}
                </View>
                <View className='muted'>›</View>
              </Tappable>
            ))}
          </View>
        </View>
      )}

      {(c.stage === 'final' || c.stage === 'finished') && !readOnly && (
        <View className='contest__pool'>
          <Button className='btn btn--plain' onClick={() => go('/packages/contests/talents/index')}>
            查看乡土人才库
          </Button>
        </View>
      )}

      {openedAlone() && (
        <View className='contest__home-wrap'>
          <Button className='btn btn--plain contest__home' onClick={() => Taro.switchTab({ url: '/pages/index/index' })}>
            去天府科技云首页
          </Button>
        </View>
      )}
    </PageShell>
  )
}
