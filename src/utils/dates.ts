import dayjs from 'dayjs'

// Dates as people here say them. Only dayjs' core (no locale or plugin files): the tab page that
// uses this is in the main package, which must stay small for 2G first opens.

/** 刚刚 · 5分钟前 · 3小时前 · 昨天 · 4天前 · 11月3日 (this year) · 2025年11月3日 */
export function relativeDate(iso: string | null | undefined, now = dayjs()): string {
  if (!iso) return ''
  const at = dayjs(iso)
  if (!at.isValid()) return ''
  const minutes = now.diff(at, 'minute')
  if (minutes < 1) return '刚刚'
  if (minutes < 60) return `${minutes}分钟前`
  const days = now.startOf('day').diff(at.startOf('day'), 'day')
  if (days === 0) return `${Math.max(1, now.diff(at, 'hour'))}小时前`
  if (days === 1) return '昨天'
  if (days < 7) return `${days}天前`
  return at.year() === now.year() ? at.format('M月D日') : at.format('YYYY年M月D日')
}

/** 2026年11月3日 14:05 */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const at = dayjs(iso)
  return at.isValid() ? at.format('YYYY年M月D日 HH:mm') : ''
}
