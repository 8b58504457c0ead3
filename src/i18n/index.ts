import Taro from '@tarojs/taro'
import rosetta from 'rosetta'
import { zh, type Catalog, type MessageKey } from '../../common/i18n/zh'

// The app's words, in the person's language: 中文 (built in) or བོད་ཡིག (downloaded when chosen, see
// catalog.ts, so Tibetan never weighs on the main package). rosetta (298 bytes) looks words up and
// fills `{{name}}`; the rest is which language is on and telling pages when it changes.

export type Lang = 'zh' | 'bo'
export type { MessageKey }

export const LANG_KEY = 'ui.lang'
export const LANG_EVENT = 'i18n:change'

const words = rosetta<Partial<Catalog>>({ zh })
words.locale('zh')
let lang: Lang = 'zh'

export function getLang(): Lang {
  return lang
}

/** Whether the person has ever chosen a language (the first open asks). */
export function hasChosenLang(): boolean {
  const stored = Taro.getStorageSync(LANG_KEY)
  return stored === 'zh' || stored === 'bo'
}

/** The language's words are at hand (Tibetan once downloaded or installed from storage). */
export function hasCatalog(l: Lang): boolean {
  return l === 'zh' || words.table('bo') !== undefined
}

export function installCatalog(l: Lang, messages: Partial<Catalog>): void {
  words.set(l, messages)
}

/**
 * Switch language (the words must be installed). Pages re-render through useT; H5 marks <html> so
 * what lies outside pages (Taro's tab bar) can follow.
 */
export function applyLang(next: Lang, remember = true): void {
  lang = next
  words.locale(next)
  if (remember) Taro.setStorageSync(LANG_KEY, next)
  if (process.env.TARO_ENV === 'h5') {
    document.documentElement.classList.toggle('lang-bo', next === 'bo')
    document.documentElement.lang = next === 'bo' ? 'bo' : 'zh-CN'
  }
  Taro.eventCenter.trigger(LANG_EVENT, next)
}

/** A word in the current language; Chinese where a Tibetan entry is missing (never an empty label). */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  // An array path: our keys hold dots, which rosetta would otherwise read as nesting.
  return words.t([key], vars) || words.t([key], vars, 'zh')
}

let byChinese: Map<string, MessageKey> | null = null

/**
 * Text that arrives already in Chinese — the server's messages and field errors, common/rules
 * validators — in the current language: the catalog entry with exactly that Chinese, or the entry
 * the text begins with (the app adds 「请 5 秒后再试」 to some). Unknown text in Tibetan mode becomes
 * the general "please check" message rather than Chinese the person cannot read.
 */
export function localize(text: string): string {
  // Nothing Chinese in it (already in the person's language, or only numbers): as it is.
  if (lang === 'zh' || !/[\u4e00-\u9fa5]/.test(text)) return text
  if (!byChinese) {
    byChinese = new Map()
    for (const [key, value] of Object.entries(zh) as [MessageKey, string][]) if (!byChinese.has(value)) byChinese.set(value, key)
  }
  const exact = byChinese.get(text)
  if (exact) return t(exact)
  let best: string | undefined
  for (const source of byChinese.keys()) if (text.startsWith(source) && (!best || source.length > best.length)) best = source
  return t(best ? byChinese.get(best)! : 'common.check_input')
}

export { useT } from './use-t'
