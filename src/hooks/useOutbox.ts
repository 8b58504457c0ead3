import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { flushOutbox, OUTBOX_EVENT, outboxItems, removeOutboxItem, reviseOutboxItem, type OutboxItem, type OutboxKind } from '../services/outbox'
import { SESSION_EVENT } from '../services/session'

export interface Outbox {
  /** The signed-in person's items (of `kind`, when given), oldest first. */
  items: OutboxItem[]
  waiting: number
  failed: number
  remove: (id: string) => void
  /** 修改: the form opens again with what was sent. */
  revise: (id: string) => void
  flush: () => Promise<void>
}

/** The 待发送 queue as a page shows it, kept current as items are queued, sent or refused. */
export function useOutbox(kind?: OutboxKind): Outbox {
  const pick = () => outboxItems().filter((i) => !kind || i.kind === kind)
  const [items, setItems] = useState<OutboxItem[]>(pick)
  useEffect(() => {
    const refresh = () => setItems(pick())
    refresh()
    Taro.eventCenter.on(OUTBOX_EVENT, refresh)
    Taro.eventCenter.on(SESSION_EVENT, refresh)
    return () => {
      Taro.eventCenter.off(OUTBOX_EVENT, refresh)
      Taro.eventCenter.off(SESSION_EVENT, refresh)
    }
  }, [kind])
  return {
    items,
    waiting: items.filter((i) => i.state !== 'failed').length,
    failed: items.filter((i) => i.state === 'failed').length,
    remove: removeOutboxItem,
    revise: (id) => {
      const url = reviseOutboxItem(id)
      if (url) Taro.navigateTo({ url })
    },
    flush: flushOutbox,
  }
}
