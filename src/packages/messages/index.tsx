import Taro, { useReachBottom } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import type { MessageItem, MessagePage } from '../../../common/schemas/messages'
import { relativeDate } from '../../../common/china-time'
import { PageShell } from '../../components/page-shell'
import { SignInGate } from '../../components/sign-in-gate'
import { StateView } from '../../components/state-view'
import { Tappable } from '../../components/tappable'
import { usePagedList } from '../../hooks/usePagedList'
import { useReloadOnShow } from '../../hooks/useReloadOnShow'
import { useSession } from '../../hooks/useSession'
import { useUnreadMessages } from '../../hooks/useUnreadMessages'
import { messageOf } from '../../services/http'
import { fetchMessages, markAllMessagesRead, markMessageRead, messageLink } from '../../services/messages'
import './index.scss'

/**
 * 我的消息: what happened to the person (a response, a review result, a 举荐, a verification),
 * newest first. Tapping one marks it read and opens what it is about; 全部已读 clears the count.
 */
export default function Messages() {
  const user = useSession()
  const unread = useUnreadMessages()
  const list = usePagedList<MessageItem, null, string, MessagePage>({
    fetchPage: (_, cursor) => fetchMessages(cursor ?? undefined),
    keyOf: (m) => m.id,
    initialQuery: null,
    auto: false,
  })
  // Back from a message's page, or pulled down: read states and new messages show.
  useReloadOnShow(() => list.load(undefined, true), { when: !!user })
  useReachBottom(() => list.loadMore())

  const open = (m: MessageItem) => {
    // Opening never waits for (or fails with) the mark: the person sees what it is about at once.
    if (!m.read) markMessageRead(m.id).catch(() => undefined)
    const link = messageLink(m)
    if (!link) return list.load(undefined, true)
    if (link.tab) Taro.switchTab({ url: link.url })
    else Taro.navigateTo({ url: link.url })
  }

  const readAll = async () => {
    try {
      await markAllMessagesRead()
      await list.load(undefined, true)
    } catch (err) {
      Taro.showToast({ title: messageOf(err), icon: 'none' })
    }
  }

  if (!user) {
    return (
      <PageShell className='messages'>
        <SignInGate login='登录后查看您的消息' className='messages__gate' />
      </PageShell>
    )
  }

  const items = list.lastPage === null ? null : list.items
  return (
    <PageShell className='messages'>
      {items && items.length > 0 && (
        <View className='messages__head'>
          <View className='messages__count'>{unread.total > 0 ? `${unread.total} 条未读` : '没有未读消息'}</View>
          {unread.total > 0 && (
            <Button className='btn btn--plain messages__read-all' onClick={readAll}>
              全部已读
            </Button>
          )}
        </View>
      )}
      {!items ? (
        <StateView state={list.phase === 'error' ? 'error' : 'loading'} message={list.error ?? '消息没有加载出来，请检查网络后重试'} onRetry={() => list.load()} rows={3} />
      ) : items.length === 0 ? (
        <StateView state='empty' message='还没有消息。有人回应您的发布、审核有了结果，都会在这里告诉您' />
      ) : (
        <View className='messages__list'>
          {items.map((m) => (
            <Tappable
              key={m.id}
              role='link'
              className={`card messages__item${m.read ? '' : ' messages__item--unread'}`}
              onClick={() => open(m)}
              data-id={m.id}
            >
              <View className='messages__title'>
                {!m.read && <View className='messages__dot' aria-hidden='true' />}
                {m.title}
              </View>
              <View className='messages__body'>{m.body}</View>
              <View className='muted messages__time'>
                {relativeDate(m.createdAt)}
                {m.read ? '' : ' · 未读'}
              </View>
            </Tappable>
          ))}
          <View className='muted messages__footer'>
            {list.phase === 'more' ? '正在加载…' : list.phase === 'more-error' ? '加载失败，请上拉重试' : list.phase === 'done' ? '没有更多了' : ''}
          </View>
        </View>
      )}
    </PageShell>
  )
}
