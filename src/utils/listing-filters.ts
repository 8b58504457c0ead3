import Taro from '@tarojs/taro'
import type { Category, ListingSide } from '../../common/enums'

// What the 所能所需 tab is filtered by. Kept in storage, so the list looks the same after the
// person leaves the tab, opens a post, or WeChat restarts the mini program.
export interface AreaFilter {
  /** A 4-digit 市州, 6-digit 县 or 9-digit 乡镇 code (the API's `region`). */
  code: string
  /** 甘孜藏族自治州 · 甘孜县 · 呷拉乡 */
  label: string
}

export interface ListingFilters {
  side: ListingSide | null
  category: Category | null
  region: AreaFilter | null
  /** The search words; '' when browsing. */
  q: string
}

export const EMPTY_FILTERS: ListingFilters = { side: null, category: null, region: null, q: '' }

const FILTERS_KEY = 'listings.filters'
/**
 * Another page opening the tab pre-filtered (首页 → 找专家). Taro.switchTab cannot carry a query,
 * and an eventCenter message sent before the switch would be lost when the tab page has not been
 * created yet (its listener does not exist). A one-shot storage entry works in both cases: the tab
 * page reads it when it is created and on every onShow, then removes it.
 */
const PRESET_KEY = 'listings.preset'

export function loadFilters(): ListingFilters {
  const saved = Taro.getStorageSync(FILTERS_KEY) as Partial<ListingFilters> | ''
  return saved ? { ...EMPTY_FILTERS, ...saved } : EMPTY_FILTERS
}

export function saveFilters(filters: ListingFilters): void {
  Taro.setStorageSync(FILTERS_KEY, filters)
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
