// 推荐对接 on a need (GET /api/listings/:id/matches) is read by anyone; someone signed in who has
// offers of their own is shown who else could help — never their own offers (issue 12).
import { useTestContext } from './helpers'
import { createPublished, GANZI_TOWNSHIP, LAIMA_TOWN, registerPerson, useWorld, type Auth, type Person } from './listings-fixtures'

const YAK_FEEDING = {
  side: 'offer',
  category: 'breeding',
  title: '牦牛冬季补饲技术指导',
  description: '提供牦牛冬季补饲配方、青稞秸秆加工和犊牛越冬管理的技术指导，可到村里现场培训。',
}

const ctx = useTestContext()
const world = useWorld(ctx, () => new Date())
let reader: Person
let other: Person
const ids: Record<string, number> = {}

const matches = async (id: number, auth?: Auth) => {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/listings/${id}/matches`, headers: auth ?? {} })
  expect(res.statusCode).toBe(200)
  return (res.json().items as Array<{ id: number }>).map((i) => i.id)
}

beforeAll(async () => {
  const farmer = await registerPerson(ctx, 'farmer', GANZI_TOWNSHIP)
  reader = await registerPerson(ctx, 'volunteer', LAIMA_TOWN)
  other = await registerPerson(ctx, 'volunteer', GANZI_TOWNSHIP)
  ids.readersOffer = await createPublished(world, reader.auth, { ...YAK_FEEDING, regionCode: LAIMA_TOWN })
  ids.othersOffer = await createPublished(world, other.auth, { ...YAK_FEEDING, title: '牦牛补饲配方现场培训', regionCode: GANZI_TOWNSHIP })
  ids.need = await createPublished(world, farmer.auth, {
    side: 'need',
    category: 'breeding',
    regionCode: GANZI_TOWNSHIP,
    title: '牦牛冬季补饲怎么做',
    description: '冬季草场枯黄，牦牛掉膘严重，想请专家指导补饲配方和越冬管理。',
  })
})

test('without a session both offers are suggested', async () => {
  expect(await matches(ids.need)).toEqual(expect.arrayContaining([ids.readersOffer, ids.othersOffer]))
})

test('the reader’s own offer is left out for them; the other person’s stays', async () => {
  const forReader = await matches(ids.need, reader.auth)
  expect(forReader).not.toContain(ids.readersOffer)
  expect(forReader).toContain(ids.othersOffer)
  const forOther = await matches(ids.need, other.auth)
  expect(forOther).toContain(ids.readersOffer)
  expect(forOther).not.toContain(ids.othersOffer)
})
