// The review export (npm run i18n:csv) carries every Tibetan entry whole: parsed back, each row is
// the entry it came from, so what a native speaker reads is exactly what the app shows.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { bo } from '../../common/i18n/bo'
import { CSV_HEADER, catalogCsv, writeCatalogCsv } from '../../scripts/i18n-csv'

const parseCsv = (text: string): string[][] => parse(text, { bom: true, relax_column_count: false })

test('one row per catalog entry, after the header: key, 中文, 说明, བོད་ཡིག, reviewed', () => {
  const [header, ...rows] = parseCsv(catalogCsv())
  expect(header).toEqual(['key', '中文', '说明', 'བོད་ཡིག', 'reviewed'])
  expect(header).toEqual([...CSV_HEADER])
  expect(rows.map((r) => r[0])).toEqual(Object.keys(bo))
  expect(rows.length).toBeGreaterThan(50)
})

test('every entry round-trips: its Chinese, note, Tibetan and review mark come back unchanged', () => {
  const rows = parseCsv(catalogCsv()).slice(1)
  const back = Object.fromEntries(rows.map(([key, zh, note, tibetan, reviewed]) => [key, { zh, note, bo: tibetan, reviewed: reviewed === '是' }]))
  expect(back).toEqual(bo)
  for (const row of rows) expect(['是', '否']).toContain(row[4])
})

test('opens in Excel/WPS as UTF-8 (byte order mark) and is written where asked', () => {
  const dir = mkdtempSync(join(tmpdir(), 'i18n-csv-'))
  try {
    const { file, entries } = writeCatalogCsv(join(dir, 'sub', 'bo.csv'))
    const bytes = readFileSync(file)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(parseCsv(bytes.toString('utf8'))).toHaveLength(entries + 1)
    expect(entries).toBe(Object.keys(bo).length)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
