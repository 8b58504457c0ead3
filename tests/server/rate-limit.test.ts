// The rate_limits table cleans up after itself: about one hit in a hundred also deletes the rows
// whose window ended long ago (a key is one row, but addresses and visitors come and go).
// Runs on SQLite and PostgreSQL.
import { hitRateLimit, RATE_LIMIT_PRUNE_AFTER_MS } from '../../server/src/lib/rate-limit'
import { createTestContext, type TestContext } from './helpers'

const HOUR = 3_600_000

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(async () => {
  await ctx?.close()
})
afterEach(() => jest.restoreAllMocks())

const keys = async () => (await ctx.db.selectFrom('rate_limits').select('key').orderBy('key').execute()).map((r) => r.key)

test('about one hit in a hundred prunes rows whose window ended long ago, and only those', async () => {
  const now = new Date()
  const at = (ms: number) => new Date(now.getTime() - ms).toISOString()
  await ctx.db
    .insertInto('rate_limits')
    .values([
      { key: 'test:stale', window_start: at(RATE_LIMIT_PRUNE_AFTER_MS + HOUR), hits: 3 },
      { key: 'test:yesterday', window_start: at(RATE_LIMIT_PRUNE_AFTER_MS - HOUR), hits: 3 },
      { key: 'test:current', window_start: at(HOUR), hits: 3 },
    ])
    .execute()
  const rule = { limit: 5, windowMs: HOUR }

  // The other 99 hits in a hundred leave the table alone.
  jest.spyOn(Math, 'random').mockReturnValue(0.5)
  await hitRateLimit(ctx.db, 'test:hit', rule, now)
  expect(await keys()).toEqual(['test:current', 'test:hit', 'test:stale', 'test:yesterday'])

  jest.spyOn(Math, 'random').mockReturnValue(0.001)
  const result = await hitRateLimit(ctx.db, 'test:hit', rule, now)
  expect(result).toMatchObject({ allowed: true, hits: 2 })
  expect(await keys()).toEqual(['test:current', 'test:hit', 'test:yesterday'])
})

test('no rule may outlast the pruning (its count would be lost)', async () => {
  await expect(hitRateLimit(ctx.db, 'test:long', { limit: 1, windowMs: RATE_LIMIT_PRUNE_AFTER_MS + 1 }, new Date())).rejects.toThrow(/window/)
})
