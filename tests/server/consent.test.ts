// The privacy guide changed (PRIVACY_VERSION moved on) after a person agreed to it: their profile
// says so, nothing is done with their data until they agree again, and agreeing again is recorded.
import { randomUUID } from 'node:crypto'
import { PRIVACY_VERSION } from '../../common/enums'
import { GANZI_TOWNSHIP, login, useTestContext } from './helpers'

const ctx = useTestContext()

type Auth = { authorization: string }
const OLDER = '2025-01-01'
const profileBody = { nickname: '卓玛', role: 'farmer', regionCode: GANZI_TOWNSHIP }

/** A signed-in person whose stored consent is of an older guide. */
async function agreedToOlderGuide(): Promise<{ id: number; auth: Auth }> {
  const { user, auth } = await login(ctx.app)
  await ctx.db.updateTable('users').set({ consent_version: OLDER }).where('id', '=', user.id).execute()
  return { id: user.id, auth }
}

const consents = (userId: number) =>
  ctx.db.selectFrom('consents').select(['version', 'channel']).where('user_id', '=', userId).orderBy('id').execute()

it('the profile tells the app to ask again, and everything else answers CONSENT_REQUIRED', async () => {
  const { id, auth } = await agreedToOlderGuide()
  const me = await ctx.app.inject({ method: 'GET', url: '/api/users/me', headers: auth })
  expect(me.statusCode).toBe(200)
  expect(me.json()).toMatchObject({ consentVersion: OLDER, consentRequired: true })

  const attempts = [
    ctx.app.inject({ method: 'PUT', url: '/api/users/me', headers: auth, payload: profileBody }),
    ctx.app.inject({ method: 'GET', url: '/api/listings/mine', headers: auth }),
    ctx.app.inject({ method: 'POST', url: '/api/listings', headers: { ...auth, 'idempotency-key': randomUUID() }, payload: {} }),
    ctx.app.inject({ method: 'GET', url: '/api/me/nominations/received', headers: auth }),
  ]
  for (const res of await Promise.all(attempts)) {
    expect(res.statusCode).toBe(403)
    expect(res.json()).toEqual({ code: 'CONSENT_REQUIRED', message: '请先阅读并同意隐私保护指引' })
  }
  // Nothing was written for them meanwhile.
  expect((await ctx.db.selectFrom('users').select('nickname').where('id', '=', id).executeTakeFirstOrThrow()).nickname).toBeNull()
})

it('staff who agreed to an older guide cannot decide anything either', async () => {
  const { id, auth } = await agreedToOlderGuide()
  await ctx.db.updateTable('users').set({ is_staff: 1 }).where('id', '=', id).execute()
  const res = await ctx.app.inject({ method: 'GET', url: '/api/staff/review/queue', headers: auth })
  expect(res.statusCode).toBe(403)
  expect(res.json().code).toBe('CONSENT_REQUIRED')
})

it('agreeing again records the current version and lets them carry on', async () => {
  const { id, auth } = await agreedToOlderGuide()
  const before = await consents(id)

  const stale = await ctx.app.inject({ method: 'POST', url: '/api/users/me/consent', headers: auth, payload: { consentVersion: OLDER, channel: 'h5' } })
  expect(stale.statusCode).toBe(400)
  expect(stale.json().code).toBe('CONSENT_REQUIRED')
  expect(await consents(id)).toEqual(before)

  const agreed = await ctx.app.inject({ method: 'POST', url: '/api/users/me/consent', headers: auth, payload: { consentVersion: PRIVACY_VERSION, channel: 'h5' } })
  expect(agreed.statusCode).toBe(200)
  expect(agreed.json()).toMatchObject({ id, consentVersion: PRIVACY_VERSION, consentRequired: false })
  expect(await consents(id)).toEqual([...before, { version: PRIVACY_VERSION, channel: 'h5' }])

  const saved = await ctx.app.inject({ method: 'PUT', url: '/api/users/me', headers: auth, payload: profileBody })
  expect(saved.statusCode).toBe(200)
  expect(saved.json()).toMatchObject({ nickname: '卓玛', consentRequired: false })
})

it('agreeing twice to the same version records it once', async () => {
  const { user, auth } = await login(ctx.app)
  const res = await ctx.app.inject({ method: 'POST', url: '/api/users/me/consent', headers: auth, payload: { consentVersion: PRIVACY_VERSION, channel: 'weapp' } })
  expect(res.statusCode).toBe(200)
  expect(await consents(user.id)).toEqual([{ version: PRIVACY_VERSION, channel: 'weapp' }])
})

it('someone who does not agree can still leave: sign out or delete the account', async () => {
  const { id, auth } = await agreedToOlderGuide()
  const deleted = await ctx.app.inject({ method: 'DELETE', url: '/api/users/me', headers: auth })
  expect(deleted.statusCode).toBe(200)
  expect((await ctx.db.selectFrom('users').select('deleted_at').where('id', '=', id).executeTakeFirstOrThrow()).deleted_at).not.toBeNull()

  const other = await agreedToOlderGuide()
  expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: other.auth })).statusCode).toBe(200)
  expect((await ctx.app.inject({ method: 'GET', url: '/api/users/me', headers: other.auth })).statusCode).toBe(401)
})

it('agreeing needs a session', async () => {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/users/me/consent', payload: { consentVersion: PRIVACY_VERSION, channel: 'h5' } })
  expect(res.statusCode).toBe(401)
  expect(res.json().code).toBe('AUTH_REQUIRED')
})
