import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { createDb, type Db } from '../../server/src/db/database'
import { migrateToLatest } from '../../server/src/db/migrate'
import { login, useTestContext } from './helpers'
import { seedDemoData } from '../../server/src/seed/seed'
import { SEED_ARTICLES } from '../../server/src/seed/articles'
import { PRIVACY_VERSION } from '../../common/enums'

// Staff import a newspaper page: paste → preview → publish; a page published twice adds nothing.
const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures', name), 'utf8')
const SEED_PAGE = fixture('sckjb-2022-06-page1.txt')
const PAGE_3109 = fixture('newspaper/3109-page1.txt')

let staff: { authorization: string }
const ctx = useTestContext()
beforeAll(async () => {
  await seedDemoData(ctx.db, ctx.config.phoneEncryptionKey, new Date())
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/dev-login', payload: { userKey: 'staff-sc', consentVersion: PRIVACY_VERSION } })
  staff = { authorization: `Bearer ${res.json().token}` }
})

const preview = (body: unknown, headers: Record<string, string> = staff) =>
  ctx.app.inject({ method: 'POST', url: '/api/staff/news/preview', headers, payload: body as any })
const publish = (articles: unknown, headers: Record<string, string> = staff) =>
  ctx.app.inject({ method: 'POST', url: '/api/staff/news', headers, payload: { articles } as any })
