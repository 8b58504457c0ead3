// The 四川科技报 page importer: the raw seed page must come out exactly as the hand-repaired seed
// articles, and composed pages in the newspaper site's format exercise the other rules.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { articleInput } from '../../common/schemas/news'
import { articleKey, parseNewspaperPage } from '../../server/src/modules/news/importer'
import { SEED_ARTICLES } from '../../server/src/seed/articles'

const fixture = (name: string): string => readFileSync(join(__dirname, '../fixtures', name), 'utf8')
const SEED_PAGE = fixture('sckjb-2022-06-page1.txt')
const PAGE_3109 = fixture('newspaper/3109-page1.txt')
const PAGE_MESSY = fixture('newspaper/3110-page3-messy.txt')

describe('parseNewspaperPage on the seed page', () => {
  const page = parseNewspaperPage(SEED_PAGE, { publishedOn: '2022-06', pageNo: 1, pageName: '要闻' })

  it('yields exactly the five hand-repaired seed articles', () => {
    expect(page.articles).toEqual(SEED_ARTICLES)
  })

  it('finds titles, 引题, bylines and the photo item', () => {
    expect(page.articles.map((a) => [a.kind, a.title, a.subtitle, a.byline, a.paragraphs.length])).toEqual(
      SEED_ARTICLES.map((a) => [a.kind, a.title, a.subtitle, a.byline, a.paragraphs.length]),
    )
  })

  it('only warns about the one long title, and about nothing that is right', () => {
    expect(page.warnings).toHaveLength(1)
    expect(page.warnings[0]).toContain('标题较长（47字）')
  })

  it('without page options, leaves page fields empty and says so', () => {
    const bare = parseNewspaperPage(SEED_PAGE)
    expect(bare).toMatchObject({ issueNo: null, pageNo: null, pageName: null })
    expect(bare.articles.every((a) => a.publishedOn === null && a.pageNo === null)).toBe(true)
    expect(bare.warnings.some((w) => w.includes('没有找到版次和期号'))).toBe(true)
    expect(bare.warnings.some((w) => w.includes('没有找到出版日期'))).toBe(true)
  })
})

describe('parseNewspaperPage on a site page (3109 期, CRLF, column breaks)', () => {
  const page = parseNewspaperPage(PAGE_3109, { originalUrl: 'https://www.sckjw.com.cn/epaper/3109/1.html' })
  const [farm, photo, yaan] = page.articles

  it('reads the header and date line', () => {
    expect(PAGE_3109).toContain('\r\n')
    expect(page).toMatchObject({ issueNo: 3109, pageNo: 1, pageName: '要闻' })
    for (const a of page.articles) {
      expect(a).toMatchObject({ issueNo: 3109, pageNo: 1, pageName: '要闻', publishedOn: '2024-05-17' })
      expect(a.originalUrl).toBe('https://www.sckjw.com.cn/epaper/3109/1.html')
      expect(() => articleInput.parse(a)).not.toThrow()
    }
    expect(page.warnings).toEqual([])
  })

  it('finds three articles: one with 引题, one photo item, one credited to an organisation', () => {
    expect(page.articles).toHaveLength(3)
    expect(farm).toMatchObject({
      kind: 'article',
      title: '川西平原首个智慧农场投入运行',
      subtitle: '科技赋能乡村振兴',
      byline: '本报记者 李明',
    })
    expect(photo).toMatchObject({ kind: 'photo', title: '油菜花开 蜂农采蜜忙', subtitle: null, byline: '本报通讯员 王芳 摄影报道' })
    expect(photo.photos).toEqual([{ url: null, caption: photo.paragraphs[0] }])
    expect(yaan).toMatchObject({ kind: 'article', title: '雅安市科协开展“科技之春”科普宣传月活动', byline: '雅安市科协' })
    expect(farm.photos).toEqual([])
    expect(yaan.photos).toEqual([])
  })

  it('joins column breaks mid-sentence and mid-word, and trims trailing spaces', () => {
    expect(farm.paragraphs).toHaveLength(3)
    expect(photo.paragraphs).toHaveLength(2)
    expect(yaan.paragraphs).toHaveLength(2)
    expect(farm.paragraphs[0].startsWith('本报讯 5月15日')).toBe(true)
    expect(farm.paragraphs[1]).toContain('亩均节约人工成本约120元。')
    expect(yaan.paragraphs[1].endsWith('不断提升全民科学素质。')).toBe(true)
    for (const a of page.articles) {
      for (const p of a.paragraphs) {
        expect(p).toBe(p.trim())
        expect(p).not.toMatch(/[\r\n]/)
        expect(p).not.toContain('(')
      }
    }
  })
})

