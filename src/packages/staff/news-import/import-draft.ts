import type { ArticleKind } from '../../../../common/enums'
import { charCount } from '../../../../common/text'
import { isHttpUrl, NEWS_LIMITS, PUBLISHED_ON, URL_MAX, validateArticle } from '../../../../common/rules'
import type { ArticleInput, ImportPreview } from '../../../../common/schemas/news'
import type { ArticleLinkInput } from '../../../../common/schemas/article-links'

// The import as staff edit it (kept in a draft), and the checks before it goes to the server:
// the server's own rules (common/rules NEWS_LIMITS, validateArticle), in the page's words.

/** One article of the preview as staff edit it: the paragraphs as one text, blank lines between. */
export interface EditableArticle {
  kind: ArticleKind
  title: string
  subtitle: string
  byline: string
  body: string
  photos: ArticleInput['photos']
  publishedOn: string | null
  issueNo: number | null
  pageNo: number | null
  pageName: string | null
  originalUrl: string | null
  sourceKey?: string
  duplicate: boolean
  skip: boolean
  /** Buttons to product pages the importer suggested from the text; staff untick the ones to drop. */
  links?: Array<ImportPreview['articles'][number]['suggestedLinks'][number] & { keep: boolean }>
}

export interface PreviewDraft {
  issueNo: number | null
  pageNo: number | null
  pageName: string | null
  /** The page's date, 期号, 版次 and 版名 as staff see and correct them; every article gets them. */
  page?: PageFields
  warnings: string[]
  articles: EditableArticle[]
}

export interface ImportDraft {
  text: string
  publishedOn: string
  originalUrl: string
  preview: PreviewDraft | null
}

export const EMPTY_DRAFT: ImportDraft = { text: '', publishedOn: '', originalUrl: '', preview: null }

export const [MIN_TEXT, MAX_TEXT] = NEWS_LIMITS.importText

export interface PageFields {
  publishedOn: string
  issueNo: string
  pageNo: string
  pageName: string
}

export function toEditable(preview: ImportPreview): PreviewDraft {
  return {
    issueNo: preview.issueNo,
    pageNo: preview.pageNo,
    pageName: preview.pageName,
    page: {
      publishedOn: preview.articles[0]?.publishedOn ?? '',
      issueNo: preview.issueNo === null ? '' : String(preview.issueNo),
      pageNo: preview.pageNo === null ? '' : String(preview.pageNo),
      pageName: preview.pageName ?? '',
    },
    warnings: preview.warnings,
    articles: preview.articles.map(({ duplicate, paragraphs, subtitle, byline, suggestedLinks, ...rest }) => ({
      ...rest,
      subtitle: subtitle ?? '',
      byline: byline ?? '',
      body: paragraphs.join('\n\n'),
      duplicate,
      // Already published: left out unless staff tick it back in.
      skip: duplicate,
      links: (suggestedLinks ?? []).map((l) => ({ ...l, keep: true })),
    })),
  }
}

function splitParagraphs(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
}

const POSITIVE = /^[1-9]\d{0,6}$/

/** What is wrong with the page's date, 期号 or 版次 as staff typed them; null when nothing is. */
export function pageError(page: PageFields): string | null {
  if (page.publishedOn.trim() && !PUBLISHED_ON.test(page.publishedOn.trim())) return '日期请写成 2024-05 或 2024-05-17'
  if (page.issueNo.trim() && !POSITIVE.test(page.issueNo.trim())) return '期号请填数字，如 3109'
  if (page.pageNo.trim() && !POSITIVE.test(page.pageNo.trim())) return '版次请填数字，如 1'
  if (charCount(page.pageName.trim()) > NEWS_LIMITS.pageName[1]) return `版名不能超过 ${NEWS_LIMITS.pageName[1]} 个字`
  return null
}

/** An article with the page's fields as staff left them (call after pageError found nothing). */
export function withPage(a: EditableArticle, page: PageFields | undefined): EditableArticle {
  if (!page) return a
  const num = (t: string) => (t.trim() ? Number(t.trim()) : null)
  return { ...a, publishedOn: page.publishedOn.trim() || null, issueNo: num(page.issueNo), pageNo: num(page.pageNo), pageName: page.pageName.trim() || null }
}

export function toInput(a: EditableArticle): ArticleInput & { links: ArticleLinkInput[] } {
  return {
    kind: a.kind,
    title: a.title.trim(),
    subtitle: a.subtitle.trim() || null,
    byline: a.byline.trim() || null,
    paragraphs: splitParagraphs(a.body),
    photos: a.photos,
    publishedOn: a.publishedOn,
    issueNo: a.issueNo,
    pageNo: a.pageNo,
    pageName: a.pageName,
    originalUrl: a.originalUrl,
    // The key of the article as parsed: a corrected title is still the same article next time.
    sourceKey: a.sourceKey,
    links: (a.links ?? []).filter((l) => l.keep).map(({ target, targetId, label }) => ({ target, targetId, label })),
  }
}

/** The page's words for what staff can correct, in the order the editor shows the fields. */
const WORDS: Array<[path: string, message: (input: ArticleInput) => string]> = [
  ['title', (v) => (v.title ? `标题不能超过 ${NEWS_LIMITS.title[1]} 个字` : '请填写标题')],
  ['subtitle', () => `副标题不能超过 ${NEWS_LIMITS.subtitle[1]} 个字`],
  ['byline', () => `作者不能超过 ${NEWS_LIMITS.byline[1]} 个字`],
  ['paragraphs', () => '请填写正文'],
]

/** What is wrong with an edited article, in Chinese; null when it can be published. */
export function articleError(a: EditableArticle): string | null {
  const input = toInput(a)
  const found = validateArticle(input)
  for (const [path, message] of WORDS) if (found[path]) return message(input)
  // The rest comes from the importer, not from staff: the server's own words.
  const rest = Object.values(found)
  return rest.length ? rest[0] : null
}

/** What is wrong with the pasted page before it is sent for a preview; null when nothing is. */
export function pasteError(text: string, publishedOn: string, originalUrl: string): string | null {
  if (charCount(text) < MIN_TEXT) return `请粘贴整版报纸的文字（至少 ${MIN_TEXT} 个字）`
  if (publishedOn && !PUBLISHED_ON.test(publishedOn)) return '日期请写成 2024-05 或 2024-05-17'
  if (originalUrl && (!isHttpUrl(originalUrl) || charCount(originalUrl) > URL_MAX)) return '原文链接请以 http:// 或 https:// 开头'
  return null
}
