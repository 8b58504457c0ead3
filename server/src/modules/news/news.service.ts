import type { z } from 'zod'
import { article as articleSchema } from '../../../../common/schemas/news'
import type { Article, ArticleInput, ArticleList, ArticleSummary, ImportPreview, importPreviewBody, importPublishBody, importResult } from '../../../../common/schemas/news'
import type { ArticleKind } from '../../../../common/enums'
import { isHttpUrl } from '../../../../common/schemas/common'
import type { Db } from '../../db/database'
import type { Deps } from '../../deps'
import { notFound } from '../../errors'
import { nextAfter } from '../../lib/cursor'
import { articleKey, parseNewspaperPage } from './importer'
import { listArticleLinks } from '../article-links/article-links.repository'
import { checkLinks, linkContext, replaceArticleLinks } from '../article-links/article-links.service'
import { suggestLinks } from '../article-links/link-suggestions'
import { recordAudit } from '../audit/audit.repository'
import { existingSourceKeys, findArticle, insertArticle, insertArticleIfNew, listArticles, type ArticleRow } from './news.repository'

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
  const { next, lastId } = nextAfter(rows, limit)
  // nextCursor: compatibility for older builds, remove 2027-03-01.
  return { items: page.map(toSummary), next, nextCursor: lastId }
}

/** An article's page as the JSON sent (encoded by its schema, as the serializer would), kept a few seconds (news.cache.ts). */
export function articleJson(deps: Pick<Deps, 'db' | 'articleCache'>, id: number): Promise<string> {
  return deps.articleCache.json(id, async () => ({ json: JSON.stringify(articleSchema.encode(await getArticle(deps.db, id))) }))
}

export async function getArticle(db: Db, id: number): Promise<Article> {
  const row = await findArticle(db, id)
  if (!row) throw notFound()
  return { ...toArticle(row), links: await listArticleLinks(db, id) }
}

function articleValues(input: ArticleInput, at: string) {
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
    created_at: at,
  }
}

export function createArticle(db: Db, input: ArticleInput, now: Date): Promise<number> {
  return insertArticle(db, articleValues(input, now.toISOString()))
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
  const at = opts.at.toISOString()
  return db.transaction().execute(async (trx) => {
    const created: number[] = []
    const skipped: string[] = []
    // The news list shows the newest id first: the page is inserted from its last article to its
    // first, so readers meet the articles in the order the paper printed them (the lead first).
    // `created` and `skipped` still follow the page.
    for (let i = articles.length - 1; i >= 0; i--) {
      const a = articles[i]
      const id = await insertArticleIfNew(trx, articleValues(a, at))
      if (id === undefined) skipped.unshift(a.title)
      else {
        created.unshift(id)
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

/**
 * Staff paste a page: its articles as the importer reads them, each with its key, whether it is
 * already published, and the links suggested for it.
 */
export async function previewImport(deps: Pick<Deps, 'db' | 'now'>, body: z.infer<typeof importPreviewBody>): Promise<ImportPreview> {
  const { text, ...opts } = body
  const page = parseNewspaperPage(text, opts)
  const keyed = page.articles.map((a) => ({ ...a, sourceKey: articleKey(a) }))
  const published = await existingSourceKeys(deps.db, keyed.map((a) => a.sourceKey))
  const linkCtx = await linkContext(deps.db, deps.now())
  return { ...page, articles: keyed.map((a) => ({ ...a, duplicate: published.has(a.sourceKey), suggestedLinks: suggestLinks(a, linkCtx) })) }
}

/** Staff publish a previewed page with the links they kept (see publishImported). */
export async function publishImport(
  deps: Pick<Deps, 'db' | 'now' | 'articleCache'>,
  staffId: number,
  articles: z.infer<typeof importPublishBody>['articles'],
): Promise<z.infer<typeof importResult>> {
  // The links are checked before anything is written: a wrong contest id publishes nothing.
  const links = await Promise.all(articles.map((a, i) => checkLinks(deps.db, a.links ?? [], `articles.${i}.links`)))
  const now = deps.now()
  const result = await publishImported(deps.db, articles, {
    actorId: staffId,
    at: now,
    onCreated: (trx, id, i) => replaceArticleLinks(trx, id, links[i], now),
  })
  deps.articleCache.changed()
  return result
}
