import { MESSAGE_ENTRIES, MESSAGE_ENTRY, isMessageKind, messageWording, type MessageEntry } from '../../../../common/rules/messages'
import type { MessageItem, MessagePage, UnreadCounts } from '../../../../common/schemas/messages'
import type { MessageTarget } from '../../../../common/rules/messages'
import type { Deps } from '../../deps'
import { beforeId, nextAfter } from '../../lib/cursor'
import { notFound } from '../../errors'
import type { UserRow } from '../users/users.repository'
import * as repo from './messages.repository'

// 我的消息: a person reads only their own messages (another's id answers 404, as if it did not
// exist). Messages are written by the events themselves (messages.events.ts).

function toItem(row: repo.MessageRow): MessageItem {
  const parts = { subject: row.subject, actorName: row.actor_name, reason: row.reason }
  return {
    id: row.id,
    kind: row.kind,
    entry: isMessageKind(row.kind) ? MESSAGE_ENTRY[row.kind] : null,
    target: { type: row.target_type as MessageTarget, id: row.target_id },
    ...messageWording(row.kind, parts),
    parts,
    read: row.read_at !== null,
    createdAt: row.created_at,
  }
}

export async function listMessages(deps: Deps, user: UserRow, query: { limit: number; cursor?: string }): Promise<MessagePage> {
  const rows = await repo.messagesOf(deps.db, user.id, query.limit + 1, beforeId(query))
  return { items: rows.slice(0, query.limit).map(toItem), next: nextAfter(rows, query.limit).next }
}

export async function unreadCounts(deps: Deps, user: UserRow): Promise<UnreadCounts> {
  const entries = Object.fromEntries(MESSAGE_ENTRIES.map((e) => [e, 0])) as Record<MessageEntry, number>
  let total = 0
  for (const { kind, count } of await repo.unreadByKind(deps.db, user.id)) {
    total += count
    const entry = isMessageKind(kind) ? MESSAGE_ENTRY[kind] : null
    if (entry) entries[entry] += count
  }
  return { total, entries }
}

export async function markRead(deps: Deps, user: UserRow, id: number): Promise<UnreadCounts> {
  if (!(await repo.markRead(deps.db, user.id, id, deps.now().toISOString()))) throw notFound()
  return unreadCounts(deps, user)
}

/** Every unread message read, or (an entry of the 我的 page opened) those of that entry. */
export async function markAllRead(deps: Deps, user: UserRow, entry?: MessageEntry): Promise<UnreadCounts> {
  const kinds = entry ? Object.entries(MESSAGE_ENTRY).filter(([, e]) => e === entry).map(([k]) => k) : undefined
  await repo.markAllRead(deps.db, user.id, deps.now().toISOString(), kinds)
  return unreadCounts(deps, user)
}
