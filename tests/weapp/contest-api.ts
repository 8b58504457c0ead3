// The API as staff and entrants use it in the contest tests, each person with their own session
// (not the phone's), and a contest fixture. `origin` is read at call time: the harness's server
// starts in beforeAll.
import { PRIVACY_VERSION } from '../../common/enums'

const DAY = 24 * 3600 * 1000

export function contestApi(origin: () => string) {
  const tokens = new Map<string, string>()
  async function tokenOf(userKey: string): Promise<string> {
    if (!tokens.has(userKey)) {
      const res = await fetch(`${origin()}/api/auth/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userKey, consentVersion: PRIVACY_VERSION }),
      })
      if (res.status !== 200) throw new Error(`dev-login ${userKey}: ${res.status}`)
      tokens.set(userKey, (await res.json()).token)
    }
    return tokens.get(userKey)!
  }

  /** Calls the API as the demo person `userKey`; any status outside `expected` throws. */
  async function api(userKey: string, method: string, path: string, body?: unknown, expected = [200, 201]): Promise<any> {
    const res = await fetch(`${origin()}${path}`, {
      method,
      headers: { authorization: `Bearer ${await tokenOf(userKey)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!expected.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${text}`)
    return text ? JSON.parse(text) : null
  }

  /**
   * Staff create a province-level contest named `name` whose sign-up ends `signupIn` ms from now
   * (negative: already over); the later stages end 30, 60 and 90 days after that (or after now).
   */
  async function createContest(name: string, signupIn = 10 * DAY): Promise<{ id: number; name: string; signupEndsAt: string }> {
    const signupEndsAt = new Date(Date.now() + signupIn).toISOString()
    const later = (days: number) => new Date(Math.max(Date.now(), Date.parse(signupEndsAt)) + days * DAY).toISOString()
    const c = await api('staff-sc', 'POST', '/api/staff/contests', {
      kind: 'contest',
      name,
      organiser: '四川省科学技术协会',
      level: 'province',
      regionCode: '51',
      categories: ['planting', 'breeding'],
      description: '面向全省土专家、田秀才的比赛，展示乡土人才的本事。',
      rules: '本人报名或乡镇科协举荐；初赛、复赛、决赛逐级评选。',
      signupEndsAt,
      preliminaryEndsAt: later(30),
      semifinalEndsAt: later(60),
      finalEndsAt: later(90),
      articleIds: [],
    })
    return { id: c.id, name, signupEndsAt: c.signupEndsAt }
  }

  return { api, createContest }
}
