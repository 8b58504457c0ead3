import { useCallback, useState } from 'react'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { ResponseStatus } from '../../../../common/enums'
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
import { when } from '../../../utils/when'
import { useT, type MessageKey } from '../../../i18n'
import { UGC_SLOT, WithUgc } from '../../../components/ugc'
import { LOGIN_URL } from '../../../utils/routes'
import './index.scss'
import { ListingTitle } from '../../../components/listing-title'

type Tab = 'listings' | 'responses'
const RESPONSE_STATUS_TEXT: Record<ResponseStatus, MessageKey> = { pending: 'mine.response.pending', accepted: 'mine.response.accepted', declined: 'mine.response.declined' }

/** 我的发布 (every status, newest first, paged) and 我的对接 (the responses I sent). */
export default function MyListings() {
  const { params } = useRouter()
  const user = useSession()
  const { t } = useT()
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
          <View className='my-listings__gate'>{t('mine.gate')}</View>
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: LOGIN_URL })}>
            {t('gate.wechat_login')}
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
          {t('mine.tab_listings')}
        </Tappable>
        <Tappable className={`my-listings__tab${tab === 'responses' ? ' my-listings__tab--on' : ''}`} pressed={tab === 'responses'} onClick={() => switchTo('responses')}>
          {t('mine.tab_responses')}
        </Tappable>
      </View>

      {/* 待发送: what was submitted offline (needs, 对接, …) until it goes out; refused ones with 删除 / 修改. */}
      <OutboxList className='my-listings__outbox' />
      {tab === 'listings' && <OfflineMark at={mine.offlineAt} />}

      {!list ? (
        <StateView state={error ? 'error' : 'loading'} message={error ?? undefined} onRetry={() => load(tab)} rows={3} />
      ) : list.length === 0 ? (
        <View>
          <StateView state='empty' message={tab === 'listings' ? t('mine.empty_listings') : t('mine.empty_responses')} />
          <Button
            className='btn btn--primary my-listings__cta'
            onClick={() =>
              tab === 'listings' ? Taro.navigateTo({ url: '/packages/listings/publish/index' }) : Taro.switchTab({ url: '/pages/listings/index' })
            }
          >
            {tab === 'listings' ? t('mine.go_publish') : t('mine.go_browse')}
          </Button>
        </View>
      ) : tab === 'listings' ? (
        <View>
          {listings!.map((l) => (
            <ListingCard key={l.id} listing={l} showStatus />
          ))}
          <View className='muted my-listings__footer'>
            {mine.phase === 'more' ? t('state.loading') : mine.phase === 'more-error' ? t('state.more_failed') : mine.phase === 'done' ? t('state.no_more') : ''}
          </View>
        </View>
      ) : (
        <View>
          {responses!.map((r) => (
            <Tappable role='link' key={r.id} className='card my-listings__response' onClick={() => Taro.navigateTo({ url: listingPath(r.listing.id) })}>
              <View className='my-listings__response-head'>
                <View className='muted'>
                  {t(`side.${r.listing.side}`)} · {t(`status.listing.${r.listing.status}`)}
                </View>
                <View className={`my-listings__status my-listings__status--${r.status}`}>{t(RESPONSE_STATUS_TEXT[r.status])}</View>
              </View>
              <View className='my-listings__title'>
                <ListingTitle title={r.listing.title} category={r.listing.category} />
              </View>
              <View className='muted'>
                <WithUgc sentence={t('listing.my_message', { message: UGC_SLOT })} value={r.message} />
              </View>
              <View className='muted'>{when(r.createdAt)}</View>
            </Tappable>
          ))}
        </View>
      )}
    </PageShell>
  )
}
