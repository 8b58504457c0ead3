import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import { HOME_ICONS } from '../../assets/home'
import { useT } from '../../i18n'
import { Tappable } from '../tappable'
import './index.scss'

export const QUICK_ASK_URL = '/packages/listings/quick-ask/index'

/**
 * Home's first and biggest entry: 拍照/语音求助, found by its picture (a camera and a speech bubble)
 * by someone who reads little. The page asks a signed-out person to log in first.
 */
export function QuickAskEntry() {
  const { t } = useT()
  return (
    <Tappable role='link' className='card quick-ask-entry' data-entry='quick-ask' onClick={() => Taro.navigateTo({ url: QUICK_ASK_URL })}>
      <View className='quick-ask-entry__pics' aria-hidden='true'>
        <Image className='quick-ask-entry__img' src={HOME_ICONS['ask-photo']} />
        <Image className='quick-ask-entry__img' src={HOME_ICONS.voice} />
      </View>
      <View className='quick-ask-entry__words'>
        <View className='quick-ask-entry__label'>{t('quickask.entry')}</View>
        <View className='muted'>{t('quickask.entry_hint')}</View>
      </View>
    </Tappable>
  )
}
