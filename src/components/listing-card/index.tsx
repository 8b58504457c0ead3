import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import type { ListingSummary } from '../../../common/schemas/listings'
import { CATEGORY_LABELS, LISTING_SIDE_LABELS, LISTING_STATUS_LABELS } from '../../../common/enums'
import { assetUrl } from '../../services/http'
import { relativeDate } from '../../utils/dates'
import './index.scss'

export function listingPath(id: number): string {
  return `/packages/listings/detail/index?id=${id}`
}

/** 甘孜县 呷拉乡: the prefecture is left out on a card (the county already places it). */
function place(listing: ListingSummary): string {
  return `${listing.region.county.name} ${listing.region.township.name}`
}

/**
 * One post in a list. `showStatus` for the owner's own list (审核中, 未通过审核…); the public feed
 * only ever has published posts.
 */
export function ListingCard({ listing, showStatus = false }: { listing: ListingSummary; showStatus?: boolean }) {
  const l = listing
  return (
    <View className='listing-card' data-id={l.id} onClick={() => Taro.navigateTo({ url: listingPath(l.id) })}>
      <View className='listing-card__tags'>
        <View className={`listing-card__side listing-card__side--${l.side}`}>{LISTING_SIDE_LABELS[l.side]}</View>
        <View className='listing-card__category'>{CATEGORY_LABELS[l.category]}</View>
        {showStatus && <View className={`status-tag status-tag--${l.status}`}>{LISTING_STATUS_LABELS[l.status]}</View>}
      </View>
      <View className='listing-card__body'>
        <View className='listing-card__text'>
          <View className='listing-card__title'>{l.title}</View>
          <View className='listing-card__place'>{place(l)}</View>
          {l.excerpt && <View className='listing-card__excerpt'>{l.excerpt}</View>}
        </View>
        {l.thumbUrl && <Image className='listing-card__thumb' src={assetUrl(l.thumbUrl)} mode='aspectFill' lazyLoad />}
      </View>
      <View className='listing-card__meta'>
        <View className='listing-card__author'>
          {l.author.nickname}
          {l.author.verified && <View className='badge badge--ok'>已认证</View>}
        </View>
        {l.proxyLabel && <View className='listing-card__proxy'>{l.proxyLabel}</View>}
      </View>
      <View className='listing-card__foot'>
        <View>{l.responseCount > 0 ? `${l.responseCount} 人申请对接` : '暂无对接'}</View>
        <View>{relativeDate(l.publishedAt ?? l.createdAt)}</View>
      </View>
    </View>
  )
}
