import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import { AWARDS, ENTRY_STAGES, type ContestStage, type EntryStage } from '../../../../common/enums'
import { formatChineseDate } from '../../../../common/format'
import { PageShell } from '../../../components/page-shell'
import { articlePath } from '../../../components/article-card'
import { ShareBar } from '../../../components/share-bar'
import { StateView } from '../../../components/state-view'
import { useSession } from '../../../hooks/useSession'
import { useShareEntry, useShareMenu } from '../../../hooks/useShare'
import { ApiRequestError, assetUrl, messageOf } from '../../../services/http'
import {
  fetchContest,
  fetchReceivedNominations,
  vote,
  type ContestDetail,
  type FinalistView,
  type ReceivedNomination,
} from '../../../services/contests'
import { formatChinaDateTime, formatDeadline, nextDeadline, signupOpenAt, STAGE_END_FIELD } from '../../../utils/china-time'
import { isVerifiedChair } from '../../../utils/roles'
import { isSinglePageMode, openedAlone } from '../../../utils/share'
import { Countdown } from '../components/countdown'
import { StageBar } from '../components/stage-bar'
import {
  awardText,
  CONTEST_CATEGORY_LABELS,
  CONTEST_KIND_LABELS,
  CONTEST_LEVEL_LABELS,
  CONTEST_STAGE_LABELS,
  LOGIN_URL,
  PROFILE_URL,
  REACHED_LABELS,
  STAGE_TAG,
} from '../components/labels'
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

interface SignupAction {
  label: string
  disabled: boolean
  /** Why it is disabled, or what happens next. */
  note?: string
  onClick?: () => void
}

