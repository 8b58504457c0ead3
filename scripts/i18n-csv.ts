// The Tibetan catalog (common/i18n/bo.ts) as a spreadsheet for a native speaker to review: one row
// per entry with its key, the Chinese it was translated from, the note saying where it shows, our
// Tibetan, and whether it has been reviewed (是/否). Same CSV conventions as the staff exports
// (server/src/lib/csv.ts: UTF-8 with a byte order mark so Excel and WPS read Chinese and Tibetan,
// CRLF rows), except the formula guard: these cells are our own words, not the public's, and the
// guard's leading apostrophe would change the entry the reviewer reads ('＋ 发布'). How to review and mark entries: README, "Tibetan (བོད་ཡིག)".
//   npm run i18n:csv                  # writes data/i18n/bo-review.csv
//   npm run i18n:csv -- path/to/file.csv
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { bo } from '../common/i18n/bo'
import { stringify } from 'csv-stringify/sync'

export const CSV_HEADER = ['key', '中文', '说明', 'བོད་ཡིག', 'reviewed'] as const
export const REVIEWED = { yes: '是', no: '否' } as const
export const DEFAULT_CSV = 'data/i18n/bo-review.csv'

export function catalogCsv(): string {
  const rows = Object.entries(bo).map(([key, e]) => [key, e.zh, e.note, e.bo, e.reviewed ? REVIEWED.yes : REVIEWED.no])
  return stringify([[...CSV_HEADER], ...rows], { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ })
}

export function writeCatalogCsv(file: string = DEFAULT_CSV): { file: string; entries: number; reviewed: number } {
  const path = resolve(file)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, catalogCsv())
  const entries = Object.values(bo)
  return { file: path, entries: entries.length, reviewed: entries.filter((e) => e.reviewed).length }
}

if (require.main === module) {
  const { file, entries, reviewed } = writeCatalogCsv(process.argv[2])
  console.log(`${file}: ${entries} entries, ${reviewed} reviewed by a native speaker, ${entries - reviewed} awaiting review`)
}
