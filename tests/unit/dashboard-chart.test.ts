// The dashboard's chart geometry (src/packages/dashboard/shared/chart-geometry.ts), its small
// formatting helpers, and the China-time months (common/china-time.ts) the server buckets by.
import { barRects, chartMax, groupSlot, niceAxis, plotBox, scaleY, targetMarks, tickLabel, type Box } from '../../src/packages/dashboard/shared/chart-geometry'
import { formatPercent, parentCode, parseTargetValue, periodLabel } from '../../src/packages/dashboard/shared/format'
import { addMonths, chinaMonthOf, isMonth, monthCount, monthLabel, monthRange, monthStartUtc } from '../../common/china-time'

const PLOT: Box = { x: 30, y: 10, width: 300, height: 200 }

describe('niceAxis', () => {
  test.each([
    [0, 1, 1, [0, 1]],
    [3, 3, 1, [0, 1, 2, 3]],
    [4, 4, 1, [0, 1, 2, 3, 4]],
    [7, 8, 2, [0, 2, 4, 6, 8]],
    [13, 15, 5, [0, 5, 10, 15]],
    [100, 100, 25, [0, 25, 50, 75, 100]],
    [101, 150, 50, [0, 50, 100, 150]],
    [999, 1000, 250, [0, 250, 500, 750, 1000]],
    [1_000_000, 1_000_000, 250_000, [0, 250_000, 500_000, 750_000, 1_000_000]],
  ])('%d → top %d, step %d', (value, max, step, ticks) => {
    expect(niceAxis(value)).toEqual({ max, step, ticks })
  })

  test('the top is never below the value, steps are whole numbers, at most 4 of them', () => {
    for (let v = 0; v <= 5000; v += 7) {
      const axis = niceAxis(v)
      expect(axis.max).toBeGreaterThanOrEqual(v)
      expect(Number.isInteger(axis.step)).toBe(true)
      expect(axis.ticks.length - 1).toBeLessThanOrEqual(4)
      expect(axis.ticks[axis.ticks.length - 1]).toBe(axis.max)
    }
  })

  test('nonsense in, a usable axis out', () => {
    expect(niceAxis(-5)).toEqual({ max: 1, step: 1, ticks: [0, 1] })
    expect(niceAxis(Number.NaN).max).toBe(1)
    expect(niceAxis(Number.POSITIVE_INFINITY).max).toBe(1)
    expect(niceAxis(10, 2)).toEqual({ max: 10, step: 5, ticks: [0, 5, 10] })
  })
})

describe('scaleY and plotBox', () => {
  test('0 at the bottom edge, max at the top, clamped outside', () => {
    expect(scaleY(0, 10, PLOT)).toBe(210)
    expect(scaleY(10, 10, PLOT)).toBe(10)
    expect(scaleY(5, 10, PLOT)).toBe(110)
    expect(scaleY(20, 10, PLOT)).toBe(10)
    expect(scaleY(-3, 10, PLOT)).toBe(210)
    expect(scaleY(3, 0, PLOT)).toBe(210)
  })

  test('the plot leaves the padding free, and never goes negative', () => {
    expect(plotBox(360, 180, { left: 33, right: 8, top: 11, bottom: 22 })).toEqual({ x: 33, y: 11, width: 319, height: 147 })
    expect(plotBox(20, 20, { left: 33, right: 8, top: 11, bottom: 22 })).toEqual({ x: 33, y: 11, width: 0, height: 0 })
  })

  test('month slots split the width evenly', () => {
    expect(groupSlot(0, 6, PLOT)).toEqual({ x: 30, width: 50 })
    expect(groupSlot(5, 6, PLOT)).toEqual({ x: 280, width: 50 })
  })
})

describe('barRects', () => {
  test('one series: a bar centred in each month, height in proportion', () => {
    const rects = barRects([[2, 0, 4, 8]], 8, PLOT, { fill: 0.5, gap: 0 })
    expect(rects).toHaveLength(4)
    // Slots are 75 wide; bars half of that, centred.
    expect(rects.map((r) => r.x)).toEqual([48.75, 123.75, 198.75, 273.75])
    expect(rects.every((r) => r.width === 37.5)).toBe(true)
    expect(rects.map((r) => r.height)).toEqual([50, 0, 100, 200])
    // Every bar stands on the bottom edge.
    for (const r of rects) expect(r.y + r.height).toBe(210)
    expect(rects[1]).toMatchObject({ series: 0, group: 1, value: 0, y: 210 })
  })

  test('three series side by side, `gap` apart, inside their month', () => {
    const rects = barRects(
      [
        [1, 2],
        [3, 4],
        [0, 5],
      ],
      5,
      PLOT,
      { fill: 0.8, gap: 4 },
    )
    expect(rects).toHaveLength(6)
    const month0 = rects.filter((r) => r.group === 0)
    expect(month0.map((r) => r.series)).toEqual([0, 1, 2])
    // 150 wide slot, 120 used: 3 bars of (120 - 8) / 3.
    for (const r of month0) expect(r.width).toBeCloseTo(112 / 3)
    expect(month0[1].x - (month0[0].x + month0[0].width)).toBeCloseTo(4)
    expect(month0[0].x).toBeCloseTo(30 + 15)
    expect(month0[2].x + month0[2].width).toBeCloseTo(30 + 135)
    const month1 = rects.filter((r) => r.group === 1)
    expect(month1[0].x).toBeGreaterThanOrEqual(180)
    expect(month1[2].height).toBe(200)
  })

  test('nothing to draw, nothing drawn; ragged series are padded with zeros', () => {
    expect(barRects([], 5, PLOT)).toEqual([])
    expect(barRects([[]], 5, PLOT)).toEqual([])
    const rects = barRects([[1, 2, 3], [1]], 3, PLOT)
    expect(rects).toHaveLength(6)
    expect(rects.find((r) => r.series === 1 && r.group === 2)).toMatchObject({ value: 0, height: 0 })
  })
})

