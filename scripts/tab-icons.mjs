#!/usr/bin/env node
// Draws the tab bar's icons (src/assets/tab-bar/*.png) from the shapes below: each tab in the
// bar's grey and, chosen, in the primary blue and filled. WeChat's native tab bar takes only PNG
// or JPG files of at most 40 KB (81×81 px is its recommended size), and the H5 build inlines them,
// so they stay small. Run again after changing a shape or a colour:
//   node scripts/tab-icons.mjs
import { mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'

const OUT = 'src/assets/tab-bar'
const SIZE = 81
const GREY = '#5c6b7a' // tabBar.color in src/app.config.ts
const BLUE = '#0b6bcb' // tabBar.selectedColor

// 48×48 drawings, stroke 3.5; `fill` is the chosen tab's filled part.
const SHAPES = {
  // 首页: a house with a door.
  home: (c, on) =>
    `<path d="M6 22 24 7l18 15" fill="none" stroke="${c}" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/>` +
    `<path d="M11 19v21h26V19" fill="${on ? c : 'none'}" stroke="${c}" stroke-width="3.5" stroke-linejoin="round"/>` +
    `<path d="M20 40V29h8v11" fill="${on ? '#fff' : 'none'}" stroke="${on ? '#fff' : c}" stroke-width="3.5" stroke-linejoin="round"/>`,
  // 所能所需: two arrows, one each way — what is needed and what is offered meet.
  listings: (c, on) =>
    (on ? `<rect x="3" y="5" width="42" height="38" rx="9" fill="${c}"/>` : '') +
    `<path d="M11 17h25m-7-7 7 7-7 7M37 31H12m7-7-7 7 7 7" fill="none" stroke="${on ? '#fff' : c}" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/>`,
  // 科技资讯: a folded newspaper with a headline and lines.
  news: (c, on) =>
    `<rect x="7" y="7" width="34" height="34" rx="4" fill="${on ? c : 'none'}" stroke="${c}" stroke-width="3.5"/>` +
    `<path d="M14 16h20M14 24h20M14 32h12" fill="none" stroke="${on ? '#fff' : c}" stroke-width="3.5" stroke-linecap="round"/>`,
  // 我的: a person, head and shoulders.
  mine: (c, on) =>
    `<circle cx="24" cy="16" r="8" fill="${on ? c : 'none'}" stroke="${c}" stroke-width="3.5"/>` +
    `<path d="M8 42c1.5-9 8-14 16-14s14.5 5 16 14z" fill="${on ? c : 'none'}" stroke="${c}" stroke-width="3.5" stroke-linejoin="round"/>`,
}

mkdirSync(OUT, { recursive: true })
for (const [name, draw] of Object.entries(SHAPES)) {
  for (const on of [false, true]) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 48 48">${draw(on ? BLUE : GREY, on)}</svg>`
    const file = join(OUT, `${name}${on ? '-on' : ''}.png`)
    await sharp(Buffer.from(svg)).png({ palette: true, compressionLevel: 9 }).toFile(file)
    console.log(`${file}  ${statSync(file).size} bytes`)
  }
}
