import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Image, Text, View } from '@tarojs/components'
import { LISTING_SIDE_LABELS, ROLE_LABELS } from '../../../../common/enums'
import { PageShell } from '../../../components/page-shell'
import { ShareBar } from '../../../components/share-bar'
import { StateView } from '../../../components/state-view'
import { NavRow } from '../../../components/nav-row'
import { useShareEntry, useShareMenu } from '../../../hooks/useShare'
import { assetUrl, messageOf } from '../../../services/http'
import { contestPath, fetchTalent, type TalentEntry, type TalentProfile } from '../../../services/contests'
import { listingPath } from '../../../services/listings'
import { studioPath } from '../../../services/studios'
import { openedAlone } from '../../../utils/share'
import { CONTEST_CATEGORY_LABELS, REACHED_LABELS } from '../components/labels'
import { awardText } from '../../../../common/rules'
import '../components/common.scss'
import { Tappable } from '../../../components/tappable'
import './index.scss'

// A 乡土人才's public page: who they are, the contests they reached the final of (with the
// project and any award), their posts, and their 科创工作室 when they are an expert. Shareable.
function titleOf(name: string | null | undefined) {
  return name ? `乡土人才 ${name}` : '四川省农村乡土人才库'
}
/** talentPath(userId) without its query. */
const TALENT_PATH = '/packages/contests/talent/index'

export default function TalentPage() {
  // ?id= (the person's user id), or a poster's 小程序码 (scene = a share code); ?s= opens are reported.
  const { id, resolving } = useShareEntry()
  const [talent, setTalent] = useState<TalentProfile | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = () => {
    setError(null)
    if (resolving) return
    if (!Number.isInteger(id) || id <= 0) return setError('找不到这位人才')
    fetchTalent(id)
      .then((t) => {
        setTalent(t)
        Taro.setNavigationBarTitle({ title: titleOf(t.name) }).catch(() => undefined)
      })
      .catch((err) => setError(messageOf(err)))
  }
  useEffect(load, [id, resolving])

  const shareTitle = titleOf(talent?.name)
  const shareAvatar = talent?.avatarUrl ? assetUrl(talent.avatarUrl) : undefined
  useShareMenu({ target: 'talent', id, title: shareTitle, imageUrl: shareAvatar, path: TALENT_PATH })

  if (!talent) {
    return (
      <PageShell className='talent'>
        <StateView state={error ? 'error' : 'loading'} message={error ?? undefined} onRetry={load} rows={2} />
      </PageShell>
    )
  }
  const t = talent
  return (
    <PageShell className='talent'>
      <View className='card talent__head'>
        <View className='talent__person'>
          {t.avatarUrl ? (
            <Image className='talent__avatar' src={assetUrl(t.avatarUrl)} mode='aspectFill' />
          ) : (
            <View className='talent__avatar talent__avatar--empty'>{t.name.slice(0, 1)}</View>
          )}
          <View className='talent__who'>
            <View className='talent__name-line'>
              <View className='talent__name'>{t.name}</View>
              {t.verified && <View className='badge badge--ok'>已认证</View>}
            </View>
            {t.role && <View className='muted'>{ROLE_LABELS[t.role]}</View>}
            <View className='muted talent__region'>{t.regionName}</View>
          </View>
        </View>
        {t.studioAvailable && (
          <Button className='btn btn--primary talent__studio' onClick={() => Taro.navigateTo({ url: studioPath(t.userId) })}>
            进入科创工作室
          </Button>
        )}
        <ShareBar className='talent__share' target='talent' id={t.userId} title={shareTitle} text={talentLine(t)} path={TALENT_PATH} />
      </View>

      <View className='section-title'>参赛经历</View>
      {t.entries.map((e) => (
        <EntryCard key={e.entryId} entry={e} />
      ))}

      {t.listings.length > 0 && (
        <View className='talent__listings'>
          <View className='section-title'>发布的信息</View>
          <View className='card'>
            {t.listings.map((l) => (
              <NavRow key={l.id} label={`【${l.kind === 'achievement' ? '科技成果' : LISTING_SIDE_LABELS[l.side]}】${l.title}`} url={listingPath(l.id)} />
            ))}
          </View>
        </View>
      )}

      {openedAlone() && (
        <View className='talent__home-wrap'>
          <Button className='btn btn--plain' onClick={() => Taro.switchTab({ url: '/pages/index/index' })}>
            去天府科技云首页
          </Button>
        </View>
      )}
    </PageShell>
  )
}

/** The poster's line under the name: the latest contest and any award, else the region. */
function talentLine(t: TalentProfile): string {
  const e = t.entries[0]
  if (!e) return t.regionName
  const award = awardText(e.award, e.awardName, e.popularAward)
  return `${e.year}年${e.contestName}${award ? ` ${award}` : ''}`
}

function EntryCard({ entry: e }: { entry: TalentEntry }) {
  const award = awardText(e.award, e.awardName, e.popularAward)
  const urls = e.photos.map((p) => assetUrl(p.url))
  return (
    <View className='card talent-entry' data-entry={e.entryId}>
      <Tappable role='link' className='talent-entry__contest' onClick={() => Taro.navigateTo({ url: contestPath(e.contestId) })}>
        {e.year}年 · {e.contestName} ›
      </Tappable>
      <View className='talent-entry__title'>{e.title}</View>
      <View className='contest-tags'>
        <View className='contest-tag'>{CONTEST_CATEGORY_LABELS[e.category]}</View>
        <View className='contest-tag contest-tag--mine'>{REACHED_LABELS[e.stageReached]}</View>
        {award && <View className='contest-tag contest-tag--award talent-entry__award'>{award}</View>}
      </View>
      <Text className='talent-entry__description' userSelect>
        {e.description}
      </Text>
      {e.photos.length > 0 && (
        <View className='talent-entry__photos'>
          {e.photos.map((p, i) => (
            <Tappable key={p.id} className='talent-entry__photo-zoom' label='查看大图' onClick={() => Taro.previewImage({ urls, current: urls[i] })}>
              <Image className='talent-entry__photo' src={assetUrl(p.thumbUrl)} mode='aspectFill' lazyLoad />
            </Tappable>
          ))}
        </View>
      )}
    </View>
  )
}
