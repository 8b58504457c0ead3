import Taro from '@tarojs/taro'

// UI preferences every page reads: 长辈模式 and 省流量 (switches under 我的) and WeChat's own font scale.
export interface UiPrefs {
  elder: boolean
  /** 省流量: small pictures only, the full photo once tapped. */
  saver: boolean
  /** WeChat's fontSizeScaleFactor (1 = standard), never below 1. */
  scale: number
}

const ELDER_KEY = 'ui.elder'
const SAVER_KEY = 'ui.saver'
export const UI_PREFS_EVENT = 'ui-prefs:change'

let prefs: UiPrefs = { elder: false, saver: false, scale: 1 }

function readScale(): number {
  // H5 has no font scale to read (Taro's getAppBaseInfo there names none), and asking for it would
  // load Taro's device detection (platform.js, ~8 KB on the wire) before the first page can show.
  // (A constant condition: the build drops the other branch and with it the import.)
  return process.env.TARO_ENV === 'h5' ? 1 : readWeChatScale()
}

function readWeChatScale(): number {
  try {
    const info = Taro.getAppBaseInfo ? Taro.getAppBaseInfo() : undefined
    const factor = Number((info as { fontSizeScaleFactor?: number } | undefined)?.fontSizeScaleFactor)
    // The scale multiplies our token sizes; cap it so long words still fit a phone line.
    return Number.isFinite(factor) && factor > 1 ? Math.min(factor, 2) : 1
  } catch {
    return 1
  }
}

/** H5: Taro's tab bar lies outside every page; a class on <html> lets app.scss size it for 长辈模式. */
function markDocument(elder: boolean): void {
  if (process.env.TARO_ENV === 'h5') document.documentElement.classList.toggle('ui-elder', elder)
}

export function initUiPrefs(): UiPrefs {
  prefs = { elder: Taro.getStorageSync(ELDER_KEY) === true, saver: Taro.getStorageSync(SAVER_KEY) === true, scale: readScale() }
  markDocument(prefs.elder)
  return prefs
}

export function getUiPrefs(): UiPrefs {
  return prefs
}

export function setElderMode(elder: boolean): void {
  prefs = { ...prefs, elder }
  Taro.setStorageSync(ELDER_KEY, elder)
  markDocument(elder)
  Taro.eventCenter.trigger(UI_PREFS_EVENT, prefs)
}

export function setDataSaver(saver: boolean): void {
  prefs = { ...prefs, saver }
  Taro.setStorageSync(SAVER_KEY, saver)
  Taro.eventCenter.trigger(UI_PREFS_EVENT, prefs)
}
