import { ERROR_MESSAGES, isErrorCode, type ErrorCode } from '../errors'
import { charCount, cleanText, hasControlChars } from '../text'

// What every form field is checked against, once, for the server's zod schemas (common/schemas)
// and for the app's forms alike. No zod here: the mini program imports these files, and zod would
// more than double its main package.
//
// A validator answers what the server's 400 would say, field by field: the same paths as the
// answer's `fields` ('contact.phone') and, unless the form asks for its own wording, the same
// Chinese messages. tests/unit/rules.test.ts holds every validator against its schema.

/** Field path → Chinese message, as in the server's 400 answer (`fields`). Empty: nothing wrong. */
export type FieldErrors = Record<string, string>

/** [min, max] characters, counted as a person counts them (common/text.ts). */
export type Limit = readonly [min: number, max: number]

/** Mobile numbers in mainland China: 11 digits, 13x–19x. */
export const PHONE = /^1[3-9]\d{9}$/
export const PHONE_MESSAGE = ERROR_MESSAGES.PHONE_INVALID

export function isMobilePhone(value: unknown): value is string {
  return typeof value === 'string' && PHONE.test(value)
}

/** National division codes in Sichuan: '51', then 4 (prefecture), 6 (county) or 9 (township) digits. */
export const REGION_CODE = /^51(\d{2}(\d{2}(\d{3})?)?)?$/
export const TOWNSHIP_CODE = /^51\d{7}$/

/** Row ids are 32-bit integers on PostgreSQL: anything larger cannot name a row. */
export const MAX_ID = 2147483647

/** The longest web link stored. */
export const URL_MAX = 2000

/**
 * A web link as people and staff may store it: http(s) with a host, no spaces or control
 * characters. Anything else (javascript:, data:, a bare path) would run or mislead where it is
 * opened or copied. A regular expression, not URL(): the app's runtimes do not all have it.
 */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s/?#@\\]+(?::\d{1,5})?(?:[/?#][^\s]*)?$/i.test(value) && !/[\u0000-\u001f\u007f]/.test(value)
}

/** What the server says about a field whose problem has no Chinese message of its own (a wrong type). */
export const FORMAT_MESSAGE = '格式不正确'
/** Text holding a control character (common/text.ts `hasControlChars`). */
export const CONTROL_MESSAGE = '含有无法显示的字符'

/**
 * The message the server's 400 shows for a schema issue (server/src/plugins/errors.ts): an error
 * code names its catalogued message, a Chinese message is shown as it is, anything else (zod's
 * English) becomes FORMAT_MESSAGE.
 */
export function fieldMessage(issueMessage: string | undefined): string {
  if (isErrorCode(issueMessage)) return ERROR_MESSAGES[issueMessage]
  return /[\u4e00-\u9fa5]/.test(issueMessage ?? '') ? issueMessage! : FORMAT_MESSAGE
}

/** Whether an already cleaned text has between min and max characters. */
export function fitsLength(clean: string, [min, max]: Limit): boolean {
  const n = charCount(clean)
  return n >= min && n <= max
}

export type TextProblem = 'short' | 'long' | 'control'

/**
 * What is wrong with a text a person wrote, once invisible characters are removed and it is
 * trimmed (cleanText), or null. A control character outranks the length: it is what the server
 * names when both are wrong. `singleLine` also refuses line breaks and tabs (names).
 */
export function textProblem(s: string, [min, max]: Limit, singleLine = false): TextProblem | null {
  const clean = cleanText(s)
  if (hasControlChars(clean, singleLine)) return 'control'
  return fitsLength(clean, [min, max]) ? null : charCount(clean) < min ? 'short' : 'long'
}

/**
 * "须为 4–40 个字", the server's words; with a label, the app's: "标题须为 4–40 个字", or
 * "备注最多 40 个字" when the text may be empty.
 */
export function lengthMessage([min, max]: Limit, label?: string): string {
  if (!label) return `须为 ${min}–${max} 个字`
  return min === 0 ? `${label}最多 ${max} 个字` : `${label}须为 ${min}–${max} 个字`
}

export interface FormOptions {
  /**
   * A form's own names for its fields (path → '标题'): their length messages then read
   * "标题须为 4–40 个字" instead of the server's bare "须为 4–40 个字". Numbers never change.
   */
  labels?: Readonly<Record<string, string>>
}

