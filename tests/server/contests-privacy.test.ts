// Deleting an account erases what a contestant wrote about themselves and what a chair typed
// about them (name, phone, reason), while the contest's record — stages, awards, vote counts —
// stays true for everyone else.
import { login } from './helpers'
import { call, createContest, entryBody, GANZI_TOWN, newPerson, nominationBody, signUp, useContestWorld } from './contests-fixtures'

let contestId: number

const w = useContestWorld()
beforeAll(async () => {
  contestId = await createContest(w)
})

test('an entrant who deletes their account: project text gone, entry and contest counts kept, not in the pool', async () => {
  const person = await newPerson(w, 'farmer', GANZI_TOWN, '扎西多吉')
  const entryId = await signUp(w, person.auth, contestId, entryBody({ title: '高原青稞良种繁育', description: '十年来在海拔三千米试种青稞良种，亩产提高两成。' }))
  expect((await call(w, 'DELETE', '/api/users/me', person.auth)).statusCode).toBe(200)

  const entry = await w.ctx.db.selectFrom('contest_entries').selectAll().where('id', '=', entryId).executeTakeFirstOrThrow()
  expect(entry).toMatchObject({ title: '已注销用户的项目', description: '', photo_ids: '[]', stage_reached: 'signup' })
  const detail = (await call(w, 'GET', `/api/contests/${contestId}`)).json()
  expect(detail.entryCount).toBe(1)
  const pool = (await call(w, 'GET', '/api/talents?q=青稞')).json()
  expect(pool.items).toEqual([])
})

test('a nominee without an account who registers, then deletes it: the chair keeps a row without her name or phone', async () => {
  const PHONE = '13812349901'
  const made = await call(w, 'POST', `/api/contests/${contestId}/nominations`, w.verifiedChair.auth, nominationBody({ name: '央金', phone: PHONE, regionCode: GANZI_TOWN }))
  expect(made.statusCode).toBe(201)
  const { auth } = await login(w.ctx.app, 'yangjin-login')
  expect((await call(w, 'PUT', '/api/users/me', auth, { nickname: '央金', role: 'farmer', regionCode: GANZI_TOWN })).statusCode).toBe(200)
  expect((await call(w, 'POST', '/api/users/me/phone', auth, { code: `phone-${PHONE}` })).statusCode).toBe(200)
  expect((await call(w, 'DELETE', '/api/users/me', auth)).statusCode).toBe(200)

  const row = await w.ctx.db.selectFrom('contest_nominations').selectAll().where('id', '=', made.json().id).executeTakeFirstOrThrow()
  expect(row).toMatchObject({ nominee_name: '已注销用户', nominee_phone_encrypted: null, nominee_phone_lookup: null, reason: '', status: 'declined' })
  // Nothing derived from her phone is left, not even in the uniqueness key.
  expect(row.nominee_key).toBe(`x:${row.id}`)
  const chairView = (await call(w, 'GET', '/api/me/nominations', w.verifiedChair.auth)).json().items.find((n: { id: number }) => n.id === made.json().id)
  expect(chairView).toMatchObject({ nomineeName: '已注销用户', nomineePhoneMasked: null, status: 'declined' })
})