export default function ContestDetailPage() {
  // ?id=, or a poster's 小程序码 (scene = a share code); an ?s= share code is reported as an open.
  const { id, resolving } = useShareEntry()
  const user = useSession()
  const [contest, setContest] = useState<ContestDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [invites, setInvites] = useState<ReceivedNomination[]>([])
  /** When sign-up and the vote were last judged: moved on when a countdown runs out on screen. */
  const [now, setNow] = useState(() => Date.now())
  const [voting, setVoting] = useState<number | null>(null)
  const inFlight = useRef(false)

  const load = useCallback(async () => {
    if (resolving) return
    if (!Number.isInteger(id) || id <= 0) return setError('找不到这项比赛')
    setError(null)
    try {
      const c = await fetchContest(id)
      setContest(c)
      setNow(Date.now())
    } catch (err) {
      setError(messageOf(err))
    }
    // A 举荐 waiting for this person: a banner to confirm it (only registered people can have one).
    if (user?.registered) {
      fetchReceivedNominations()
        .then((list) => setInvites(list.filter((n) => n.contestId === id && n.status === 'pending')))
        .catch(() => setInvites([]))
    } else setInvites([])
  }, [id, resolving, user?.id, user?.registered])

  // Every show: back from signing up, confirming a 举荐 or logging in.
  useDidShow(() => {
    load()
  })
  // A 小程序码's scene names the contest only once it is looked up.
  const shownId = useRef(id)
  useEffect(() => {
    if (shownId.current === id && !resolving) return
    shownId.current = id
    load()
  }, [id, resolving, load])

  const shareTitle = contest ? contest.name : '四川省乡土人才创新创业大赛'
  useShareMenu({ target: 'contest', id, title: shareTitle, path: CONTEST_PATH })

  if (!contest) {
    return (
      <PageShell className='contest'>
        <StateView state={error ? 'error' : 'loading'} message={error ?? undefined} onRetry={load} rows={3} />
      </PageShell>
    )
  }

  const c = contest
  const readOnly = isSinglePageMode()
  const deadline = nextDeadline(c)
  const open = c.signupOpen && signupOpenAt(c, now)
  const mine = c.myEntry
  const chair = isVerifiedChair(user)
  const myStage = mine?.stageReached ?? c.mine?.stageReached ?? null

  const signup: SignupAction = !open
    ? {
        label: '报名已截止',
        disabled: true,
        note:
          c.stage === 'signup'
            ? `报名已于 ${formatChinaDateTime(c.signupEndsAt, now)} 截止`
            : `比赛已${c.stage === 'finished' ? '结束' : `进入${CONTEST_STAGE_LABELS[c.stage]}`}，报名已截止`,
      }
    : !user
      ? { label: '登录后报名', disabled: false, note: '登录后填写参赛项目，几分钟就能报完', onClick: () => go(LOGIN_URL) }
      : mine
        ? { label: '已报名·修改', disabled: false, note: `报名截止前可以修改：${formatDeadline(c.signupEndsAt, now)}`, onClick: () => go(`/packages/contests/signup/index?id=${c.id}`) }
        : { label: '报名参赛', disabled: false, note: formatDeadline(c.signupEndsAt, now), onClick: () => go(`/packages/contests/signup/index?id=${c.id}`) }

  const castVote = async (f: FinalistView) => {
    if (inFlight.current) return
    if (!user) return go(LOGIN_URL)
    if (!user.registered) {
      Taro.showToast({ title: '请先完善资料再投票', icon: 'none' })
      return go(PROFILE_URL)
    }
    inFlight.current = true
    setVoting(f.id)
    try {
      const res = await vote(c.id, f.id)
      setContest((prev) =>
        prev && {
          ...prev,
          myVoteEntryId: res.entryId,
          finalists: prev.finalists.map((x) => (x.id === res.entryId ? { ...x, voteCount: res.voteCount } : x)),
        },
      )
      Taro.showToast({ title: '投票成功', icon: 'success' })
    } catch (err) {
      Taro.showToast({ title: messageOf(err), icon: 'none' })
      // Someone (or this person on another phone) already decided it: show the server's state.
      if (err instanceof ApiRequestError && ['ALREADY_VOTED', 'VOTE_CLOSED', 'VOTE_NOT_FINALIST'].includes(err.code)) load()
    } finally {
      inFlight.current = false
      setVoting(null)
    }
  }

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
              prefix={`距${deadline.label}还有`}
              expiredText={deadline.stage === 'final' ? '决赛已截止，等待公布结果' : `${CONTEST_STAGE_LABELS[deadline.stage]}已截止`}
              onExpire={() => setNow(Date.now())}
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
          <View className='contest-label'>我的参赛项目</View>
          <View className='contest__mine-title'>{mine.title}</View>
          <View className='contest-tags contest__mine-tags'>
            <View className='contest-tag'>{CONTEST_CATEGORY_LABELS[mine.category]}</View>
            <View className='contest-tag contest-tag--mine contest__mine-stage'>{REACHED_LABELS[mine.stageReached]}</View>
            {awardText(mine.award, mine.awardName, mine.popularAward) && (
              <View className='contest-tag contest-tag--award'>{awardText(mine.award, mine.awardName, mine.popularAward)}</View>
            )}
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
            onClick={signup.onClick}
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
              <View key={a.id} className='row contest__article' onClick={() => go(articlePath(a.id))}>
                <View className='contest__article-title'>
                  {a.title}
                  {a.publishedOn && <View className='muted'>四川科技报 {formatChineseDate(a.publishedOn)}</View>}
                </View>
                <View className='muted'>›</View>
              </View>
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

/** Where the viewer's entry stands against the contest's stage. */
function progressNote(stage: ContestStage, reached: EntryStage): string {
  const contestIndex = ENTRY_STAGES.indexOf(stage as (typeof ENTRY_STAGES)[number])
  const mineIndex = ENTRY_STAGES.indexOf(reached)
  if (mineIndex >= contestIndex) return `您已进入${CONTEST_STAGE_LABELS[stage]}，请留意科协的通知`
  return `本次未进入${CONTEST_STAGE_LABELS[stage]}，感谢参与，欢迎下届再来`
}

/** Every stage's end, the current one marked. */
function Schedule({ contest: c, now }: { contest: ContestDetail; now: number }) {
  return (
    <View className='contest__schedule'>
      {(Object.keys(STAGE_END_FIELD) as Array<keyof typeof STAGE_END_FIELD>).map((s) => (
        <View key={s} className={`contest__schedule-row${c.stage === s ? ' contest__schedule-row--on' : ''}`}>
          <View>{CONTEST_STAGE_LABELS[s]}截止</View>
          <View>{formatChinaDateTime(c[STAGE_END_FIELD[s]], now)}</View>
        </View>
      ))}
    </View>
  )
}

const AWARD_ORDER = [...AWARDS]

function Finalists({
  contest: c,
  user,
  readOnly,
  voting,
  onVote,
}: {
  contest: ContestDetail
  user: ReturnType<typeof useSession>
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
