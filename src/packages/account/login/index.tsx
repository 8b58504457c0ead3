import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { Session } from '../../../../common/schemas/auth'
import { PageShell } from '../../../components/page-shell'
import { Tappable } from '../../../components/tappable'
import { devLogin, listDevUsers, loginWithWechat, logout, type DevUser } from '../../../services/auth'
import { agreeToPrivacy, consentPageClosed } from '../../../services/consent'
import { messageOf } from '../../../services/http'
import { PROFILE_URL } from '../../../utils/routes'
import { useT } from '../../../i18n'
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
  useEffect(() => (renew ? consentPageClosed : undefined), [renew])
  const { t } = useT()
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
          <View className='login__title'>{t('login.renew_title')}</View>
          <View className='login__text'>{t('login.renew_text')}</View>
          <Tappable role='link' className='login__link' onClick={() => Taro.navigateTo({ url: '/packages/account/privacy/index' })}>
            {t('login.read_guide')}
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
            {t('login.agree_continue')}
          </Button>
          <Button className='btn btn--plain login__cancel' disabled={busy || undefined} onClick={declineAgain}>
            {t('login.decline_logout')}
          </Button>
        </View>
      </PageShell>
    )
  }

  return (
    <PageShell className='login'>
      <View className='card'>
        <View className='login__title'>{t('login.welcome')}</View>
        <View className='login__text'>{t('login.text')}</View>
        <Tappable role='link' className='login__link' onClick={() => Taro.navigateTo({ url: '/packages/account/privacy/index' })}>
          {t('login.read_guide')}
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
            {t('login.agree_wechat')}
          </Button>
        ) : devUsers ? (
          <View className='login__dev'>
            <View className='muted'>{t('login.dev_hint')}</View>
            {devUsers.map((u) => (
              <Button key={u.userKey} className='btn btn--plain login__dev-user' data-user={u.userKey} disabled={busy || undefined} onClick={() => pickDevUser(u.userKey)}>
                {/* Demo people's names, as the server lists them. */}
                <View data-ugc>{u.label}</View>
              </Button>
            ))}
            <Button className='btn btn--primary login__dev-new' disabled={busy || undefined} onClick={newDevUser}>
              {t('login.dev_new')}
            </Button>
          </View>
        ) : (
          <Button className='btn btn--primary login__agree' onClick={agreeOnH5} loading={busy || undefined} disabled={busy || undefined}>
            {t('login.agree_continue')}
          </Button>
        )}
        <Button className='btn btn--plain login__cancel' onClick={leave}>
          {t('login.later')}
        </Button>
      </View>
    </PageShell>
  )
}
