// Links staff store with an article (its original, a photo's url) are web links or nothing:
// javascript:, data: and friends answer 400 URL_INVALID with a Chinese message, and store nothing.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { SEED_ARTICLES } from '../../server/src/seed/articles'
import { useTestContext } from './helpers'
import { devLogin, expectError, type Person } from './listings-fixtures'
import { seedDemoData } from '../../server/src/seed/seed'

let staff: Person
const ctx = useTestContext()
beforeAll(async () => {
  await seedDemoData(ctx.db, ctx.config.phoneEncryptionKey, new Date())
  staff = await devLogin(ctx, 'staff-sc')
})

const BAD = ['javascript:alert(document.cookie)', 'JAVASCRIPT:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', '//evil.example/a', 'ftp://files.example/a']
const MESSAGE = '链接须以 http:// 或 https:// 开头，请检查后再试'
const PAGE_TEXT = `四川科技报 2026年11月20日 第1版 要闻\n\n${SEED_ARTICLES[0].title}\n\n${SEED_ARTICLES[0].paragraphs.join('\n')}`

const article = (over: Record<string, unknown>) => ({ ...SEED_ARTICLES[0], title: `链接测试${Math.random().toString(36).slice(2, 8)}`, sourceKey: undefined, ...over })
const publish = (articles: unknown[]) => ctx.app.inject({ method: 'POST', url: '/api/staff/news', headers: staff.auth, payload: { articles } as any })
const articleCount = async () => Number((await ctx.db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

it.each(BAD)('publishing with the original link %j is refused and stores nothing', async (url) => {
  const before = await articleCount()
  const res = await publish([article({ originalUrl: url })])
  expectError(res, 400, 'URL_INVALID')
  expect(res.json().fields).toEqual({ 'articles.0.originalUrl': MESSAGE })
  expect(await articleCount()).toBe(before)
})

it('a photo url that is not a web link is refused too', async () => {
  const res = await publish([article({ photos: [{ url: 'javascript:alert(1)', caption: '图' }] })])
  expectError(res, 400, 'URL_INVALID')
  expect(res.json().fields).toEqual({ 'articles.0.photos.0.url': MESSAGE })
})

it('the preview refuses such an original link before reading the page', async () => {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/staff/news/preview', headers: staff.auth, payload: { text: PAGE_TEXT, originalUrl: 'javascript:alert(1)' } })
  expectError(res, 400, 'URL_INVALID')
})

it('http and https links are kept as written (trimmed)', async () => {
  const res = await publish([article({ originalUrl: '  https://www.sckjb.cn/paper/2026-11-20/1.html ', photos: [{ url: 'http://img.sckjb.cn/1.jpg', caption: '图' }] })])
  expect(res.statusCode).toBe(200)
  const [id] = res.json().created
  const shown = (await ctx.app.inject({ method: 'GET', url: `/api/news/${id}` })).json()
  expect(shown).toMatchObject({ originalUrl: 'https://www.sckjb.cn/paper/2026-11-20/1.html', photos: [{ url: 'http://img.sckjb.cn/1.jpg', caption: '图' }] })
})

it('a link stored before links were checked is not handed out', async () => {
  const res = await publish([article({ originalUrl: 'https://www.sckjb.cn/old' })])
  const [id] = res.json().created
  await ctx.db.updateTable('articles').set({ original_url: 'javascript:alert(1)' }).where('id', '=', id).execute()
  expect((await ctx.app.inject({ method: 'GET', url: `/api/news/${id}` })).json().originalUrl).toBeNull()
})

it('the import script refuses such a --url with a Chinese message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tianfu-page-'))
  try {
    const file = join(dir, 'page.txt')
    writeFileSync(file, PAGE_TEXT)
    const res = await new Promise<{ code: number; stderr: string }>((done) =>
      execFile(
        process.execPath,
        [require.resolve('tsx/cli'), 'server/scripts/import-newspaper.ts', file, '--url', 'javascript:alert(1)'],
        { cwd: resolve(__dirname, '../..'), env: { ...process.env, DATABASE_URL: ctx.dbUrl, LOG_LEVEL: 'silent' }, timeout: 60_000, encoding: 'utf8' },
        (err, _stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr }),
      ),
    )
    expect(res.code).toBe(1)
    expect(res.stderr).toContain('--url 须以 http:// 或 https:// 开头')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}, 60_000)
