// 我的消息: what each kind of message says, and which entry of the 我的 page it belongs to.
// The server renders the words (so an older app shows a newer kind correctly); the app reads the
// entry to put a count beside 我的发布, 举荐邀请 … Dependency-free, like the rest of common/rules.

/**
 * What happened. Open to more (issue 14 adds reminders and follow-ups): a new kind needs a line in
 * MESSAGE_ENTRY and in MESSAGE_WORDING, nothing in the database.
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
] as const
export type MessageKind = (typeof MESSAGE_KINDS)[number]

/** What a message opens: a post, a nomination (the nominee's invitation or the chair's record), a verification. */
export const MESSAGE_TARGETS = ['listing', 'nomination', 'verification'] as const
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

/** A headline a person takes in at a glance, and one plain sentence. */
type Wording = (p: MessageParts) => { title: string; body: string }

const quoted = (s: string) => `「${s}」`
/** Staff's reason as a clause: their own closing 。！ dropped, since the sentence goes on. */
const reasonOf = (p: MessageParts) => (p.reason ?? '未说明').replace(/[。.!！\s]+$/u, '')

const MESSAGE_WORDING: Record<MessageKind, Wording> = {
  'listing.response': (p) => ({ title: '有人回应了您的发布', body: `${p.actorName ?? '有人'}申请对接${quoted(p.subject)}，请去看看` }),
  'listing.accepted': (p) => ({ title: '对方接受了您的对接', body: `${quoted(p.subject)}的发布人接受了您的对接，现在可以看到联系方式` }),
  'listing.approved': (p) => ({ title: '您的发布已通过审核', body: `${quoted(p.subject)}已公开，大家都能看到了` }),
  'listing.rejected': (p) => ({
    title: '您的发布没有通过审核',
    body: `${quoted(p.subject)}没有通过。原因：${reasonOf(p)}。可以修改后重新提交`,
  }),
  'listing.asked': (p) => ({ title: '有人向您提问', body: `${p.actorName ?? '有人'}向您提问：${quoted(p.subject)}，可以去申请对接` }),
  'nomination.received': (p) => ({ title: '有人举荐您参赛', body: `${p.actorName ?? '乡镇科协'}举荐您参加${quoted(p.subject)}，请确认是否参加` }),
  'nomination.confirmed': (p) => ({ title: '被举荐人已确认参赛', body: `${p.actorName ?? '被举荐人'}已确认参加${quoted(p.subject)}` }),
  'nomination.declined': (p) => ({ title: '被举荐人不参加', body: `${p.actorName ?? '被举荐人'}不参加${quoted(p.subject)}` }),
  'verification.approved': (p) => ({ title: '身份认证已通过', body: `您已认证为${p.subject}` }),
  'verification.rejected': (p) => ({
    title: '身份认证没有通过',
    body: `${p.subject}认证没有通过。原因：${reasonOf(p)}。可以补充材料后重新申请`,
  }),
}

export function messageWording(kind: string, parts: MessageParts): { title: string; body: string } {
  return isMessageKind(kind) ? MESSAGE_WORDING[kind](parts) : { title: '新消息', body: parts.subject }
}

/** Unread counts as the badge shows them: at most "99+". */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count)
}
