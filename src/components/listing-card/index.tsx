import Taro from '@tarojs/taro'
import { Image, View } from '@tarojs/components'
import type { ListingSummary } from '../../../common/schemas/listings'
import { formatRegionShort } from '../../../common/format'
import { assetUrl } from '../../services/http'
import { listingPath } from '../../services/listings'
import { studioPath } from '../../services/studios'
import { Tappable } from '../tappable'
import { UGC_SLOT, Ugc, WithUgc } from '../ugc'
import { useT } from '../../i18n'
import { when } from '../../utils/when'
import './index.scss'
import { ListingTitle } from '../listing-title'

/** Opens the author's 科创工作室 when they are a 科技工作者; otherwise the tap goes on to the card. */
export function openStudio(author: ListingSummary['author'], e?: { stopPropagation: () => void }): void {
  if (author.role !== 'expert') return
  e?.stopPropagation()
  Taro.navigateTo({ url: studioPath(author.id) })
}

/**
 * 由 甘孜镇科协 代发: the server writes the whole label in Chinese (listings.view.ts); the township
 * association's name is a place name and stays as written, the words around it are translated.
 */
export function ProxyLabel({ label }: { label: string }) {
  const { t } = useT()
  const org = /^\S+ (.+) \S+$/.exec(label)?.[1]
  if (!org) return <Ugc>{label}</Ugc>
  return <WithUgc sentence={t('listings.proxy_by', { org: UGC_SLOT })} value={org} />
}

/**
 * One post or 科技成果 in a list (a 科技成果 shows its stage and transfer mode instead of the side,
 * and its institution). `showStatus` for the owner's own list (审核中, 未通过审核…); the public feed
 * only ever has published posts.
 */
export function ListingCard({ listing, showStatus = false }: { listing: ListingSummary; showStatus?: boolean }) {
  const { t } = useT()
  const l = listing
  const a = l.achievement
  const expert = l.author.role === 'expert'
  return (
    <Tappable role='link' className='listing-card' data-id={l.id} onClick={() => Taro.navigateTo({ url: listingPath(l.id) })}>
      <View className='listing-card__tags'>
        {a ? (
          <>
            <View className='listing-card__stage'>{t(`stage.${a.stage}`)}</View>
            <View className='listing-card__mode'>{t(`transfer.${a.transferMode}`)}</View>
          </>
        ) : (
          <View className={`listing-card__side listing-card__side--${l.side}`}>{t(`side.${l.side}`)}</View>
        )}
        <View className='listing-card__category'>{t(`category.${l.category}`)}</View>
        {showStatus && <View className={`status-tag status-tag--${l.status}`}>{t(`status.listing.${l.status}`)}</View>}
      </View>
      <View className='listing-card__body'>
        <View className='listing-card__text'>
          <View className='listing-card__title'>
            <ListingTitle title={l.title} category={l.category} />
          </View>
          {a && (
            <View className='listing-card__institution'>
              <Ugc>{a.institution}</Ugc>
            </View>
          )}
          <View className='listing-card__place'>
            <Ugc>{formatRegionShort(l.region)}</Ugc>
          </View>
          {l.excerpt && (
            <View className='listing-card__excerpt'>
              <Ugc>{l.excerpt}</Ugc>
            </View>
          )}
        </View>
        {l.thumbUrl && <Image className='listing-card__thumb' src={assetUrl(l.thumbUrl)} mode='aspectFill' lazyLoad />}
      </View>
      <View className='listing-card__meta'>
        {expert ? (
          <Tappable role='link' className='listing-card__author listing-card__author--studio' onClick={(e) => openStudio(l.author, e)}>
            <Ugc>{l.author.nickname}</Ugc>
            <View className='listing-card__studio'>{t('listings.studio')}</View>
            {l.author.verified && <View className='badge badge--ok'>{t('listings.verified')}</View>}
          </Tappable>
        ) : (
          <View className='listing-card__author'>
            <Ugc>{l.author.nickname}</Ugc>
            {l.author.verified && <View className='badge badge--ok'>{t('listings.verified')}</View>}
          </View>
        )}
        {l.proxyLabel && (
          <View className='listing-card__proxy'>
            <ProxyLabel label={l.proxyLabel} />
          </View>
        )}
      </View>
      <View className='listing-card__foot'>
        <View>{l.responseCount > 0 ? t(a ? 'listings.count_interest' : 'listings.count_respond', { n: l.responseCount }) : t(a ? 'listings.no_interest' : 'listings.no_responses')}</View>
        <View>{when(l.publishedAt ?? l.createdAt)}</View>
      </View>
    </Tappable>
  )
}
