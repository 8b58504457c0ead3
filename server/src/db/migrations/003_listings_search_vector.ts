import { PostgresAdapter, sql, type Kysely } from 'kysely'

// PostgreSQL only. An expression index over to_tsvector('simple', search_tokens) made the planner
// re-run to_tsvector on every candidate row: 0.7–0.8 s for a common word at 1M posts. A stored
// generated tsvector with its own GIN index answers the same query in ~36 ms (bench/listings.mjs).
// SQLite keeps its FTS5 table and needs nothing.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return
  await sql`alter table listings add column search_vector tsvector generated always as (to_tsvector('simple', search_tokens)) stored`.execute(db)
  await sql`create index listings_search_vector_idx on listings using gin (search_vector)`.execute(db)
  await sql`drop index listings_search_idx`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return
  await sql`create index listings_search_idx on listings using gin (to_tsvector('simple', search_tokens))`.execute(db)
  await sql`drop index listings_search_vector_idx`.execute(db)
  await sql`alter table listings drop column search_vector`.execute(db)
}
