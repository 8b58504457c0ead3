import { useEffect, useState } from 'react'
import Taro, { useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { Button, Image, View } from '@tarojs/components'
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
import { HOME_ICONS, type HomeIcon } from '../../assets/home'
import { LOGIN_URL, PROFILE_URL } from '../../utils/routes'
import { hasChosenLang, useT } from '../../i18n'
import { LangChoice } from '../../components/lang-choice'
import { QuickAskEntry } from '../../components/quick-ask-entry'
import './index.scss'


export default function Home() {
  const user = useSession()
  const { t } = useT()
  // The first open asks the language before anything else (中文 / བོད་ཡིག, no reading needed).
  const [langChosen, setLangChosen] = useState(hasChosenLang)
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

  useShareAppMessage(() => ({ title: t('home.share_title'), path: '/pages/index/index' }))
  useShareTimeline(() => ({ title: t('home.share_title') }))

  const registered = user?.registered
  const entries: Array<{ key: string; icon: HomeIcon; label: string; hint: string; onClick: () => void }> = [
    // The publish page itself asks a signed-out person to log in and comes back to the form.
    { key: 'publish-need', icon: 'publish-need', label: t('home.entry.publish'), hint: t('home.entry.publish_hint'), onClick: () => Taro.navigateTo({ url: '/packages/listings/publish/index?side=need' }) },
    { key: 'experts', icon: 'experts', label: t('home.entry.experts'), hint: t('home.entry.experts_hint'), onClick: () => openListingsTab({ side: 'offer' }) },
    { key: 'achievements', icon: 'achievements', label: t('home.entry.achievements'), hint: t('home.entry.achievements_hint'), onClick: () => Taro.navigateTo({ url: '/packages/achievements/index' }) },
    { key: 'contests', icon: 'contests', label: t('home.entry.contests'), hint: t('home.entry.contests_hint'), onClick: () => Taro.navigateTo({ url: '/packages/contests/index' }) },
    { key: 'listings', icon: 'listings', label: t('home.entry.listings'), hint: t('home.entry.listings_hint'), onClick: () => openListingsTab({}) },
    { key: 'news', icon: 'news', label: t('home.entry.news'), hint: t('home.entry.news_hint'), onClick: () => Taro.switchTab({ url: '/pages/news/index' }) },
    {
      key: 'register',
      icon: 'register',
      label: registered ? t('home.entry.profile') : t('home.entry.register'),
      hint: registered ? t('home.entry.profile_hint') : t('home.register_wechat'),
      onClick: () => Taro.navigateTo({ url: user ? PROFILE_URL : LOGIN_URL }),
    },
    { key: 'mine', icon: 'elder', label: t('home.entry.elder'), hint: t('home.entry.elder_hint'), onClick: () => Taro.switchTab({ url: '/pages/mine/index' }) },
  ]

  if (!langChosen) {
    return (
      <PageShell className='home'>
        <LangChoice variant='first' onChosen={() => setLangChosen(true)} />
      </PageShell>
    )
  }

  return (
    <PageShell className='home'>
      <View className='home__hero'>
        <View className='home__name'>{t('shell.app_name')}</View>
        <View className='home__slogan'>{t('home.slogan')}</View>
      </View>

      {!registered && (
        <View className='card home__join'>
          <View className='home__join-text'>{t('home.join_text')}</View>
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: user ? PROFILE_URL : LOGIN_URL })}>
            {user ? t('gate.complete_profile') : t('home.register_wechat')}
          </Button>
        </View>
      )}

      <OutboxBanner className='home__outbox' />

      <QuickAskEntry />

      <View className='home__entries'>
        {entries.map((e) => (
          <Tappable role='link' key={e.key} className='home__entry' data-entry={e.key} onClick={e.onClick}>
            {/* The picture says where the entry goes before its words are read; the words name it. */}
            <View className='home__entry-icon' aria-hidden='true'>
              <Image className='home__entry-img' src={HOME_ICONS[e.icon]} />
            </View>
            <View className='home__entry-label'>{e.label}</View>
            <View className='muted'>{e.hint}</View>
          </Tappable>
        ))}
      </View>

      <View className='section-title home__latest'>
        {t('home.latest')}
        <Tappable role='link' className='home__more' label={t('home.more_label')} onClick={() => Taro.switchTab({ url: '/pages/news/index' })}>
          {t('home.more')}
        </Tappable>
      </View>
      <OfflineMark at={offlineAt} />
      {articles ? articles.map((a) => <ArticleCard key={a.id} article={a} />) : <StateView state={error ? 'error' : 'loading'} message={error ?? undefined} onRetry={load} />}
    </PageShell>
  )
}
