import type { Article, ArticleInput, ArticleList, ArticleSummary } from '../../../../common/schemas/news'
import type { ArticleKind } from '../../../../common/enums'
import { nowIso, type Db } from '../../db/database'
import { notFound } from '../../errors'
import { findArticle, insertArticle, listArticles, type ArticleRow } from './news.repository'

const EXCERPT_CHARS = 60

function toSummary(row: ArticleRow): ArticleSummary {
  const paragraphs = JSON.parse(row.paragraphs) as string[]
  const first = (paragraphs[0] ?? '').replace(/^本报讯\s*/, '')
  return {
    id: row.id,
    kind: row.kind as ArticleKind,
    title: row.title,
    subtitle: row.subtitle,
    excerpt: first.length > EXCERPT_CHARS ? `${first.slice(0, EXCERPT_CHARS)}…` : first,
    publishedOn: row.published_on,
    issueNo: row.issue_no,
    pageNo: row.page_no,
    pageName: row.page_name,
  }
}

function toArticle(row: ArticleRow): Article {
  return {
    ...toSummary(row),
    byline: row.byline,
    paragraphs: JSON.parse(row.paragraphs),
    photos: JSON.parse(row.photos),
    originalUrl: row.original_url,
  }
}

export async function getArticleList(db: Db, limit: number, before?: number): Promise<ArticleList> {
  // One extra row tells whether another page exists without a count query.
  const rows = await listArticles(db, limit + 1, before)
  const page = rows.slice(0, limit)
  return { items: page.map(toSummary), nextCursor: rows.length > limit ? page[page.length - 1].id : null }
}

export async function getArticle(db: Db, id: number): Promise<Article> {
  const row = await findArticle(db, id)
  if (!row) throw notFound()
  return toArticle(row)
}

export function createArticle(db: Db, input: ArticleInput): Promise<number> {
  return insertArticle(db, {
    kind: input.kind,
    title: input.title,
    subtitle: input.subtitle,
    byline: input.byline,
    paragraphs: JSON.stringify(input.paragraphs),
    photos: JSON.stringify(input.photos),
    published_on: input.publishedOn,
    issue_no: input.issueNo,
    page_no: input.pageNo,
    page_name: input.pageName,
    original_url: input.originalUrl,
    created_at: nowIso(),
  })
}
