import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { LANG_EVENT, getLang, localize, t, type Lang } from './index'

/** The current language's words; the component re-renders when the person switches language. */
export function useT(): { t: typeof t; localize: typeof localize; lang: Lang } {
  const [lang, setLang] = useState<Lang>(getLang)
  useEffect(() => {
    const onChange = (next: Lang) => setLang(next)
    Taro.eventCenter.on(LANG_EVENT, onChange)
    // A switch between the first render and this effect.
    if (getLang() !== lang) setLang(getLang())
    return () => {
      Taro.eventCenter.off(LANG_EVENT, onChange)
    }
  }, [])
  return { t, localize, lang }
}
