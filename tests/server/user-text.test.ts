// What people type is stored without the invisible characters that change how text reads
// (bidi overrides, zero-width characters: common/text.ts), through the real routes, on both
// databases; text that is nothing but such characters is refused like empty text.
import { ERROR_MESSAGES } from '../../common/errors'
import { GANZI_TOWNSHIP, login, useTestContext } from './helpers'
import { listingBody, postListing, registerPerson } from './listings-fixtures'

const ctx = useTestContext()

it('a nickname with a right-to-left override and zero-width characters is saved without them', async () => {
  const { auth } = await login(ctx.app)
  const res = await ctx.app.inject({
    method: 'PUT',
    url: '/api/users/me',
    headers: auth,
    payload: { nickname: '\u202e扎西\u200b德勒\u2066', role: 'farmer', regionCode: GANZI_TOWNSHIP },
  })
  expect(res.statusCode).toBe(200)
  expect(res.json().nickname).toBe('扎西德勒')
  const row = await ctx.db.selectFrom('users').select('nickname').where('id', '=', res.json().id).executeTakeFirstOrThrow()
  expect(row.nickname).toBe('扎西德勒')
})

it('a nickname of invisible characters only → 400 NICKNAME_INVALID', async () => {
  const { auth } = await login(ctx.app)
  const res = await ctx.app.inject({
    method: 'PUT',
    url: '/api/users/me',
    headers: auth,
    payload: { nickname: '\u200b\u202e\u200d\ufeff', role: 'farmer', regionCode: GANZI_TOWNSHIP },
  })
  expect(res.statusCode).toBe(400)
  expect(res.json()).toEqual({ code: 'NICKNAME_INVALID', message: ERROR_MESSAGES.NICKNAME_INVALID, fields: { nickname: ERROR_MESSAGES.NICKNAME_INVALID } })
})

it("a post's title, description and contact are stored cleaned; an emoji sequence keeps its joiner", async () => {
  const farmer = await registerPerson(ctx, 'farmer')
  const res = await postListing(
    ctx,
    farmer.auth,
    listingBody({
      title: '牦牛\u202e冬季补饲\u202c求指导\u200b',
      description: '\ufeff家里二十头牦牛，冬天掉膘厉害，\u2067想学补饲配方。👩‍🌾',
      contact: { name: '扎\u200b西', phone: '13800009999', note: '\u200e晚上打' },
    }),
  )
  expect(res.statusCode).toBe(201)
  const row = await ctx.db
    .selectFrom('listings')
    .select(['title', 'description', 'contact_name', 'contact_note'])
    .where('id', '=', res.json().id)
    .executeTakeFirstOrThrow()
  expect(row).toEqual({ title: '牦牛冬季补饲求指导', description: '家里二十头牦牛，冬天掉膘厉害，想学补饲配方。👩‍🌾', contact_name: '扎西', contact_note: '晚上打' })
})

it('a title that reaches its minimum only with zero-width padding → 400 naming the title', async () => {
  const farmer = await registerPerson(ctx, 'farmer')
  const res = await postListing(ctx, farmer.auth, listingBody({ title: '牦牛\u200b\u200b\u200b' }))
  expect(res.statusCode).toBe(400)
  expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { title: '须为 4–40 个字' } })
})
