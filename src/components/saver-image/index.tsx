import { useState } from 'react'
import { Image, View } from '@tarojs/components'
import { useT } from '../../i18n'
import { useUiPrefs } from '../../hooks/useUiPrefs'
import { Tappable } from '../tappable'
import './index.scss'

/**
 * A full-size photo that has no small copy (a newspaper article's): with 省流量 on it is a box
 * saying 点击看大图 until tapped, so opening an article costs its words, not its photos.
 */
export function SaverImage({ src, className, mode = 'widthFix' }: { src: string; className?: string; mode?: 'widthFix' | 'aspectFill' | 'aspectFit' }) {
  const { saver } = useUiPrefs()
  const { t } = useT()
  const [wanted, setWanted] = useState(false)
  if (saver && !wanted) {
    return (
      <Tappable className={`saver-image${className ? ` ${className}` : ''}`} label={t('saver.tap_full')} onClick={() => setWanted(true)}>
        <View className='saver-image__text'>{t('saver.tap_full')}</View>
      </Tappable>
    )
  }
  return <Image className={className} src={src} mode={mode} lazyLoad />
}
