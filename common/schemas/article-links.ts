import { z } from 'zod'
import { ARTICLE_LINK_TARGETS, ARTICLE_LINK_TARGETS_WITH_ID } from '../enums'
import { articleSummary } from './article-summary'
import { bodyId, dbId } from './common'

// Articles ↔ product pages: an article's buttons (register, publish a need, a contest…), and the
// 相关报道 a feature page finds through the same links (server: modules/article-links). news.ts
// uses the link schemas, so this file does not import news.ts (articles in lists: article-summary.ts).
// The app imports TYPES ONLY from this file (zod must not enter the mini program bundle).

export const articleLinkTarget = z.enum(ARTICLE_LINK_TARGETS)

/** A link as staff write it. Targets that name one thing (a contest, studio, post) need its id. */
export const articleLinkInput = z
  .object({
    target: articleLinkTarget,
    targetId: bodyId.nullable().optional(),
    /** What the button says; the server words it from the target when left out. */
    label: z
      .string()
      .trim()
      .refine((s) => {
        const n = Array.from(s).length
        return n >= 2 && n <= 30 && !/\p{Cc}/u.test(s)
      }, { message: '按钮文字须为 2–30 个字' })
      .optional(),
  })
  .superRefine((v, ctx) => {
    const needsId = ARTICLE_LINK_TARGETS_WITH_ID.includes(v.target)
    if (needsId && !v.targetId) ctx.addIssue({ code: 'custom', path: ['targetId'], message: 'LINK_TARGET_ID_REQUIRED' })
  })
export type ArticleLinkInput = z.infer<typeof articleLinkInput>

/** Staff save an article's links as a whole: the order is the order of the buttons. */
export const articleLinksBody = z.object({ links: z.array(articleLinkInput).max(10) })

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
