import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { ApiRequestError, messageOf } from '../../services/http'
import { useT } from '../../i18n'
import './index.scss'

const HOME_URL = '/pages/index/index'

/**
 * Why a detail page's load failed, as StateView shows it: 'notfound' when the server said the
 * thing is not there (404: deleted, never public, a wrong link) — retrying cannot help, so the page
 * offers the way home instead; 'error' with its message (and 重试) for anything else.
 */
export interface LoadFailure {
  state: 'notfound' | 'error'
  message?: string
}

/** A link whose id cannot be one: not there, without asking the server. */
export const NOT_FOUND: LoadFailure = { state: 'notfound' }

export function failureOf(err: unknown): LoadFailure {
  return err instanceof ApiRequestError && err.status === 404 ? NOT_FOUND : { state: 'error', message: messageOf(err) }
}

/**
 * Loading skeleton, error with retry, empty notice, or 'notfound' (a missing post, article or
 * contest — often opened from an old share) with 返回首页: what a page shows when it has nothing to show.
 */
export function StateView({
  state,
  message,
  onRetry,
  rows = 3,
}: {
  state: 'loading' | 'error' | 'empty' | 'notfound'
  message?: string
  onRetry?: () => void
  rows?: number
}) {
  const { t } = useT()
  if (state === 'loading') {
    return (
      <View className='skeleton' aria-busy='true'>
        {Array.from({ length: rows }, (_, i) => (
          <View key={i} className='skeleton__item'>
            <View className='skeleton__line skeleton__line--title' />
            <View className='skeleton__line' />
          </View>
        ))}
      </View>
    )
  }
  if (state === 'notfound') {
    return (
      <View className='state state--notfound' role='alert'>
        <View className='state__title'>{t('state.notfound_title')}</View>
        <View className='state__text'>{message ?? t('state.notfound_text')}</View>
        {/* reLaunch, not switchTab: a page opened from a share may be the only one, and this also works there. */}
        <Button className='btn btn--primary state__home' onClick={() => Taro.reLaunch({ url: HOME_URL })}>
          {t('state.home')}
        </Button>
      </View>
    )
  }
  return (
    <View className={`state state--${state}`}>
      <View className='state__text'>{message ?? (state === 'empty' ? t('state.empty') : t('state.load_failed'))}</View>
      {state === 'error' && onRetry && (
        <Button className='btn btn--plain state__retry' onClick={onRetry}>
          {t('state.retry')}
        </Button>
      )}
    </View>
  )
}
