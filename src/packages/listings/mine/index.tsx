import { useCallback, useState } from 'react'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { LISTING_SIDE_LABELS, LISTING_STATUS_LABELS, type ResponseStatus } from '../../../../common/enums'
import type { ListingPage, ListingSummary, MyResponse } from '../../../../common/schemas/listings'
import { PageShell } from '../../../components/page-shell'
import { Tappable } from '../../../components/tappable'
import { StateView } from '../../../components/state-view'
import { ListingCard } from '../../../components/listing-card'
import { OutboxList } from '../../../components/outbox'
import { OfflineMark } from '../../../components/offline-mark'
import { usePagedList } from '../../../hooks/usePagedList'
import { useReloadOnShow } from '../../../hooks/useReloadOnShow'
import { useSession } from '../../../hooks/useSession'
import { messageOf } from '../../../services/http'
import { fetchMyListings, fetchMyResponses, listingPath } from '../../../services/listings'
import { relativeDate } from '../../../../common/china-time'
import { LOGIN_URL } from '../../../utils/routes'
import './index.scss'

type Tab = 'listings' | 'responses'
const RESPONSE_STATUS_TEXT: Record<ResponseStatus, string> = { pending: '等待对方回复', accepted: '已接受', declined: '未被接受' }

/** 我的发布 (every status, newest first, paged) and 我的对接 (the responses I sent). */
export default function MyListings() {
  const { params } = useRouter()
  const user = useSession()
  const [tab, setTab] = useState<Tab>(params.tab === 'responses' ? 'responses' : 'listings')
  // 我的发布 pages by the server's `next`; 我的对接 is one answer.
  const mine = usePagedList<ListingSummary, null, string, ListingPage>({
    fetchPage: (_, cursor) => fetchMyListings(cursor ?? undefined),
    keyOf: (l) => l.id,
    initialQuery: null,
    // Read on show, once signed in (below).
    auto: false,
  })
  const [responses, setResponses] = useState<MyResponse[] | null>(null)
  const [responsesError, setResponsesError] = useState<string | null>(null)

  const load = useCallback(async (which: Tab) => {
    if (which === 'listings') return mine.load(undefined, true)
    setResponsesError(null)
    try {
      setResponses(await fetchMyResponses())
    } catch (err) {
      setResponsesError(messageOf(err))
    }
  }, [])

  // On every show: a post edited or a response sent meanwhile shows its new status.
  useReloadOnShow(() => load(tab), { when: !!user })
  useReachBottom(() => {
    if (tab === 'listings') mine.loadMore()
  })
  // Nothing listed until the first page is in.
  const listings = mine.lastPage === null ? null : mine.items
  const error = tab === 'listings' ? (mine.phase === 'error' ? mine.error : null) : responsesError

  const switchTo = (next: Tab) => {
    if (next === tab) return
    setTab(next)
    load(next)
  }

  if (!user) {
    return (
      <PageShell className='my-listings'>
        <View className='card'>
          <View className='my-listings__gate'>登录后查看您发布的信息和对接</View>
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: LOGIN_URL })}>
            微信一键登录
          </Button>
        </View>
      </PageShell>
    )
  }

  const list = tab === 'listings' ? listings : responses
  return (
    <PageShell className='my-listings'>
      <View className='my-listings__tabs'>
        <Tappable className={`my-listings__tab${tab === 'listings' ? ' my-listings__tab--on' : ''}`} pressed={tab === 'listings'} onClick={() => switchTo('listings')}>
          我的发布
        </Tappable>
        <Tappable className={`my-listings__tab${tab === 'responses' ? ' my-listings__tab--on' : ''}`} pressed={tab === 'responses'} onClick={() => switchTo('responses')}>
          我的对接
        </Tappable>
      </View>

      {/* 待发送: what was submitted offline (needs, 对接, …) until it goes out; refused ones with 删除 / 修改. */}
      <OutboxList className='my-listings__outbox' />
      {tab === 'listings' && <OfflineMark at={mine.offlineAt} />}

      {!list ? (
        <StateView state={error ? 'error' : 'loading'} message={error ?? undefined} onRetry={() => load(tab)} rows={3} />
      ) : list.length === 0 ? (
        <View>
          <StateView state='empty' message={tab === 'listings' ? '您还没有发布过信息' : '您还没有申请过对接'} />
          <Button
            className='btn btn--primary my-listings__cta'
            onClick={() =>
              tab === 'listings' ? Taro.navigateTo({ url: '/packages/listings/publish/index' }) : Taro.switchTab({ url: '/pages/listings/index' })
            }
          >
            {tab === 'listings' ? '去发布' : '去看看大家的需求'}
          </Button>
        </View>
      ) : tab === 'listings' ? (
        <View>
          {listings!.map((l) => (
            <ListingCard key={l.id} listing={l} showStatus />
          ))}
          <View className='muted my-listings__footer'>
            {mine.phase === 'more' ? '正在加载…' : mine.phase === 'more-error' ? '加载失败，请上拉重试' : mine.phase === 'done' ? '没有更多了' : ''}
          </View>
        </View>
      ) : (
        <View>
          {responses!.map((r) => (
            <Tappable role='link' key={r.id} className='card my-listings__response' onClick={() => Taro.navigateTo({ url: listingPath(r.listing.id) })}>
              <View className='my-listings__response-head'>
                <View className='muted'>
                  {LISTING_SIDE_LABELS[r.listing.side]} · {LISTING_STATUS_LABELS[r.listing.status]}
                </View>
                <View className={`my-listings__status my-listings__status--${r.status}`}>{RESPONSE_STATUS_TEXT[r.status]}</View>
              </View>
              <View className='my-listings__title'>{r.listing.title}</View>
              <View className='muted'>我的留言：{r.message}</View>
              <View className='muted'>{relativeDate(r.createdAt)}</View>
            </Tappable>
          ))}
        </View>
      )}
    </PageShell>
  )
}
