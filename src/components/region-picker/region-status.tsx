import { Button, View } from '@tarojs/components'

/** What a region list shows while its level loads, or when it failed (with 重试). */
export function RegionStatus({ loading, error, retry }: { loading: boolean; error: string | null; retry: () => void }) {
  if (error) {
    return (
      <View className='error-text'>
        {error}
        <Button className='btn btn--plain' onClick={retry}>
          重试
        </Button>
      </View>
    )
  }
  return loading ? <View className='muted'>正在加载…</View> : null
}
