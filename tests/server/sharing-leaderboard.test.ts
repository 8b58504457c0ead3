// 智慧科普传播员 boards per county and province, and a volunteer's own numbers, checked against a
// data set with known answers (registrations first, then opens); and what the boards cost.
import { CompiledQuery, sql, type KyselyPlugin } from 'kysely'
import { leaderboard } from '../../server/src/modules/sharing/sharing.repository'
import { myShares } from '../../server/src/modules/sharing/sharing.service'
import { useTestContext } from './helpers'
import {
  CHENGDU_STREET,
  GALA_TOWN,
  GANZI_COUNTY,
  LAIMA_TOWN,
  anArticleId,
  mine,
  newVisitorId,
  opened,
  register,
  registeredPerson,
  shareCode,
  signInNew,
  type Person,
} from './sharing-fixtures'

const people: Record<string, Person> = {}

/** `opens` visitors open the sharer's code; the first `registrations` of them then register. */
async function perform(sharer: Person, articleId: number, opens: number, registrations: number) {
  const code = await shareCode(ctx, sharer, articleId)
  for (let i = 0; i < opens; i++) {
    const phone = newVisitorId()
    expect(await opened(ctx, code, { visitorId: phone, ip: `10.1.${i}.1` })).toBe(true)
    if (i < registrations) await register(ctx, await signInNew(ctx), GALA_TOWN, phone)
  }
}

const ctx = useTestContext()
beforeAll(async () => {
  const article = await anArticleId(ctx)
  // 甘孜县: 卓玛 2 registrations / 2 opens, 次仁 2 / 5, 拉姆 0 / 4; 成都: 王芳 3 / 3.
  // 多吉 (甘孜县) never shared: not on any board.
  people.zhuoma = await registeredPerson(ctx, LAIMA_TOWN, '卓玛')
  people.ciren = await registeredPerson(ctx, GALA_TOWN, '次仁')
  people.lamu = await registeredPerson(ctx, LAIMA_TOWN, '拉姆')
  people.wang = await registeredPerson(ctx, CHENGDU_STREET, '王芳')
  people.duoji = await registeredPerson(ctx, LAIMA_TOWN, '多吉')
  await perform(people.zhuoma, article, 2, 2)
  await perform(people.ciren, article, 5, 2)
  await perform(people.lamu, article, 4, 0)
  await perform(people.wang, article, 3, 3)
}, 60_000)

