import type { FollowupOutcome, TriageState } from '../../../../common/rules/triage'
export { hoursMinutes } from '../../../../common/format'

// Words and numbers of the triage pages (staff and 科服保姆 read them: Chinese, like the staff pages).

export const TRIAGE_STATE_LABELS: Record<TriageState, string> = {
  open: '分诊中（还没有接受的对接）',
  accepted: '已接受对接',
  resolved: '已解决',
  closed: '已关闭',
}

export const OUTCOME_LABELS: Record<FollowupOutcome, string> = { solved: '解决了', partial: '部分解决', unsolved: '没有解决' }

const MINUTE = 60_000

/** Whole minutes from one instant to another (0 when `to` is earlier). */
export function minutesBetween(from: string, to: string | number): number {
  return Math.max(0, Math.floor(((typeof to === 'number' ? to : new Date(to).getTime()) - new Date(from).getTime()) / MINUTE))
}

/**
 * How long a need has waited, as a 科服保姆 weighs it: minutes, then hours, then days and hours
 * (a herder's sick yak counts in hours, a week-old need in days).
 */
export function waitedLabel(minutes: number): string {
  if (minutes < 60) return `${minutes}分钟`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours}小时`
  const days = Math.floor(hours / 24)
  const rest = hours % 24
  return rest ? `${days}天${rest}小时` : `${days}天`
}

/** 0.667 → '67%'; null (no needs that month) → '—'. */
export function percent(share: number | null): string {
  return share === null || !Number.isFinite(share) ? '—' : `${Math.round(share * 100)}%`
}
