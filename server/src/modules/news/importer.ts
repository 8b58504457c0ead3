// 四川科技报 page importer: staff paste the text of one printed page (copied from the PDF, or from
// the newspaper's site, which starts with a line like `3109 期 / 第1版:要闻` and a date line) and
// get back the articles on it, ready for a preview and then createArticle. Pure: no DB, no I/O.
//
// How the text is read (each rule is applied to one trimmed, non-empty line at a time; blank
// lines carry no meaning, because the PDF text has blank lines between column blocks anyway):
//
// 1. Page furniture is dropped before anything else: the `N 期 / 第N版:名` header, the paper's
//    masthead line (`四川科技报 2026年12月4日 第1版 要闻`, see readMasthead) and a date line (all
//    give issueNo/pageNo/pageName/publishedOn; full-width digits read as ASCII), the masthead and contact boxes
//    (欢迎关注 … and the short line under it, 新闻热线 and the phone number under it,
//    四川省科学技术协会主管、主办 … 本期共8版, 编辑/校对 credits), site navigation (上一版 …),
//    and page artefacts: a bare number (page/column number) or 第N版 on its own line.
//    Dropped lines do not interrupt anything, so boilerplate printed between two halves of a
//    column-broken paragraph does not stop them being joined.
// 2. `◎ 图片新闻` is a marker: the item after it is a photo item (kind 'photo', caption = its
//    first paragraph). Further items stay photos only while their credit contains 摄.
// 3. Column breaks: a body paragraph whose text does not end with sentence-final punctuation
//    (。！？…；：, possibly followed by closing quotes/brackets ”’」』）) continues in the next
//    line, which is appended without a space (天府兴隆 + 湖实验室). A closing quote or bracket
//    alone does not end a paragraph (“天府科技云” can be split mid-sentence), `。”` does.
// 4. Bylines: a credit in parentheses at the very end of a paragraph, right after its
//    sentence-final punctuation (…。(本报记者 马静璐)), or a line that is only a credit
//    ((樊邦平)); a page number glued after it is ignored. The credit closes the article. Credits
//    are short (≤ 30 chars) and hold no sentence punctuation (。，；), so “(市、区)。” is text.
//    Fallback: 本报讯（记者 某某） at the start of the lead. 本报讯 itself stays in the text.
// 5. Titles: a headline line has no 。/；, does not end with ，、：, and does not start with
//    本报讯. Where an article has just ended (start of page, after a credit or the photo
//    marker), a headline may be up to 80 chars (one real title on the seed page is 47); inside
//    an article that has no credit yet, only ≤ 40 chars and not ending in ！？ (a short
//    exclamation or question is body text), and it then ends that article without a byline.
//    A headline needs at least one line after it. Up to three headline lines in a row form the
//    headline: two lines are 引题 + title (subtitle + title), unless the second starts with ——,
//    then it is a 副题 (title + subtitle); three lines are 引题 + title + 副题 (both kept in
//    subtitle, joined by a space). Only the first headline line may be long; the next ones are
//    ≤ 40.
// 6. (下转第N版) / (上接第N版) jump notes are dropped, with a warning that the text is incomplete.
//
// Anything doubtful becomes a warning in Chinese for the preview (missing credit, very short
// article, long title, open last paragraph, text that belongs to no article, ...).
import { createHash } from 'node:crypto'
import { articleInput, type ArticleInput } from '../../../../common/schemas/news'

export interface ParseOptions {
  /** 'YYYY-MM-DD' or 'YYYY-MM'; wins over a date line on the page. */
  publishedOn?: string
  originalUrl?: string
  /** For pages pasted without the `N 期 / 第N版:名` header line; the header wins when present. */
  issueNo?: number
  pageNo?: number
  pageName?: string
}

export interface ParsedPage {
  issueNo: number | null
  pageNo: number | null
  pageName: string | null
  articles: ArticleInput[]
  warnings: string[]
}

/** A title line longer than this is only accepted where an article has just ended. */
export const TITLE_MAX = 40
const LONG_TITLE_MAX = 80
const BYLINE_MAX = 30
/** Body shorter than this (characters) is flagged for checking. */
const SHORT_ARTICLE = 80