describe('parseNewspaperPage on a messy page', () => {
  const page = parseNewspaperPage(PAGE_MESSY, { publishedOn: '2024-05-24' })
  const [school, tips, robots] = page.articles

  it('reads a header written without spaces', () => {
    expect(page).toMatchObject({ issueNo: 3110, pageNo: 3, pageName: '科普' })
    expect(page.articles.every((a) => a.publishedOn === '2024-05-24')).toBe(true)
  })

  it('finds the three articles and their bylines (own line, full-width parentheses, none)', () => {
    expect(page.articles.map((a) => a.title)).toEqual(['让孩子爱上科学的课堂', '科普小知识：夏季如何预防溺水', '乐山举办青少年机器人竞赛'])
    expect(page.articles.map((a) => a.byline)).toEqual(['刘洋', null, '本报通讯员 陈静'])
    expect(page.articles.map((a) => a.paragraphs.length)).toEqual([2, 3, 1])
  })

  it('drops full-width indents, boilerplate in the middle of a paragraph and stray page numbers', () => {
    expect(school.paragraphs[0].startsWith('本报讯 5月20日')).toBe(true)
    expect(school.paragraphs[1]).toContain('从小树立远大理想,努力学好科学文化知识。')
    const all = page.articles.flatMap((a) => [a.title, ...a.paragraphs]).join('\n')
    for (const junk of ['新闻热线', '028-65059830', '主管、主办', '本期共8版', '\u3000']) expect(all).not.toContain(junk)
    expect(tips.paragraphs[2]).toBe('游泳前要做好热身运动，身体不适时不要下水。')
    expect(robots.paragraphs[0].endsWith('学生参赛。')).toBe(true)
  })

  it('warns about the article without a byline and the very short one', () => {
    expect(page.warnings).toHaveLength(2)
    expect(page.warnings[0]).toMatch(/第2篇《科普小知识：夏季如何预防溺水》没有找到署名/)
    expect(page.warnings[1]).toMatch(/第3篇《乐山举办青少年机器人竞赛》正文很短/)
  })
})

describe('parseNewspaperPage edge rules', () => {
  it('keeps a photo run only while credits name a photographer', () => {
    const text = [
      '◎ 图片新闻',
      '春耕忙',
      '田间地头,农民们正忙着春耕。(张三 摄)',
      '樱桃红了',
      '汉源县的樱桃进入采摘期。(李四 摄)',
      '一篇普通文章',
      '本报讯 这是一篇普通文章的正文,讲述了一件普通的事情。(王五)',
    ].join('\n')
    const { articles } = parseNewspaperPage(text)
    expect(articles.map((a) => a.kind)).toEqual(['photo', 'photo', 'article'])
  })

  it('treats —— after a title as its 副题, and warns about jump notes', () => {
    const text = ['科技特派员的一天', '——记省科技特派员张某某', '清晨六点,张某某就来到了果园。', '(下转第2版)'].join('\n')
    const page = parseNewspaperPage(text)
    expect(page.articles[0]).toMatchObject({ title: '科技特派员的一天', subtitle: '——记省科技特派员张某某' })
    expect(page.articles[0].paragraphs).toEqual(['清晨六点,张某某就来到了果园。'])
    expect(page.warnings.some((w) => w.includes('跨版'))).toBe(true)
  })

  it('does not take a parenthesis inside a sentence for a byline', () => {
    const text = ['一个标题', '它们分布在13个市(州)、24个县(市、区)。(某某)'].join('\n')
    const [a] = parseNewspaperPage(text).articles
    expect(a.paragraphs).toEqual(['它们分布在13个市(州)、24个县(市、区)。'])
    expect(a.byline).toBe('某某')
  })
})

