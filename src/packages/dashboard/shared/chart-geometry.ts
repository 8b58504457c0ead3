// Geometry of the dashboard's bar charts: the value axis (a "nice" maximum and round ticks), the
// bars of each month, and the target marks. Pure numbers in, rectangles out, so it is unit-tested
// (tests/unit/dashboard-chart.test.ts) and the canvas code only paints what it is given.

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export interface Axis {
  /** The top of the value axis (≥ every value drawn, a round number). */
  max: number
  step: number
  /** 0, step, 2·step … max. */
  ticks: number[]
}

export interface BarRect extends Box {
  /** Which series (0-based) and which group (month) the bar shows. */
  series: number
  group: number
  value: number
}

export interface TargetMark {
  group: number
  value: number
  /** A horizontal segment across the month's slot, at the target's height. */
  x1: number
  x2: number
  y: number
}

/**
 * A value axis from 0 whose ticks are 1, 2, 2.5 or 5 × 10ⁿ apart, with at most `maxTicks` steps
 * and a top at or above `value`. All-zero data still gets an axis (0 … 1).
 */
export function niceAxis(value: number, maxTicks = 4): Axis {
  const top = Number.isFinite(value) && value > 0 ? value : 0
  const steps = Math.max(1, Math.floor(maxTicks))
  let step = 1
  if (top > steps) {
    const raw = top / steps
    const magnitude = 10 ** Math.floor(Math.log10(raw))
    // Counts of people are whole numbers: never a fractional step.
    step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw && Number.isInteger(s)) ?? 10 * magnitude
  }
  const n = Math.max(1, Math.ceil(top / step))
  return { max: n * step, step, ticks: Array.from({ length: n + 1 }, (_, i) => i * step) }
}

/** Maps a value in [0, max] to a y in the plot (0 at the bottom edge, max at the top). */
export function scaleY(value: number, max: number, plot: Box): number {
  if (max <= 0) return plot.y + plot.height
  const clamped = Math.min(Math.max(value, 0), max)
  return plot.y + plot.height - (clamped / max) * plot.height
}

/** The plot area inside a canvas, leaving room for the tick labels (left) and month labels (bottom). */
export function plotBox(width: number, height: number, pad: { left: number; right: number; top: number; bottom: number }): Box {
  return {
    x: pad.left,
    y: pad.top,
    width: Math.max(0, width - pad.left - pad.right),
    height: Math.max(0, height - pad.top - pad.bottom),
  }
}

/** The slot of group `i` of `groups` across the plot: [x, x + width). */
export function groupSlot(i: number, groups: number, plot: Box): { x: number; width: number } {
  const width = groups > 0 ? plot.width / groups : 0
  return { x: plot.x + i * width, width }
}

/**
 * Bars for `series[s][g]` (series × groups, e.g. 发布/对接/解决 × months): the bars of a group sit
 * side by side in the middle `fill` share of its slot, `gap` apart. A zero is a bar of height 0 (it
 * still has its place, so the months line up).
 */
export function barRects(series: number[][], max: number, plot: Box, opts: { fill?: number; gap?: number } = {}): BarRect[] {
  const fill = opts.fill ?? 0.7
  const gap = opts.gap ?? 2
  const groups = Math.max(0, ...series.map((s) => s.length))
  const count = series.length
  const rects: BarRect[] = []
  if (!groups || !count) return rects
  const bottom = plot.y + plot.height
  for (let g = 0; g < groups; g++) {
    const slot = groupSlot(g, groups, plot)
    const used = slot.width * fill
    const barWidth = Math.max(1, (used - gap * (count - 1)) / count)
    const start = slot.x + (slot.width - (barWidth * count + gap * (count - 1))) / 2
    for (let s = 0; s < count; s++) {
      const value = series[s][g] ?? 0
      const y = scaleY(value, max, plot)
      rects.push({ series: s, group: g, value, x: start + s * (barWidth + gap), y, width: barWidth, height: bottom - y })
    }
  }
  return rects
}

/** One mark per month that has a target, across most of the month's slot. */
export function targetMarks(targets: Array<number | null>, max: number, plot: Box, fill = 0.9): TargetMark[] {
  const marks: TargetMark[] = []
  targets.forEach((value, group) => {
    if (value === null || value === undefined) return
    const slot = groupSlot(group, targets.length, plot)
    const inset = (slot.width * (1 - fill)) / 2
    marks.push({ group, value, x1: slot.x + inset, x2: slot.x + slot.width - inset, y: scaleY(value, max, plot) })
  })
  return marks
}

/** The largest value a chart must show: bars and targets alike. */
export function chartMax(series: number[][], targets: Array<number | null> = []): number {
  let max = 0
  for (const s of series) for (const v of s) if (v > max) max = v
  for (const t of targets) if (t !== null && t > max) max = t
  return max
}

/** Tick labels: 1200 → '1200', 25000 → '2.5万', 1000000 → '100万'. */
export function tickLabel(value: number): string {
  if (value < 10_000) return String(value)
  const wan = value / 10_000
  return `${Number.isInteger(wan) ? wan : Number(wan.toFixed(1))}万`
}
