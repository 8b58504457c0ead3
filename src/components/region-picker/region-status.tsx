import { Button, View } from '@tarojs/components'
import { useT } from '../../i18n'

/** What a region list shows while its level loads, or when it failed (with 重试). */
export function RegionStatus({ loading, error, retry }: { loading: boolean; error: string | null; retry: () => void }) {
  const { t } = useT()
  if (error) {
    return (
      <View className='error-text'>
        {error}
        <Button className='btn btn--plain' onClick={retry}>
          {t('state.retry')}
        </Button>
      </View>
    )
  }
  return loading ? <View className='muted'>{t('state.loading')}</View> : null
}
