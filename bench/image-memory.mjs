#!/usr/bin/env node
// Memory while decoding the largest image the API takes (issue 10), on demand, never part of
// `npm test`.   npx tsx bench/image-memory.mjs      (npm run bench:image-memory)
//
// 1. Makes, with sharp, images at the pixel limit (MAX_IMAGE_PIXELS, 50 MP: 8660×5773) that fit
//    the 10 MB upload limit: a JPEG and a PNG of a smooth photo-like picture; and a 16000×16000
//    PNG (256 MP) that must be refused from its header.
// 2. For each case starts a fresh Node process (so one case's heap cannot hide in another's) that
//    loads sharp and server/src/lib/images.ts, reads the file into a Buffer as the multipart
//    reader does, resets the kernel's peak-RSS mark (/proc/self/clear_refs), then runs what an
//    upload runs (saveUpload: resizeImage to ≤1280 px, then the 360 px thumbnail from that copy),
//    COPIES times at once, and reports VmHWM (peak resident set) and the RSS left afterwards.
//    Four at once shows the decode semaphore at work (two decode, two wait).
// Prints each case and the line
//   GOAL image_decode_peak_rss <MB> MB <target> <met|missed>
// for the worst case's peak RSS of the whole decoding process (its baseline with sharp loaded
// included), against 400 MB. Never a non-zero exit for a missed goal: the numbers are the point.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { pngOfSize } from '../tests/fixtures/png.ts'

const TARGET_MB = 400
const MB = 1024 * 1024
const self = fileURLToPath(import.meta.url)

function status(field) {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`))
  return Number(/(\d+)/.exec(line)[1]) * 1024
}

async function child(file, copies) {
  // Only the app's module loads sharp here: importing sharp's ESM build beside the CommonJS one
  // the app uses would run its start-up again and reset the app's settings (its cache).
  const { resizeImage, MAX_IMAGE_PIXELS } = await import('../server/src/lib/images.ts')
  // Warm up: libvips and its format loaders are in memory on a running server.
  await resizeImage(pngOfSize(64, 64), { width: 32 })
  const input = readFileSync(file)
  global.gc?.()
  const baseline = status('VmRSS')
  writeFileSync('/proc/self/clear_refs', '5') // peak RSS mark := current RSS
  const started = performance.now()
  const outcomes = await Promise.all(
    Array.from({ length: copies }, async () => {
      try {
        const photo = await resizeImage(input, { width: 1280, height: 1280, fit: 'inside' })
        await resizeImage(photo, { width: 360, height: 360 })
        return 'stored'
      } catch (err) {
        return err.code ?? err.message
      }
    }),
  )
  const ms = performance.now() - started
  const peak = status('VmHWM')
  const after = status('VmRSS')
  process.stdout.write(JSON.stringify({ baseline, peak, after, ms, outcomes, limit: MAX_IMAGE_PIXELS }))
}

function run(file, copies) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, '--expose-gc', self, '--child', file, String(copies)], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    p.stdout.on('data', (d) => (out += d))
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}`))))
  })
}

/** A smooth photo-like picture: noise at 1/200 scale, enlarged (compresses like a photo of a field, not like static). */
async function picture(sharp, width, height) {
  return sharp({ create: { width: Math.ceil(width / 200), height: Math.ceil(height / 200), channels: 3, background: '#6a8', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .resize(width, height, { kernel: 'cubic' })
    .raw()
    .toBuffer({ resolveWithObject: true })
}


async function main() {
  const sharp = (await import('sharp')).default
  const dir = mkdtempSync(join(tmpdir(), 'image-memory-'))
  try {
    const [width, height] = [8660, 5773] // 49.99 MP, under MAX_IMAGE_PIXELS
    const { data, info } = await picture(sharp, width, height)
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } }
    const files = {
      jpeg: join(dir, 'max.jpg'),
      progressive: join(dir, 'max-progressive.jpg'),
      png: join(dir, 'max.png'),
      interlaced: join(dir, 'max-interlaced.png'),
      bomb: join(dir, 'bomb.png'),
    }
    // JPEGs decode shrunk (libjpeg scales by 1/8 while decoding), baseline or progressive; PNGs
    // decode whole rows, an interlaced (Adam7) PNG the whole picture at once: the worst case.
    writeFileSync(files.jpeg, await sharp(data, raw).jpeg({ quality: 85 }).toBuffer())
    writeFileSync(files.progressive, await sharp(data, raw).jpeg({ quality: 85, progressive: true }).toBuffer())
    const png = { compressionLevel: 9, palette: true, colours: 16, dither: 0 }
    writeFileSync(files.png, await sharp(data, raw).png(png).toBuffer())
    writeFileSync(files.interlaced, await sharp(data, raw).png({ ...png, progressive: true }).toBuffer())
    writeFileSync(files.bomb, pngOfSize(16000, 16000))
    const cases = [
      ['50 MP JPEG', files.jpeg, 1],
      ['50 MP progressive JPEG', files.progressive, 1],
      ['50 MP PNG', files.png, 1],
      ['50 MP interlaced PNG', files.interlaced, 1],
      ['50 MP progressive JPEG, 4 at once', files.progressive, 4],
      ['50 MP interlaced PNG, 4 at once', files.interlaced, 4],
      ['16000×16000 PNG (256 MP), refused', files.bomb, 1],
    ]
    console.log(`image-memory: ${width}×${height} = ${((width * height) / 1e6).toFixed(1)} MP; Node ${process.version}`)
    let worst = 0
    for (const [name, file, copies] of cases) {
      const size = statSync(file).size
      if (size > 10 * MB) console.log(`  (${name}: ${(size / MB).toFixed(1)} MB is over the 10 MB upload limit)`)
      const r = await run(file, copies)
      worst = Math.max(worst, r.peak)
      console.log(
        `  ${name.padEnd(36)} file ${(size / MB).toFixed(2).padStart(5)} MB  baseline ${(r.baseline / MB).toFixed(0).padStart(4)} MB  ` +
          `peak ${(r.peak / MB).toFixed(0).padStart(4)} MB (+${((r.peak - r.baseline) / MB).toFixed(0)})  after ${(r.after / MB).toFixed(0).padStart(4)} MB  ` +
          `${r.ms.toFixed(0).padStart(5)} ms  ${[...new Set(r.outcomes)].join(', ')}`,
      )
    }
    const peakMb = Math.round(worst / MB)
    console.log(`GOAL image_decode_peak_rss ${peakMb} MB ${TARGET_MB} ${peakMb <= TARGET_MB ? 'met' : 'missed'}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], Number(process.argv[4]))
else await main()