describe('targetMarks and chartMax', () => {
  test('a mark per month that has a target, across 90% of its slot', () => {
    const marks = targetMarks([4, null, 8, 0], 8, PLOT)
    expect(marks).toEqual([
      { group: 0, value: 4, x1: 33.75, x2: 101.25, y: 110 },
      { group: 2, value: 8, x1: 183.75, x2: 251.25, y: 10 },
      { group: 3, value: 0, x1: 258.75, x2: 326.25, y: 210 },
    ])
  })

  test('the axis covers bars and targets alike', () => {
    expect(chartMax([[1, 2], [3]], [null, 9])).toBe(9)
    expect(chartMax([[1, 12], [3]], [null, 9])).toBe(12)
    expect(chartMax([], [])).toBe(0)
  })

  test('tick labels switch to 万 from 10,000', () => {
    expect(tickLabel(0)).toBe('0')
    expect(tickLabel(9999)).toBe('9999')
    expect(tickLabel(10_000)).toBe('1万')
    expect(tickLabel(25_000)).toBe('2.5万')
    expect(tickLabel(1_000_000)).toBe('100万')
  })
})

describe('dashboard formatting', () => {
  test('percent, parent area, period, typed targets', () => {
    expect(formatPercent(0.6667)).toBe('67%')
    expect(formatPercent(1.25)).toBe('125%')
    expect(formatPercent(null)).toBe('—')
    expect(parentCode('513328100')).toBe('513328')
    expect(parentCode('513328')).toBe('5133')
    expect(parentCode('5133')).toBe('51')
    expect(parentCode('51')).toBeNull()
    expect(periodLabel(['2026-06', '2026-07', '2026-11'])).toBe('2026年6月–11月')
    expect(periodLabel(['2025-12', '2026-05'])).toBe('2025年12月–2026年5月')
    expect(periodLabel(['2026-11'])).toBe('2026年11月')
    expect(parseTargetValue(' 30 ')).toBe(30)
    expect(parseTargetValue('0')).toBe(0)
    expect(parseTargetValue('1000000')).toBe(1_000_000)
    for (const bad of ['', '-1', '1.5', '1000001', '３０', '1e3', '12a']) expect(parseTargetValue(bad)).toBeNull()
  })
})

describe('China-time months', () => {
  test('an instant falls in its China month (UTC+8, no daylight saving)', () => {
    expect(chinaMonthOf('2026-11-30T15:59:59.999Z')).toBe('2026-11')
    expect(chinaMonthOf('2026-11-30T16:00:00.000Z')).toBe('2026-12')
    expect(chinaMonthOf('2026-12-31T16:30:00.000Z')).toBe('2027-01')
    expect(chinaMonthOf('2026-07-15T12:00:00.000Z')).toBe('2026-07')
  })

  test('month starts, ranges and arithmetic', () => {
    expect(monthStartUtc('2026-12')).toBe('2026-11-30T16:00:00.000Z')
    expect(monthStartUtc('2027-01')).toBe('2026-12-31T16:00:00.000Z')
    expect(monthStartUtc('2026-03')).toBe('2026-02-28T16:00:00.000Z')
    expect(addMonths('2026-11', 2)).toBe('2027-01')
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(addMonths('2026-06', -17)).toBe('2025-01')
    expect(monthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02'])
    expect(monthRange('2026-11', '2026-10')).toEqual([])
    expect(monthCount('2025-01', '2026-12')).toBe(24)
    expect(monthLabel('2026-03')).toBe('3月')
    expect(monthLabel('2026-03', true)).toBe('2026年3月')
  })

  test('only real months of this century are months', () => {
    for (const good of ['2000-01', '2026-12', '2099-09']) expect(isMonth(good)).toBe(true)
    for (const bad of ['1999-12', '2026-13', '2026-00', '2026-1', '0001-01', '2026-01-01', 202601]) expect(isMonth(bad)).toBe(false)
    expect(() => addMonths('2026-13', 1)).toThrow()
  })
})
