// The rate_limits table cleans up after itself: about one hit in a hundred also deletes the rows
// whose window ended long ago (a key is one row, but addresses and visitors come and go).
// Runs on SQLite and PostgreSQL.
import { addressKey, hitRateLimit, RATE_LIMIT_PRUNE_AFTER_MS } from '../../server/src/lib/rate-limit'
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

test('inside a caller’s transaction it never prunes (a failed delete would abort that transaction)', async () => {
  const now = new Date()
  await ctx.db.insertInto('rate_limits').values({ key: 'test:stale-in-trx', window_start: new Date(now.getTime() - RATE_LIMIT_PRUNE_AFTER_MS - HOUR).toISOString(), hits: 1 }).execute()
  jest.spyOn(Math, 'random').mockReturnValue(0.001)
  await ctx.db.transaction().execute((trx) => hitRateLimit(trx, 'test:trx', { limit: 5, windowMs: HOUR }, now))
  expect(await keys()).toContain('test:stale-in-trx')
})

test('an address key is one subscriber: IPv4 as is (also IPv4-mapped), IPv6 by its /64', () => {
  expect(addressKey('203.0.113.7')).toBe('203.0.113.7')
  expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7')
  // Two addresses of one phone's /64 are one key; another /64 is another.
  expect(addressKey('2408:8207:1850:3c10:a1b2:c3d4:e5f6:1')).toBe('2408:8207:1850:3c10::/64')
  expect(addressKey('2408:8207:1850:3c10::99')).toBe('2408:8207:1850:3c10::/64')
  expect(addressKey('2408:8207:1850:3c11::1')).toBe('2408:8207:1850:3c11::/64')
  expect(addressKey('2408:8207::1')).toBe('2408:8207:0:0::/64')
  expect(addressKey('::1')).toBe('0:0:0:0::/64')
})
