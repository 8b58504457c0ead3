// China time for the server and the app: calendar months ('YYYY-MM'), years and days, deadlines
// as people read them, countdowns and relative dates. China has one zone, UTC+8, with no daylight
// saving since 1991, so China's wall clock is always instant + 8 h read in UTC. That needs no
// Intl time zones (older WeChat engines lack them) and no date library, and no device zone can
// touch it: a herder's phone bought abroad, a PC in another zone and a test runner all read the
// same. (Reading through a zone-aware library goes wrong where the device's own zone has a DST gap
// or overlap, e.g. 2026-03-08 02:30 China time on a phone set to Los Angeles.)
//
// Instants are ISO strings (UTC) on the wire; the server turns months and years into such instants
// and compares stored timestamps with them, so both databases agree. "now" is passed in wherever
// it matters, so the server (deps.now) and tests can stand anywhere in time.
const CHINA_OFFSET_MS = 8 * 3_600_000
const SECOND = 1000
const MINUTE = 60_000
const HOUR = 3_600_000
const DAY_MS = 86_400_000

export type Instant = string | number | Date

function ms(instant: Instant): number {
  return typeof instant === 'number' ? instant : new Date(instant).getTime()
}

/** China's wall clock at `instant`, as the UTC fields of a shifted Date. */
function wall(instant: Instant): Date {
  return new Date(ms(instant) + CHINA_OFFSET_MS)
}

/** The China-time day an instant falls in, counted from 1970-01-01 (for differences of days). */
function chinaDayIndex(t: number): number {
  return Math.floor((t + CHINA_OFFSET_MS) / DAY_MS)
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

// ---- months and years ----

export const MONTH_PATTERN = /^(20\d{2})-(0[1-9]|1[0-2])$/

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH_PATTERN.test(value)
}

function monthParts(month: string): [number, number] {
  const match = MONTH_PATTERN.exec(month)
  if (!match) throw new Error(`not a month: ${month}`)
  return [Number(match[1]), Number(match[2])]
}

function formatMonth(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month)}`
}

/** The China-time month an instant falls in (2026-12 starts at 2026-11-30T16:00:00.000Z). */
export function chinaMonthOf(instant: Instant = Date.now()): string {
  const d = wall(instant)
  return formatMonth(d.getUTCFullYear(), d.getUTCMonth() + 1)
}

export function addMonths(month: string, n: number): string {
  const [y, m] = monthParts(month)
  const index = y * 12 + (m - 1) + n
  return formatMonth(Math.floor(index / 12), (index % 12) + 1)
}

/** How many months from `from` to `to`, both included (0 or less when `to` is before `from`). */
export function monthCount(from: string, to: string): number {
  const [fy, fm] = monthParts(from)
  const [ty, tm] = monthParts(to)
  return (ty - fy) * 12 + (tm - fm) + 1
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: string, to: string): string[] {
  const n = monthCount(from, to)
  return Array.from({ length: Math.max(0, n) }, (_, i) => addMonths(from, i))
}

/** The instant (UTC ISO string) a China-time month begins. */
export function monthStartUtc(month: string): string {
  const [y, m] = monthParts(month)
  return new Date(Date.UTC(y, m - 1, 1) - CHINA_OFFSET_MS).toISOString()
}

/** '2026-11' → '11月'; with the year: '2026年11月'. */
export function monthLabel(month: string, withYear = false): string {
  const [y, m] = monthParts(month)
  return withYear ? `${y}年${m}月` : `${m}月`
}

/** The year an instant falls in, in China time (a final ending 2026-12-31T20:00Z is in 2027). */
export function chinaYear(instant: Instant): number {
  return wall(instant).getUTCFullYear()
}

/** [start, end) of a China-time calendar year, as UTC ISO instants. */
export function chinaYearRange(year: number): [string, string] {
  const start = (y: number) => new Date(Date.UTC(y, 0, 1) - CHINA_OFFSET_MS).toISOString()
  return [start(year), start(year + 1)]
}

/** The China-time midnight that ends the day `days` after `now`'s (0: tonight's), as a UTC ISO instant. */
export function chinaMidnightAfter(now: Date, days: number): string {
  return new Date((chinaDayIndex(now.getTime()) + days + 1) * DAY_MS - CHINA_OFFSET_MS).toISOString()
}

// ---- reading instants ----

const TOKENS = /YYYY|MM|M|DD|D|HH|H|mm|ss/g

/**
 * `template` with YYYY MM M DD D HH H mm ss (dayjs' tokens, the only ones this app uses) read in
 * China time; everything else is kept as written. '' for a missing or bad instant.
 */
export function formatChina(instant: Instant | null | undefined, template: string): string {
  if (instant === null || instant === undefined || Number.isNaN(ms(instant))) return ''
  const d = wall(instant)
  const fields: Record<string, string> = {
    YYYY: pad(d.getUTCFullYear(), 4),
    MM: pad(d.getUTCMonth() + 1),
    M: String(d.getUTCMonth() + 1),
    DD: pad(d.getUTCDate()),
    D: String(d.getUTCDate()),
    HH: pad(d.getUTCHours()),
    H: String(d.getUTCHours()),
    mm: pad(d.getUTCMinutes()),
    ss: pad(d.getUTCSeconds()),
  }
  return template.replace(TOKENS, (token) => fields[token])
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

/** 2026年11月3日 14:05 (China time). */
export function dateTime(iso: string | null | undefined): string {
  return formatChina(iso, 'YYYY年M月D日 HH:mm')
}

/**
 * 刚刚 · 5分钟前 · 3小时前 · 昨天 · 4天前 · 11月3日 (this year) · 2025年11月3日. Days and years are
 * China's, so 昨天 means the same on every phone.
 */
export function relativeDate(iso: string | null | undefined, now: Instant = Date.now()): string {
  const r = relativeWhen(iso, now)
  if (!r) return ''
  switch (r.unit) {
    case 'now':
      return '刚刚'
    case 'minutes':
      return `${r.n}分钟前`
    case 'hours':
      return `${r.n}小时前`
    case 'yesterday':
      return '昨天'
    case 'days':
      return `${r.n}天前`
    case 'date':
      return r.year === undefined ? `${r.month}月${r.day}日` : `${r.year}年${r.month}月${r.day}日`
  }
}

/** The parts of China's calendar and clock at an instant: for wording a date in another language. */
export interface ChinaDateParts {
  year: number
  month: number
  day: number
  /** 14:05 */
  time: string
}

export function chinaDateParts(instant: Instant): ChinaDateParts | null {
  if (Number.isNaN(ms(instant))) return null
  const d = wall(instant)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` }
}

