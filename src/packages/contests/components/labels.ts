import {
  CONTEST_CATEGORIES,
  CONTEST_CATEGORY_LABELS,
  CONTEST_KIND_LABELS,
  CONTEST_LEVEL_LABELS,
  CONTEST_STAGE_LABELS,
  type ContestCategory,
  type ContestStage,
  type EntryStage,
} from '../../../../common/enums'
import type { RegionPath } from '../../../../common/schemas/regions'

// The words the contest pages (and staff's) share, in one place so 报名/初赛… read the same everywhere.

export { CONTEST_CATEGORY_LABELS, CONTEST_KIND_LABELS, CONTEST_LEVEL_LABELS, CONTEST_STAGE_LABELS }

/** What a contest at this stage is doing, for a tag: 报名中 · 初赛中 · 复赛中 · 决赛中 · 已结束. */
export const STAGE_TAG: Record<ContestStage, string> = {
  signup: '报名中',
  preliminary: '初赛中',
  semifinal: '复赛中',
  final: '决赛中',
  finished: '已结束',
}

/** How far an entrant got: 已报名 · 进入初赛 · 进入复赛 · 进入决赛. */
export const REACHED_LABELS: Record<EntryStage, string> = {
  signup: '已报名',
  preliminary: '进入初赛',
  semifinal: '进入复赛',
  final: '进入决赛',
}

/** A contest's own categories as chip options, in the enum's order. */
export function categoryOptions(categories: readonly ContestCategory[]): Array<{ key: ContestCategory; label: string }> {
  return CONTEST_CATEGORIES.filter((c) => categories.includes(c)).map((key) => ({ key, label: CONTEST_CATEGORY_LABELS[key] }))
}

/**
 * An entry's township as the region picker's value, from the code and the name the server sends
 * ("甘孜藏族自治州 甘孜县 呷拉乡"); null when the name does not have the three levels.
 */
export function regionPathOf(code: string, name: string): RegionPath | null {
  const parts = name.trim().split(/\s+/)
  if (code.length !== 9 || parts.length !== 3) return null
  return {
    prefecture: { code: code.slice(0, 4), name: parts[0] },
    county: { code: code.slice(0, 6), name: parts[1] },
    township: { code, name: parts[2] },
  }
}

/** 报名截止 · 初赛截止 · 复赛截止 · 决赛截止: the end of the stage a contest is in. */
export const deadlineLabel = (stage: keyof typeof CONTEST_STAGE_LABELS): string => `${CONTEST_STAGE_LABELS[stage]}截止`
