import type { Article, ArticleList } from '../../common/schemas/news'
import { request } from './http'

export function fetchArticles(before?: number, limit = 10): Promise<ArticleList> {
  const query = before ? `?limit=${limit}&before=${before}` : `?limit=${limit}`
  return request<ArticleList>(`/api/news${query}`)
}

export function fetchArticle(id: number): Promise<Article> {
  return request<Article>(`/api/news/${id}`)
}
