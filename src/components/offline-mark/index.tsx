import { View } from '@tarojs/components'
import { whenShort } from '../../utils/when'
import { useT } from '../../i18n'
import './index.scss'

/** 「离线内容 · 更新于 12月7日 14:05」 over what was read from storage (services/offline-cache.ts); nothing otherwise. */
export function OfflineMark({ at, className }: { at: string | null; className?: string }) {
  const { t } = useT()
  if (!at) return null
  return (
    <View className={`offline-mark${className ? ` ${className}` : ''}`} role='status'>
      {t('offline.mark', { time: whenShort(at) })}
    </View>
  )
}
