// 乡土人才库: finalists of contests at their final or finished, searchable by region (any level),
// category, award (published only), year (of the final, in China time) and name/title; a public
// profile per talent. Also: the demo seed fills the pool and seeding twice adds nothing.
import { seedDemoData } from '../../server/src/seed/seed'
import { expectError } from './listings-fixtures'
import { BAD_CURSORS, idsOf, KEYSET_CURSOR, walkPages } from './paging'
import {
  advance,
  award,
  call,
  contestInFinal,
  createContest,
  moveStage,
  newPerson,
  signUp,
  useContestWorld,
} from './contests-fixtures'

const people: Record<string, { id: number; auth: { authorization: string } }> = {}
let contestA: number
let contestB: number
let entries: Record<string, number> = {}

const talents = async (query: string) => {
  const res = await call(w, 'GET', `/api/talents?${query}`)
  expect(res.statusCode).toBe(200)
  return res.json() as {
    items: Array<{ entryId: number; userId: number; name: string; award: string | null; year: number; contestId: number }>
    next: string | null
    total: number
    years: number[]
  }
}
/** The pool entries of this file's own contests (the seeded 6th contest is in the pool too). */
const mine = async (query: string) => (await talents(`limit=50&${query}`)).items.filter((t) => t.contestId === contestA || t.contestId === contestB).map((t) => t.name).sort()

const w = useContestWorld()
beforeAll(async () => {
  people.p1 = await newPerson(w, 'farmer', '513328100', '泽仁测试') // 甘孜县甘孜镇
  people.p2 = await newPerson(w, 'farmer', '513328102', '卓玛测试') // 甘孜县来马镇
  people.p4 = await newPerson(w, 'farmer', '513328100', '复赛选手')
  people.p5 = await newPerson(w, 'farmer', '513334100', '洛绒测试') // 理塘县高城镇
  // Contest A: final ends 1 Mar 2027 (China); three finalists, one semifinalist; results published.
  contestA = await createContest(w, { categories: ['planting', 'breeding', 'ecommerce', 'crafts'] })
  entries.p1 = await signUp(w, people.p1.auth, contestA, { regionCode: '513328100', category: 'breeding', title: '牦牛暖棚越冬技术' })
  entries.p2 = await signUp(w, people.p2.auth, contestA, { regionCode: '513328102', category: 'planting', title: '青稞新品种示范种植' })
  entries.p3 = await signUp(w, w.expert.auth, contestA, { regionCode: '510104022', category: 'ecommerce', title: '农产品直播带货培训' })
  entries.p4 = await signUp(w, people.p4.auth, contestA, { regionCode: '513328100', category: 'breeding', title: '藏香猪林下散养' })
  for (const stage of ['preliminary', 'semifinal', 'final']) {
    await moveStage(w, contestA, stage)
    for (const k of ['p1', 'p2', 'p3', ...(stage === 'final' ? [] : ['p4'])]) await advance(w, contestA, entries[k], stage)
  }
  await award(w, contestA, entries.p1, { award: 'gold' })
  await award(w, contestA, entries.p2, { award: 'silver' })
  await call(w, 'POST', `/api/contests/${contestA}/votes`, people.p4.auth, { entryId: entries.p3 })
  expect((await call(w, 'POST', `/api/staff/contests/${contestA}/results`, w.staff.auth)).statusCode).toBe(200)
  // Contest B (科创会): its final ends at 04:00 on 1 Jan 2028 in China (20:00 on 31 Dec 2027 UTC) —
  // a 2028 final. Still in its final: the award given is not public yet.
  const b = await contestInFinal(w, [{ auth: people.p5.auth, regionCode: '513334100', category: 'crafts', title: '藏式木雕传统技艺' }], {
    kind: 'fair',
    finalEndsAt: '2027-12-31T20:00:00Z',
  })
  contestB = b.id
  entries.p5 = b.entryIds[0]
  await award(w, contestB, entries.p5, { award: 'silver' })
})

