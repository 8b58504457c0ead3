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