const HEADER_RE = /^(\d+)\s*期\s*[/／|｜]\s*第\s*0*(\d+)\s*版\s*[:：]?\s*(.*)$/
const DATE_RE =
  /^(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?\s*(?:(?:星期|周)[一二三四五六日天])?$/
const PHOTO_MARKER_RE = /^[◎●○■□◆◇★☆]?\s*图片新闻\s*$/
const JUMP_RE = /^[(（]?\s*(下转|上接|转|接)\s*第?\s*(\d+)\s*版\s*[)）]?$/
const JUMP_TAIL_RE = /\s*[(（]\s*(下转|转)\s*第?\s*(\d+)\s*版\s*[)）]\s*$/
const JUMP_HEAD_RE = /^\s*[(（]\s*(上接|接)\s*第?\s*(\d+)\s*版\s*[)）]\s*/
/** Sentence-final punctuation; closers after it are transparent. */
const FINAL = /[。！？!?…；;：:]$/
const CLOSERS = /[”’」』）)\]】》]+$/
const BYLINE_LINE_RE = new RegExp(`^[(（]([^()（）]{1,${BYLINE_MAX}})[)）]\\s*\\d{0,3}$`)
const BYLINE_TAIL_RE = new RegExp(`^(.*[。！？!?…；;][”’」』]?)\\s*[(（]([^()（）]{1,${BYLINE_MAX}})[)）]\\s*\\d{0,3}$`)
const LEAD_BYLINE_RE = /^本报讯\s*[(（]([^()（）]{2,30})[)）]/

function isTerminated(text: string): boolean {
  return FINAL.test(text.replace(CLOSERS, ''))
}

function looksLikeByline(s: string): boolean {
  const t = s.trim()
  return t.length >= 2 && t.length <= BYLINE_MAX && !/[。，,；;！？!?]/.test(t) && !/^[\d\s]+$/.test(t)
}

/** One line: trimmed (full-width spaces too), inner runs of spaces folded to one ASCII space. */
function cleanLine(raw: string): string {
  return raw.replace(/[\s\u3000\u00a0\ufeff]+/g, ' ').trim()
}

