import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { Tappable } from '../tappable'
import './index.scss'

type Resolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void

// WeChat asks the mini program to show its privacy guide when a privacy API (chooseAvatar, the
// nickname input, getPhoneNumber) is used before the person agreed. We answer with our own
// sheet; its agree button is WeChat's agreePrivacyAuthorization button, which records consent.
export function PrivacyPopup() {
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
        <View className='privacy-popup__title'>隐私保护提示</View>
        <View className='privacy-popup__text'>
          使用头像、昵称和手机号前，请阅读并同意《天府科技云隐私保护指引》。我们只用这些信息为您提供科技服务，不会出售给任何人。
        </View>
        <Tappable role='link' className='privacy-popup__link' onClick={() => Taro.navigateTo({ url: '/packages/account/privacy/index' })}>
          查看《隐私保护指引》
        </Tappable>
        <Button id='privacy-agree' className='btn btn--primary' openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={() => answer('agree')}>
          同意
        </Button>
        <Button className='btn btn--plain privacy-popup__no' onClick={() => answer('disagree')}>
          暂不同意
        </Button>
      </View>
    </View>
  )
}
