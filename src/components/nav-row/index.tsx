import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { badgeText } from '../../../common/rules/messages'
import { Tappable } from '../tappable'
import { useT } from '../../i18n'
import './index.scss'

/**
 * A tappable list row that opens a page: the label, then ›. `badge`: how many unread messages
 * (我的消息) are about what the row opens — a red number beside the label; `onOpen` runs as it opens.
 */
export function NavRow({ label, url, className, badge, onOpen }: { label: string; url: string; className?: string; badge?: number; onOpen?: () => void }) {
  const { t } = useT()
  const count = badge && badge > 0 ? badge : 0
  return (
    <Tappable
      role='link'
      className={`row${className ? ` ${className}` : ''}`}
      label={count ? t('common.unread_label', { label, n: count }) : undefined}
      onClick={() => {
        onOpen?.()
        Taro.navigateTo({ url })
      }}
    >
      <View className='nav-row__label'>
        {/* The words on their own: finding a row by its label still works while a count shows. */}
        <View className='nav-row__text'>{label}</View>
        {count > 0 && (
          <View className='nav-row__badge' aria-hidden='true'>
            {badgeText(count)}
          </View>
        )}
      </View>
      <View className='muted' aria-hidden='true'>›</View>
    </Tappable>
  )
}
