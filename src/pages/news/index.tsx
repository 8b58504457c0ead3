import Taro, { usePullDownRefresh, useReachBottom, useShareAppMessage } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { ArticleList, ArticleSummary } from '../../../common/schemas/news'
import { PageShell } from '../../components/page-shell'
import { Tappable } from '../../components/tappable'
import { ArticleCard } from '../../components/article-card'
import { StateView } from '../../components/state-view'
import { usePagedList } from '../../hooks/usePagedList'
import { useMessagesBadge } from '../../hooks/useUnreadMessages'
import { fetchArticles } from '../../services/news'
import { useT } from '../../i18n'

const PAGE_SIZE = 10

export default function NewsList() {
  const { t } = useT()
  // The 我的 tab's unread badge (我的消息) is set from whichever tab shows.
  useMessagesBadge()
  const { items, phase, error, load, loadMore } = usePagedList<ArticleSummary, null, string, ArticleList>({
    fetchPage: (_, cursor) => fetchArticles(cursor, PAGE_SIZE),
    keyOf: (a) => a.id,
    initialQuery: null,
  })
  // Pull-down keeps the articles on screen until the new first page is in.
  const reload = () => load(undefined, true)

  usePullDownRefresh(() => {
    reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    loadMore()
  })
  useShareAppMessage(() => ({ title: t('news.share_title'), path: '/pages/news/index' }))

  if (items.length === 0) {
    return (
      <PageShell>
        <StateView state={phase === 'error' ? 'error' : phase === 'loading' ? 'loading' : 'empty'} message={error ?? t('news.empty')} onRetry={() => load()} />
      </PageShell>
    )
  }
  return (
    <PageShell>
      {items.map((a) => (
        <ArticleCard key={a.id} article={a} />
      ))}
      <View className='muted list-footer' style={{ textAlign: 'center', padding: '24px' }}>
        {(phase === 'loading' || phase === 'more') && t('state.loading')}
        {phase === 'done' && t('state.no_more')}
        {(phase === 'error' || phase === 'more-error') && <Tappable onClick={phase === 'error' ? reload : loadMore}>{t('state.tap_retry', { error: error ?? '' })}</Tappable>}
      </View>
    </PageShell>
  )
}
