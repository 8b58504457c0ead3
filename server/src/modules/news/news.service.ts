import type { Article, ArticleInput, ArticleList, ArticleSummary } from '../../../../common/schemas/news'
import type { ArticleKind } from '../../../../common/enums'
import { isHttpUrl } from '../../../../common/schemas/common'
import { nowIso, type Db } from '../../db/database'
import { notFound } from '../../errors'
import { articleKey } from './importer'
import { listArticleLinks } from '../article-links/article-links.repository'
import { recordAudit } from '../audit/audit.repository'
import { findArticle, insertArticle, insertArticleIfNew, listArticles, type ArticleRow } from './news.repository'

const EXCERPT_CHARS = 60

export function toSummary(row: ArticleRow): ArticleSummary {
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

function toArticle(row: ArticleRow): Omit<Article, 'links'> {
  return {
    ...toSummary(row),
    byline: row.byline,
    paragraphs: JSON.parse(row.paragraphs),
    photos: JSON.parse(row.photos),
    // Only web links leave the server, also any stored before links were checked on the way in.
    originalUrl: row.original_url && isHttpUrl(row.original_url) ? row.original_url : null,
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
  return { ...toArticle(row), links: await listArticleLinks(db, id) }
}

function articleValues(input: ArticleInput) {
  return {
    source_key: input.sourceKey ?? articleKey(input),
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
  }
}

export function createArticle(db: Db, input: ArticleInput): Promise<number> {
  return insertArticle(db, articleValues(input))
}

/**
 * Publishes imported articles in one transaction, with its audit entry: those already in the
 * database (same articleKey) are skipped, so importing a page twice adds nothing — also when two
 * staff members publish it at once (the second waits on the unique key, then skips).
 */
export async function publishImported(
  db: Db,
  articles: ArticleInput[],
  opts: {
    /** Who publishes (null: an operator's script) and when. */
    actorId: number | null
    at: Date
    /** Runs for each article actually created (e.g. to attach its links); `index` is its place in `articles`. */
    onCreated?: (trx: Db, id: number, index: number) => Promise<void>
    /** Kept in the audit entry besides what was created and skipped (e.g. that a script did it). */
    details?: Record<string, unknown>
  },
): Promise<{ created: number[]; skipped: string[] }> {
  return db.transaction().execute(async (trx) => {
    const created: number[] = []
    const skipped: string[] = []
    for (const [i, a] of articles.entries()) {
      const id = await insertArticleIfNew(trx, articleValues(a))
      if (id === undefined) skipped.push(a.title)
      else {
        created.push(id)
        await opts.onCreated?.(trx, id, i)
      }
    }
    const first = articles[0]
    await recordAudit(trx, {
      actorId: opts.actorId,
      action: 'news.publish',
      targetType: 'news_page',
      targetId: null,
      details: { publishedOn: first?.publishedOn ?? null, issueNo: first?.issueNo ?? null, pageNo: first?.pageNo ?? null, created, skipped, ...opts.details },
      at: opts.at,
    })
    return { created, skipped }
  })
}

/** Which of these articles are already published (by articleKey). */
export async function existingKeys(db: Db, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set()
  const rows = await db.selectFrom('articles').select('source_key').where('source_key', 'in', keys).execute()
  return new Set(rows.map((r) => r.source_key!))
}
