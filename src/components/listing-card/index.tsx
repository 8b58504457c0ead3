import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import type { ListingSummary } from '../../../common/schemas/listings'
import { ACHIEVEMENT_STAGE_LABELS, CATEGORY_LABELS, LISTING_SIDE_LABELS, LISTING_STATUS_LABELS, TRANSFER_MODE_LABELS } from '../../../common/enums'
import { formatRegionShort } from '../../../common/format'
import { assetUrl } from '../../services/http'
import { listingPath } from '../../services/listings'
import { studioPath } from '../../services/studios'
import { relativeDate } from '../../../common/china-time'
import { Tappable } from '../tappable'
import './index.scss'

/** Opens the author's 科创工作室 when they are a 科技工作者; otherwise the tap goes on to the card. */
export function openStudio(author: ListingSummary['author'], e?: { stopPropagation: () => void }): void {
  if (author.role !== 'expert') return
  e?.stopPropagation()
  Taro.navigateTo({ url: studioPath(author.id) })
}

/**
 * One post or 科技成果 in a list (a 科技成果 shows its stage and transfer mode instead of the side,
 * and its institution). `showStatus` for the owner's own list (审核中, 未通过审核…); the public feed
 * only ever has published posts.
 */
export function ListingCard({ listing, showStatus = false }: { listing: ListingSummary; showStatus?: boolean }) {
  const l = listing
  const a = l.achievement
  const expert = l.author.role === 'expert'
  return (
    <Tappable role='link' className='listing-card' data-id={l.id} onClick={() => Taro.navigateTo({ url: listingPath(l.id) })}>
      <View className='listing-card__tags'>
        {a ? (
          <>
            <View className='listing-card__stage'>{ACHIEVEMENT_STAGE_LABELS[a.stage]}</View>
            <View className='listing-card__mode'>{TRANSFER_MODE_LABELS[a.transferMode]}</View>
          </>
        ) : (
          <View className={`listing-card__side listing-card__side--${l.side}`}>{LISTING_SIDE_LABELS[l.side]}</View>
        )}
        <View className='listing-card__category'>{CATEGORY_LABELS[l.category]}</View>
        {showStatus && <View className={`status-tag status-tag--${l.status}`}>{LISTING_STATUS_LABELS[l.status]}</View>}
      </View>
      <View className='listing-card__body'>
        <View className='listing-card__text'>
          <View className='listing-card__title'>{l.title}</View>
          {a && <View className='listing-card__institution'>{a.institution}</View>}
          <View className='listing-card__place'>{formatRegionShort(l.region)}</View>
          {l.excerpt && <View className='listing-card__excerpt'>{l.excerpt}</View>}
        </View>
        {l.thumbUrl && <Image className='listing-card__thumb' src={assetUrl(l.thumbUrl)} mode='aspectFill' lazyLoad />}
      </View>
      <View className='listing-card__meta'>
        {expert ? (
          <Tappable role='link' className='listing-card__author listing-card__author--studio' onClick={(e) => openStudio(l.author, e)}>
            {l.author.nickname}
            <View className='listing-card__studio'>工作室 ›</View>
            {l.author.verified && <View className='badge badge--ok'>已认证</View>}
          </Tappable>
        ) : (
          <View className='listing-card__author'>
            {l.author.nickname}
            {l.author.verified && <View className='badge badge--ok'>已认证</View>}
          </View>
        )}
        {l.proxyLabel && <View className='listing-card__proxy'>{l.proxyLabel}</View>}
      </View>
      <View className='listing-card__foot'>
        <View>{l.responseCount > 0 ? `${l.responseCount} 人${a ? '有意向' : '申请对接'}` : a ? '暂无意向' : '暂无对接'}</View>
        <View>{relativeDate(l.publishedAt ?? l.createdAt)}</View>
      </View>
    </Tappable>
  )
}
