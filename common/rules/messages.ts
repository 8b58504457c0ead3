// 我的消息: what each kind of message says, and which entry of the 我的 page it belongs to.
// The server renders the Chinese words (so an older app shows a newer kind correctly) from the
// catalog's `message.<kind>.*` entries, and sends the parts too, so the app can say them in the
// reader's language. The app reads the entry to put a count beside 我的发布, 举荐邀请 …
import { zh } from '../i18n/zh'

/**
 * What happened. Open to more (issue 14 adds reminders and follow-ups): a new kind needs a line in
 * MESSAGE_ENTRY and ACTOR_STAND_IN and its words in the catalog, nothing in the database.
 */
export const MESSAGE_KINDS = [
  'listing.response',
  'listing.accepted',
  'listing.approved',
  'listing.rejected',
  'listing.asked',
  'nomination.received',
  'nomination.confirmed',
  'nomination.declined',
  'verification.approved',
  'verification.rejected',
  // 科服保姆 (triage): an expert is asked to answer, the county's 科服保姆 are told a need waits,
  // a farmer is asked 问题解决了吗.
  'triage.assigned',
  'triage.escalated',
  'triage.followup',
] as const
export type MessageKind = (typeof MESSAGE_KINDS)[number]

/** What a message opens: a post, a nomination (the nominee's invitation or the chair's record), a verification. */
export const MESSAGE_TARGETS = ['listing', 'nomination', 'verification', 'triage_case', 'followup'] as const
export type MessageTarget = (typeof MESSAGE_TARGETS)[number]

/** The entries of the 我的 page that show a count of their unread messages. */
export const MESSAGE_ENTRIES = ['listings', 'responses', 'nominations', 'invites', 'verification'] as const
export type MessageEntry = (typeof MESSAGE_ENTRIES)[number]

/** The entry a kind counts beside; null: only in 我的消息 (no entry lists what it opens). */
export const MESSAGE_ENTRY: Record<MessageKind, MessageEntry | null> = {
  'listing.response': 'listings',
  'listing.approved': 'listings',
  'listing.rejected': 'listings',
  'listing.accepted': 'responses',
  // A need put to an expert (向专家提问) is someone else's post: no entry of 我的 lists it, so it
  // counts only in 我的消息, which opens the post.
  'listing.asked': null,
  'nomination.received': 'invites',
  'nomination.confirmed': 'nominations',
  'nomination.declined': 'nominations',
  'verification.approved': 'verification',
  'verification.rejected': 'verification',
  // Opened from 我的消息: the need (expert), its 保姆单 (科服保姆), the follow-up question (farmer).
  'triage.assigned': null,
  'triage.escalated': null,
  'triage.followup': null,
}

export function isMessageKind(kind: string): kind is MessageKind {
  return (MESSAGE_KINDS as readonly string[]).includes(kind)
}

/** The stored text parts: subject (a title, a contest, a role), who (a nickname, a 科协), why (staff's reason). */
export interface MessageParts {
  subject: string
  actorName: string | null
  reason: string | null
}

/** The catalog's words (common/i18n/zh.ts): the server fills them in Chinese; the app in the reader's language. */
type WordKey = keyof typeof zh

/** A kind's headline and plain sentence in the catalog: `message.<kind>.title` / `.body`. */
export function messageKeys(kind: MessageKind): { title: WordKey; body: WordKey } {
  return { title: `message.${kind}.title`, body: `message.${kind}.body` }
}

/** Who `{{actor}}` is when the message names no one. */
export const ACTOR_STAND_IN: Record<MessageKind, WordKey> = {
  'listing.response': 'message.someone',
  'listing.accepted': 'message.someone',
  'listing.approved': 'message.someone',
  'listing.rejected': 'message.someone',
  'listing.asked': 'message.someone',
  'nomination.received': 'message.township_cast',
  'nomination.confirmed': 'message.nominee',
  'nomination.declined': 'message.nominee',
  'verification.approved': 'message.someone',
  'verification.rejected': 'message.someone',
  'triage.assigned': 'message.triage_keeper',
  'triage.escalated': 'message.someone',
  'triage.followup': 'message.someone',
}

/** Staff's reason as a clause (their own closing 。！ dropped, since the sentence goes on); null when none was given. */
export function reasonOf(p: MessageParts): string | null {
  return p.reason ? p.reason.replace(/[。.!！\s]+$/u, '') || null : null
}

const fill = (template: string, vars: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => vars[name] ?? '')

/** The Chinese headline and sentence, as the server stores nothing but the parts. */
export function messageWording(kind: string, parts: MessageParts): { title: string; body: string } {
  if (!isMessageKind(kind)) return { title: zh['message.new'], body: parts.subject }
  const keys = messageKeys(kind)
  const vars = { actor: parts.actorName ?? zh[ACTOR_STAND_IN[kind]], subject: parts.subject, reason: reasonOf(parts) ?? zh['message.no_reason'] }
  return { title: zh[keys.title], body: fill(zh[keys.body], vars) }
}

/** Unread counts as the badge shows them: at most "99+". */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count)
}
