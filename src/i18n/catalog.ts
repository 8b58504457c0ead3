import Taro from '@tarojs/taro'
import type { Catalog } from '../../common/i18n/zh'
import { request } from '../services/http'
import { applyLang, getLang, hasCatalog, installCatalog, LANG_KEY, type Lang } from './index'
import { loadTibetanFont } from './font'

// Where the Tibetan words come from: the server (GET /api/i18n/bo) the first time, then the phone's
// storage, so a herder who chose Tibetan once reads it on the grassland with no signal.

export const CATALOG_STORAGE_KEY = 'i18n.bo'

interface Served {
  lang: 'bo'
  version: string
  messages: Partial<Catalog>
}

function stored(): Served | null {
  const value = Taro.getStorageSync(CATALOG_STORAGE_KEY) as Served | '' | undefined
  return value && typeof value === 'object' && value.messages ? value : null
}

/** Fetch the newest words (the server answers from a cache; the version tells a new app's words). */
async function download(): Promise<Served> {
  const served = await request<Served>('/api/i18n/bo', { retry: true })
  Taro.setStorageSync(CATALOG_STORAGE_KEY, served)
  installCatalog('bo', served.messages)
  return served
}

/**
 * The person chose a language. Tibetan needs its words (stored, or downloaded now: this fails
 * offline on a phone that never had them, and the language stays as it was) and its font.
 */
export async function chooseLang(next: Lang): Promise<void> {
  if (next === 'bo' && !hasCatalog('bo')) {
    const kept = stored()
    if (kept) installCatalog('bo', kept.messages)
    else await download()
  }
  applyLang(next)
  if (next === 'bo') void loadTibetanFont()
}

/**
 * At launch: the language chosen before, with the stored words, at once (no network needed); then,
 * quietly, newer words if the server has them.
 */
export function initLang(): void {
  if (Taro.getStorageSync(LANG_KEY) !== 'bo') return
  const kept = stored()
  if (kept) {
    installCatalog('bo', kept.messages)
    applyLang('bo', false)
    void loadTibetanFont()
    download().catch(() => undefined)
    return
  }
  // Chosen, but the words were lost (storage cleared): fetch them, Chinese until they arrive.
  download()
    .then(() => {
      if (getLang() !== 'bo') applyLang('bo', false)
      void loadTibetanFont()
    })
    .catch(() => undefined)
}
