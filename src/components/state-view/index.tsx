import { Button, View } from '@tarojs/components'
import './index.scss'

/** Loading skeleton, error with retry, or empty notice: what a list shows when it has no items to show. */
export function StateView({
  state,
  message,
  onRetry,
  rows = 3,
}: {
  state: 'loading' | 'error' | 'empty'
  message?: string
  onRetry?: () => void
  rows?: number
}) {
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
  return (
    <View className={`state state--${state}`}>
      <View className='state__text'>{message ?? (state === 'empty' ? '暂无内容' : '加载失败')}</View>
      {state === 'error' && onRetry && (
        <Button className='btn btn--plain state__retry' onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  )
}
