import type { ArticleLinkTarget } from '../../../../common/enums'
import type { ArticleLink } from '../../../../common/schemas/article-links'
import type { Db } from '../../db/database'
import type { ArticleRow } from '../news/news.repository'

// The only module that writes article_links (seeds aside): the staff editor, the news import and a
// contest's own article list all go through here.

/** A checked link as stored; targets without an id store target_id 0 (see 007_sharing). */
export interface StoredLink {
  target: ArticleLinkTarget
  targetId: number
  label: string
}

/** An article's links to product pages, in button order (they come with the article: GET /api/news/:id). */
export async function listArticleLinks(db: Db, articleId: number): Promise<ArticleLink[]> {
  const rows = await db
    .selectFrom('article_links')
    .select(['target', 'target_id', 'label'])
    .where('article_id', '=', articleId)
    .orderBy('position')
    .orderBy('id')
    .execute()
  // target_id 0 stands for "no id" in the table (see 007_sharing).
  return rows.map((row) => ({ target: row.target as ArticleLinkTarget, targetId: row.target_id || null, label: row.label }))
}

/** Replaces an article's links with `links`, in that order; `trx` is the caller's transaction. */
export async function replaceArticleLinks(trx: Db, articleId: number, links: StoredLink[], at: string): Promise<void> {
  await trx.deleteFrom('article_links').where('article_id', '=', articleId).execute()
  if (links.length) {
    await trx
      .insertInto('article_links')
      .values(links.map((l, position) => ({ article_id: articleId, target: l.target, target_id: l.targetId, label: l.label, position, created_at: at })))
      .execute()
  }
}

/**
 * The contest's 'contest' links become exactly `articleIds`; only rows with target 'contest' are
 * touched (links to the nomination page, 'contest_nominate', made in the article-links editor, are
 * left alone). A new link gets `label()` and goes after the article's other buttons.
 */
export async function replaceContestLinks(db: Db, contestId: number, articleIds: number[], label: () => Promise<string>, at: string): Promise<void> {
  let del = db.deleteFrom('article_links').where('target', '=', 'contest').where('target_id', '=', contestId)
  if (articleIds.length) del = del.where('article_id', 'not in', articleIds)
  await del.execute()
  const existing = new Set(
    (await db.selectFrom('article_links').select('article_id').where('target', '=', 'contest').where('target_id', '=', contestId).execute()).map(
      (r) => r.article_id,
    ),
  )
  const added = [...new Set(articleIds)].filter((id) => !existing.has(id))
  if (!added.length) return
  const text = await label()
  for (const articleId of added) {
    const last = await db
      .selectFrom('article_links')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('article_id', '=', articleId)
      .executeTakeFirst()
    const position = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1
    await db.insertInto('article_links').values({ article_id: articleId, target: 'contest', target_id: contestId, label: text, position, created_at: at }).execute()
  }
}

/** Articles with a link to one of `targets` with this target_id (0: no id), newest first. */
export function articlesLinkedTo(db: Db, targets: ArticleLinkTarget[], targetId: number, limit: number): Promise<ArticleRow[]> {
  return db
    .selectFrom('articles')
    .selectAll()
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_links')
          .select('article_links.id')
          .whereRef('article_links.article_id', '=', 'articles.id')
          .where('article_links.target', 'in', targets)
          .where('article_links.target_id', '=', targetId),
      ),
    )
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute()
}
