import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { Profile } from '../../../common/schemas/users'
import { LOGIN_URL, PROFILE_URL } from '../../utils/routes'
import { useT } from '../../i18n'
import './index.scss'

/**
 * What a page shows someone it cannot serve yet: signed out (`login` says why, 微信一键登录), or,
 * where the page needs it (`profile`), signed in without the nickname and township that posting,
 * signing up and 举荐 need (完善资料). The caller decides when to show it; `className` and
 * `textClassName` keep the page's own BEM names ('publish__gate').
 */
export function SignInGate({
  user,
  login,
  profile,
  loginLabel,
  className,
  textClassName,
}: {
  user?: Profile | null
  login: ReactNode
  profile?: ReactNode
  /** The login button's words, where the page says what signing in is for ('登录后申请对接'). */
  loginLabel?: ReactNode
  className?: string
  textClassName?: string
}) {
  const { t } = useT()
  const needProfile = !!user && profile !== undefined
  return (
    <View className={`card sign-in-gate${className ? ` ${className}` : ''}`}>
      <View className={`sign-in-gate__text${textClassName ? ` ${textClassName}` : ''}`}>{needProfile ? profile : login}</View>
      <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: needProfile ? PROFILE_URL : LOGIN_URL })}>
        {needProfile ? t('gate.complete_profile') : (loginLabel ?? t('gate.wechat_login'))}
      </Button>
    </View>
  )
}
