// Draws a share poster on a 2D canvas context (WeChat's Canvas 2D or a browser's <canvas>): the
// platform name, the title, a line of text, the 小程序码 and how to use it. Sizes are in poster
// pixels (POSTER.width × POSTER.height); the caller scales the context for the screen's density.

export const POSTER = { width: 600, height: 900 }
const PRIMARY = '#0b6bcb'
const INK = '#1f2a37'
const MUTED = '#5c6b7a'
const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif'

/** The few context members used, so WeChat's and the browser's contexts both fit. */
export interface Ctx2D {
  fillStyle: unknown
  font: string
  textAlign: string
  textBaseline: string
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
  drawImage(image: any, x: number, y: number, w: number, h: number): void
}

export interface PosterContent {
  title: string
  text: string
  /** "兰梅 邀您一起看" — who shares it. */
  sharer: string | null
  /** The 小程序码 image, loaded. */
  code: unknown
}

/** Splits `text` into at most `maxLines` lines no wider than `width`; the last one ends in … if cut. */
function wrapText(ctx: Pick<Ctx2D, 'measureText'>, text: string, width: number, maxLines: number): string[] {
  const lines: string[] = []
  let line = ''
  const chars = Array.from(text)
  for (let i = 0; i < chars.length; i++) {
    const next = line + chars[i]
    if (ctx.measureText(next).width > width && line) {
      if (lines.length === maxLines - 1) {
        let cut = line
        while (cut && ctx.measureText(`${cut}…`).width > width) cut = Array.from(cut).slice(0, -1).join('')
        lines.push(`${cut}…`)
        return lines
      }
      lines.push(line)
      line = chars[i]
    } else line = next
  }
  if (line) lines.push(line)
  return lines
}

export function drawPoster(ctx: Ctx2D, content: PosterContent): void {
  const { width, height } = POSTER
  const pad = 48
  ctx.textBaseline = 'top'
  ctx.textAlign = 'left'
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, width, height)

  // Head band: the platform.
  ctx.fillStyle = PRIMARY
  ctx.fillRect(0, 0, width, 150)
  ctx.fillStyle = '#ffffff'
  ctx.font = `bold 48px ${FONT}`
  ctx.fillText('天府科技云', pad, 36)
  ctx.font = `26px ${FONT}`
  ctx.fillText('四川省科协 · 科技服务就在身边', pad, 100)

  // Title and the line under it.
  ctx.fillStyle = INK
  ctx.font = `bold 38px ${FONT}`
  let y = 196
  for (const line of wrapText(ctx, content.title, width - 2 * pad, 3)) {
    ctx.fillText(line, pad, y)
    y += 54
  }
  if (content.text) {
    ctx.fillStyle = MUTED
    ctx.font = `26px ${FONT}`
    for (const line of wrapText(ctx, content.text, width - 2 * pad, 2)) {
      y += 8
      ctx.fillText(line, pad, y)
      y += 30
    }
  }

  // The 小程序码, centred in the lower part, and what to do with it.
  const size = 260
  const codeY = height - size - 150
  ctx.drawImage(content.code, (width - size) / 2, codeY, size, size)
  ctx.textAlign = 'center'
  ctx.fillStyle = MUTED
  ctx.font = `26px ${FONT}`
  ctx.fillText('长按识别小程序码，打开阅读', width / 2, codeY + size + 24)
  if (content.sharer) {
    ctx.fillStyle = PRIMARY
    ctx.font = `bold 28px ${FONT}`
    ctx.fillText(`${content.sharer} 邀您一起看`, width / 2, codeY + size + 70)
  }
}
