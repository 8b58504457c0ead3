import { ARTICLE_KINDS } from '../enums'
import { ERROR_MESSAGES } from '../errors'
import { charCount } from '../text'
import { FORMAT_MESSAGE, isHttpUrl, isRecord, Problems, URL_MAX, type FieldErrors, type FormOptions, type Limit } from './fields'

// Newspaper articles as staff import and correct them (common/schemas/news.ts `articleInput`,
// `importPreviewBody`).
//
// Characters are code points, as everywhere (zod 4 counts a string's min/max that way), but of
// the text as sent: unlike the text people write (common/text.ts `cleanText`), nothing is trimmed
// or removed first. Cleaning news too would change what the server accepts, so it waits for the lead.

export const NEWS_LIMITS = {
  title: [1, 120] as Limit,
  subtitle: [0, 120] as Limit,
  byline: [0, 80] as Limit,
  pageName: [0, 20] as Limit,
  /** A whole newspaper page pasted for import. */
  importText: [20, 60_000] as Limit,
} as const

/** 2024-05 or 2024-05-17. */
export const PUBLISHED_ON = /^\d{4}-\d{2}(-\d{2})?$/
/** The importer's key of an article as parsed: sha256 hex. */
export const SOURCE_KEY = /^[0-9a-f]{64}$/

function units(p: Problems, path: string, value: unknown, limit: Limit, nullable = true): void {
  if (value === null && nullable) return
  if (typeof value !== 'string') return p.wrongType(path)
  const n = charCount(value)
  if (n < limit[0] || n > limit[1]) p.length(path, limit, FORMAT_MESSAGE)
}

/** null, or a web link (trimmed) of at most URL_MAX characters. */
function url(p: Problems, path: string, value: unknown): void {
  if (value === null) return
  if (typeof value !== 'string') return p.wrongType(path)
  const s = value.trim()
  if (charCount(s) > URL_MAX) p.add(path, FORMAT_MESSAGE)
  if (!isHttpUrl(s)) p.add(path, ERROR_MESSAGES.URL_INVALID)
}

function positiveInt(p: Problems, path: string, value: unknown): void {
  if (value !== null) p.integer(path, value, 1, Number.MAX_SAFE_INTEGER)
}

/** One article as staff publish it (paths as in `articles.N.…` of the server's answer, without the prefix). */
export function validateArticle(input: object, opts: FormOptions = {}): FieldErrors {
  const v = input as Record<string, unknown>
  const p = new Problems(opts.labels)
  p.oneOf('kind', v.kind, ARTICLE_KINDS)
  units(p, 'title', v.title, NEWS_LIMITS.title, false)
  units(p, 'subtitle', v.subtitle, NEWS_LIMITS.subtitle)
  units(p, 'byline', v.byline, NEWS_LIMITS.byline)
  if (!Array.isArray(v.paragraphs)) p.wrongType('paragraphs')
  else {
    v.paragraphs.forEach((s, i) => {
      if (typeof s !== 'string') p.wrongType(`paragraphs.${i}`)
      else if (!s) p.add(`paragraphs.${i}`, FORMAT_MESSAGE)
    })
    if (!v.paragraphs.length) p.add('paragraphs', FORMAT_MESSAGE)
  }
  if (!Array.isArray(v.photos)) p.wrongType('photos')
  else {
    v.photos.forEach((photo, i) => {
      if (!isRecord(photo)) return p.wrongType(`photos.${i}`)
      url(p, `photos.${i}.url`, photo.url)
      if (typeof photo.caption !== 'string') p.wrongType(`photos.${i}.caption`)
    })
  }
  if (v.publishedOn !== null) p.pattern('publishedOn', v.publishedOn, PUBLISHED_ON)
  positiveInt(p, 'issueNo', v.issueNo)
  positiveInt(p, 'pageNo', v.pageNo)
  units(p, 'pageName', v.pageName, NEWS_LIMITS.pageName)
  url(p, 'originalUrl', v.originalUrl)
  if (v.sourceKey !== undefined) p.pattern('sourceKey', v.sourceKey, SOURCE_KEY)
  return p.errors
}
