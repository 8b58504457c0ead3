import type { Insertable, Selectable } from 'kysely'
import type { ArticlesTable, Db } from '../../db/database'

export type ArticleRow = Selectable<ArticlesTable>

/** Newest first by id; `before` is the keyset cursor (id of the last item already shown). */
export function listArticles(db: Db, limit: number, before?: number): Promise<ArticleRow[]> {
  let query = db.selectFrom('articles').selectAll().orderBy('id', 'desc').limit(limit)
  if (before) query = query.where('id', '<', before)
  return query.execute()
}

export function findArticle(db: Db, id: number): Promise<ArticleRow | undefined> {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertArticle(db: Db, values: Insertable<ArticlesTable>): Promise<number> {
  const row = await db.insertInto('articles').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/** Inserts an article unless one with its source_key exists (then undefined): safe inside a transaction. */
export async function insertArticleIfNew(db: Db, values: Insertable<ArticlesTable>): Promise<number | undefined> {
  const row = await db
    .insertInto('articles')
    .values(values)
    .onConflict((oc) => oc.column('source_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id
}

export async function countArticles(db: Db): Promise<number> {
  const row = await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Which of these source keys are already taken by a published article. */
export async function existingSourceKeys(db: Db, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set()
  const rows = await db.selectFrom('articles').select('source_key').where('source_key', 'in', keys).execute()
  return new Set(rows.map((r) => r.source_key!))
}

/** How many of these ids name an article. */
export async function countArticlesAmong(db: Db, ids: number[]): Promise<number> {
  if (!ids.length) return 0
  const rows = await db.selectFrom('articles').select('id').where('id', 'in', ids).execute()
  return rows.length
}