const board = async (who: Person, query: string) => {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/shares/leaderboard?${query}`, headers: who.auth })
  expect(res.statusCode).toBe(200)
  return res.json()
}
const rows = (b: { items: Array<{ nickname: string; registrations: number; opens: number; rank: number }> }) =>
  b.items.map((i) => [i.rank, i.nickname, i.registrations, i.opens])

test('the county board: registrations first, then opens; only people who shared', async () => {
  const b = await board(people.zhuoma, 'scope=county')
  expect(b.region).toEqual({ code: GANZI_COUNTY, name: '甘孜县' })
  expect(rows(b)).toEqual([
    [1, '次仁', 2, 5],
    [2, '卓玛', 2, 2],
    [3, '拉姆', 0, 4],
  ])
  expect(b.items.map((i: { isMe: boolean }) => i.isMe)).toEqual([false, true, false])
  expect(b.items[0].place).toBe('甘孜县 呷拉乡')
  // Another county named explicitly.
  const chengdu = await board(people.zhuoma, 'scope=county&region=510104')
  expect(rows(chengdu)).toEqual([[1, '王芳', 3, 3]])
})

test('the province board', async () => {
  const b = await board(people.lamu, 'scope=province')
  expect(b.region).toMatchObject({ code: '51' })
  expect(rows(b)).toEqual([
    [1, '王芳', 3, 3],
    [2, '次仁', 2, 5],
    [3, '卓玛', 2, 2],
    [4, '拉姆', 0, 4],
  ])
})

test('每个人的数字和名次 (my numbers and places)', async () => {
  expect(await mine(ctx, people.zhuoma)).toEqual({
    shares: 1,
    opens: 2,
    registrations: 2,
    rank: { county: 2, province: 3 },
    county: { code: GANZI_COUNTY, name: '甘孜县' },
  })
  expect(await mine(ctx, people.wang)).toMatchObject({ registrations: 3, rank: { county: 1, province: 1 } })
  expect(await mine(ctx, people.lamu)).toMatchObject({ opens: 4, registrations: 0, rank: { county: 3, province: 4 } })
  // Never shared: numbers are zero and there is no place.
  expect(await mine(ctx, people.duoji)).toMatchObject({ shares: 0, opens: 0, registrations: 0, rank: { county: null, province: null } })
})

test('the boards need an account; a county must be a county', async () => {
  expect((await ctx.app.inject({ method: 'GET', url: '/api/shares/leaderboard?scope=province' })).statusCode).toBe(401)
  expect((await ctx.app.inject({ method: 'GET', url: '/api/shares/mine' })).statusCode).toBe(401)
  const bad = await ctx.app.inject({ method: 'GET', url: '/api/shares/leaderboard?scope=county&region=5133', headers: people.zhuoma.auth })
  expect(bad.statusCode).toBe(400)
  expect(bad.json().code).toBe('REGION_INVALID')
  // Someone with no township yet sees an empty county board rather than an error.
  const fresh = await signInNew(ctx)
  expect(await board(fresh, 'scope=county')).toEqual({ scope: 'county', region: null, items: [] })
})

test('the boards cost what the sharers do, not what the users do: people are read by id, never scanned', async () => {
  // 3,000 people across Sichuan who never shared (a real county has tens of thousands).
  const at = new Date().toISOString()
  for (let batch = 0; batch < 6; batch++) {
    await ctx.db
      .insertInto('users')
      .values(
        Array.from({ length: 500 }, (_, i) => ({
          openid: `filler-${batch}-${i}`,
          nickname: '农户',
          region_code: [LAIMA_TOWN, GALA_TOWN, CHENGDU_STREET][i % 3],
          registered_at: at,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute()
  }
  await sql`analyze`.execute(ctx.db)

  // Every query the board and 我的传播 run, as compiled for this database.
  const queries: CompiledQuery[] = []
  const capture: KyselyPlugin = {
    transformQuery(args) {
      queries.push(ctx.db.getExecutor().compileQuery(args.node, args.queryId))
      return args.node
    },
    transformResult: async (args) => args.result,
  }
  const spy = ctx.db.withPlugin(capture)
  expect((await leaderboard(spy, '51', 50)).map((r) => r.nickname)).toEqual(['王芳', '次仁', '卓玛', '拉姆'])
  const zhuoma = await ctx.db.selectFrom('users').selectAll().where('id', '=', people.zhuoma.id).executeTakeFirstOrThrow()
  expect(await myShares(spy, zhuoma)).toMatchObject({ rank: { county: 2, province: 3 } })

  const readingUsers = queries.filter((q) => /"users"/.test(q.sql))
  expect(readingUsers.length).toBeGreaterThan(0)
  for (const q of readingUsers) {
    if (ctx.dbKind === 'sqlite') {
      const plan = await ctx.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]))
      const userSteps = plan.rows.map((r) => r.detail).filter((d) => /^(SCAN|SEARCH) (u|users)\b/.test(d))
      expect(userSteps.length).toBeGreaterThan(0)
      for (const step of userSteps) expect(step).toMatch(/USING INTEGER PRIMARY KEY/)
    } else {
      const plan = await ctx.db.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`explain (analyze, format json) ${q.sql}`, [...q.parameters]))
      // Rows of users read, over every node that touches the table (filtered-out rows count too).
      let read = 0
      const walk = (node: Record<string, any>) => {
        if (node['Relation Name'] === 'users') {
          read += ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * (node['Actual Loops'] ?? 1)
        }
        for (const child of node.Plans ?? []) walk(child)
      }
      const doc = plan.rows[0]['QUERY PLAN']
      walk((typeof doc === 'string' ? JSON.parse(doc) : doc)[0].Plan)
      expect(read).toBeLessThan(20)
    }
  }
}, 60_000)
