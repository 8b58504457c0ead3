import { stringify } from 'csv-stringify/sync'

// Spreadsheets staff open in Excel (WPS reads the same). Excel guesses the encoding of a CSV file
// from its first bytes: without the UTF-8 byte order mark it reads Chinese as mojibake. Rows end
// in CRLF as RFC 4180 says, and a cell holding a line break of either kind is quoted (the library
// quotes only its own record delimiter on its own). A cell starting with = + - @ (or a tab or CR)
// gets a leading apostrophe: names and titles come from the public, and Excel would otherwise run
// them as formulas (CSV injection, OWASP).
export type CsvCell = string | number | null
export type CsvRow = CsvCell[]

export function toCsv(rows: CsvRow[]): string {
  return stringify(rows, { bom: true, record_delimiter: 'windows', escape_formulas: true, quoted_match: /[\r\n]/ })
}

/** A Content-Disposition for a download named in Chinese, with an ASCII fallback for old clients. */
export function attachment(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`
}