interface TextOptions {
  /** May be left out (undefined); an empty string is still counted. */
  optional?: boolean
  /** A code whose message replaces every message of this field (nickname: NICKNAME_INVALID). */
  code?: ErrorCode
  singleLine?: boolean
}

/**
 * The problems of one form, collected the way the server's error handler collects a schema's
 * issues: one message per path, the last one wins.
 *
 * `stopped` mirrors zod: once a field has the wrong type or a value outside its set, a schema's
 * cross-field rules (superRefine) do not run; a wrong length or pattern does not stop them.
 */
export class Problems {
  readonly errors: FieldErrors = {}
  stopped = false

  constructor(private readonly labels: Readonly<Record<string, string>> = {}) {}

  add(path: string, message: string, stop = false): void {
    this.errors[path] = message
    if (stop) this.stopped = true
  }

  /**
   * A length out of `limit` where the server's own message is `serverMessage`: the form's
   * labelled wording when it gave a label for `path`.
   */
  length(path: string, limit: Limit, serverMessage: string): void {
    const label = this.labels[path]
    this.add(path, label ? lengthMessage(limit, label) : serverMessage)
  }

  /** A wrong type: a missing field, a null where text is due, text where a number is. */
  wrongType(path: string, code?: ErrorCode): void {
    this.add(path, code ? ERROR_MESSAGES[code] : FORMAT_MESSAGE, true)
  }

  /** Text a person writes, as common/schemas/common.ts `text(min, max)` checks it. */
  text(path: string, value: unknown, limit: Limit, opts: TextOptions = {}): void {
    if (value === undefined && opts.optional) return
    if (typeof value !== 'string') return this.wrongType(path)
    const problem = textProblem(value, limit, opts.singleLine)
    if (!problem) return
    if (opts.code) this.add(path, ERROR_MESSAGES[opts.code])
    else if (problem === 'control') this.add(path, CONTROL_MESSAGE)
    else this.length(path, limit, lengthMessage(limit))
  }

  /** A string matching `pattern`; `code`'s message otherwise, or the generic one (a non-string is a wrong type). */
  pattern(path: string, value: unknown, pattern: RegExp, code?: ErrorCode, optional = false): void {
    if (value === undefined && optional) return
    if (typeof value !== 'string') return this.wrongType(path)
    if (!pattern.test(value)) this.add(path, code ? ERROR_MESSAGES[code] : FORMAT_MESSAGE)
  }

  phone(path: string, value: unknown, optional = false): void {
    this.pattern(path, value, PHONE, 'PHONE_INVALID', optional)
  }

  township(path: string, value: unknown): void {
    this.pattern(path, value, TOWNSHIP_CODE, 'REGION_INVALID')
  }

  /** One of `values`; otherwise `code`'s message, or the generic one. Either way it stops cross-field rules. */
  oneOf(path: string, value: unknown, values: readonly string[], code?: ErrorCode): void {
    if (!values.includes(value as string)) this.wrongType(path, code)
  }

  /** A whole number in [min, max]. */
  integer(path: string, value: unknown, min: number, max: number): void {
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.wrongType(path)
    if (!Number.isInteger(value) || value < min || value > max) this.add(path, FORMAT_MESSAGE)
  }

  /** A row id in a JSON body (a positive 32-bit integer). */
  id(path: string, value: unknown): void {
    this.integer(path, value, 1, MAX_ID)
  }

  /** A row id that may arrive as text (common/schemas/common.ts `dbId` coerces it with Number()). */
  coercedId(path: string, value: unknown): void {
    let n: unknown
    try {
      n = Number(value)
    } catch {
      n = value // a Symbol or a BigInt Number() refuses: a wrong type
    }
    this.id(path, n)
  }

  /**
   * A list of row ids, at most `max` of them (`code` names the limit's message); left out means
   * none. `idMax`: the largest id taken (listing photos take any positive integer).
   */
  ids(path: string, value: unknown, max: number, code?: ErrorCode, idMax = MAX_ID): void {
    if (value === undefined) return
    if (!Array.isArray(value)) return this.wrongType(path)
    value.forEach((id, i) => this.integer(`${path}.${i}`, id, 1, idMax))
    if (value.length > max) this.add(path, code ? ERROR_MESSAGES[code] : FORMAT_MESSAGE)
  }

  /** A nested object; a missing or non-object value is a wrong type. */
  object(path: string, value: unknown): Record<string, unknown> | null {
    if (isRecord(value)) return value
    this.wrongType(path)
    return null
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
