import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, View } from '@tarojs/components'
import { barRects, chartMax, niceAxis, plotBox, targetMarks, tickLabel } from './chart-geometry'
import './bar-chart.scss'

// Why a hand-drawn canvas and not a chart library: the dashboard's charts are plain bar charts
// (a few series over ≤ 24 months, a target mark per month). A mini-program chart library
// (echarts-for-weixin, ucharts, F2) costs 100 KB–1 MB of a subpackage that must stay small for
// the 2G/3G phones of township chairs, and brings its own canvas life cycle to fight with Taro.
// ~150 lines of Canvas 2D (type="2d": same-layer rendering, WeChat ≥ 2.9) draw the same picture;
// the geometry lives in chart-geometry.ts and is unit-tested. The chart is decoration only: every
// number it shows is also on the page as text (screen readers, 长辈模式, tests, old WeChat
// versions without Canvas 2D).

export interface ChartSeries {
  label: string
  color: string
  values: number[]
}

const TARGET_COLOR = '#e65100'
const GRID_COLOR = '#e3e8ee'
const TEXT_COLOR = '#5c6b7a'

function pixelRatio(): number {
  try {
    const info = (Taro.getWindowInfo?.() ?? Taro.getSystemInfoSync()) as { pixelRatio?: number }
    return Math.min(3, Math.max(1, info.pixelRatio ?? 2))
  } catch {
    return 2
  }
}

type Ctx = {
  clearRect(x: number, y: number, w: number, h: number): void
  fillRect(x: number, y: number, w: number, h: number): void
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  stroke(): void
  fillText(text: string, x: number, y: number): void
  scale(x: number, y: number): void
  setLineDash?(segments: number[]): void
  fillStyle: string
  strokeStyle: string
  lineWidth: number
  font: string
  textAlign: string
  textBaseline: string
}

function paint(ctx: Ctx, width: number, height: number, props: { labels: string[]; series: ChartSeries[]; targets?: Array<number | null>; fontSize: number }) {
  const { labels, series, targets = [], fontSize } = props
  const values = series.map((s) => s.values)
  const axis = niceAxis(chartMax(values, targets))
  const pad = { left: fontSize * 3, right: 8, top: fontSize, bottom: fontSize * 2 }
  const plot = plotBox(width, height, pad)
  ctx.clearRect(0, 0, width, height)
  ctx.font = `${fontSize}px sans-serif`
  ctx.lineWidth = 1

  // Grid and value ticks.
  ctx.textAlign = 'right'
  ctx.textBaseline = 'middle'
  for (const tick of axis.ticks) {
    const y = plot.y + plot.height - (tick / axis.max) * plot.height
    ctx.strokeStyle = GRID_COLOR
    ctx.beginPath()
    ctx.moveTo(plot.x, y)
    ctx.lineTo(plot.x + plot.width, y)
    ctx.stroke()
    ctx.fillStyle = TEXT_COLOR
    ctx.fillText(tickLabel(tick), plot.x - 6, y)
  }

  for (const bar of barRects(values, axis.max, plot)) {
    ctx.fillStyle = series[bar.series].color
    ctx.fillRect(bar.x, bar.y, bar.width, bar.height)
  }

  ctx.strokeStyle = TARGET_COLOR
  ctx.lineWidth = 2
  ctx.setLineDash?.([4, 3])
  for (const mark of targetMarks(targets, axis.max, plot)) {
    ctx.beginPath()
    ctx.moveTo(mark.x1, mark.y)
    ctx.lineTo(mark.x2, mark.y)
    ctx.stroke()
  }
  ctx.setLineDash?.([])

  // Month labels under their slots; with many months only every other one fits.
  ctx.fillStyle = TEXT_COLOR
  ctx.textAlign = 'center'
  ctx.textBaseline = 'top'
  const every = labels.length > 12 ? 3 : labels.length > 6 ? 2 : 1
  labels.forEach((label, i) => {
    if (i % every !== 0 && i !== labels.length - 1) return
    const slot = plot.width / labels.length
    ctx.fillText(label, plot.x + slot * (i + 0.5), plot.y + plot.height + fontSize * 0.4)
  })
}

/**
 * A bar chart on a Canvas 2D: `series` side by side per label (month), optional target marks (a
 * dashed line per month). The legend is text. `id` must be unique on the page.
 */
export function BarChart({ id, labels, series, targets, fontSize = 11 }: { id: string; labels: string[]; series: ChartSeries[]; targets?: Array<number | null>; fontSize?: number }) {
  const signature = JSON.stringify([labels, series, targets, fontSize])

  useEffect(() => {
    let cancelled = false
    let tries = 0
    // The canvas exists in the view only after Taro's setData lands: ask for its node after the
    // next tick and retry a few times (a slow phone, a page still sliding in).
    const draw = () => {
      if (cancelled) return
      try {
        Taro.createSelectorQuery()
          .select(`#${id}`)
          .node()
          .select(`#${id}`)
          .boundingClientRect()
          .exec((res: any[]) => {
            if (cancelled) return
            const canvas = res?.[0]?.node
            const rect = res?.[1]
            if (!canvas?.getContext || !rect?.width || !rect?.height) {
              if (++tries < 8) setTimeout(draw, 150)
              return
            }
            const dpr = pixelRatio()
            canvas.width = Math.round(rect.width * dpr)
            canvas.height = Math.round(rect.height * dpr)
            const ctx = canvas.getContext('2d') as Ctx | null
            if (!ctx) return
            ctx.scale(dpr, dpr)
            paint(ctx, rect.width, rect.height, { labels, series, targets, fontSize })
          })
      } catch {
        // No Canvas 2D here (an old WeChat, a test runtime): the numbers are on the page as text.
      }
    }
    Taro.nextTick(draw)
    return () => {
      cancelled = true
    }
    // `signature` covers every prop the picture depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, signature])

  return (
    <View className='bar-chart' aria-hidden='true'>
      <Canvas type='2d' id={id} canvasId={id} className='bar-chart__canvas' />
      <View className='bar-chart__legend'>
        {series.map((s) => (
          <View key={s.label} className='bar-chart__key'>
            <View className='bar-chart__swatch' style={{ background: s.color }} />
            {s.label}
          </View>
        ))}
        {targets?.some((t) => t !== null) && (
          <View className='bar-chart__key'>
            <View className='bar-chart__swatch bar-chart__swatch--target' />
            目标
          </View>
        )}
      </View>
    </View>
  )
}
