import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { StateView } from '../../../components/state-view'
import { ApiRequestError } from '../../../services/http'
import { LOGIN_URL } from '../../../utils/routes'

/** Why a triage page has nothing to show: the server's refusal, signed out, or a failed load. */
export type Refusal = 'forbidden' | 'signin'

/** 403 / 401 as the page's notice; null for anything else (the page shows the error itself). */
export function refusalOf(err: unknown): Refusal | null {
  const status = err instanceof ApiRequestError ? err.status : 0
  return status === 403 ? 'forbidden' : status === 401 ? 'signin' : null
}

/** The server decides who triages (staff of the area, appointed 科服保姆): the page only says what it answered. */
export function TriageNotice({ refusal, forbidden = '仅科协工作人员和科服保姆可用' }: { refusal: Refusal; forbidden?: string }) {
  if (refusal === 'signin') {
    return (
      <View className='state state--signin'>
        <View className='state__text'>请先登录</View>
        <Button className='btn btn--primary state__retry' onClick={() => Taro.navigateTo({ url: LOGIN_URL })}>
          微信一键登录
        </Button>
      </View>
    )
  }
  return (
    <View className='state state--forbidden'>
      <View className='state__text'>{forbidden}</View>
      <Button className='btn btn--plain state__retry' onClick={() => Taro.switchTab({ url: '/pages/mine/index' })}>
        返回我的
      </Button>
    </View>
  )
}

export { StateView }
