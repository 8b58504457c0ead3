#!/usr/bin/env node
// Draws the pictures that let someone who reads little find their way: one for every post
// category (src/assets/categories/<category>.png, the keys of CATEGORIES in common/enums.ts) and
// one for each home entry (src/assets/home/<entry>.png). Each is a white pictogram on a disc of
// its own colour, so it reads on a white card and on a chosen (blue) chip alike, and two
// neighbours never look the same. Flat shapes need few colours: a 16-colour palette PNG keeps each
// file under 1 KB (32 colours doubled it with no visible gain). Images under 2 KB are inlined into
// the script that imports them, so every byte lands in a package: import only what a page shows.
// The tab bar's icons are drawn by scripts/tab-icons.mjs. Run again after changing a shape:
//   node scripts/icons.mjs
import { mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'

// 96 px shows sharp at the sizes we use (a 40–56 px chip icon, the 120 px picture picker on a 2×
// screen) without the weight of a 3× drawing.
const SIZE = 96
const W = '#fff'

// 48×48 drawings on a disc of radius 24; `c` is the disc's colour, for the details cut into the white.
const line = (d, width = 3.5, colour = W) =>
  `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${width}" stroke-linecap="round" stroke-linejoin="round"/>`
const fill = (d, colour = W) => `<path d="${d}" fill="${colour}"/>`

const CATEGORIES = {
  // 种植: a sprout with two leaves over the soil.
  planting: {
    colour: '#2e7d32',
    draw: () =>
      line('M24 37V23') +
      fill('M24 27C17 27 12 23 12 15C19 15 24 19 24 27Z') +
      fill('M24 23C24 15 29 11 37 11C37 18 32 23 24 23Z') +
      line('M13 37H35'),
  },
  // 养殖: a yak's head, horns up — the animal a 甘孜 herder keeps.
  breeding: {
    colour: '#795548',
    draw: (c) =>
      line('M19 20C14 20 11 17 11 11M29 20C34 20 37 17 37 11', 3.5) +
      fill('M10 22L16 21L16 27Z') +
      fill('M38 22L32 21L32 27Z') +
      fill('M18 19H30C32.5 19 34 21 33.5 23.5L31 35C30.2 38 27.5 40 24 40C20.5 40 17.8 38 17 35L14.5 23.5C14 21 15.5 19 18 19Z') +
      `<circle cx="20" cy="26" r="1.8" fill="${c}"/><circle cx="28" cy="26" r="1.8" fill="${c}"/>` +
      `<circle cx="21.5" cy="35" r="1.4" fill="${c}"/><circle cx="26.5" cy="35" r="1.4" fill="${c}"/>`,
  },
  // 畜牧兽医: a syringe, slanted.
  veterinary: {
    colour: '#00796b',
    draw: (c) =>
      `<g transform="rotate(45 24 24)">` +
      `<rect x="19.5" y="13" width="9" height="19" rx="1.5" fill="${W}"/>` +
      `<rect x="22.5" y="7" width="3" height="6" fill="${W}"/>` +
      `<rect x="17.5" y="5" width="13" height="3.5" rx="1.5" fill="${W}"/>` +
      line('M24 32V42', 2.5) +
      line('M19.5 18H23.5M19.5 22.5H23.5M19.5 27H23.5', 1.8, c) +
      `</g>`,
  },
  // 农机: a tractor, big wheel behind, small one in front.
  machinery: {
    colour: '#d84315',
    draw: (c) =>
      line('M12 25V13H22L25 21', 3.2) +
      fill('M11 21H38V30H11Z') +
      line('M32 21V14', 3) +
      `<circle cx="17" cy="31" r="7.5" fill="${c}" stroke="${W}" stroke-width="3.5"/>` +
      `<circle cx="17" cy="31" r="2" fill="${W}"/>` +
      `<circle cx="34" cy="34" r="4.5" fill="${c}" stroke="${W}" stroke-width="3"/>`,
  },
  // 农产品加工: a filled jar with a lid and a label.
  processing: {
    colour: '#a15c00',
    draw: (c) =>
      `<rect x="16" y="9" width="16" height="5.5" rx="1.5" fill="${W}"/>` +
      fill('M15 17H33V35.5C33 38 31 40 28.5 40H19.5C17 40 15 38 15 35.5Z') +
      `<rect x="18.5" y="23" width="11" height="9" rx="1" fill="${c}"/>` +
      line('M21.5 27.5H26.5', 2),
  },
  // 电商: a shopping cart.
  ecommerce: {
    colour: '#c2185b',
    draw: () =>
      line('M8 12H13L17.5 31H34') +
      fill('M15 17H39L35.5 28H17.5Z') +
      `<circle cx="20" cy="37" r="3" fill="${W}"/><circle cx="32" cy="37" r="3" fill="${W}"/>`,
  },
  // 医疗卫生: a heart with a cross.
  health: {
    colour: '#c62828',
    draw: (c) =>
      fill('M24 39C14 32 9 27 9 20C9 15 13 11 18 11C21 11 23 13 24 15C25 13 27 11 30 11C35 11 39 15 39 20C39 27 34 32 24 39Z') +
      `<rect x="22" y="17" width="4" height="12" fill="${c}"/><rect x="18" y="21" width="12" height="4" fill="${c}"/>`,
  },
  // 生态环保: mountains under the sun, water below — the grassland kept as it is.
  ecology: {
    colour: '#0277bd',
    draw: () =>
      `<circle cx="33" cy="14" r="4.5" fill="${W}"/>` +
      fill('M7 35L18 19L25 28L30 22L41 35Z') +
      line('M12 40.5Q15 38.5 18 40.5T24 40.5T30 40.5T36 40.5', 2.5),
  },
  // 信息技术: a phone showing signal bars.
  it: {
    colour: '#5e35b1',
    draw: (c) =>
      `<rect x="15" y="8" width="18" height="32" rx="3" fill="${W}"/>` +
      `<rect x="18" y="12" width="12" height="21" fill="${c}"/>` +
      `<circle cx="24" cy="36.5" r="1.5" fill="${c}"/>` +
      `<rect x="19.5" y="26" width="2.4" height="4.5" fill="${W}"/>` +
      `<rect x="22.8" y="22" width="2.4" height="8.5" fill="${W}"/>` +
      `<rect x="26.1" y="18" width="2.4" height="12.5" fill="${W}"/>`,
  },
  // 其他: three dots.
  other: {
    colour: '#546e7a',
    draw: () => [14, 24, 34].map((x) => `<circle cx="${x}" cy="24" r="3.8" fill="${W}"/>`).join(''),
  },
}

const HOME = {
  // 求助 (发布需求): a speech bubble with a question mark — in the warm colour that stands out first.
  'publish-need': {
    colour: '#e8590c',
    draw: (c) =>
      fill('M11 11H37C39.2 11 41 12.8 41 15V29C41 31.2 39.2 33 37 33H23L15 40V33H11C8.8 33 7 31.2 7 29V15C7 12.8 8.8 11 11 11Z') +
      line('M19.5 18.5C19.5 15.8 21.5 14.5 24 14.5C26.5 14.5 28.5 16 28.5 18.3C28.5 21.5 24 21.8 24 25', 3.2, c) +
      `<circle cx="24" cy="29.3" r="1.9" fill="${c}"/>`,
  },
  // 拍照求助: a camera.
  'ask-photo': {
    colour: '#e8590c',
    draw: (c) =>
      fill('M17 15L20 10H28L31 15Z') +
      `<rect x="8" y="14" width="32" height="23" rx="4" fill="${W}"/>` +
      `<circle cx="24" cy="25.5" r="7.5" fill="${c}"/><circle cx="24" cy="25.5" r="3.5" fill="${W}"/>`,
  },
  // 语音: a microphone on its stand.
  voice: {
    colour: '#e8590c',
    draw: () =>
      `<rect x="19" y="7" width="10" height="19" rx="5" fill="${W}"/>` +
      line('M14 21C14 27.5 18.5 31.5 24 31.5C29.5 31.5 34 27.5 34 21', 3) +
      line('M24 31.5V38M18 39H30', 3),
  },
  // 找专家: a person in a graduate's cap.
  experts: {
    colour: '#0b6bcb',
    draw: () =>
      `<circle cx="24" cy="21" r="5.5" fill="${W}"/>` +
      fill('M11 14L24 8.5L37 14L24 19.5Z') +
      line('M34 15V21', 2) +
      fill('M13 39C14 32 18.5 28.5 24 28.5C29.5 28.5 34 32 35 39Z'),
  },
  // 科技成果: a light bulb — an idea made real.
  achievements: {
    colour: '#f59f00',
    draw: (c) =>
      `<circle cx="24" cy="19" r="10" fill="${W}"/>` +
      `<rect x="19.5" y="25" width="9" height="8" fill="${W}"/>` +
      `<rect x="20.5" y="34.5" width="7" height="3.5" rx="1.5" fill="${W}"/>` +
      line('M21 20L24 23.5L27 20M24 23.5V30', 2, c),
  },
  // 人才大赛: a trophy.
  contests: {
    colour: '#c92a2a',
    draw: () =>
      fill('M15 9H33V17C33 23.5 29 27.5 24 27.5C19 27.5 15 23.5 15 17Z') +
      line('M15 12.5H10.5C10.5 18.5 12.5 21 16 21M33 12.5H37.5C37.5 18.5 35.5 21 32 21', 2.5) +
      `<rect x="22" y="27" width="4" height="6" fill="${W}"/>` +
      `<rect x="16.5" y="33" width="15" height="5" rx="1.5" fill="${W}"/>`,
  },
  // 所能所需: two arrows meeting, as on the tab bar.
  listings: {
    colour: '#2b8a3e',
    draw: () => line('M11 17H36M29 10L36 17L29 24M37 31H12M19 24L12 31L19 38'),
  },
  // 科技资讯: a newspaper.
  news: {
    colour: '#1971c2',
    draw: (c) =>
      `<rect x="10" y="10" width="28" height="28" rx="3" fill="${W}"/>` +
      line('M15 17H33M15 24H33M15 31H26', 3, c),
  },
  // 注册 / 我的资料: an ID card with a photo.
  register: {
    colour: '#5f3dc4',
    draw: (c) =>
      `<rect x="7" y="12" width="34" height="24" rx="3" fill="${W}"/>` +
      `<circle cx="16" cy="21.5" r="3.5" fill="${c}"/>` +
      fill('M10.5 31C11 28 13 26.5 16 26.5C19 26.5 21 28 21.5 31Z', c) +
      line('M26 20H36M26 25.5H36M26 31H32', 2.5, c),
  },
  // 长辈模式: a big A with a plus — larger letters.
  elder: {
    colour: '#495057',
    draw: () => line('M11 37L19 13L27 37M14.5 29H23.5', 4) + line('M34 16V28M28 22H40', 3.5),
  },
  // 我的发布: a clipboard with lines.
  'my-posts': {
    colour: '#0b7285',
    draw: (c) =>
      `<rect x="12" y="10" width="24" height="30" rx="3" fill="${W}"/>` +
      `<rect x="18.5" y="7" width="11" height="6" rx="2" fill="${W}" stroke="${c}" stroke-width="2"/>` +
      line('M17 20H31M17 26H31M17 32H26', 2.5, c),
  },
  // 我的消息: a bell.
  messages: {
    colour: '#d6336c',
    draw: () =>
      fill('M24 9C18.5 9 15 13.5 15 19V27L11 32H37L33 27V19C33 13.5 29.5 9 24 9Z') +
      `<circle cx="24" cy="36" r="3" fill="${W}"/>`,
  },
}

async function draw(dir, set) {
  mkdirSync(dir, { recursive: true })
  for (const [name, { colour, draw }] of Object.entries(set)) {
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 48 48">` +
      `<circle cx="24" cy="24" r="24" fill="${colour}"/>${draw(colour)}</svg>`
    const file = join(dir, `${name}.png`)
    await sharp(Buffer.from(svg)).png({ palette: true, colours: 16, compressionLevel: 9, effort: 10 }).toFile(file)
    console.log(`${file}  ${statSync(file).size} bytes`)
  }
}

await draw('src/assets/categories', CATEGORIES)
await draw('src/assets/home', HOME)