/**
 * relativeDate's answer as parts, so the app can say it in the reader's language: `year` is set
 * only for a date in another year (China's).
 */
export type RelativeWhen =
  | { unit: 'now' | 'yesterday' }
  | { unit: 'minutes' | 'hours' | 'days'; n: number }
  | { unit: 'date'; year?: number; month: number; day: number }

export function relativeWhen(iso: string | null | undefined, now: Instant = Date.now()): RelativeWhen | null {
  if (!iso) return null
  const at = ms(iso)
  const t = ms(now)
  if (Number.isNaN(at)) return null
  const minutes = Math.trunc((t - at) / MINUTE)
  if (minutes < 1) return { unit: 'now' }
  if (minutes < 60) return { unit: 'minutes', n: minutes }
  const days = chinaDayIndex(t) - chinaDayIndex(at)
  if (days === 0) return { unit: 'hours', n: Math.max(1, Math.trunc((t - at) / HOUR)) }
  if (days === 1) return { unit: 'yesterday' }
  if (days < 7) return { unit: 'days', n: days }
  const { year, month, day } = chinaDateParts(at)!
  return chinaYear(at) === chinaYear(t) ? { unit: 'date', month, day } : { unit: 'date', year, month, day }
}

// ---- China wall clocks picked by staff ----

/**
 * China wall clock ('2026-12-01', '00:00') → the instant, as ISO. What a staff member picks in a
 * date and a time picker means China time, wherever their computer is. '' for a date or time that
 * does not exist: 2月30日 or 25:00 is a typing error, not 3月2日 or the next morning.
 */
export function chinaInstant(date: string, time = '00:00'): string {
  const d = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date.trim())
  const t = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time.trim())
  if (!d || !t) return ''
  const at = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1], +t[2], t[3] ? +t[3] : 0)
  const back = new Date(at)
  if (back.getUTCMonth() !== +d[2] - 1 || back.getUTCDate() !== +d[3] || +t[1] > 23 || +t[2] > 59 || (t[3] && +t[3] > 59)) return ''
  return new Date(at - CHINA_OFFSET_MS).toISOString()
}

/** The instant as China-time picker values: { date: '2026-12-01', time: '00:00' }. */
export function chinaPickerValue(instant: Instant): { date: string; time: string } {
  return { date: formatChina(instant, 'YYYY-MM-DD'), time: formatChina(instant, 'HH:mm') }
}

// ---- countdowns ----

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
