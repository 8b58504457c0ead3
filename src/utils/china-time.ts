import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import { CONTEST_STAGES, CONTEST_STAGE_LABELS, type ContestStage } from '../../common/enums'

dayjs.extend(utc)
dayjs.extend(timezone)

// Contest deadlines are instants on the wire (ISO, UTC); people read them — and the countdowns to
// them — in China time (Asia/Shanghai), whatever zone the phone is set to (a herder's phone bought
// abroad, a PC in another zone, a test runner). Two traps shape this file:
//  - dayjs keeps a "zoned" time as a *device-local* Date shifted to the same wall clock, so
//    `.tz('Asia/Shanghai')` and `.utcOffset(480)` both read an hour wrong when that wall clock
//    falls in a DST gap or overlap of the device's own zone (e.g. 2026-03-08 02:30 China time on a
//    phone set to Los Angeles). So the timezone plugin is used only for what it gets right — the
//    zone's offset at an instant, through Intl.formatToParts — and the wall clock is read in UTC
//    mode from instant + offset, which no device zone can touch.
//  - Older WeChat engines may lack Intl time zones: China has had no DST since 1991, so the fixed
//    +08:00 is the exact answer for every date this app handles.
const CHINA_TZ = 'Asia/Shanghai'
const CHINA_OFFSET_MINUTES = 480
const MINUTE = 60_000
const SECOND = 1000

export type Instant = string | number | Date

function ms(instant: Instant): number {
  return typeof instant === 'number' ? instant : new Date(instant).getTime()
}

/** Minutes east of UTC in China at `instant` (always 480 today). */
export function chinaOffsetMinutes(instant: Instant): number {
  try {
    const offset = dayjs(ms(instant)).tz(CHINA_TZ).utcOffset()
    // Sanity: a whole quarter hour within ±14 h, or the engine's Intl is not to be trusted.
    if (Number.isInteger(offset) && offset % 15 === 0 && Math.abs(offset) <= 14 * 60) return offset
  } catch {
    // no Intl time zones on this engine
  }
  return CHINA_OFFSET_MINUTES
}

/**
 * A dayjs (UTC mode) whose fields are China's wall clock at `instant`: for reading and formatting
 * only (its own valueOf is not the instant). Never format it with Z/ZZ.
 */
export function chinaClock(instant: Instant) {
  const t = ms(instant)
  return dayjs.utc(t + chinaOffsetMinutes(t) * MINUTE)
}

/** `template` in dayjs tokens (YYYY M D HH mm ss…), read in China time. '' for a bad instant. */
export function formatChina(instant: Instant | null | undefined, template: string): string {
  if (instant === null || instant === undefined || Number.isNaN(ms(instant))) return ''
  return chinaClock(instant).format(template)
}

/** The year in China at `instant` (a contest's year is its final's year, in China time). */
export function chinaYear(instant: Instant): number {
  return chinaClock(instant).year()
}

/** 12月1日 00:00; with the year when it is not this year in China: 2027年1月5日 00:00. */
export function formatChinaDateTime(instant: Instant, now: Instant = Date.now()): string {
  if (Number.isNaN(ms(instant))) return ''
  const sameYear = chinaYear(instant) === chinaYear(now)
  return formatChina(instant, sameYear ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm')
}

/** "12月1日 00:00 截止" */
export function formatDeadline(instant: Instant, now: Instant = Date.now()): string {
  const when = formatChinaDateTime(instant, now)
  return when ? `${when} 截止` : ''
}

/** 2026年12月1日 (a date in China time). */
export function formatChinaDate(instant: Instant | null | undefined): string {
  return formatChina(instant, 'YYYY年M月D日')
}

/**
 * China wall clock ('2026-12-01', '00:00') → the instant, as ISO. What a staff member picks in a
 * date and a time picker means China time, wherever their computer is.
 */
export function chinaInstant(date: string, time = '00:00'): string {
  const d = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date.trim())
  const t = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time.trim())
  if (!d || !t) return ''
  const wall = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1], +t[2], t[3] ? +t[3] : 0)
  // No rolling over: 2月30日 or 25:00 is a typing error, not 3月2日 or the next morning.
  const back = new Date(wall)
  if (back.getUTCMonth() !== +d[2] - 1 || back.getUTCDate() !== +d[3] || +t[1] > 23 || +t[2] > 59 || (t[3] && +t[3] > 59)) return ''
  // The offset at the wall clock read as if it were +08:00, then once more at the answer (a zone
  // that changed its offset between the two would settle on the second).
  const guess = wall - chinaOffsetMinutes(wall - CHINA_OFFSET_MINUTES * MINUTE) * MINUTE
  return new Date(wall - chinaOffsetMinutes(guess) * MINUTE).toISOString()
}