describe('articleKey', () => {
  it('gives the same keys when the same page is parsed twice', () => {
    const a = parseNewspaperPage(PAGE_3109).articles.map(articleKey)
    const b = parseNewspaperPage(PAGE_3109.replace(/\r\n/g, '\n')).articles.map(articleKey)
    expect(a).toEqual(b)
    expect(a.every((k) => /^[0-9a-f]{64}$/.test(k))).toBe(true)
  })

  it('matches the seed articles as stored, whatever the page options', () => {
    const parsed = parseNewspaperPage(SEED_PAGE).articles.map(articleKey)
    expect(parsed).toEqual(SEED_ARTICLES.map(articleKey))
  })

  it('gives every article on a page its own key, and ignores whitespace and full-width forms', () => {
    const keys = [...parseNewspaperPage(SEED_PAGE).articles, ...parseNewspaperPage(PAGE_3109).articles].map(articleKey)
    expect(new Set(keys).size).toBe(keys.length)
    const [first] = SEED_ARTICLES
    const respaced = { ...first, title: ` ${first.title} `, paragraphs: first.paragraphs.map((p) => p.replace(/,/g, '，')) }
    expect(articleKey(respaced)).toBe(articleKey(first))
    expect(articleKey({ ...first, title: `${first.title}(续)` })).not.toBe(articleKey(first))
    expect(articleKey({ ...first, paragraphs: ['另一篇文章的开头完全不同。'] })).not.toBe(articleKey(first))
  })
})

describe('the masthead line the paper prints (issue 12)', () => {
  const BODY = [
    '甘孜县举办牦牛冬季补饲技术培训',
    '本报讯 近日，甘孜县科协在呷拉乡举办牦牛冬季补饲技术培训，邀请省农科院专家现场授课，两百余名农牧民参加。培训结束后，专家还到牧场现场指导，手把手教牧民配制冬季补饲料，并发放了技术手册。',
    '（本报记者 扎西）',
  ].join('\n')
  const forms: Array<[string, { issueNo: number | null; pageNo: number; pageName: string | null; publishedOn: string }]> = [
    ['四川科技报 2026年12月4日 第1版 要闻', { issueNo: null, pageNo: 1, pageName: '要闻', publishedOn: '2026-12-04' }],
    ['四川科技报  第3109期  2026年12月4日 星期五  第1版：要闻', { issueNo: 3109, pageNo: 1, pageName: '要闻', publishedOn: '2026-12-04' }],
    ['四川科技报　２０２６年１２月４日　第３１０９期　第２版　科普', { issueNo: 3109, pageNo: 2, pageName: '科普', publishedOn: '2026-12-04' }],
    ['2026年12月4日 第3版', { issueNo: null, pageNo: 3, pageName: null, publishedOn: '2026-12-04' }],
    ['3109期 / 第1版:要闻 / 2026-12-04', { issueNo: 3109, pageNo: 1, pageName: '要闻', publishedOn: '2026-12-04' }],
  ]
  it.each(forms)('%s sets date, 期 and 版 instead of becoming a subtitle', (masthead, expected) => {
    const page = parseNewspaperPage(`${masthead}\n${BODY}`)
    expect(page.articles).toHaveLength(1)
    expect(page.articles[0]).toMatchObject({ title: '甘孜县举办牦牛冬季补饲技术培训', subtitle: null, byline: '本报记者 扎西', ...expected })
    expect(page.warnings).toEqual([])
  })

  it('a sentence that mentions a date or a page stays text', () => {
    const page = parseNewspaperPage(`甘孜县举办牦牛冬季补饲技术培训\n2026年12月4日第1版刊登的通知说，培训报名截止到月底。${BODY.split('\n')[1]}\n（本报记者 扎西）`)
    expect(page.articles[0].paragraphs[0]).toMatch(/^2026年12月4日第1版刊登/)
    expect(page.articles[0].publishedOn).toBeNull()
  })

  it('a page without a date or page says what to fill in, in the preview’s words, never a command-line option', () => {
    const page = parseNewspaperPage(BODY)
    expect(page.warnings).toEqual(expect.arrayContaining([expect.stringContaining('“日期”'), expect.stringContaining('“版次”')]))
    expect(page.warnings.join('\n')).not.toMatch(/--|YYYY/)
  })
})
