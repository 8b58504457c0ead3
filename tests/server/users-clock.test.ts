// Every timestamp a users write stores is the app's clock (deps.now), the one sessions and share
// attribution already use: registering, the phone, and deleting the account.
import { GANZI_TOWNSHIP, login, useTestContext } from './helpers'

let clock = new Date('2026-03-01T02:00:00.000Z')
const ctx = useTestContext({}, { now: () => clock })

const stamps = (id: number) =>
  ctx.db.selectFrom('users').select(['created_at', 'updated_at', 'registered_at', 'deleted_at']).where('id', '=', id).executeTakeFirstOrThrow()

test('created, registered, updated and deleted at the instants the app’s clock gave', async () => {
  const { auth, user } = await login(ctx.app)
  expect(await stamps(user.id)).toEqual({ created_at: '2026-03-01T02:00:00.000Z', updated_at: '2026-03-01T02:00:00.000Z', registered_at: null, deleted_at: null })

  clock = new Date('2026-03-01T02:10:00.000Z')
  const put = await ctx.app.inject({ method: 'PUT', url: '/api/users/me', headers: auth, payload: { nickname: '扎西', role: 'farmer', regionCode: GANZI_TOWNSHIP } })
  expect(put.statusCode).toBe(200)
  expect(await stamps(user.id)).toMatchObject({ registered_at: '2026-03-01T02:10:00.000Z', updated_at: '2026-03-01T02:10:00.000Z' })

  // Editing the profile later keeps the registration instant and moves updated_at.
  clock = new Date('2026-03-01T02:20:00.000Z')
  const again = await ctx.app.inject({ method: 'PUT', url: '/api/users/me', headers: auth, payload: { nickname: '扎西二', role: 'farmer', regionCode: GANZI_TOWNSHIP } })
  expect(again.statusCode).toBe(200)
  expect(await stamps(user.id)).toMatchObject({ registered_at: '2026-03-01T02:10:00.000Z', updated_at: '2026-03-01T02:20:00.000Z' })

  clock = new Date('2026-03-01T02:30:00.000Z')
  expect((await ctx.app.inject({ method: 'DELETE', url: '/api/users/me', headers: auth })).statusCode).toBe(200)
  expect(await stamps(user.id)).toMatchObject({ updated_at: '2026-03-01T02:30:00.000Z', deleted_at: '2026-03-01T02:30:00.000Z' })
})
