import type { ArticleLink, ArticleLinkInput, LinkOptions, RelatedArticles } from '../../common/schemas/article-links'
import type { ArticleLinkTarget } from '../../common/enums'
import { request } from './http'

// Articles ↔ product pages. An article's own links come with the article (services/news.ts).

/** 相关报道 of a feature page: articles linking to it (a contest also gets its 举荐 articles). */
export function fetchRelatedArticles(target: ArticleLinkTarget, targetId?: number, limit = 5): Promise<RelatedArticles> {
  const id = targetId ? `&targetId=${targetId}` : ''
  return request<RelatedArticles>(`/api/news/related?target=${target}${id}&limit=${limit}`, { retry: true })
}

/** Staff: replaces an article's links (attach, remove, reorder in one save). */
export async function saveArticleLinks(articleId: number, links: ArticleLinkInput[]): Promise<ArticleLink[]> {
  const res = await request<{ links: ArticleLink[] }>(`/api/staff/news/${articleId}/links`, { method: 'PUT', data: { links }, retry: true })
  return res.links
}

/** Staff: the contests an article can link to. */
export function fetchLinkOptions(): Promise<LinkOptions> {
  return request<LinkOptions>('/api/staff/news/link-options')
}
