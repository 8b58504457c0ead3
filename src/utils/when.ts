import { chinaDateParts, dateTime, formatChinaDateTime, relativeDate, relativeWhen, type ChinaDateParts } from '../../common/china-time'
import { getLang, t } from '../i18n'

// Dates and times in the reader's language, always China time. Chinese keeps common/china-time's
// own wording; Tibetan reads numerals with ཟླ་ (month) and ཚེས་ (day): ཟླ་ 12 ཚེས་ 7, with the year
// in front when it is not this year (2025 ལོའི་ཟླ་ 12 ཚེས་ 7), and the clock as 14:05.

function day(p: { year?: number; month: number; day: number }, withYear: boolean): string {
  return withYear && p.year !== undefined ? t('time.date_year', { y: p.year, m: p.month, d: p.day }) : t('time.date', { m: p.month, d: p.day })
}

/** 刚刚 · 5分钟前 · 昨天 · 11月3日 — relativeDate, in the current language. */
export function when(iso: string | null | undefined, now: number = Date.now()): string {
  if (getLang() === 'zh') return relativeDate(iso, now)
  const r = relativeWhen(iso, now)
  if (!r) return ''
  switch (r.unit) {
    case 'now':
      return t('time.just_now')
    case 'yesterday':
      return t('time.yesterday')
    case 'minutes':
      return t('time.minutes_ago', { n: r.n })
    case 'hours':
      return t('time.hours_ago', { n: r.n })
    case 'days':
      return t('time.days_ago', { n: r.n })
    case 'date':
      return day(r, true)
  }
}

/** 2026年11月3日 14:05 — dateTime, in the current language. */
export function whenExactly(iso: string | null | undefined): string {
  if (getLang() === 'zh') return dateTime(iso)
  const p: ChinaDateParts | null = iso ? chinaDateParts(iso) : null
  return p ? t('time.date_time', { date: day(p, true), time: p.time }) : ''
}

/** 12月7日 14:05, the year only when it is not this one — formatChinaDateTime, in the current language. */
export function whenShort(iso: string | null | undefined, now: number = Date.now()): string {
  if (getLang() === 'zh') return iso ? formatChinaDateTime(iso, now) : ''
  const p = iso ? chinaDateParts(iso) : null
  return p ? t('time.date_time', { date: day(p, p.year !== chinaDateParts(now)?.year), time: p.time }) : ''
}
