import type { Deps } from '../../deps'
import { WechatError } from '../../wechat/client'
import { findUserById } from '../users/users.repository'
import { insertNotification } from './notifications.repository'

// Subscribe messages (订阅消息). The app asks for the subscription from a tap at submit time; here
// we send, and keep a log row either way. A refusal (43101) or a WeChat outage never fails the
// action that caused the message: the person still sees the result in the app.
export type Template = 'review' | 'response' | 'triage' | 'followup'
export type NotifyDeps = Pick<Deps, 'db' | 'wechat' | 'config' | 'now'>

/** `thing` fields take at most 20 characters. */
export function thing(text: string): string {
  const chars = Array.from(text)
  return chars.length <= 20 ? text : `${chars.slice(0, 19).join('')}…`
}

export async function notify(
  deps: NotifyDeps,
  userId: number,
  template: Template,
  page: string,
  data: Record<string, string>,
): Promise<void> {
  const user = await findUserById(deps.db, userId)
  if (!user || user.deleted_at) return
  let result = 'sent'
  try {
    await deps.wechat.sendSubscribeMessage({
      touser: user.openid,
      templateId: deps.config.wechat.templates[template],
      page,
      data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: k.startsWith('thing') ? thing(v) : v }])),
      miniprogramState: deps.config.env === 'production' ? 'formal' : 'developer',
    })
  } catch (err) {
    result = err instanceof WechatError && err.code === 'SUBSCRIBE_REFUSED' ? 'refused' : 'failed'
  }
  await insertNotification(deps.db, { user_id: userId, template, page, result, created_at: deps.now().toISOString() })
}
