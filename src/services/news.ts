import type { z } from 'zod'
import type { Article, ArticleInput, ArticleList, ImportPreview, importPreviewBody, importResult } from '../../common/schemas/news'
import { request } from './http'
import { readThrough } from './offline-cache'

/** `cursor`: the previous page's `next`. */
export function fetchArticles(cursor?: string | null, limit = 10): Promise<ArticleList> {
  if (!cursor) return readThrough('home', `news:${limit}`, () => request<ArticleList>(`/api/news?limit=${limit}`))
  return request<ArticleList>(`/api/news?limit=${limit}&cursor=${encodeURIComponent(cursor)}`)
}

export function fetchArticle(id: number): Promise<Article> {
  return readThrough('article', String(id), () => request<Article>(`/api/news/${id}`))
}

export type ImportPreviewBody = z.infer<typeof importPreviewBody>
export type ImportResult = z.infer<typeof importResult>

/** Staff: the server splits a pasted newspaper page into articles (nothing is saved yet). */
export function previewImport(body: ImportPreviewBody): Promise<ImportPreview> {
  return request<ImportPreview>('/api/staff/news/preview', { method: 'POST', data: body, retry: true })
}

/** Staff: publishes the checked articles; those already published are skipped by the server (so a retry is safe). */
export function publishImport(articles: ArticleInput[]): Promise<ImportResult> {
  return request<ImportResult>('/api/staff/news', { method: 'POST', data: { articles }, retry: true })
}
