import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { useT, type MessageKey } from '../../i18n'
import { useOutbox } from '../../hooks/useOutbox'
import type { OutboxItem, OutboxKind } from '../../services/outbox'
import { whenShort } from '../../utils/when'
import { Ugc } from '../ugc'
import { Tappable } from '../tappable'
import './index.scss'

// What waits to be sent (services/outbox.ts), where a person looks for it: a one-line banner on
// home and 我的 ("2 条待发送"), and the list with 删除 / 修改 in 我的发布.

export const OUTBOX_URL = '/packages/listings/mine/index'

const KIND_KEYS: Record<OutboxKind, MessageKey> = {
  publish: 'outbox.kind.publish',
  respond: 'outbox.kind.respond',
  accept: 'outbox.kind.accept',
  feedback: 'outbox.kind.feedback',
  signup: 'outbox.kind.signup',
}

/** "N 条待发送" (and any not sent); nothing when the queue is empty. A tap opens the list. */
export function OutboxBanner({ className }: { className?: string }) {
  const { t } = useT()
  const { waiting, failed } = useOutbox()
  if (!waiting && !failed) return null
  return (
    <Tappable role='link' className={`outbox-banner${failed ? ' outbox-banner--failed' : ''}${className ? ` ${className}` : ''}`} onClick={() => Taro.navigateTo({ url: OUTBOX_URL })}>
      {waiting > 0 && <View className='outbox-banner__line'>{t('outbox.banner', { n: waiting })}</View>}
      {failed > 0 && <View className='outbox-banner__line'>{t('outbox.banner_failed', { n: failed })}</View>}
    </Tappable>
  )
}

function Row({ item, onRemove, onRevise }: { item: OutboxItem; onRemove: () => void; onRevise: () => void }) {
  const { t, localize } = useT()
  const failed = item.state === 'failed'
  return (
    <View className={`card outbox-item${failed ? ' outbox-item--failed' : ''}`} data-kind={item.kind}>
      <View className='outbox-item__head'>
        <View className={`tag outbox-item__state${failed ? ' outbox-item__state--failed' : ''}`}>{t(failed ? 'outbox.failed_tag' : 'outbox.pending_tag')}</View>
        <View className='muted'>{t(KIND_KEYS[item.kind])}</View>
      </View>
      {/* What they wrote (a title, their message), or the post it is for. */}
      <View className='outbox-item__label'>
        <Ugc>{item.label}</Ugc>
      </View>
      <View className='muted outbox-item__when'>{whenShort(item.createdAt)}</View>
      {failed && (
        <>
          <View className='error-text outbox-item__error' role='alert'>
            {localize(Object.values(item.fields ?? {})[0] ?? item.error ?? '')}
          </View>
          <View className='outbox-item__actions'>
            {item.draft && item.editUrl && (
              <Button className='btn btn--primary outbox-item__revise' onClick={onRevise}>
                {t('outbox.revise')}
              </Button>
            )}
            <Button className='btn btn--plain outbox-item__remove' onClick={onRemove}>
              {t('outbox.delete')}
            </Button>
          </View>
        </>
      )}
    </View>
  )
}

/** The signed-in person's queue (of `kind`, when given), each with its state; nothing when empty. */
export function OutboxList({ kind, className }: { kind?: OutboxKind; className?: string }) {
  const { t } = useT()
  const { items, remove, revise } = useOutbox(kind)
  if (!items.length) return null
  const confirmRemove = async (id: string) => {
    const { confirm } = await Taro.showModal({ title: t('outbox.delete'), content: t('outbox.delete_confirm'), confirmText: t('outbox.delete'), cancelText: t('outbox.cancel') }).catch(() => ({ confirm: false }))
    if (confirm) remove(id)
  }
  return (
    <View className={`outbox-list${className ? ` ${className}` : ''}`}>
      <View className='section-title'>{t('outbox.section')}</View>
      <View className='muted outbox-list__hint'>{t('outbox.hint')}</View>
      {items.map((item) => (
        <Row key={item.id} item={item} onRemove={() => confirmRemove(item.id)} onRevise={() => revise(item.id)} />
      ))}
    </View>
  )
}
