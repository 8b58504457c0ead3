// The township picker: one level of Sichuan's divisions per request.
import { GANZI_TOWNSHIP, useTestContext } from './helpers'

const CHINESE = /[\u4e00-\u9fa5]/

const children = (code: string) => ctx.app.inject({ method: 'GET', url: `/api/regions/${encodeURIComponent(code)}/children` })

const ctx = useTestContext()

type Region = { code: string; name: string }

function expectSortedUnderParent(list: Region[], parent: string, length: number) {
  for (const r of list) {
    expect(r.code).toHaveLength(length)
    expect(r.code.startsWith(parent)).toBe(true)
    expect(r.name).toMatch(CHINESE)
  }
  const codes = list.map((r) => r.code)
  expect(codes).toEqual([...codes].sort())
  expect(new Set(codes).size).toBe(codes.length)
}

describe('GET /api/regions/:code/children', () => {
  it('lists the 21 prefectures of Sichuan', async () => {
    const res = await children('51')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.parent).toEqual({ code: '51', name: '四川省' })
    expect(body.children).toHaveLength(21)
    expectSortedUnderParent(body.children, '51', 4)
    expect(body.children).toContainEqual({ code: '5101', name: '成都市' })
    expect(body.children).toContainEqual({ code: '5133', name: '甘孜藏族自治州' })
  })

  it('lists the counties of 甘孜藏族自治州, 甘孜县 among them', async () => {
    const res = await children('5133')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.parent.name).toBe('甘孜藏族自治州')
    expect(body.children.length).toBeGreaterThan(10)
    expectSortedUnderParent(body.children, '5133', 6)
    expect(body.children).toContainEqual({ code: '513328', name: '甘孜县' })
  })

  it('lists the 21 townships of 甘孜县, 呷拉乡 among them', async () => {
    const res = await children('513328')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.parent).toEqual({ code: '513328', name: '甘孜县' })
    expect(body.children).toHaveLength(21)
    expectSortedUnderParent(body.children, '513328', 9)
    expect(body.children).toContainEqual({ code: GANZI_TOWNSHIP, name: '呷拉乡' })
  })

  it('answers an empty list for a township (the last level)', async () => {
    const res = await children(GANZI_TOWNSHIP)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ parent: { code: GANZI_TOWNSHIP, name: '呷拉乡' }, children: [] })
  })

  it('tells browsers and the CDN the data can be cached', async () => {
    const res = await children('51')
    expect(res.headers['cache-control']).toMatch(/max-age=\d+/)
    const maxAge = Number(/max-age=(\d+)/.exec(String(res.headers['cache-control']))![1])
    expect(maxAge).toBeGreaterThanOrEqual(3600)
  })

  it.each([
    ['outside Sichuan', '9999'],
    ['not digits', 'abc'],
    ['an odd length', '51332'],
    ['too long', '5133282001'],
    ['another province', '11'],
  ])('refuses a malformed code (%s) with 400 REGION_INVALID', async (_label, code) => {
    const res = await children(code)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'REGION_INVALID', message: expect.stringMatching(CHINESE) })
  })

  it.each([
    ['prefecture', '5199'],
    ['county', '513399'],
    ['township', '510000000'],
  ])('answers 404 NOT_FOUND for a well-formed %s code that does not exist', async (_label, code) => {
    const res = await children(code)
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(CHINESE) })
    // An error must not be cached for a day like the real data.
    expect(String(res.headers['cache-control'] ?? '')).not.toMatch(/max-age=[1-9]/)
  })

  it('walks from the province down to every township of one county consistently', async () => {
    // Each child of a level answers as parent of the next with the same name.
    const prefectures = (await children('51')).json().children as Region[]
    const chengdu = prefectures.find((p) => p.name === '成都市')!
    const counties = (await children(chengdu.code)).json()
    expect(counties.parent).toEqual(chengdu)
    const county = counties.children[0] as Region
    const townships = (await children(county.code)).json()
    expect(townships.parent).toEqual(county)
    expect(townships.children.length).toBeGreaterThan(0)
    expectSortedUnderParent(townships.children, county.code, 9)
  })
})
