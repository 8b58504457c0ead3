// Logging in from one address (server/src/plugins/quotas.ts, login): a training day puts a whole
// room behind one venue Wi-Fi address, so accepted logins are not limited per address; codes
// WeChat refuses are, and past the limit the address is refused without asking WeChat. The clock
// is the app's (no sleeping). Runs on SQLite and PostgreSQL.
import { PRIVACY_VERSION } from '../../common/enums'
import { ERROR_MESSAGES } from '../../common/errors'
import { QUOTAS } from '../../server/src/plugins/quotas'
import { useTestContext } from './helpers'

const MINUTE = 60_000
let clock = new Date('2026-12-07T02:00:00Z')
const ctx = useTestContext({}, { now: () => clock })
const REFUSALS = QUOTAS.login[0].limit

function login(code: string, remoteAddress: string, body: Record<string, unknown> = { code, consentVersion: PRIVACY_VERSION }) {
  return ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: body, remoteAddress })
}

test('a training day: 700 people log in from one venue address within a minute, every one of them signed in as themselves', async () => {
  clock = new Date(clock.getTime() + 10 * MINUTE)
  const venue = '203.0.113.50'
  const statuses: number[] = []
  const ids = new Set<number>()
  // In waves of 50 at once, as phones arrive.
  for (let wave = 0; wave < 14; wave++) {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => login(`trainee-${wave * 50 + i}`, venue)))
    for (const res of answers) {
      statuses.push(res.statusCode)
      if (res.statusCode === 200) ids.add(res.json().user.id)
    }
  }
  expect(statuses.filter((s) => s !== 200)).toEqual([])
  expect(ids.size).toBe(700)
}, 120_000)

test(`codes WeChat refuses: after ${REFUSALS} in a minute the address is refused without asking WeChat, another address is not, and the next minute it may try again`, async () => {
  clock = new Date(clock.getTime() + 10 * MINUTE)
  const script = '198.51.100.66'
  for (let i = 0; i < REFUSALS; i++) {
    const res = await login(`invalid-made-up-${i}`, script)
    expect({ i, status: res.statusCode, code: res.json().code }).toEqual({ i, status: 400, code: 'AUTH_CODE_INVALID' })
  }
  // Now even a good code from that address is refused — and not spent: WeChat was not asked.
  const refused = await login('blocked-person', script)
  expect({ status: refused.statusCode, body: refused.json() }).toEqual({ status: 429, body: { code: 'RATE_LIMITED', message: ERROR_MESSAGES.RATE_LIMITED } })
  const retryAfter = Number(refused.headers['retry-after'])
  expect(retryAfter).toBeGreaterThan(0)
  expect(retryAfter).toBeLessThanOrEqual(60)

  expect((await login('elsewhere-person', '198.51.100.67')).statusCode).toBe(200)

  clock = new Date(clock.getTime() + MINUTE)
  const later = await login('blocked-person', script)
  expect(later.statusCode).toBe(200)
})

test('accepted logins and bodies refused by validation do not use up the allowance for refused codes', async () => {
  clock = new Date(clock.getTime() + 10 * MINUTE)
  const venue = '203.0.113.51'
  for (let i = 0; i < REFUSALS + 5; i++) expect((await login(`room-person-${i}`, venue)).statusCode).toBe(200)
  for (let i = 0; i < REFUSALS + 5; i++) expect((await login('', venue, { code: `x-${i}` })).statusCode).toBe(400)
  // The allowance is whole: REFUSALS codes may still be refused before the address is.
  for (let i = 0; i < REFUSALS; i++) expect((await login(`invalid-typo-${i}`, venue)).statusCode).toBe(400)
  expect((await login('invalid-one-more', venue)).statusCode).toBe(429)
})
