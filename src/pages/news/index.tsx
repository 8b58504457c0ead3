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

const PAGE_SIZE = 10

export default function NewsList() {
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
  useShareAppMessage(() => ({ title: '四川科技报 · 科技资讯', path: '/pages/news/index' }))

  if (items.length === 0) {
    return (
      <PageShell>
        <StateView state={phase === 'error' ? 'error' : phase === 'loading' ? 'loading' : 'empty'} message={error ?? '还没有文章'} onRetry={() => load()} />
      </PageShell>
    )
  }
  return (
    <PageShell>
      {items.map((a) => (
        <ArticleCard key={a.id} article={a} />
      ))}
      <View className='muted list-footer' style={{ textAlign: 'center', padding: '24px' }}>
        {(phase === 'loading' || phase === 'more') && '正在加载…'}
        {phase === 'done' && '没有更多了'}
        {(phase === 'error' || phase === 'more-error') && <Tappable onClick={phase === 'error' ? reload : loadMore}>{error}，点此重试</Tappable>}
      </View>
    </PageShell>
  )
}
