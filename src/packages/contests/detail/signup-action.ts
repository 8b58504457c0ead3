import { ENTRY_STAGES, type ContestStage, type EntryStage } from '../../../../common/enums'
import type { Profile } from '../../../../common/schemas/users'
import type { ContestDetail } from '../../../services/contests'
import { formatChinaDateTime, formatDeadline } from '../../../../common/china-time'
import { LOGIN_URL } from '../../../utils/routes'
import { CONTEST_STAGE_LABELS } from '../components/labels'
import { isSignupOpen } from '../../../../common/rules'

// The viewer's sign-up button: 报名参赛 / 已报名·修改 / 报名已截止 / 登录后报名, and the line under it.

export interface SignupAction {
  label: string
  disabled: boolean
  /** Why it is disabled, or what happens next. */
  note?: string
  /** Where a tap goes. */
  url?: string
}

/** Open as the server says and still open at `now` (the page may have been open past the deadline). */
export function signupOpen(c: ContestDetail, now: number): boolean {
  return c.signupOpen && isSignupOpen(c, now)
}

export function signupAction(c: ContestDetail, user: Profile | null | undefined, now: number): SignupAction {
  if (!signupOpen(c, now)) {
    return {
      label: '报名已截止',
      disabled: true,
      note:
        c.stage === 'signup'
          ? `报名已于 ${formatChinaDateTime(c.signupEndsAt, now)} 截止`
          : `比赛已${c.stage === 'finished' ? '结束' : `进入${CONTEST_STAGE_LABELS[c.stage]}`}，报名已截止`,
    }
  }
  if (!user) return { label: '登录后报名', disabled: false, note: '登录后填写参赛项目，几分钟就能报完', url: LOGIN_URL }
  const url = `/packages/contests/signup/index?id=${c.id}`
  return c.myEntry
    ? { label: '已报名·修改', disabled: false, note: `报名截止前可以修改：${formatDeadline(c.signupEndsAt, now)}`, url }
    : { label: '报名参赛', disabled: false, note: formatDeadline(c.signupEndsAt, now), url }
}

/** Where the viewer's entry stands against the contest's stage. */
export function progressNote(stage: ContestStage, reached: EntryStage): string {
  const contestIndex = ENTRY_STAGES.indexOf(stage as (typeof ENTRY_STAGES)[number])
  const mineIndex = ENTRY_STAGES.indexOf(reached)
  if (mineIndex >= contestIndex) return `您已进入${CONTEST_STAGE_LABELS[stage]}，请留意科协的通知`
  return `本次未进入${CONTEST_STAGE_LABELS[stage]}，感谢参与，欢迎下届再来`
}
