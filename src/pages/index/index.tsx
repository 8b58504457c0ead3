import { useEffect, useState } from 'react'
import Taro, { useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { ArticleSummary } from '../../../common/schemas/news'
import { PageShell } from '../../components/page-shell'
import { Tappable } from '../../components/tappable'
import { ArticleCard } from '../../components/article-card'
import { StateView } from '../../components/state-view'
import { useSession } from '../../hooks/useSession'
import { useMessagesBadge } from '../../hooks/useUnreadMessages'
import { fetchArticles } from '../../services/news'
import { offlineSince } from '../../services/offline-cache'
import { OutboxBanner } from '../../components/outbox'
import { OfflineMark } from '../../components/offline-mark'
import { messageOf } from '../../services/http'
import { openListingsTab } from '../../utils/listing-filters'
import { LOGIN_URL, PROFILE_URL } from '../../utils/routes'
import './index.scss'


export default function Home() {
  const user = useSession()
  // The 我的 tab's unread badge (我的消息) is set from whichever tab shows.
  useMessagesBadge()
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null)
  /** When the articles shown were fetched, if they came from storage for want of a network. */
  const [offlineAt, setOfflineAt] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = () => {
    setError(null)
    fetchArticles(undefined, 3)
      .then((res) => {
        setArticles(res.items)
        setOfflineAt(offlineSince(res))
      })
      .catch((err) => setError(messageOf(err)))
  }
  useEffect(load, [])

  useShareAppMessage(() => ({ title: '天府科技云：科技服务直达乡村', path: '/pages/index/index' }))
  useShareTimeline(() => ({ title: '天府科技云：科技服务直达乡村' }))

  const registered = user?.registered
  const entries = [
    // The publish page itself asks a signed-out person to log in and comes back to the form.
    { key: 'publish-need', label: '发布需求', hint: '找专家帮忙', onClick: () => Taro.navigateTo({ url: '/packages/listings/publish/index?side=need' }) },
    { key: 'experts', label: '找专家', hint: '看科技所能', onClick: () => openListingsTab({ side: 'offer' }) },
    { key: 'achievements', label: '科技成果', hint: '成果转化', onClick: () => Taro.navigateTo({ url: '/packages/achievements/index' }) },
    { key: 'contests', label: '人才大赛', hint: '乡土人才大赛', onClick: () => Taro.navigateTo({ url: '/packages/contests/index' }) },
    { key: 'listings', label: '所能所需', hint: '需求和服务', onClick: () => openListingsTab({}) },
    { key: 'news', label: '科技资讯', hint: '四川科技报', onClick: () => Taro.switchTab({ url: '/pages/news/index' }) },
    {
      key: 'register',
      label: registered ? '我的资料' : '注册',
      hint: registered ? '修改资料' : '微信一键注册',
      onClick: () => Taro.navigateTo({ url: user ? PROFILE_URL : LOGIN_URL }),
    },
    { key: 'mine', label: '长辈模式', hint: '字更大 更好点', onClick: () => Taro.switchTab({ url: '/pages/mine/index' }) },
  ]

  return (
    <PageShell className='home'>
      <View className='home__hero'>
        <View className='home__name'>天府科技云</View>
        <View className='home__slogan'>四川省科协 · 科技服务直达乡村</View>
      </View>

      {!registered && (
        <View className='card home__join'>
          <View className='home__join-text'>注册后可以发布需求、找专家、报名乡土人才大赛</View>
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: user ? PROFILE_URL : LOGIN_URL })}>
            {user ? '完善资料' : '微信一键注册'}
          </Button>
        </View>
      )}

      <OutboxBanner className='home__outbox' />

      <View className='home__entries'>
        {entries.map((e) => (
          <Tappable role='link' key={e.key} className='home__entry' data-entry={e.key} onClick={e.onClick}>
            <View className='home__entry-label'>{e.label}</View>
            <View className='muted'>{e.hint}</View>
          </Tappable>
        ))}
      </View>

      <View className='section-title home__latest'>
        最新资讯
        <Tappable role='link' className='home__more' label='更多资讯' onClick={() => Taro.switchTab({ url: '/pages/news/index' })}>
          更多 ›
        </Tappable>
      </View>
      <OfflineMark at={offlineAt} />
      {articles ? articles.map((a) => <ArticleCard key={a.id} article={a} />) : <StateView state={error ? 'error' : 'loading'} message={error ?? undefined} onRetry={load} />}
    </PageShell>
  )
}
