// Calendar months, years and days in China time ('YYYY-MM' months), shared by the server (the
// dashboard, contests and their seed) and the app. China has one time zone (UTC+8) and no daylight
// saving, so a month's start is a fixed instant: 2026-12 starts at 2026-11-30T16:00:00.000Z. The
// server turns months and years into such instants and compares stored UTC timestamps with them,
// so nothing new is stored and both databases agree.
const CHINA_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

export const MONTH_PATTERN = /^(20\d{2})-(0[1-9]|1[0-2])$/

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH_PATTERN.test(value)
}

function parts(month: string): [number, number] {
  const match = MONTH_PATTERN.exec(month)
  if (!match) throw new Error(`not a month: ${month}`)
  return [Number(match[1]), Number(match[2])]
}

function format(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`
}

/** The China-time month an instant falls in. */
export function chinaMonthOf(instant: Date | string | number = Date.now()): string {
  const d = new Date(new Date(instant).getTime() + CHINA_OFFSET_MS)
  return format(d.getUTCFullYear(), d.getUTCMonth() + 1)
}

export function addMonths(month: string, n: number): string {
  const [y, m] = parts(month)
  const index = y * 12 + (m - 1) + n
  return format(Math.floor(index / 12), (index % 12) + 1)
}

/** How many months from `from` to `to`, both included (0 or less when `to` is before `from`). */
export function monthCount(from: string, to: string): number {
  const [fy, fm] = parts(from)
  const [ty, tm] = parts(to)
  return (ty - fy) * 12 + (tm - fm) + 1
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: string, to: string): string[] {
  const n = monthCount(from, to)
  return Array.from({ length: Math.max(0, n) }, (_, i) => addMonths(from, i))
}

/** The instant (UTC ISO string) a China-time month begins. */
export function monthStartUtc(month: string): string {
  const [y, m] = parts(month)
  return new Date(Date.UTC(y, m - 1, 1) - CHINA_OFFSET_MS).toISOString()
}

/** '2026-11' → '11月'; with the year: '2026年11月'. */
export function monthLabel(month: string, withYear = false): string {
  const [y, m] = parts(month)
  return withYear ? `${y}年${m}月` : `${m}月`
}

/** The year an instant falls in, in China time (a final ending 2026-12-31T20:00Z is in 2027). */
export function chinaYear(instant: Date | string | number): number {
  return new Date(new Date(instant).getTime() + CHINA_OFFSET_MS).getUTCFullYear()
}

/** [start, end) of a China-time calendar year, as UTC ISO instants. */
export function chinaYearRange(year: number): [string, string] {
  const start = (y: number) => new Date(Date.UTC(y, 0, 1) - CHINA_OFFSET_MS).toISOString()
  return [start(year), start(year + 1)]
}

/** The China-time midnight that ends the day `days` after `now`'s (0: tonight's), as a UTC ISO instant. */
export function chinaMidnightAfter(now: Date, days: number): string {
  const chinaDay = Math.floor((now.getTime() + CHINA_OFFSET_MS) / DAY_MS) + days + 1
  return new Date(chinaDay * DAY_MS - CHINA_OFFSET_MS).toISOString()
}
