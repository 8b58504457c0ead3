import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { ShareTarget } from '../../../common/enums'
import { shareCodeFor } from '../../hooks/useShare'
import { useSession } from '../../hooks/useSession'
import { isSinglePageMode } from '../../utils/share'
import { useT } from '../../i18n'
import './index.scss'

// A shareable page's share buttons: 分享给群友 (WeChat's share button; the page's useShareMenu
// makes the card), 复制分享链接 on H5 (no share sheet in a browser), and 生成分享海报 (a picture
// with the title and a 小程序码 to save to the album). Hidden in Moments' single-page mode, where
// nothing can be shared or opened. A signed-in sharer's links and posters carry their code.
export interface ShareBarProps {
  target: ShareTarget
  id: number
  title: string
  /** One line under the title on the poster (a subtitle, a place, a category…). */
  text?: string
  /** The page's path, e.g. '/packages/news/article/index'. */
  path: string
  className?: string
}

const POSTER_URL = '/packages/sharing/poster/index'

export function ShareBar({ target, id, title, text = '', path, className }: ShareBarProps) {
  const user = useSession()
  const { t } = useT()
  const [link, setLink] = useState<string | null>(null)
  if (isSinglePageMode() || !(id > 0)) return null

  const poster = () =>
    Taro.navigateTo({
      url: `${POSTER_URL}?target=${target}&id=${id}&title=${encodeURIComponent(title)}&text=${encodeURIComponent(text)}`,
    })

  // H5 only: the page's address with the sharer's code (hash router).
  const copyLink = async () => {
    const code = user ? await shareCodeFor(target, id, 'chat').catch(() => null) : null
    const url = `${location.origin}${location.pathname}#${path}?id=${id}${code ? `&s=${code}` : ''}`
    setLink(url)
    await Taro.setClipboardData({ data: url })
      .then(() => Taro.showToast({ title: t('share.copied'), icon: 'none' }))
      .catch(() => Taro.showToast({ title: t('share.copy_by_hand'), icon: 'none' }))
  }

  return (
    <View className={`share-bar${className ? ` ${className}` : ''}`}>
      {process.env.TARO_ENV === 'weapp' && (
        <Button className='btn btn--primary share-bar__chat' openType='share'>
          {t('share.chat')}
        </Button>
      )}
      {process.env.TARO_ENV === 'h5' && (
        <Button className='btn btn--primary share-bar__copy' onClick={copyLink}>
          {t('share.copy')}
        </Button>
      )}
      <Button className='btn btn--plain share-bar__poster' onClick={poster}>
        {t('share.poster')}
      </Button>
      {link && (
        <Text className='share-bar__link' userSelect>
          {link}
        </Text>
      )}
      {!user && <View className='muted share-bar__hint'>{t('share.sign_in_hint')}</View>}
    </View>
  )
}
