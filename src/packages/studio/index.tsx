import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Image, View } from '@tarojs/components'
import { CATEGORY_LABELS } from '../../../common/enums'
import { formatRegionPath } from '../../../common/format'
import type { ListingSummary } from '../../../common/schemas/listings'
import type { Studio } from '../../../common/schemas/studios'
import { openedAlone } from '../../utils/share'
import { PageShell } from '../../components/page-shell'
import { StateView } from '../../components/state-view'
import { ListingCard } from '../../components/listing-card'
import { RelatedArticles } from '../../components/related-articles'
import { ShareBar } from '../../components/share-bar'
import { useShareEntry, useShareMenu } from '../../hooks/useShare'
import { assetUrl, messageOf } from '../../services/http'
import { askExpertPath, fetchStudio, STUDIO_EDIT_URL } from '../../services/studios'
import { useSession } from '../../hooks/useSession'
import { useReloadOnShow } from '../../hooks/useReloadOnShow'
import { ExpertRecordLine } from './expert-record'
import './index.scss'

// 科创工作室: a 科技工作者's public page, shared to chats and Moments (see utils/share.ts).

function studioTitle(nickname: string | null | undefined): string {
  return nickname ? `${nickname}的科创工作室` : '天府科技云 · 科创工作室'
}

/** studioPath(id) without its query. */
const STUDIO_PATH = '/packages/studio/index'

export default function StudioPage() {
  // ?id=, or a poster's 小程序码 (scene = a share code); an ?s= share code is reported as an open.
  const { id, resolving } = useShareEntry()
  const [studio, setStudio] = useState<Studio | null>(null)
  const [error, setError] = useState<string | null>(null)
  const user = useSession()

  const load = () => {
    setError(null)
    if (resolving) return
    if (!Number.isInteger(id) || id <= 0) return setError('找不到这个科创工作室')
    fetchStudio(id)
      .then((s) => {
        setStudio(s)
        Taro.setNavigationBarTitle({ title: studioTitle(s.person.nickname) })
      })
      .catch((err) => setError(messageOf(err)))
  }
  useEffect(load, [id, resolving])
  // Back from 编辑工作室, the expert sees what they saved.
  useReloadOnShow(load, { when: !!studio && user?.id === studio.person.id, skipFirst: true })

  const shareTitle = studioTitle(studio?.person.nickname)
  const shareAvatar = studio?.person.avatarUrl ? assetUrl(studio.person.avatarUrl) : undefined
  useShareMenu({ target: 'studio', id, title: shareTitle, imageUrl: shareAvatar, path: STUDIO_PATH })

  if (!studio) {
    return (
      <PageShell className='studio'>
        <StateView state={error ? 'error' : 'loading'} message={error ?? undefined} onRetry={load} rows={2} />
      </PageShell>
    )
  }

  const { person } = studio
  const alone = openedAlone()
  const openOffers = studio.offers.filter((o) => o.status === 'published').length

  return (
    <PageShell className='studio'>
      <View className='card studio__head'>
        <View className='studio__person'>
          {person.avatarUrl ? (
            <Image className='studio__avatar' src={assetUrl(person.avatarUrl)} mode='aspectFill' />
          ) : (
            <View className='studio__avatar studio__avatar--empty'>{person.nickname.slice(0, 1)}</View>
          )}
          <View className='studio__who'>
            <View className='studio__name-line'>
              <View className='studio__name'>{person.nickname}</View>
              {person.verified ? <View className='studio__badge'>已认证</View> : <View className='studio__badge studio__badge--none'>未认证</View>}
            </View>
            {person.verified && (studio.institution || studio.title) && (
              <View className='studio__job'>
                {studio.institution && <View className='studio__institution'>{studio.institution}</View>}
                {studio.title && <View className='studio__title'>{studio.title}</View>}
              </View>
            )}
            {studio.region && <View className='muted studio__region'>{formatRegionPath(studio.region)}</View>}
          </View>
        </View>
        {studio.intro && <View className='studio__intro'>{studio.intro}</View>}
        {studio.photo && (
          <Image
            className='studio__photo'
            src={assetUrl(studio.photo.thumbUrl)}
            mode='aspectFill'
            onClick={() => Taro.previewImage({ urls: [assetUrl(studio.photo!.url)] })}
          />
        )}
        {studio.fields.length > 0 && (
          <View className='studio__fields'>
            {studio.fields.map((f) => (
              <View key={f} className='studio__field' data-category={f}>
                {CATEGORY_LABELS[f]}
              </View>
            ))}
          </View>
        )}
        <View className='studio__counts'>
          <Count className='studio__count--offers' n={openOffers} label='科技所能' />
          <Count className='studio__count--achievements' n={studio.achievements.length} label='科技成果' />
          <Count className='studio__count--resolved' n={studio.resolvedCount} label='成功对接' />
        </View>
        {person.role === 'expert' && <ExpertRecordLine expertId={person.id} version={studio} />}
        {user?.id === person.id ? (
          <Button className='btn btn--plain studio__edit' onClick={() => Taro.navigateTo({ url: STUDIO_EDIT_URL })}>
            编辑工作室
          </Button>
        ) : (
          <Button className='btn btn--primary studio__ask' onClick={() => Taro.navigateTo({ url: askExpertPath(person.id) })}>
            向专家提问
          </Button>
        )}
        <ShareBar
          className='studio__share'
          target='studio'
          id={id}
          title={shareTitle}
          text={[studio.institution, studio.title].filter(Boolean).join(' ') || formatRegionPath(studio.region)}
          path={STUDIO_PATH}
        />
      </View>

      <Section className='studio__achievements' title='科技成果' items={studio.achievements} empty='还没有发布科技成果' />
      <Section className='studio__offers' title='科技所能' items={studio.offers} empty='还没有发布科技所能' />
      <RelatedArticles className='studio__related' target='studio' targetId={id} />

      {alone && (
        <View className='studio__home-wrap'>
          <Button className='btn btn--plain studio__home' onClick={() => Taro.switchTab({ url: '/pages/index/index' })}>
            去天府科技云首页
          </Button>
        </View>
      )}
    </PageShell>
  )
}

function Count({ n, label, className }: { n: number; label: string; className: string }) {
  return (
    <View className={`studio__count ${className}`}>
      <View className='studio__count-n'>{n}</View>
      <View className='muted'>{label}</View>
    </View>
  )
}

function Section({ title, items, empty, className }: { title: string; items: ListingSummary[]; empty: string; className: string }) {
  return (
    <View className={`studio__section ${className}`}>
      <View className='section-title'>
        {title}
        {items.length > 0 && <View className='studio__section-n'>{items.length}</View>}
      </View>
      {items.length ? (
        <View className='studio__list'>
          {items.map((l) => (
            <ListingCard key={l.id} listing={l} />
          ))}
        </View>
      ) : (
        <View className='card studio__empty muted'>{empty}</View>
      )}
    </View>
  )
}
