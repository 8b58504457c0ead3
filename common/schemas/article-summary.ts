import { z } from 'zod'
import { ARTICLE_KINDS } from '../enums'

// An article as lists show it: the news list, and the 相关报道 of a feature page
// (article-links.ts). On its own so article-links.ts and news.ts, which uses the link schemas,
// need not import each other. The app imports TYPES ONLY from this file.

export const articleSummary = z.object({
  id: z.number(),
  kind: z.enum(ARTICLE_KINDS),
  title: z.string(),
  subtitle: z.string().nullable(),
  /** First words of the body, for lists. */
  excerpt: z.string(),
  /** 'YYYY-MM-DD', or 'YYYY-MM' when only the month is known. */
  publishedOn: z.string().nullable(),
  issueNo: z.number().nullable(),
  pageNo: z.number().nullable(),
  pageName: z.string().nullable(),
})
export type ArticleSummary = z.infer<typeof articleSummary>
