import { z } from 'zod'
import { ARTICLE_LINK_TARGETS, ARTICLE_LINK_TARGETS_WITH_ID, type ArticleLinkTarget } from '../enums'
import { articleSummary } from './article-summary'
import { bodyId, dbId, MAX_ID, text } from './common'

// Articles ↔ product pages: an article's buttons (register, publish a need, a contest…), and the
// 相关报道 a feature page finds through the same links (server: modules/article-links). news.ts
// uses the link schemas, so this file does not import news.ts (articles in lists: article-summary.ts).
// The app imports TYPES ONLY from this file (zod must not enter the mini program bundle).

export const articleLinkTarget = z.enum(ARTICLE_LINK_TARGETS)

/** What the button says; the server words it from the target when left out. */
const linkLabel = text(2, 30, { message: '按钮文字须为 2–30 个字', singleLine: true }).optional()
const TARGETS_WITH_ID = ARTICLE_LINK_TARGETS.filter((t) => ARTICLE_LINK_TARGETS_WITH_ID.includes(t))
const TARGETS_WITHOUT_ID = ARTICLE_LINK_TARGETS.filter((t) => !ARTICLE_LINK_TARGETS_WITH_ID.includes(t))

/**
 * A link as staff write it, one shape per kind of target: a contest, studio or post link names
 * it by id (missing → LINK_TARGET_ID_REQUIRED); a page that exists once (register, the talent
 * pool…) needs none and ignores one sent anyway.
 */
export const articleLinkInput = z
  .discriminatedUnion('target', [
    z.object({
      target: z.enum(TARGETS_WITH_ID),
      targetId: z
        .number({ error: (issue) => (issue.input === undefined || issue.input === null ? 'LINK_TARGET_ID_REQUIRED' : undefined) })
        .int()
        .positive()
        .max(MAX_ID)
        .describe('比赛编号、工作室（用户）编号或信息编号'),
      label: linkLabel,
    }),
    z.object({ target: z.enum(TARGETS_WITHOUT_ID), targetId: bodyId.nullable().optional().describe('不需要：该页面只有一个'), label: linkLabel }),
  ])
  .describe('contest、contest_nominate、studio、listing 须带 targetId；其余目标不需要')
/** A link as a form builds it (the schema above is stricter: the target decides whether targetId is needed). */
export type ArticleLinkInput = { target: ArticleLinkTarget; targetId?: number | null; label?: string }

/** Staff save an article's links as a whole: the order is the order of the buttons. */
export const articleLinksBody = z
  .object({ links: z.array(articleLinkInput).max(10) })
  .meta({ examples: [{ links: [{ target: 'register' }, { target: 'contest', targetId: 5, label: '去报名参赛' }] }] })

export const articleLink = z.object({
  target: articleLinkTarget,
  /** The contest, studio (user) or post id; null for targets without one. */
  targetId: z.number().nullable(),
  label: z.string(),
})
export type ArticleLink = z.infer<typeof articleLink>
export const articleLinksResponse = z.object({ links: z.array(articleLink) })
export type ArticleLinks = z.infer<typeof articleLinksResponse>

/** What staff can pick from when linking an article to a contest. */
export const linkOptionsResponse = z.object({
  contests: z.array(z.object({ id: z.number(), name: z.string(), kind: z.string(), stage: z.string() })),
})
export type LinkOptions = z.infer<typeof linkOptionsResponse>

/** 相关报道 of a feature page: articles linking to it (contest 5, studio 12, listing 3, or register…). */
export const relatedArticlesQuery = z.object({
  target: articleLinkTarget,
  targetId: dbId.optional(),
  limit: z.coerce.number().int().min(1).max(20).default(5),
})

/** 相关报道: the articles, newest first. */
export const relatedArticlesResponse = z.object({ items: z.array(articleSummary) })
export type RelatedArticles = z.infer<typeof relatedArticlesResponse>