test('the seeded 6th contest fills the pool; seeding again duplicates nothing', async () => {
  const seeded = (await talents('limit=50&year=2025')).items
  expect(seeded.map((t) => t.name)).toEqual(expect.arrayContaining(['泽仁多吉', '王秀英', '阿木日哈', '李德明', '张桂芳', '杨晓燕']))
  expect(seeded.find((t) => t.name === '泽仁多吉')).toMatchObject({ award: 'gold', year: 2025 })
  expect(seeded.map((t) => t.name)).not.toContain('洛绒') // stopped at the semifinal
  const count = async (table: 'contests' | 'contest_entries' | 'users') =>
    Number((await w.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const before = [await count('contests'), await count('contest_entries'), await count('users')]
  await seedDemoData(w.ctx.db, w.ctx.config.phoneEncryptionKey, w.clock.now())
  expect([await count('contests'), await count('contest_entries'), await count('users')]).toEqual(before)
  const names = (await w.ctx.db.selectFrom('contests').select('name').execute()).map((c) => c.name)
  for (const name of ['第七届四川省乡土人才创新创业大赛', '第六届四川省乡土人才创新创业大赛', '2026四川科创会']) {
    expect(names.filter((n) => n === name)).toHaveLength(1)
  }
  const seventh = (await call(w, 'GET', '/api/contests?kind=contest&stage=open&limit=50')).json().items.find((c: { name: string }) => c.name === '第七届四川省乡土人才创新创业大赛')
  expect(seventh).toMatchObject({ stage: 'signup', level: 'province', regionCode: '51', regionName: '四川省' })
  const fair = (await call(w, 'GET', '/api/contests?kind=fair&limit=50')).json().items.find((c: { name: string }) => c.name === '2026四川科创会')
  expect(fair.stage).toBe('preliminary')
})

test('only finalists are in the pool', async () => {
  expect(await mine('')).toEqual(['卓玛测试', '李建国', '泽仁测试', '洛绒测试'].sort())
})

test('region filter at any level', async () => {
  expect(await mine('region=513328')).toEqual(['卓玛测试', '泽仁测试'].sort())
  expect(await mine('region=513328100')).toEqual(['泽仁测试'])
  expect(await mine('region=5133')).toEqual(['卓玛测试', '泽仁测试', '洛绒测试'].sort())
  expect(await mine('region=5101')).toEqual(['李建国'])
  expect(await mine('region=51')).toHaveLength(4)
})

test('category, award and year filters', async () => {
  expect(await mine('category=crafts')).toEqual(['洛绒测试'])
  expect(await mine('award=gold')).toEqual(['泽仁测试'])
  // Contest B's silver is not published yet: neither found by the filter nor shown.
  expect(await mine('award=silver')).toEqual(['卓玛测试'])
  const p5 = (await talents('limit=50&category=crafts')).items.find((t) => t.entryId === entries.p5)
  expect(p5?.award).toBeNull()
  expect(await mine('award=popular')).toEqual(['李建国'])
  expect(await mine('year=2027')).toEqual(['卓玛测试', '李建国', '泽仁测试'].sort())
  // The final ended at 20:00 UTC on 31 Dec 2027 = 04:00 on 1 Jan 2028 in China.
  expect(await mine('year=2028')).toEqual(['洛绒测试'])
  expect((await talents('year=2028')).items[0]).toMatchObject({ year: 2028, contestId: contestB })
  expect((await talents('award=gold&year=2027')).items.map((t) => t.name)).toEqual(['泽仁测试'])
})

test('the years with talents come with every page, newest first, whatever the filters', async () => {
  // 2028: contest B's final ends 04:00 on 1 Jan 2028 in China; 2027: contest A; 2025: the seeded 6th contest.
  const all = await talents('')
  expect(all.years).toEqual(expect.arrayContaining([2028, 2027, 2025]))
  expect(all.years).toEqual([...new Set(all.years)].sort((a, b) => b - a))
  expect(all.years[0]).toBe(2028)
  // Every year on offer finds someone; a filter (even one finding nobody) keeps every chip.
  for (const year of all.years) expect((await talents(`year=${year}`)).total).toBeGreaterThan(0)
  expect((await talents('year=2027&category=crafts')).years).toEqual(all.years)
  expect(await talents(`q=${encodeURIComponent('没有这个人')}`)).toMatchObject({ total: 0, items: [], years: all.years })
  // A contest not yet at its final has nobody in the pool: its year is no chip.
  await createContest(w, { finalEndsAt: '2031-03-01T00:00:00+08:00' })
  expect((await talents('')).years).not.toContain(2031)
})

test('q finds a name or a project title; wildcards are literal', async () => {
  expect((await talents(`q=${encodeURIComponent('泽仁测试')}`)).items.map((t) => t.entryId)).toEqual([entries.p1])
  expect((await talents(`year=2027&q=${encodeURIComponent('牦牛')}`)).items.map((t) => t.entryId)).toEqual([entries.p1])
  expect((await talents(`q=${encodeURIComponent('直播')}`)).items.map((t) => t.entryId)).toEqual([entries.p3])
  expect((await talents(`q=${encodeURIComponent('%')}`)).total).toBe(0)
  expect((await talents(`q=${encodeURIComponent('_')}`)).total).toBe(0)
})

test('pages and total', async () => {
  const all = await talents('limit=50')
  const page1 = await talents('limit=3&page=1')
  const page2 = await talents('limit=3&page=2')
  expect(page1.total).toBe(all.total)
  expect([...page1.items, ...page2.items].map((t) => t.entryId)).toEqual(all.items.slice(0, 6).map((t) => t.entryId))
  // Newest final first; within contest A the gold medallist leads.
  expect(all.items[0].entryId).toBe(entries.p5)
  expect(all.items[1].entryId).toBe(entries.p1)
})

test('pages with `next` passed back as `cursor` to the end, every talent once, in order, with the total', async () => {
  const all = await talents('limit=50')
  expect(all.total).toBeGreaterThan(4)
  const pages = await walkPages((cursor) => talents(`limit=2${cursor}`))
  expect(idsOf(pages, 'entryId')).toEqual(all.items.map((t) => t.entryId))
  expect(pages).toHaveLength(Math.ceil(all.total / 2))
  for (const page of pages) expect(page.total).toBe(all.total)
  // The same with a filter: the cursor is a page of the filtered list.
  const crafts = await talents('category=crafts&limit=50')
  expect(idsOf(await walkPages((cursor) => talents(`category=crafts&limit=1${cursor}`)), 'entryId')).toEqual(crafts.items.map((t) => t.entryId))
  for (const [, cursor] of BAD_CURSORS) expectError(await call(w, 'GET', `/api/talents?cursor=${encodeURIComponent(cursor)}`), 400, 'CURSOR_INVALID')
  expectError(await call(w, 'GET', `/api/talents?cursor=${KEYSET_CURSOR}`), 400, 'CURSOR_INVALID')
  expectError(await call(w, 'GET', `/api/talents?cursor=${Buffer.from('{"p":501}').toString('base64url')}`), 400, 'CURSOR_INVALID')
})

test('a talent’s profile; people outside the pool are not found', async () => {
  const p1 = (await call(w, 'GET', `/api/talents/${people.p1.id}`)).json()
  expect(p1).toMatchObject({ userId: people.p1.id, name: '泽仁测试', regionName: '甘孜藏族自治州 甘孜县 甘孜镇', studioAvailable: false, listings: [] })
  expect(p1.entries).toHaveLength(1)
  expect(p1.entries[0]).toMatchObject({ entryId: entries.p1, award: 'gold', awardName: '金奖', description: expect.any(String), photos: [] })
  const expert = (await call(w, 'GET', `/api/talents/${w.expert.id}`)).json()
  expect(expert).toMatchObject({ studioAvailable: true, role: 'expert', verified: true })
  expect(expert.listings.length).toBeGreaterThan(0)
  expect(expert.listings[0]).toEqual({ id: expect.any(Number), title: expect.any(String), kind: expect.any(String), side: 'offer' })
  expectError(await call(w, 'GET', `/api/talents/${people.p4.id}`), 404, 'NOT_FOUND')
  expectError(await call(w, 'GET', '/api/talents/999999'), 404, 'NOT_FOUND')
})

test('a deleted account leaves the pool', async () => {
  const gone = await newPerson(w, 'farmer', '513328100', '将注销')
  const { id } = await contestInFinal(w, [{ auth: gone.auth }], { finalEndsAt: '2027-03-01T00:00:00+08:00' })
  expect((await talents(`q=${encodeURIComponent('将注销')}`)).total).toBe(1)
  expect((await call(w, 'DELETE', '/api/users/me', gone.auth)).statusCode).toBe(200)
  expect((await talents(`q=${encodeURIComponent('将注销')}`)).total).toBe(0)
  expect((await call(w, 'GET', `/api/contests/${id}`)).json().finalists[0].name).toBe('已注销用户')
})
