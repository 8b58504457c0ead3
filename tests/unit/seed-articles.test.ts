// Fidelity of the seed articles to the printed page they were taken from (四川科技报 page 1, 要闻,
// June 2022). Nothing here repeats the article text: everything is checked against the source file.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { articleInput } from '../../common/schemas/news'
import { SEED_ARTICLES } from '../../server/src/seed/articles'

// A copy of ../shared/seed/000_446bd004305a7823.txt, the page the project started from.
const SOURCE_PATH = join(__dirname, '../fixtures/sckjb-2022-06-page1.txt')
const source = readFileSync(SOURCE_PATH, 'utf8')
const squash = (s: string): string => s.replace(/\s+/g, '')
const flatSource = squash(source)

/** Masthead and page furniture that belong to no article. */
const BOILERPLATE = [
  '欢迎关注“四川科协”微信公众号',
  '欢迎关注四川科技网',
  '新闻热线028-65059830',
  '四川省科学技术协会主管、主办总编辑(代):姚海军国内统一刊号:CN51-0046邮发代号:61-71网址:www.sckjw.com.cn本期共8版',
  '◎图片新闻',
]
const SENTENCE_END = ['。', '！', '？', '”', '；']

/** Every printed string an article carries, whitespace removed. */
function textsOf(a: (typeof SEED_ARTICLES)[number]): string[] {
  return [a.title, a.subtitle, a.byline, ...a.paragraphs].filter((s): s is string => s !== null).map(squash)
}

describe('SEED_ARTICLES', () => {
  it('has the five articles of the page, each a valid ArticleInput', () => {
    expect(SEED_ARTICLES).toHaveLength(5)
    for (const a of SEED_ARTICLES) {
      expect(() => articleInput.parse(a)).not.toThrow()
      expect(a.publishedOn).toBe('2022-06')
      expect(a.pageNo).toBe(1)
      expect(a.pageName).toBe('要闻')
    }
  })

  it('keeps titles, subtitles, bylines and paragraphs exactly as printed', () => {
    for (const a of SEED_ARTICLES) {
      for (const s of textsOf(a)) expect(flatSource).toContain(s)
      for (const p of a.paragraphs) {
        expect(p).toBe(p.trim())
        expect(p).not.toMatch(/\n/)
      }
    }
  })

  it('keeps the page order, and each article\'s paragraphs in printed order', () => {
    let pos = -1
    for (const a of SEED_ARTICLES) {
      const at = flatSource.indexOf(squash(a.title))
      expect(at).toBeGreaterThan(pos)
      pos = at
      let p = at
      for (const para of a.paragraphs) {
        const next = flatSource.indexOf(squash(para), p)
        expect(next).toBeGreaterThan(p)
        p = next
      }
    }
  })

  it('repairs column breaks: no paragraph ends mid-sentence', () => {
    for (const a of SEED_ARTICLES) {
      for (const p of a.paragraphs) expect(SENTENCE_END).toContain(p.slice(-1))
    }
  })

  it('covers the whole page: only masthead, credit parentheses and the 图片新闻 marker are left over', () => {
    const pieces = SEED_ARTICLES.flatMap(textsOf).sort((x, y) => y.length - x.length)
    let rest = flatSource
    for (const piece of pieces) {
      expect(rest).toContain(piece)
      rest = rest.replace(piece, '')
    }
    expect(rest.length).toBeLessThan(200)
    expect(rest).not.toMatch(/[。！？；]/)
    for (const b of BOILERPLATE) rest = rest.replace(b, '')
    // What remains is the parentheses around each credit, nothing else.
    expect(rest).toMatch(/^[()]*$/)
  })

  it('has exactly one photo item, captioned by its first paragraph', () => {
    const photos = SEED_ARTICLES.filter((a) => a.kind === 'photo')
    expect(photos).toHaveLength(1)
    const [photo] = photos
    expect(photo.photos).toHaveLength(1)
    expect(photo.photos[0].caption).toBe(photo.paragraphs[0])
    for (const a of SEED_ARTICLES.filter((x) => x.kind !== 'photo')) expect(a.photos).toEqual([])
  })

  it('credits the 甘孜县 article to 甘孜县科协', () => {
    const ganzi = SEED_ARTICLES.filter((a) => a.title.includes('甘孜县科协'))
    expect(ganzi).toHaveLength(1)
    expect(ganzi[0].byline).toBe('甘孜县科协')
  })

  it('takes bylines out of the body text', () => {
    for (const a of SEED_ARTICLES) {
      expect(a.byline).not.toBeNull()
      const last = a.paragraphs[a.paragraphs.length - 1]
      expect(last.endsWith(`(${a.byline})`)).toBe(false)
      expect(last).not.toMatch(/\)\d*$/)
    }
  })
})
