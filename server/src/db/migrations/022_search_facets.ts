import { PostgresAdapter, sql, type Kysely } from 'kysely'

// A search's filters in the search index (issue 15). A search filtered to a prefecture (牦牛 +
// 甘孜州) walked every post matching its words, newest first, and looked each one up in listings
// until the window was full: 牦牛 is in 33,000 of 1,000,000 posts, and 123 ms (SQLite) or 228 ms
// (PostgreSQL) at p95, the event loop held for most of it. Now the index also holds each post's
// facets — words for its prefecture, county and township (r5133, r513322, r513322100) and its
// category (cbreeding) — and the index intersects them with the query's words itself.
//
// The facets are derived from the row by the database, the same expression on both:
//   - PostgreSQL: a stored generated tsvector `facet_vector` beside search_vector (so a word a
//     person types can never match a facet), in one GIN index with it;
//   - SQLite: listings_fts gets a second column, `facets` (queries name the column of each word),
//     and triggers on listings now keep the whole row of the index, tokens and facets, as
//     PostgreSQL's generated columns do: the app no longer writes listings_fts.
// Only filters that narrow a search are facets: a side or a kind keeps half of the posts or more,
// and listings answers those after the intersection. The province (51) is every post.
//
// Frozen in time: this file never imports app code; the SQL below is its own.
const FACETS = `'r' || substr(region_code, 1, 4) || ' r' || substr(region_code, 1, 6) || ' r' || region_code || ' c' || category`

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql.raw(`alter table listings add column facet_vector tsvector generated always as (to_tsvector('simple', ${FACETS})) stored`).execute(db)
    // One GIN index over both: its scan intersects the words' and the facets' posting lists (3 ms
    // for 牦牛 ∩ r5133 at 1M posts), where two indexes were two bitmaps ANDed (20 ms: r5133 alone
    // is 93,000 posts). It serves a search without facets as the old index did.
    await sql`create index listings_search_facets_idx on listings using gin (search_vector, facet_vector)`.execute(db)
    await sql`drop index listings_search_vector_idx`.execute(db)
    return
  }
  await sql`create virtual table listings_fts_v2 using fts5(tokens, facets, tokenize = 'unicode61')`.execute(db)
  await sql.raw(`insert into listings_fts_v2 (rowid, tokens, facets) select id, search_tokens, ${FACETS} from listings order by id`).execute(db)
  await sql`drop table listings_fts`.execute(db)
  await sql`alter table listings_fts_v2 rename to listings_fts`.execute(db)
  const row = `(rowid, tokens, facets) values (NEW.id, NEW.search_tokens, ${FACETS.replace(/(region_code|category)/g, 'NEW.$1')})`
  await sql.raw(`create trigger listings_fts_ins after insert on listings begin insert into listings_fts ${row}; end`).execute(db)
  await sql
    .raw(
      `create trigger listings_fts_upd after update of search_tokens, region_code, category on listings begin
         delete from listings_fts where rowid = OLD.id; insert into listings_fts ${row}; end`,
    )
    .execute(db)
  await sql`create trigger listings_fts_del after delete on listings begin delete from listings_fts where rowid = OLD.id; end`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create index listings_search_vector_idx on listings using gin (search_vector)`.execute(db)
    await sql`drop index listings_search_facets_idx`.execute(db)
    await sql`alter table listings drop column facet_vector`.execute(db)
    return
  }
  for (const t of ['listings_fts_ins', 'listings_fts_upd', 'listings_fts_del']) await sql.raw(`drop trigger ${t}`).execute(db)
  await sql`create virtual table listings_fts_v1 using fts5(tokens, tokenize = 'unicode61')`.execute(db)
  await sql`insert into listings_fts_v1 (rowid, tokens) select rowid, tokens from listings_fts`.execute(db)
  await sql`drop table listings_fts`.execute(db)
  await sql`alter table listings_fts_v1 rename to listings_fts`.execute(db)
}
