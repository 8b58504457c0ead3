import type { Deps } from '../deps'
import { badRequest } from '../errors'
import type { SecScene } from '../wechat/client'

// WeChat requires public text to pass msg_sec_check. One rule everywhere: 'risky' is refused with
// CONTENT_RISKY (400), 'pass' and 'review' are returned for the caller to keep (review waits for staff).

/** msg_sec_check / media_check_async scenes, by what the text is. */
export const SCENE = {
  /** 资料: nickname and other profile text. */
  profile: 1,
  /** 评论: a response to a listing. */
  comment: 2,
  /** 论坛: posts, contest entries and their photos. */
  post: 3,
} as const satisfies Record<string, SecScene>

/**
 * Checks `content` and refuses it when WeChat finds it risky. `fields` are the per-field messages
 * sent with the refusal (e.g. `{ nickname: '…' }`), when the text is one form field.
 */
export async function assertNotRisky(
  deps: Pick<Deps, 'wechat'>,
  openid: string,
  scene: SecScene,
  content: string,
  fields?: Record<string, string>,
): Promise<'pass' | 'review'> {
  const { suggest } = await deps.wechat.msgSecCheck({ openid, scene, content })
  if (suggest === 'risky') throw badRequest('CONTENT_RISKY', fields)
  return suggest
}
