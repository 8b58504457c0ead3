import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom, useShareAppMessage } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { ArticleSummary } from '../../../common/schemas/news'
import { PageShell } from '../../components/page-shell'
import { ArticleCard } from '../../components/article-card'
import { StateView } from '../../components/state-view'
import { fetchArticles } from '../../services/news'
import { messageOf } from '../../services/http'

const PAGE_SIZE = 10

export default function NewsList() {
  const [items, setItems] = useState<ArticleSummary[]>([])
  const [cursor, setCursor] = useState<number | null>(null)
  const [state, setState] = useState<'loading' | 'idle' | 'error' | 'done'>('loading')
  const [error, setError] = useState<string | null>(null)
  const busy = useRef(false)

  const load = useCallback(async (before?: number) => {
    if (busy.current) return
    busy.current = true
    setState('loading')
    try {
      const page = await fetchArticles(before, PAGE_SIZE)
      setItems((prev) => (before ? [...prev, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setState(page.nextCursor ? 'idle' : 'done')
    } catch (err) {
      setError(messageOf(err))
      setState('error')
    } finally {
      busy.current = false
    }
  }, [])

  useEffect(() => {
    load()
  }, [load])
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (state === 'idle' && cursor) load(cursor)
  })
  useShareAppMessage(() => ({ title: '四川科技报 · 科技资讯', path: '/pages/news/index' }))

  if (items.length === 0) {
    return (
      <PageShell>
        <StateView state={state === 'error' ? 'error' : state === 'loading' ? 'loading' : 'empty'} message={error ?? '还没有文章'} onRetry={() => load()} />
      </PageShell>
    )
  }
  return (
    <PageShell>
      {items.map((a) => (
        <ArticleCard key={a.id} article={a} />
      ))}
      <View className='muted list-footer' style={{ textAlign: 'center', padding: '24px' }}>
        {state === 'loading' && '正在加载…'}
        {state === 'done' && '没有更多了'}
        {state === 'error' && <View onClick={() => load(cursor ?? undefined)}>{error}，点此重试</View>}
      </View>
    </PageShell>
  )
}
