import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { Profile } from '../../../../../common/schemas/users'
import { LOGIN_URL, PROFILE_URL } from '../labels'

/**
 * What a contest page shows someone it cannot serve yet: signed out (`login` says why, 微信一键登录),
 * or — where the page needs it (`profile`) — signed in without the nickname and township every entry
 * and 举荐 needs (完善资料).
 */
export function SignInGate({ user, login, profile }: { user?: Profile | null; login: string; profile?: string }) {
  const needProfile = !!user && !!profile
  return (
    <View className='card contest-gate'>
      <View className='contest-gate__text'>{needProfile ? profile : login}</View>
      <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: needProfile ? PROFILE_URL : LOGIN_URL })}>
        {needProfile ? '完善资料' : '微信一键登录'}
      </Button>
    </View>
  )
}
