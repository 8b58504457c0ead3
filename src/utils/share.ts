import Taro from '@tarojs/taro'

// Moments opens a shared page alone (scene 1154, 单页模式): no login, no navigation. Pages that can
// be shared read the same there and offer a way to the home page only where one exists.
const SINGLE_PAGE_SCENE = 1154

export function isSinglePageMode(): boolean {
  try {
    return process.env.TARO_ENV === 'weapp' && Taro.getLaunchOptionsSync().scene === SINGLE_PAGE_SCENE
  } catch {
    return false
  }
}

/** Opened from a shared link as the only page (not in Moments): show a button to the home page. */
export function openedAlone(): boolean {
  return !isSinglePageMode() && Taro.getCurrentPages().length <= 1
}