const count = async () => Number((await ctx.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

test('the seed page previews as its five articles, each recognised as already published', async () => {
  const res = await preview({ text: SEED_PAGE, publishedOn: '2022-06', pageNo: 1, pageName: '要闻' })
  expect(res.statusCode).toBe(200)
  const page = res.json()
  expect(page.articles.map((a: { title: string }) => a.title)).toEqual(SEED_ARTICLES.map((a) => a.title))
  expect(page.articles.every((a: { duplicate: boolean }) => a.duplicate)).toBe(true)
  const before = await count()
  const out = await publish(page.articles.map(({ duplicate: _d, ...a }: { duplicate: boolean }) => a))
  expect(out.json()).toMatchObject({ created: [], skipped: SEED_ARTICLES.map((a) => a.title) })
  expect(await count()).toBe(before)
})

test('a new page is published once, with the corrections staff made; publishing it again adds nothing', async () => {
  const page = (await preview({ text: PAGE_3109 })).json()
  expect(page.issueNo).toBe(3109)
  expect(page.articles.length).toBeGreaterThan(0)
  expect(page.articles.some((a: { duplicate: boolean }) => a.duplicate)).toBe(false)
  const corrected = page.articles.map(({ duplicate: _d, ...a }: { duplicate: boolean; title: string }, i: number) => (i === 0 ? { ...a, byline: '本报记者 校对后' } : a))
  const before = await count()
  const first = (await publish(corrected)).json()
  expect(first.created).toHaveLength(corrected.length)
  expect(await count()).toBe(before + corrected.length)
  const stored = await ctx.db.selectFrom('articles').select('byline').where('id', '=', first.created[0]).executeTakeFirstOrThrow()
  expect(stored.byline).toBe('本报记者 校对后')
  // The public news list shows them.
  const news = (await ctx.app.inject({ method: 'GET', url: '/api/news?limit=50' })).json()
  expect(news.items.map((i: { id: number }) => i.id)).toEqual(expect.arrayContaining(first.created))

  const again = (await publish(corrected)).json()
  expect(again).toEqual({ created: [], skipped: corrected.map((a: { title: string }) => a.title) })
  expect(await count()).toBe(before + corrected.length)
  // Previewing it again marks every article as already published.
  const page2 = (await preview({ text: PAGE_3109 })).json()
  expect(page2.articles.every((a: { duplicate: boolean }) => a.duplicate)).toBe(true)
})

test('an article whose title staff corrected is still recognised when the page comes again', async () => {
  const text = SEED_PAGE.replace('李子俏 果农笑', '李子俏 果农欢笑') // as if the page had a different title
  const page = (await preview({ text })).json()
  const edited = page.articles.find((a: { title: string }) => a.title === '李子俏 果农欢笑')
  expect(edited.duplicate).toBe(false)
  const { duplicate: _d, ...article } = edited
  const out = (await publish([{ ...article, title: '李子俏 果农乐' }])).json()
  expect(out.created).toHaveLength(1)
  const again = (await preview({ text })).json()
  expect(again.articles.find((a: { title: string }) => a.title === '李子俏 果农欢笑').duplicate).toBe(true)
})

test('a page under the paper’s masthead line is read as dated and paged, and published in page order (issue 12)', async () => {
  const text = [
    '四川科技报　２０２６年１２月４日　第１版　要闻',
    '理塘县牧民学会牦牛冬季补饲',
    '本报讯 近日，理塘县科协组织专家走进牧场，向牧民讲解牦牛冬季补饲和暖棚建设技术，三百余户牧民参加培训。专家还留下了联系电话，方便牧民随时请教。',
    '（本报记者 卓玛）',
    '稻城县开展青稞新品种示范',
    '本报讯 稻城县农业农村局在三个乡镇开展青稞新品种示范种植，示范面积五百亩，亩产比老品种提高两成。县科协组织科普志愿者到田间讲解种植要点。',
    '（本报记者 格桑）',
  ].join('\n')
  const page = (await preview({ text })).json()
  expect(page).toMatchObject({ issueNo: null, pageNo: 1, pageName: '要闻' })
  expect(page.articles.map((a: { title: string; subtitle: string | null; publishedOn: string }) => [a.title, a.subtitle, a.publishedOn])).toEqual([
    ['理塘县牧民学会牦牛冬季补饲', null, '2026-12-04'],
    ['稻城县开展青稞新品种示范', null, '2026-12-04'],
  ])
  expect(JSON.stringify(page.warnings)).not.toMatch(/--|YYYY/)
  // Staff fill in the 期号 the masthead did not carry, in the preview.
  const out = (await publish(page.articles.map(({ duplicate: _d, suggestedLinks: _s, ...a }: { duplicate: boolean; suggestedLinks: unknown }) => ({ ...a, issueNo: 3200 })))).json()
  expect(out.created).toHaveLength(2)
  const news = (await ctx.app.inject({ method: 'GET', url: '/api/news?limit=2' })).json()
  expect(news.items.map((i: { title: string; issueNo: number }) => [i.title, i.issueNo])).toEqual([
    ['理塘县牧民学会牦牛冬季补饲', 3200],
    ['稻城县开展青稞新品种示范', 3200],
  ])
  expect(news.items.map((i: { id: number }) => i.id).sort()).toEqual([...out.created].sort())
})

test('two staff members publishing the same page at once add each article once', async () => {
  const page = (await preview({ text: fixture('newspaper/3110-page3-messy.txt') })).json()
  const articles = page.articles.map(({ duplicate: _d, ...a }: { duplicate: boolean }) => a)
  const before = await count()
  const [a, b] = await Promise.all([publish(articles), publish(articles)])
  const created = a.json().created.length + b.json().created.length
  expect(created).toBe(articles.length)
  expect(await count()).toBe(before + articles.length)
})

test('only staff may import; bad input is a 4xx with a stable code and a Chinese message', async () => {
  const farmer = await login(ctx.app)
  expect((await preview({ text: SEED_PAGE }, {})).statusCode).toBe(401)
  expect((await preview({ text: SEED_PAGE }, farmer.auth)).statusCode).toBe(403)
  expect((await publish([SEED_ARTICLES[0]], farmer.auth)).statusCode).toBe(403)
  for (const [body, status] of [
    [{ text: 'short' }, 400],
    [{ text: 'x'.repeat(60_001) }, 400],
    [{ text: SEED_PAGE, publishedOn: 'June' }, 400],
    [{ text: 42 }, 400],
  ] as const) {
    const res = await preview(body)
    expect(res.statusCode).toBe(status)
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/)
  }
  for (const articles of [[], [{ title: '' }], Array.from({ length: 31 }, () => SEED_ARTICLES[0])]) {
    const res = await publish(articles)
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('VALIDATION_FAILED')
  }
})

// The command-line importer (server/scripts/import-newspaper.ts), run as staff would run it: a
// child process through tsx, against its own freshly migrated database (a temp SQLite file, or a
// fresh PostgreSQL database when TEST_DB_URL is set).
describe('npx tsx server/scripts/import-newspaper.ts', () => {
  const ROOT = resolve(__dirname, '../..')
  const SCRIPT = join(ROOT, 'server/scripts/import-newspaper.ts')
  const PAGE = join(__dirname, '../fixtures/newspaper/3109-page1.txt')
  // Two of the articles on that page, as printed.
  const TITLES = ['川西平原首个智慧农场投入运行', '油菜花开 蜂农采蜜忙']
  let url: string
  let db: Db
  let drop: () => Promise<void>

  beforeAll(async () => {
    const base = process.env.TEST_DB_URL
    if (!base) {
      const dir = mkdtempSync(join(tmpdir(), 'tianfu-import-'))
      url = `sqlite:${join(dir, 'import.db')}`
      drop = async () => rmSync(dir, { recursive: true, force: true })
    } else {
      const name = `t_${randomBytes(6).toString('hex')}`
      const admin = new pg.Client({ connectionString: base })
      await admin.connect()
      await admin.query(`create database ${name}`)
      await admin.end()
      const u = new URL(base)
      u.pathname = `/${name}`
      url = u.toString()
      drop = async () => {
        const c = new pg.Client({ connectionString: base })
        await c.connect()
        await c.query(`drop database if exists ${name} with (force)`)
        await c.end()
      }
    }
    db = createDb(url)
    await migrateToLatest(db)
  })
  afterAll(async () => {
    await db?.destroy()
    await drop?.()
  })

  function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((done) => {
      execFile(
        process.execPath,
        [require.resolve('tsx/cli'), SCRIPT, ...args],
        { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test', LOG_LEVEL: 'silent' }, timeout: 60_000, encoding: 'utf8' },
        (err, stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
      )
    })
  }
  const stored = () => db.selectFrom('articles').select(['title', 'issue_no', 'page_no', 'published_on']).orderBy('id').execute()

  test('without arguments: exits 1 with the usage line', async () => {
    const res = await run([])
    expect(res.code).toBe(1)
    expect(res.stderr).toContain('用法: npx tsx server/scripts/import-newspaper.ts')
  }, 60_000)

  test('without --publish: prints the preview and writes nothing', async () => {
    const res = await run([PAGE])
    expect(res.code).toBe(0)
    expect(res.stdout).toContain('3109 期')
    expect(res.stdout).toContain('2024-05-17')
    const found = Number(/识别出 (\d+) 篇/.exec(res.stdout)?.[1])
    expect(found).toBeGreaterThanOrEqual(TITLES.length)
    for (const title of TITLES) expect(res.stdout).toContain(title)
    expect(res.stdout).toContain('仅预览')
    expect(res.stdout).not.toMatch(/导入 \d+ 篇/)
    expect(await stored()).toEqual([])
  }, 60_000)

  test('with --publish: the articles are written; a second run adds nothing', async () => {
    const preview = await run([PAGE])
    const found = Number(/识别出 (\d+) 篇/.exec(preview.stdout)?.[1])

    const first = await run([PAGE, '--publish'])
    expect(first.code).toBe(0)
    expect(first.stdout).toContain(`导入 ${found} 篇, 跳过 0 篇`)
    const rows = await stored()
    expect(rows).toHaveLength(found)
    expect(rows.map((r) => r.title)).toEqual(expect.arrayContaining(TITLES))
    for (const r of rows) expect(r).toMatchObject({ issue_no: 3109, page_no: 1 })
    expect(String(rows[0].published_on)).toContain('2024-05-17')

    const second = await run([PAGE, '--publish'])
    expect(second.code).toBe(0)
    expect(second.stdout).toContain(`导入 0 篇, 跳过 ${found} 篇`)
    for (const title of TITLES) expect(second.stdout).toContain(`跳过(已存在): ${title}`)
    expect(await stored()).toEqual(rows)
  }, 120_000)
})
