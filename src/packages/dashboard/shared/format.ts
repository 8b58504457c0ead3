import { monthLabel } from '../../../../common/china-time'
import type { RegionLevel } from '../../../../common/schemas/regions'

/** What the ranking calls the level below the area. */
export const CHILD_LEVEL_LABELS: Record<RegionLevel, string> = {
  province: '省',
  prefecture: '市（州）',
  county: '县（市、区）',
  township: '乡镇（街道）',
}

/** 0.6667 → '67%'; null (no target, or a target of 0) → '—'. */
export function formatPercent(progress: number | null | undefined): string {
  if (progress === null || progress === undefined || !Number.isFinite(progress)) return '—'
  return `${Math.round(progress * 100)}%`
}

/** The area one level up: township → county → prefecture → province ('51'). */
export function parentCode(code: string): string | null {
  if (code.length === 9) return code.slice(0, 6)
  if (code.length === 6) return code.slice(0, 4)
  if (code.length === 4) return code.slice(0, 2)
  return null
}

/** ['2026-06', …, '2026-11'] → '2026年6月–11月'; across a year: '2025年12月–2026年5月'. */
export function periodLabel(months: string[]): string {
  if (!months.length) return ''
  const first = months[0]
  const last = months[months.length - 1]
  if (first === last) return monthLabel(first, true)
  return `${monthLabel(first, true)}–${monthLabel(last, first.slice(0, 4) !== last.slice(0, 4))}`
}

const MAX_TARGET_VALUE = 1_000_000

/** A target as typed: '30' → 30; anything but a whole number 0–1,000,000 → null. */
export function parseTargetValue(text: string): number | null {
  const trimmed = text.trim()
  if (!/^\d{1,7}$/.test(trimmed)) return null
  const n = Number(trimmed)
  return n <= MAX_TARGET_VALUE ? n : null
}

/**
 * The months a target covers, said so a tile cannot be misread against the whole period's count:
 * a run of months as periodLabel ('2026年10月–11月'), scattered months one by one ('2026年9月、11月').
 */
export function monthsLabel(months: string[], withYear = true): string {
  const sorted = [...new Set(months)].sort()
  if (!sorted.length) return ''
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7))
  const contiguous = sorted.every((m, i) => i === 0 || index(m) === index(sorted[i - 1]) + 1)
  // Without the year only when it is one year: '11月–12月'; across a new year the years stay.
  const years = sorted[0].slice(0, 4) !== sorted[sorted.length - 1].slice(0, 4)
  if (!withYear && !years) return contiguous && sorted.length > 1 ? `${monthLabel(sorted[0])}–${monthLabel(sorted[sorted.length - 1])}` : sorted.map((m) => monthLabel(m)).join('、')
  if (contiguous) return periodLabel(sorted)
  return sorted.map((m, i) => monthLabel(m, i === 0 || m.slice(0, 4) !== sorted[i - 1].slice(0, 4))).join('、')
}
