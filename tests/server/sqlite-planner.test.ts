// SQLite's query planner gets the tables' statistics before the server listens
// (analyzeForPlanner): with them, a township's feed reads that township's posts from its index,
// where the planner's rule alone walked every post of the kind (23 ms at 1,000,000 posts,
// bench/reads.mjs). Always on SQLite, whatever TEST_DB_URL says: it is SQLite's planner under test.
import { sql } from 'kysely'
import { analyzeForPlanner, createDb, type Db } from '../../server/src/db/database'
import { migrateToLatest } from '../../server/src/db/migrate'

let db: Db
beforeAll(async () => {
  db = createDb('sqlite::memory:')
  await migrateToLatest(db)
  const at = new Date().toISOString()
  const { id: author } = await db.insertInto('users').values({ openid: 'planner', nickname: '测试', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()
  // 40 townships of 甘孜县 (51332820x…), 3,000 posts: each township holds a few dozen.
  const rows = Array.from({ length: 3000 }, (_, i) => ({
    side: i % 2 ? 'need' : 'offer', title: `测试${i}`, category: 'breeding', region_code: `5133282${String(i % 40).padStart(2, '0')}`,
    description: '', author_id: author, contact_name: '张三', contact_phone_encrypted: 'x', status: 'published', check_suggest: 'pass',
    search_tokens: '', idempotency_key: `planner-${i}`, created_at: at, updated_at: at, published_at: at,
  }))
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('listings').values(rows.slice(i, i + 500)).execute()
})
afterAll(() => db?.destroy())

/** The indexes SQLite reads for a page of a township's feed, as listings.repository.ts asks it. */
async function indexesOfTownshipFeed(): Promise<string> {
  const query = db.selectFrom('listings as l').select('l.id').where('l.status', '=', 'published').where('l.kind', '=', 'post').where('l.region_code', '=', '513328205').orderBy('l.id', 'desc').limit(21).compile()
  const { rows } = await db.executeQuery<{ detail: string }>({ ...query, sql: `explain query plan ${query.sql}` })
  return rows.map((r) => r.detail).join(' | ')
}

test("with the statistics, a township's feed reads the township's index", async () => {
  await analyzeForPlanner(db)
  const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_stat1 where tbl = 'listings'`.execute(db)
  expect(Number(rows[0].n)).toBeGreaterThan(0)
  expect(await indexesOfTownshipFeed()).toMatch(/USING (COVERING )?INDEX listings_region_idx \(status=\? AND region_code=\?\)/)
})
