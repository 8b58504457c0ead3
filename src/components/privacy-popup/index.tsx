import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { Tappable } from '../tappable'
import { useT } from '../../i18n'
import './index.scss'

type Resolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void

// WeChat asks the mini program to show its privacy guide when a privacy API (chooseAvatar, the
// nickname input, getPhoneNumber) is used before the person agreed. We answer with our own
// sheet; its agree button is WeChat's agreePrivacyAuthorization button, which records consent.
export function PrivacyPopup() {
  const { t } = useT()
  const [open, setOpen] = useState(false)
  const pending = useRef<Resolve | null>(null)

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp' || !Taro.onNeedPrivacyAuthorization) return
    Taro.onNeedPrivacyAuthorization((resolve: Resolve) => {
      pending.current = resolve
      setOpen(true)
    })
  }, [])

  if (!open) return null
  const answer = (event: 'agree' | 'disagree') => {
    pending.current?.(event === 'agree' ? { event, buttonId: 'privacy-agree' } : { event })
    pending.current = null
    setOpen(false)
  }
  return (
    <View className='privacy-popup'>
      <View className='privacy-popup__sheet'>
        <View className='privacy-popup__title'>{t('consent.title')}</View>
        <View className='privacy-popup__text'>{t('consent.text')}</View>
        <Tappable role='link' className='privacy-popup__link' onClick={() => Taro.navigateTo({ url: '/packages/account/privacy/index' })}>
          {t('consent.read')}
        </Tappable>
        <Button id='privacy-agree' className='btn btn--primary' openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={() => answer('agree')}>
          {t('consent.agree')}
        </Button>
        <Button className='btn btn--plain privacy-popup__no' onClick={() => answer('disagree')}>
          {t('consent.decline')}
        </Button>
      </View>
    </View>
  )
}
