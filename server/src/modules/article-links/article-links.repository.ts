import type { ArticleLinkTarget } from '../../../../common/enums'
import type { ArticleLink } from '../../../../common/schemas/article-links'
import type { Db } from '../../db/database'

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
