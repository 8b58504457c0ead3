import Taro from '@tarojs/taro'
import { API_BASE } from '../services/http'
import { TIBETAN_FONT_VERSION } from './font-version'

// The Tibetan font (Noto Serif Tibetan, subset to the Tibetan block: scripts/tibetan-font.mjs),
// loaded from our server only once a person chooses བོད་ཡིག, so it weighs on no package and on
// no Chinese reader. Old Android phones often lack a Tibetan font, or have one that cannot stack
// consonants (སྒྲ); with this one the page's `.lang-bo` font-family (app.scss) draws them right.
//
// WeChat: Taro.loadFontFace with `global` (every page), from WOFF — WeChat's docs advise TTF or
// WOFF, WOFF2 fails on old iOS. The phone keeps a copy in its user data folder once loaded, and
// later launches load that copy (a data URL): no 220 KB download per launch, and Tibetan still
// renders on the grassland with no signal. H5: the same call is the FontFace API (document.fonts)
// in Taro's H5 runtime; WOFF2 first, and the browser's cache keeps it (the server says immutable).

export const TIBETAN_FONT_FAMILY = 'Tibetan'

export function tibetanFontUrl(format: 'woff2' | 'woff'): string {
  return `${API_BASE}/fonts/tibetan.${format}?v=${TIBETAN_FONT_VERSION}`
}

let loading: Promise<boolean> | null = null

/**
 * Loads the Tibetan font for every page; true once it is usable. Calls after a success answer at
 * once; after a failure (no network, no copy on the phone) the next call tries again.
 */
export function loadTibetanFont(): Promise<boolean> {
  if (!loading) {
    loading = load().then((ok) => {
      if (!ok) loading = null
      return ok
    })
  }
  return loading
}

function loadFace(source: string): Promise<boolean> {
  return Taro.loadFontFace({ global: true, family: TIBETAN_FONT_FAMILY, source, desc: { style: 'normal', weight: 'normal' } }).then(
    () => true,
    () => false,
  )
}

async function load(): Promise<boolean> {
  if (process.env.TARO_ENV === 'h5') {
    return loadFace(`url("${tibetanFontUrl('woff2')}") format("woff2"), url("${tibetanFontUrl('woff')}") format("woff")`)
  }
  const kept = keptCopy()
  if (kept && (await loadFace(kept))) return true
  const ok = await loadFace(`url("${tibetanFontUrl('woff')}")`)
  if (ok && !kept) keepCopy()
  return ok
}

const COPY_PREFIX = 'tibetan-font-'

function copyPath(): string | null {
  const dir = Taro.env?.USER_DATA_PATH
  return dir ? `${dir}/${COPY_PREFIX}${TIBETAN_FONT_VERSION}.woff` : null
}

/** The copy kept on the phone, as a data URL loadFontFace accepts; null when there is none. */
function keptCopy(): string | null {
  const path = copyPath()
  if (!path) return null
  try {
    const base64 = Taro.getFileSystemManager().readFileSync(path, 'base64') as string
    return base64 ? `url("data:font/woff;base64,${base64}")` : null
  } catch {
    return null
  }
}

/** Saves the font for the next launch, and drops copies of older versions. Best effort: it is only a cache. */
function keepCopy(): void {
  const path = copyPath()
  if (!path) return
  Taro.downloadFile({ url: tibetanFontUrl('woff'), filePath: path })
    .then(() => {
      const fs = Taro.getFileSystemManager()
      const dir = path.slice(0, path.lastIndexOf('/'))
      for (const name of fs.readdirSync(dir)) {
        if (name.startsWith(COPY_PREFIX) && `${dir}/${name}` !== path) fs.unlinkSync(`${dir}/${name}`)
      }
    })
    .catch(() => undefined)
}
