import { z } from 'zod'
import { ARTICLE_KINDS, ARTICLE_LINK_TARGETS } from '../enums'
import { NEWS_LIMITS, PUBLISHED_ON, SOURCE_KEY } from '../rules'
import { httpUrl, page } from './common'
import { articleLink, articleLinkInput } from './article-links'
import { articleSummary } from './article-summary'

export { articleSummary, type ArticleSummary } from './article-summary'

export const articlePhoto = z.object({
  url: z.string().nullable(),
  caption: z.string(),
})

export const article = articleSummary.extend({
  byline: z.string().nullable(),
  paragraphs: z.array(z.string()),
  photos: z.array(articlePhoto),
  originalUrl: z.string().nullable(),
  /** Buttons to the product pages the article talks about (register, publish a need, a contest…), in order. */
  links: z.array(articleLink),
})
export type Article = z.infer<typeof article>

export const articleListResponse = page(articleSummary).extend({
  /** Compatibility (remove 2027-03-01): older builds pass this back as `before` instead of `next` as `cursor`. */
  nextCursor: z.number().nullable(),
})
export type ArticleList = z.infer<typeof articleListResponse>

/** How a seed or imported article is written (no id yet). */
export const articleInput = z.object({
  kind: z.enum(ARTICLE_KINDS),
  title: z.string().min(NEWS_LIMITS.title[0]).max(NEWS_LIMITS.title[1]),
  subtitle: z.string().max(NEWS_LIMITS.subtitle[1]).nullable(),
  byline: z.string().max(NEWS_LIMITS.byline[1]).nullable(),
  paragraphs: z.array(z.string().min(1)).min(1),
  /** A photo's url, when there is one, is a web link (URL_INVALID otherwise). */
  photos: z.array(articlePhoto.extend({ url: httpUrl.nullable() })),
  publishedOn: z.string().regex(PUBLISHED_ON).nullable(),
  issueNo: z.number().int().positive().nullable(),
  pageNo: z.number().int().positive().nullable(),
  pageName: z.string().max(NEWS_LIMITS.pageName[1]).nullable(),
  /** http(s) only (URL_INVALID otherwise). */
  originalUrl: httpUrl.nullable(),
  /**
   * The importer's key of the article as parsed (sha256 hex). Sent back with an edited article so a
   * title corrected by staff still counts as the same article when the page is imported again.
   */
  sourceKey: z.string().regex(SOURCE_KEY).optional(),
})
export type ArticleInput = z.infer<typeof articleInput>

/** Staff paste a newspaper page's text; the server splits it into articles for them to check. */
export const importPreviewBody = z.object({
  text: z.string().min(NEWS_LIMITS.importText[0]).max(NEWS_LIMITS.importText[1]),
  publishedOn: z.string().regex(PUBLISHED_ON).optional(),
  originalUrl: httpUrl.optional(),
  issueNo: z.number().int().positive().optional(),
  pageNo: z.number().int().positive().optional(),
  pageName: z.string().max(NEWS_LIMITS.pageName[1]).optional(),
}).meta({
  examples: [
    {
      text: '甘孜县举办牦牛养殖技术培训\n本报讯 近日，甘孜县科协在呷拉乡举办牦牛冬季补饲技术培训，邀请省农科院专家现场授课，两百余名农牧民参加。',
      publishedOn: '2027-03-12',
      issueNo: 1234,
      pageNo: 2,
      pageName: '科技',
    },
  ],
})

export const importPreview = z.object({
  issueNo: z.number().nullable(),
  pageNo: z.number().nullable(),
  pageName: z.string().nullable(),
  /** Things staff should look at before publishing, in Chinese. */
  warnings: z.array(z.string()),
  articles: z.array(
    articleInput.extend({
      /** Already published (same title and opening). */
      duplicate: z.boolean(),
      /** Buttons to product pages the text talks about (天府科技云 → register…): staff keep or drop them. */
      suggestedLinks: z.array(z.object({ target: z.enum(ARTICLE_LINK_TARGETS), targetId: z.number().nullable(), label: z.string(), because: z.string() })),
    }),
  ),
})
export type ImportPreview = z.infer<typeof importPreview>

/** The (possibly corrected) articles to publish. */
export const importPublishBody = z.object({
  articles: z
    .array(articleInput.extend({ /** The links staff kept (checked like the staff links editor's). */ links: z.array(articleLinkInput).max(10).optional() }))
    .min(1)
    .max(30),
}).meta({
  examples: [
    {
      articles: [
        {
          kind: 'article',
          title: '甘孜县举办牦牛养殖技术培训',
          subtitle: null,
          byline: null,
          paragraphs: ['本报讯 近日，甘孜县科协在呷拉乡举办牦牛冬季补饲技术培训，两百余名农牧民参加。'],
          photos: [],
          publishedOn: '2027-03-12',
          issueNo: 1234,
          pageNo: 2,
          pageName: '科技',
          originalUrl: null,
          links: [{ target: 'register' }],
        },
      ],
    },
  ],
})
export const importResult = z.object({ created: z.array(z.number()), skipped: z.array(z.string()) })
