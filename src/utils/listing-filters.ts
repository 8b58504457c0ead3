import Taro from '@tarojs/taro'
import type { AchievementStage, Category, ListingKind, ListingSide } from '../../common/enums'

// What a listings feed (the 所能所需 tab, the 科技成果 page) is filtered by. Kept in storage, so
// the list looks the same after the person leaves it, opens a post, or WeChat restarts the mini program.
export interface AreaFilter {
  /** A 4-digit 市州, 6-digit 县 or 9-digit 乡镇 code (the API's `region`). */
  code: string
  /** 甘孜藏族自治州 · 甘孜县 · 呷拉乡 */
  label: string
}

export interface ListingFilters {
  side: ListingSide | null
  /** 科技成果 only: 研发/小试/中试/产业化. */
  stage: AchievementStage | null
  category: Category | null
  region: AreaFilter | null
  /** The search words; '' when browsing. */
  q: string
}

const EMPTY_FILTERS: ListingFilters = { side: null, stage: null, category: null, region: null, q: '' }

/** Where each feed keeps its filters: the tab's posts and the 科技成果 page do not share them. */
const FILTERS_KEYS: Record<ListingKind, string> = { post: 'listings.filters', achievement: 'achievements.filters' }
/**
 * Another page opening the tab pre-filtered (首页 → 找专家). Taro.switchTab cannot carry a query,
 * and an eventCenter message sent before the switch would be lost when the tab page has not been
 * created yet (its listener does not exist). A one-shot storage entry works in both cases: the tab
 * page reads it when it is created and on every onShow, then removes it.
 */
const PRESET_KEY = 'listings.preset'

export function loadFilters(kind: ListingKind = 'post'): ListingFilters {
  const saved = Taro.getStorageSync(FILTERS_KEYS[kind]) as Partial<ListingFilters> | ''
  return saved ? { ...EMPTY_FILTERS, ...saved } : EMPTY_FILTERS
}

export function saveFilters(filters: ListingFilters, kind: ListingKind = 'post'): void {
  Taro.setStorageSync(FILTERS_KEYS[kind], filters)
}

/** Opens the 所能所需 tab showing exactly `filters` (the rest cleared). */
export function openListingsTab(filters: Partial<ListingFilters>): void {
  Taro.setStorageSync(PRESET_KEY, { ...EMPTY_FILTERS, ...filters })
  Taro.switchTab({ url: '/pages/listings/index' })
}

/** The preset left by openListingsTab, once: it is removed as it is read. */
export function takePreset(): ListingFilters | null {
  const preset = Taro.getStorageSync(PRESET_KEY) as ListingFilters | ''
  if (!preset) return null
  Taro.removeStorageSync(PRESET_KEY)
  return { ...EMPTY_FILTERS, ...preset }
}
