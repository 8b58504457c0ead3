// Rate-limit rules and address keys. (Stale rows are swept by the 'rate-limits.prune' job:
// tests/server/jobs.test.ts.) Runs on SQLite and PostgreSQL.
import { addressKey, hitRateLimit, RATE_LIMIT_PRUNE_AFTER_MS } from '../../server/src/lib/rate-limit'
import { useTestContext } from './helpers'

const ctx = useTestContext()
test('no rule may outlast the pruning (its count would be lost)', async () => {
  await expect(hitRateLimit(ctx.db, 'test:long', { limit: 1, windowMs: RATE_LIMIT_PRUNE_AFTER_MS + 1 }, new Date())).rejects.toThrow(/window/)
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
