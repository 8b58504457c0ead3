import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { getUiPrefs, UI_PREFS_EVENT, type UiPrefs } from '../utils/ui-prefs'

export function useUiPrefs(): UiPrefs {
  const [prefs, setPrefs] = useState(getUiPrefs)
  useEffect(() => {
    const handler = (next: UiPrefs) => setPrefs(next)
    Taro.eventCenter.on(UI_PREFS_EVENT, handler)
    return () => {
      Taro.eventCenter.off(UI_PREFS_EVENT, handler)
    }
  }, [])
  return prefs
}
