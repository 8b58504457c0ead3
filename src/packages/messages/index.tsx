import Taro, { useReachBottom } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { MessageItem, MessagePage } from '../../../common/schemas/messages'
import { ACTOR_STAND_IN, isMessageKind, messageKeys, reasonOf } from '../../../common/rules/messages'
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
import { useT } from '../../i18n'
import { when } from '../../utils/when'
import './index.scss'

/**
 * 我的消息: what happened to the person (a response, a review result, a 举荐, a verification),
 * newest first. Tapping one marks it read and opens what it is about; 全部已读 clears the count.
 */
export default function Messages() {
  const user = useSession()
  const { t } = useT()
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
        <SignInGate login={t('messages.login')} className='messages__gate' />
      </PageShell>
    )
  }

  const items = list.lastPage === null ? null : list.items
  return (
    <PageShell className='messages'>
      {items && items.length > 0 && (
        <View className='messages__head'>
          <View className='messages__count'>{unread.total > 0 ? t('messages.unread', { n: unread.total }) : t('messages.none_unread')}</View>
          {unread.total > 0 && (
            <Button className='btn btn--plain messages__read-all' onClick={readAll}>
              {t('messages.read_all')}
            </Button>
          )}
        </View>
      )}
      {!items ? (
        <StateView state={list.phase === 'error' ? 'error' : 'loading'} message={list.error ?? t('messages.load_failed')} onRetry={() => list.load()} rows={3} />
      ) : items.length === 0 ? (
        <StateView state='empty' message={t('messages.empty')} />
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
                <MessageTitle item={m} />
              </View>
              <View className='messages__body'>
                <MessageBody item={m} />
              </View>
              <View className='muted messages__time'>
                {when(m.createdAt)}
                {m.read ? '' : ` · ${t('messages.unread_tag')}`}
              </View>
            </Tappable>
          ))}
          <View className='muted messages__footer'>
            {list.phase === 'more' ? t('state.loading') : list.phase === 'more-error' ? t('state.more_failed') : list.phase === 'done' ? t('state.no_more') : ''}
          </View>
        </View>
      )}
    </PageShell>
  )
}

/** A message's headline: the catalog's words for its kind (新消息 for a kind newer than the app, as the server says). */
function MessageTitle({ item }: { item: MessageItem }) {
  const { t } = useT()
  return <>{isMessageKind(item.kind) ? t(messageKeys(item.kind).title) : t('message.new')}</>
}

const SLOT = '\u0001'

/**
 * A message's sentence in the reader's language, its values (a post's title, a name, staff's
 * reason) as people wrote them: marked as user content. A verification's subject is a role, said
 * in the reader's language too.
 */
function MessageBody({ item }: { item: MessageItem }) {
  const { t, localize } = useT()
  const { kind, parts } = item
  if (!isMessageKind(kind)) return <Text data-ugc>{parts.subject}</Text>
  const roleSubject = kind.startsWith('verification.')
  const values: Record<string, { text: string; ugc: boolean }> = {
    actor: parts.actorName ? { text: parts.actorName, ugc: true } : { text: t(ACTOR_STAND_IN[kind]), ugc: false },
    subject: roleSubject ? { text: localize(parts.subject), ugc: false } : { text: parts.subject, ugc: true },
    reason: reasonOf(parts) !== null ? { text: reasonOf(parts)!, ugc: true } : { text: t('message.no_reason'), ugc: false },
  }
  // The template with a marker for each value, then split on the markers: words and values alternate.
  const marked = t(messageKeys(kind).body, { actor: `${SLOT}actor${SLOT}`, subject: `${SLOT}subject${SLOT}`, reason: `${SLOT}reason${SLOT}` })
  return (
    <>
      {marked.split(SLOT).map((piece, i) => {
        if (i % 2 === 0) return piece
        const value = values[piece]
        return value?.ugc ? (
          <Text key={i} data-ugc>
            {value.text}
          </Text>
        ) : (
          value?.text ?? ''
        )
      })}
    </>
  )
}