/** The instant as China-time picker values: { date: '2026-12-01', time: '00:00' }. */
export function chinaPickerValue(instant: Instant): { date: string; time: string } {
  const c = chinaClock(instant)
  return { date: c.format('YYYY-MM-DD'), time: c.format('HH:mm') }
}

export interface CountdownParts {
  days: number
  hours: number
  minutes: number
  seconds: number
  /** Whole milliseconds left (0 once expired). */
  totalMs: number
  expired: boolean
}

/**
 * Time left until `deadline`: a difference of two instants, the same in every zone. Seconds are
 * rounded up, so the clock shows 00:00:01 until the deadline itself and never 00:00:00 too early.
 */
export function countdownTo(deadline: Instant, now: Instant = Date.now()): CountdownParts {
  const left = ms(deadline) - ms(now)
  if (!(left > 0)) return { days: 0, hours: 0, minutes: 0, seconds: 0, totalMs: 0, expired: true }
  const total = Math.ceil(left / SECOND)
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
    totalMs: left,
    expired: false,
  }
}

const pad = (n: number) => String(n).padStart(2, '0')

/** 3天 04:05:06 · 04:05:06 (under a day) */
export function formatCountdown(parts: CountdownParts): string {
  const clock = `${pad(parts.hours)}:${pad(parts.minutes)}:${pad(parts.seconds)}`
  return parts.days > 0 ? `${parts.days}天 ${clock}` : clock
}

/** For lists, where a ticking clock is noise: 还有 12天 · 还有 5小时 · 还有 8分钟 · 不到 1分钟. */
export function formatCountdownCoarse(parts: CountdownParts): string {
  if (parts.expired) return '已截止'
  if (parts.days > 0) return `还有 ${parts.days}天`
  if (parts.hours > 0) return `还有 ${parts.hours}小时`
  if (parts.minutes > 0) return `还有 ${parts.minutes}分钟`
  return '不到 1分钟'
}

/** What a contest carries that stage and deadline arithmetic needs. */
export interface ContestSchedule {
  stage: ContestStage
  signupEndsAt: string
  preliminaryEndsAt: string
  semifinalEndsAt: string
  finalEndsAt: string
}

/** Which date ends each stage that has one. */
export const STAGE_END_FIELD = {
  signup: 'signupEndsAt',
  preliminary: 'preliminaryEndsAt',
  semifinal: 'semifinalEndsAt',
  final: 'finalEndsAt',
} as const satisfies Record<Exclude<ContestStage, 'finished'>, keyof ContestSchedule>

export interface NextDeadline {
  /** The stage this deadline ends. */
  stage: Exclude<ContestStage, 'finished'>
  at: string
  /** 报名截止 · 初赛截止 · 复赛截止 · 决赛截止 */
  label: string
}

/** The end of the stage the contest is in (staff move the stage); null once finished. */
export function nextDeadline(contest: ContestSchedule): NextDeadline | null {
  if (contest.stage === 'finished') return null
  return { stage: contest.stage, at: contest[STAGE_END_FIELD[contest.stage]], label: `${CONTEST_STAGE_LABELS[contest.stage]}截止` }
}

/**
 * The stage the dates alone say a contest is in at `now` (the first stage whose end is still
 * ahead; 'final' after the final's end until results are published). Staff may lag behind it:
 * the page shows `contest.stage`, and this tells staff what the schedule expects.
 */
export function scheduledStage(contest: ContestSchedule, now: Instant = Date.now()): ContestStage {
  if (contest.stage === 'finished') return 'finished'
  const t = ms(now)
  for (const stage of ['signup', 'preliminary', 'semifinal'] as const) {
    if (t < ms(contest[STAGE_END_FIELD[stage]])) return stage
  }
  return 'final'
}

/** Sign-up is open iff the contest is at 报名 and its deadline is ahead (the server's rule). */
export function signupOpenAt(contest: ContestSchedule, now: Instant = Date.now()): boolean {
  return contest.stage === 'signup' && ms(now) < ms(contest.signupEndsAt)
}

/** The stage after `stage` (staff move one step at a time), or null after 已结束. */
export function followingStage(stage: ContestStage): ContestStage | null {
  const i = CONTEST_STAGES.indexOf(stage)
  return i >= 0 && i < CONTEST_STAGES.length - 1 ? CONTEST_STAGES[i + 1] : null
}
