import { z } from 'zod'
import { MESSAGE_ENTRIES, MESSAGE_TARGETS } from '../rules/messages'
import { cursorParam, page } from './common'

// 我的消息 on the wire (server/src/modules/messages). Kinds are sent as text: a kind newer than
// the app still shows its title and body, and opens nothing it does not know.

export const messageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: cursorParam,
})

export const messageItem = z.object({
  id: z.number(),
  kind: z.string().describe('发生了什么，如 listing.response、verification.rejected'),
  entry: z.enum(MESSAGE_ENTRIES).nullable().describe('“我的”页上对应的入口；null：不属于任何入口'),
  target: z.object({ type: z.enum(MESSAGE_TARGETS), id: z.number() }).describe('点开后打开的对象'),
  title: z.string(),
  body: z.string(),
  parts: z
    .object({ subject: z.string(), actorName: z.string().nullable(), reason: z.string().nullable() })
    .describe('标题和正文的组成：主题、相关的人、工作人员的理由（应用据此用读者的语言显示）'),
  read: z.boolean(),
  createdAt: z.string(),
})
export type MessageItem = z.infer<typeof messageItem>

export const messagePage = page(messageItem)
export type MessagePage = z.infer<typeof messagePage>

export const unreadCounts = z.object({
  total: z.number(),
  entries: z.object(Object.fromEntries(MESSAGE_ENTRIES.map((e) => [e, z.number()])) as Record<(typeof MESSAGE_ENTRIES)[number], z.ZodNumber>),
})
export type UnreadCounts = z.infer<typeof unreadCounts>

/** POST /api/messages/read: every unread message, or only those of one entry of the 我的 page. */
export const readAllInput = z
  .object({ entry: z.enum(MESSAGE_ENTRIES).optional() })
  .strict()
  .meta({ examples: [{ entry: 'listings' }, {}] })
