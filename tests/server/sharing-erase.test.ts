// Account deletion and sharing: a deleted reader's opens stay counted for the sharers but no longer
// say whose they were (nor which phone); a deleted sharer's codes stop working; the registrations
// they brought or made stay counted. Runs on SQLite and PostgreSQL.
import { useTestContext } from './helpers'
import { anArticleId, mine, newVisitorId, openShare, opened, register, registeredPerson, registrationsOf, shareCode, signInNew } from './sharing-fixtures'

let articleId: number
const ctx = useTestContext()
beforeAll(async () => {
  articleId = await anArticleId(ctx)
})

const deleteAccount = async (auth: { authorization: string }) => {
  const res = await ctx.app.inject({ method: 'DELETE', url: '/api/users/me', headers: auth })
  expect(res.statusCode).toBe(200)
}

test('a deleted reader: their opens still count, but nothing in them names the person or their phone', async () => {
  const a = await registeredPerson(ctx)
  const b = await registeredPerson(ctx)
  const codeA = await shareCode(ctx, a, articleId)
  const phone = newVisitorId()
  // Opened a's share signed out, registered on that phone (credited to a), then opened b's signed in.
  expect(await opened(ctx, codeA, { visitorId: phone })).toBe(true)
  const reader = await signInNew(ctx)
  await register(ctx, reader, undefined, phone)
  expect(await opened(ctx, await shareCode(ctx, b, articleId), { who: reader, visitorId: phone })).toBe(true)
  expect(await registrationsOf(ctx, reader.id)).toEqual([expect.objectContaining({ sharer_id: a.id })])
  const before = [await mine(ctx, a), await mine(ctx, b)]

  await deleteAccount(reader.auth)

  const rows = await ctx.db.selectFrom('share_opens').selectAll().where('sharer_id', 'in', [a.id, b.id]).execute()
  expect(rows).toHaveLength(2)
  for (const row of rows) {
    expect(row.viewer_id).toBeNull()
    expect(row.viewer_key).not.toMatch(/^[uv]:/)
    expect(row.viewer_key).not.toContain(phone)
  }
  // One value per row: the two opens cannot be told to be the same person's.
  expect(new Set(rows.map((r) => r.viewer_key)).size).toBe(2)
  expect(await ctx.db.selectFrom('visitors').selectAll().where('user_id', '=', reader.id).execute()).toEqual([])
  // The registration stays a's (the users row it names is erased).
  expect(await registrationsOf(ctx, reader.id)).toEqual([expect.objectContaining({ sharer_id: a.id })])
  expect([await mine(ctx, a), await mine(ctx, b)]).toEqual(before)
})

test('a deleted sharer: their codes no longer open anything nor count; their region grant is gone', async () => {
  const sharer = await registeredPerson(ctx)
  await ctx.db.updateTable('users').set({ is_staff: 1, staff_region_code: '513328' }).where('id', '=', sharer.id).execute()
  const code = await shareCode(ctx, sharer, articleId, 'article', 'poster')
  expect((await ctx.app.inject({ method: 'GET', url: `/api/shares/${code}/poster-code` })).statusCode).toBe(200)
  expect(await opened(ctx, code, { visitorId: newVisitorId() })).toBe(true)

  await deleteAccount(sharer.auth)

  for (const url of [`/api/shares/${code}`, `/api/shares/${code}/poster-code`]) {
    const res = await ctx.app.inject({ method: 'GET', url })
    expect([res.statusCode, res.json().code]).toEqual([404, 'SHARE_NOT_FOUND'])
  }
  const phone = newVisitorId()
  const open = await openShare(ctx, code, { visitorId: phone })
  expect([open.statusCode, open.json().code]).toEqual([404, 'SHARE_NOT_FOUND'])
  expect(await ctx.db.selectFrom('share_opens').select('id').where('sharer_id', '=', sharer.id).execute()).toHaveLength(1)
  const user = await ctx.db.selectFrom('users').select(['staff_region_code', 'is_staff']).where('id', '=', sharer.id).executeTakeFirstOrThrow()
  expect(user).toEqual({ staff_region_code: null, is_staff: 0 })
})
