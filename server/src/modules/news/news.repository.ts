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