const MASTHEAD_RE = /主管、主办|国内统一刊号|邮发代号|本期共\s*\d+\s*版|总编辑[(（]/
const STAFF_RE = /^(责任编辑|责编|编辑|美编|美术编辑|校对|组版|版式设计|版式)\s*[:：]/
const NAV_RE = /^(上一版|下一版|上一篇|下一篇|返回目录|版面导航|标题导航|放大|缩小|默认|PDF下载)/
const PAGE_ARTEFACT_RE = /^([-—－]\s*)?\d{1,3}(\s*[-—－])?$|^第\s*\d+\s*版$/

// The paper's own masthead line, as printed above the page or copied from the PDF:
// `四川科技报 2026年12月4日 第1版 要闻`, `四川科技报 第3109期 2026年12月4日 星期五 第1版：要闻`,
// `２０２６年１２月４日 第３１０９期 第１版 要闻` (full-width digits, any spacing). A line is a
// masthead only when nothing but these parts is on it, with a date or 第N版 and at least one
// other part — so a sentence that mentions a date or a page is never swallowed.
const MASTHEAD_PARTS: Array<[name: string, re: RegExp]> = [
  ['paper', /^《?四川科技报》?/],
  ['date', /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/],
  ['weekday', /^(?:星期|周)[一二三四五六日天]/],
  ['issue', /^(?:总\s*)?第?\s*(\d{1,6})\s*期/],
  ['page', /^第\s*0*(\d{1,3})\s*版(?:\s*[:：]?\s*([\u4e00-\u9fff]{1,8}))?/],
]
const MASTHEAD_GAP = /^[\s/／|｜·•,，、:：-]+/

interface Masthead {
  issueNo: number | null
  pageNo: number | null
  pageName: string | null
  date: string | null
}

export function readMasthead(raw: string): Masthead | null {
  let rest = raw.normalize('NFKC').trim()
  const found = new Map<string, RegExpExecArray>()
  while (rest) {
    rest = rest.replace(MASTHEAD_GAP, '')
    if (!rest) break
    const part = MASTHEAD_PARTS.find(([name, re]) => !found.has(name) && re.test(rest))
    if (!part) return null
    const m = part[1].exec(rest)!
    found.set(part[0], m)
    rest = rest.slice(m[0].length)
  }
  if (!found.has('date') && !found.has('page')) return null
  if (found.size < 2) return null
  const d = found.get('date')
  const [y, mo, da] = d ? (d[1] ? [d[1], d[2], d[3]] : [d[4], d[5], d[6]]) : ['', '', '']
  const date = y && Number(mo) >= 1 && Number(mo) <= 12 && Number(da) >= 1 && Number(da) <= 31 ? `${y}-${mo.padStart(2, '0')}-${da.padStart(2, '0')}` : null
  const issue = found.get('issue')
  const page = found.get('page')
  return {
    issueNo: issue ? Number(issue[1]) : null,
    pageNo: page ? Number(page[1]) : null,
    pageName: page?.[2] ?? null,
    date,
  }
}

type Token = { type: 'line'; text: string } | { type: 'photo' }

interface PageMeta {
  issueNo: number | null
  pageNo: number | null
  pageName: string | null
  date: string | null
}

/** Rule 1: drop page furniture, read the header and date line, mark 图片新闻. */
function tokenize(text: string, meta: PageMeta): Token[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(cleanLine)
    .filter((l) => l !== '')
  const tokens: Token[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const next = lines[i + 1]
    const masthead = readMasthead(line)
    if (masthead) {
      meta.issueNo ??= masthead.issueNo
      if (meta.pageNo === null && masthead.pageNo !== null) {
        meta.pageNo = masthead.pageNo
        meta.pageName = masthead.pageName
      }
      meta.date ??= masthead.date
      continue
    }
    const header = HEADER_RE.exec(line)
    if (header && meta.pageNo === null) {
      meta.issueNo = Number(header[1])
      meta.pageNo = Number(header[2])
      meta.pageName = header[3].trim() || null
      continue
    }
    const date = DATE_RE.exec(line.normalize('NFKC'))
    if (date) {
      const [, y, m, d] = date
      if (meta.date === null) meta.date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`
      continue
    }
    if (/^欢迎关注/.test(line)) {
      // "欢迎关注" alone: the account name is on the next line.
      if (line.length <= 6 && next !== undefined && next.length <= 25 && !/[。]/.test(next)) i++
      continue
    }
    if (/^新闻热线/.test(line)) {
      if (!/\d/.test(line) && next !== undefined && /^[\d\s\-—()（）、,，]+$/.test(next)) i++
      continue
    }
    if (MASTHEAD_RE.test(line) && !/。/.test(line)) continue
    if (STAFF_RE.test(line) && line.length <= 40) continue
    if (NAV_RE.test(line) && line.length <= 20) continue
    if (PAGE_ARTEFACT_RE.test(line)) continue
    if (PHOTO_MARKER_RE.test(line)) {
      tokens.push({ type: 'photo' })
      continue
    }
    tokens.push({ type: 'line', text: line })
  }
  return tokens
}

interface Draft {
  title: string
  subtitle: string | null
  byline: string | null
  paragraphs: string[]
  /** The last paragraph does not end a sentence yet (rule 3). */
  open: boolean
  /** Started right after the 图片新闻 marker. */
  afterMarker: boolean
}

function isHeadline(line: string, max: number, inArticle: boolean): boolean {
  if (line.length > max) return false
  if (/[。；;]/.test(line)) return false
  if (/[，,、：:]$/.test(line)) return false
  if (/^本报讯/.test(line)) return false
  if (BYLINE_LINE_RE.test(line) || JUMP_RE.test(line)) return false
  if (inArticle && /[！？!?]$/.test(line.replace(CLOSERS, ''))) return false
  return true
}

const quote = (t: string): string => `《${t.length > 24 ? `${t.slice(0, 24)}…` : t}》`

export function parseNewspaperPage(text: string, opts: ParseOptions = {}): ParsedPage {
  const warnings: string[] = []
  const meta: PageMeta = { issueNo: null, pageNo: null, pageName: null, date: null }
  const tokens = tokenize(text, meta)
  const issueNo = meta.issueNo ?? opts.issueNo ?? null
  const pageNo = meta.pageNo ?? opts.pageNo ?? null
  const pageName = meta.pageName ?? opts.pageName ?? null
  const publishedOn = opts.publishedOn ?? meta.date ?? null
  if (opts.publishedOn && meta.date && !meta.date.startsWith(opts.publishedOn) && !opts.publishedOn.startsWith(meta.date))
    warnings.push(`指定的日期 ${opts.publishedOn} 与版面上的日期 ${meta.date} 不一致，已使用指定的日期`)
  // Said in the words of the preview page, which has fields for each: never a command-line hint.
  // A page often comes without its 期号 (the PDF's masthead has none); without 第N版 it is worth a word.
  if (pageNo === null) warnings.push(`没有找到版次${issueNo === null ? '和期号' : ''}（如“第1版”），请在上面的“版次”${issueNo === null ? '“期号”' : ''}里填写`)
  if (publishedOn === null) warnings.push('没有找到出版日期，请在上面的“日期”里填写')

  const articles: ArticleInput[] = []
  let current: Draft | null = null
  /** Set by the 图片新闻 marker; kept while consecutive photo items are credited to a photographer. */
  let photoRun = false
  let pendingMarker = false
  let orphan: string[] = []

  const finish = (d: Draft): void => {
    const n = articles.length + 1
    if (d.paragraphs.length === 0) {
      warnings.push(`第${n}篇${quote(d.title)}只有标题没有正文，已跳过`)
      return
    }
    let byline = d.byline
    if (byline === null) {
      const lead = LEAD_BYLINE_RE.exec(d.paragraphs[0])
      if (lead && looksLikeByline(lead[1])) byline = lead[1].trim()
    }
    const isPhoto = photoRun && (d.afterMarker || (byline !== null && /摄/.test(byline)))
    if (!isPhoto) photoRun = false
    const body = d.paragraphs.join('')
    if (byline === null) warnings.push(`第${n}篇${quote(d.title)}没有找到署名（作者或来源），请核对结尾`)
    if (d.open) warnings.push(`第${n}篇${quote(d.title)}最后一段没有以句号等标点结束，可能缺了文字或被错误合并`)
    if (body.length < SHORT_ARTICLE) warnings.push(`第${n}篇${quote(d.title)}正文很短（${body.length}字），请确认没有漏掉段落`)
    if (d.title.length > TITLE_MAX) warnings.push(`第${n}篇的标题较长（${d.title.length}字），请确认没有把正文当成标题：${quote(d.title)}`)
    const article: ArticleInput = {
      kind: isPhoto ? 'photo' : 'article',
      title: d.title,
      subtitle: d.subtitle,
      byline,
      paragraphs: d.paragraphs,
      photos: isPhoto ? [{ url: null, caption: d.paragraphs[0] }] : [],
      publishedOn,
      issueNo,
      pageNo,
      pageName,
      originalUrl: opts.originalUrl ?? null,
    }
    const check = articleInput.safeParse(article)
    if (!check.success)
      warnings.push(`第${n}篇${quote(d.title)}不符合文章格式：${check.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`)
    articles.push(article)
  }

  const flushOrphan = (): void => {
    if (orphan.length === 0) return
    const t = orphan.join(' ')
    warnings.push(`有一段文字不属于任何文章，已忽略：“${t.length > 40 ? `${t.slice(0, 40)}…` : t}”`)
    orphan = []
  }

  const addParagraph = (d: Draft, text: string): void => {
    if (d.open && d.paragraphs.length > 0) d.paragraphs[d.paragraphs.length - 1] += text
    else d.paragraphs.push(text)
    d.open = !isTerminated(d.paragraphs[d.paragraphs.length - 1])
  }

  /** A line of the open article; a byline at its end (（来马镇科协）) closes it: true. */
  const addLine = (d: Draft, line: string): boolean => {
    const tail = BYLINE_TAIL_RE.exec(line)
    if (!tail || !looksLikeByline(tail[2])) {
      addParagraph(d, line)
      return false
    }
    addParagraph(d, tail[1])
    d.byline = tail[2].trim()
    finish(d)
    return true
  }

  const lineAt = (k: number): string | null => {
    const t = tokens[k]
    return t && t.type === 'line' ? t.text : null
  }

  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]
    if (tok.type === 'photo') {
      if (current) finish(current)
      current = null
      flushOrphan()
      photoRun = true
      pendingMarker = true
      continue
    }
    let line = tok.text

    // Rule 6: jump notes.
    const jump = JUMP_RE.exec(line)
    if (jump) {
      warnings.push(`${current ? `${quote(current.title)}` : '版面上'}有“${line}”，文章跨版，正文不完整`)
      continue
    }
    const jumpTail = JUMP_TAIL_RE.exec(line)
    if (jumpTail) {
      warnings.push(`${current ? quote(current.title) : '版面上'}有“${jumpTail[0].trim()}”，文章跨版，正文不完整`)
      line = line.slice(0, jumpTail.index)
    }
    line = line.replace(JUMP_HEAD_RE, '')
    if (line === '') continue

    // Rule 4: a credit on its own line closes the current article.
    const bylineLine = BYLINE_LINE_RE.exec(line)
    if (bylineLine && looksLikeByline(bylineLine[1])) {
      if (current && current.paragraphs.length > 0) {
        current.byline = bylineLine[1].trim()
        finish(current)
        current = null
      } else {
        warnings.push(`署名“${line}”前面没有文章，已忽略`)
      }
      continue
    }

    // Rule 3: an open paragraph swallows the next line, whatever it looks like.
    if (current && current.open) {
      if (addLine(current, line)) current = null
      continue
    }

    // Rule 5: headlines.
    const inArticle = current !== null
    const hasNext = lineAt(i + 1) !== null
    if (hasNext && isHeadline(line, inArticle ? TITLE_MAX : LONG_TITLE_MAX, inArticle)) {
      const group = [line]
      while (group.length < 3) {
        const cand = lineAt(i + group.length)
        if (cand === null || lineAt(i + group.length + 1) === null) break
        if (!isHeadline(cand, TITLE_MAX, false) || /^本报讯/.test(cand)) break
        group.push(cand)
      }
      if (current) finish(current)
      flushOrphan()
      let title: string
      let subtitle: string | null
      if (group.length === 1) [title, subtitle] = [group[0], null]
      else if (group.length === 2 && /^[—-]{1,2}/.test(group[1])) [title, subtitle] = [group[0], group[1]]
      else if (group.length === 2) [subtitle, title] = [group[0], group[1]]
      else {
        ;[title, subtitle] = [group[1], `${group[0]} ${group[2]}`]
        warnings.push(`${quote(title)}上下各有一行标题（引题和副题），都放进了副标题，请核对`)
      }
      current = { title, subtitle, byline: null, paragraphs: [], open: false, afterMarker: pendingMarker }
      pendingMarker = false
      i += group.length - 1
      continue
    }

    // Body text.
    if (!current) {
      orphan.push(line)
      continue
    }
    if (addLine(current, line)) current = null
  }
  if (current) finish(current)
  flushOrphan()
  if (articles.length === 0) warnings.push('没有识别出任何文章，请检查粘贴的内容')
  return { issueNo, pageNo, pageName, articles, warnings }
}

/** Title and body as compared for duplicates: NFKC (full-width ↔ ASCII), no whitespace. */
function normalise(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '')
}

/**
 * Stable identity of an article for recognising a page imported twice: sha256 of the normalised
 * title and the first 30 characters of the normalised body (本报讯 skipped, so a lead edited to
 * drop it still matches). Works on DB rows too (only title and paragraphs are read).
 */
export function articleKey(a: Pick<ArticleInput, 'title' | 'paragraphs'>): string {
  const body = normalise(a.paragraphs.join('')).replace(/^本报讯/, '').slice(0, 30)
  return createHash('sha256').update(`${normalise(a.title)}\n${body}`).digest('hex')
}
