import { useRef, useState } from 'react'
import { Button, View } from '@tarojs/components'
import { useT, hasCatalog, type Lang } from '../../i18n'
import { chooseLang } from '../../i18n/catalog'
import { BOOTSTRAP_BO } from './bootstrap-words'
import './index.scss'

const LANGS: Lang[] = ['zh', 'bo']

/** Each name in its own script (a screen reader reads it in that language); 中文 is marked like user content: a name, not a word to translate. */
function nameAttrs(l: Lang): object {
  return l === 'zh' ? { lang: 'zh-CN', 'data-ugc': true } : { lang: 'bo' }
}

/**
 * 中文 / བོད་ཡིག, each written in its own script: `first` fills the screen on the first open (no
 * reading needed beyond the two names); `row` is the 语言 row of 我的. Choosing Tibetan downloads
 * its words once (then they live on the phone); offline on a phone that never had them it says so
 * and the language stays as it was.
 */
export function LangChoice({ variant, onChosen }: { variant: 'first' | 'row'; onChosen?: (lang: Lang) => void }) {
  const { t, lang } = useT()
  const [busy, setBusy] = useState<Lang | null>(null)
  const [failed, setFailed] = useState(false)
  const inFlight = useRef(false)

  const choose = async (next: Lang) => {
    if (inFlight.current) return
    inFlight.current = true
    setBusy(next)
    setFailed(false)
    try {
      await chooseLang(next)
      onChosen?.(next)
    } catch {
      setFailed(true)
    } finally {
      inFlight.current = false
      setBusy(null)
    }
  }

  // Said in Tibetan when Tibetan was asked for: whoever asked may read nothing else. Before the
  // Tibetan words are on the phone, the two built-in copies say it.
  const boWords = hasCatalog('bo')
  const status = busy === 'bo' ? (boWords ? t('lang.loading') : BOOTSTRAP_BO.loading) : failed ? (boWords ? t('lang.load_failed') : BOOTSTRAP_BO.loadFailed) : null
  const chosen = variant === 'row' ? lang : null

  return (
    <View className={`lang-choice lang-choice--${variant}`}>
      {variant === 'row' && <View className='lang-choice__label'>{t('lang.title')}</View>}
      {/* Two toggle buttons, the chosen one pressed (a button may not be aria-checked: axe counts that as critical). */}
      <View className='lang-choice__options' role='group' aria-label={t('lang.title')}>
        {LANGS.map((l) => (
          <Button
            key={l}
            className={`btn lang-choice__option lang-choice__option--${l}${chosen === l ? ' btn--primary lang-choice__option--on' : ' btn--plain'}`}
            data-lang={l}
            aria-pressed={chosen === l ? 'true' : 'false'}
            loading={busy === l || undefined}
            disabled={busy !== null || undefined}
            onClick={() => choose(l)}
          >
            <View className='lang-choice__name' {...nameAttrs(l)}>
              {t(l === 'zh' ? 'lang.zh' : 'lang.bo')}
            </View>
          </Button>
        ))}
      </View>
      {status && (
        <View className={`lang-choice__status${failed ? ' error-text' : ' muted'}`} role={failed ? 'alert' : 'status'} {...({ lang: 'bo' } as object)}>
          {status}
        </View>
      )}
    </View>
  )
}
