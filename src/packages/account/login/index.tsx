import { useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { Session } from '../../../../common/schemas/auth'
import { PageShell } from '../../../components/page-shell'
import { Tappable } from '../../../components/tappable'
import { devLogin, listDevUsers, loginWithWechat, logout, type DevUser } from '../../../services/auth'
import { agreeToPrivacy } from '../../../services/consent'
import { messageOf } from '../../../services/http'
import { PROFILE_URL } from '../../../utils/routes'
import './index.scss'


async function afterLogin(session: Session): Promise<void> {
  // A new person goes straight on to the short profile form; a returning one goes back.
  if (!session.user.registered) await Taro.redirectTo({ url: PROFILE_URL })
  else if (Taro.getCurrentPages().length > 1) await Taro.navigateBack()
  else await Taro.switchTab({ url: '/pages/mine/index' })
}

function leave(): Promise<unknown> {
  return Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/index/index' }))
}

export default function Login() {
  // ?renew=1: signed in, but the privacy guide changed since they agreed (services/consent.ts).
  const renew = useRouter().params.renew === '1'
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [devUsers, setDevUsers] = useState<DevUser[] | null>(null)
  const inFlight = useRef(false)

  // `disabled={busy || undefined}`, not `disabled={busy}`: on H5 React writes false onto Taro's
  // web component as disabled="false", and Taro's button CSS (like our .btn[disabled]) then greys
  // every idle button out — white text on white for the plain ones.
  const run = async (action: () => Promise<void>) => {
    if (inFlight.current) return
    inFlight.current = true
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (err) {
      setError(messageOf(err))
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }

  // weapp: the button is WeChat's agreePrivacyAuthorization button, so one tap both records the
  // consent with WeChat and signs in; the server records the same consent version with the account.
  const agreeAndLogin = () => run(async () => afterLogin(await loginWithWechat()))
  // H5 has no wx.login; against the emulator the server offers demo people instead.
  const agreeOnH5 = () => run(async () => setDevUsers(await listDevUsers()))
  const pickDevUser = (userKey: string) => run(async () => afterLogin(await devLogin(userKey)))
  const newDevUser = () => pickDevUser(`new-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`)

  // Agreeing again records the new version for the signed-in person; not agreeing signs them out.
  const agreeAgain = () => run(async () => {
    await agreeToPrivacy()
    await leave()
  })
  const declineAgain = () => run(async () => {
    await logout().catch(() => undefined)
    await Taro.switchTab({ url: '/pages/index/index' })
  })

  if (renew) {
    return (
      <PageShell className='login'>
        <View className='card'>
          <View className='login__title'>隐私保护指引已更新</View>
          <View className='login__text'>
            我们更新了《天府科技云隐私保护指引》。请阅读并同意后继续使用；如不同意，您将退出登录，仍可浏览公开内容，也可以在「我的」里注销账号。
          </View>
          <Tappable role='link' className='login__link' onClick={() => Taro.navigateTo({ url: '/packages/account/privacy/index' })}>
            阅读《天府科技云隐私保护指引》
          </Tappable>
          {error && <View className='error-text login__error' role='alert'>{error}</View>}
          <Button
            className='btn btn--primary login__agree login__renew'
            openType={process.env.TARO_ENV === 'weapp' ? 'agreePrivacyAuthorization' : undefined}
            onAgreePrivacyAuthorization={agreeAgain}
            onClick={process.env.TARO_ENV === 'weapp' ? undefined : agreeAgain}
            loading={busy || undefined}
            disabled={busy || undefined}
          >
            同意并继续
          </Button>
          <Button className='btn btn--plain login__cancel' disabled={busy || undefined} onClick={declineAgain}>
            不同意并退出登录
          </Button>
        </View>
      </PageShell>
    )
  }

  return (
    <PageShell className='login'>
      <View className='card'>
        <View className='login__title'>欢迎使用天府科技云</View>
        <View className='login__text'>
          为了给您提供科技服务，我们会在您同意后使用您的微信身份、头像、昵称、所在乡镇和（您选择提供的）手机号。您可以随时在「我的」里注销账号，我们会删除这些信息。
        </View>
        <Tappable role='link' className='login__link' onClick={() => Taro.navigateTo({ url: '/packages/account/privacy/index' })}>
          阅读《天府科技云隐私保护指引》
        </Tappable>
        {error && <View className='error-text login__error' role='alert'>{error}</View>}
        {process.env.TARO_ENV === 'weapp' ? (
          <Button
            className='btn btn--primary login__agree'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={agreeAndLogin}
            loading={busy || undefined}
            disabled={busy || undefined}
          >
            同意并微信登录
          </Button>
        ) : devUsers ? (
          <View className='login__dev'>
            <View className='muted'>演示环境：请选择一位演示用户，或注册新用户</View>
            {devUsers.map((u) => (
              <Button key={u.userKey} className='btn btn--plain login__dev-user' data-user={u.userKey} disabled={busy || undefined} onClick={() => pickDevUser(u.userKey)}>
                {u.label}
              </Button>
            ))}
            <Button className='btn btn--primary login__dev-new' disabled={busy || undefined} onClick={newDevUser}>
              注册新用户
            </Button>
          </View>
        ) : (
          <Button className='btn btn--primary login__agree' onClick={agreeOnH5} loading={busy || undefined} disabled={busy || undefined}>
            同意并继续
          </Button>
        )}
        <Button className='btn btn--plain login__cancel' onClick={leave}>
          暂不登录
        </Button>
      </View>
    </PageShell>
  )
}
