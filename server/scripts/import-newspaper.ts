import { readFileSync } from 'node:fs'
import { ARTICLE_KIND_LABELS } from '../../common/enums'
import { articleInput } from '../../common/schemas/news'
import { loadConfig } from '../src/config'
import { createDb } from '../src/db/database'
import { migrateToLatest } from '../src/db/migrate'
import { parseNewspaperPage } from '../src/modules/news/importer'
import { publishImported } from '../src/modules/news/news.service'
import { scriptDetails } from '../src/modules/audit/audit.repository'
import { isHttpUrl } from '../../common/schemas/common'

// npx tsx server/scripts/import-newspaper.ts <file> [--publish] [--date YYYY-MM-DD] [--url URL]
// Previews the articles found on a pasted 四川科技报 page; with --publish, adds the ones not
// already in the database (same articleKey: normalised title + start of the body).
const USAGE = '用法: npx tsx server/scripts/import-newspaper.ts <文件> [--publish] [--date YYYY-MM-DD] [--url URL]'

function parseArgs(argv: string[]): { file: string; publish: boolean; date?: string; url?: string } {
  let file: string | undefined
  let publish = false
  let date: string | undefined
  let url: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--publish') publish = true
    else if (arg === '--date' || arg === '--url') {
      const value = argv[++i]
      if (value === undefined) throw new Error(`${arg} 需要一个值\n${USAGE}`)
      if (arg === '--date') date = value
      else url = value
    } else if (arg.startsWith('--')) throw new Error(`未知参数 ${arg}\n${USAGE}`)
    else if (file === undefined) file = arg
    else throw new Error(`多余的参数 ${arg}\n${USAGE}`)
  }
  if (file === undefined) throw new Error(USAGE)
  if (date !== undefined && !/^\d{4}-\d{2}(-\d{2})?$/.test(date)) throw new Error(`--date 应为 YYYY-MM-DD 或 YYYY-MM: ${date}`)
  if (url !== undefined && !isHttpUrl(url)) throw new Error(`--url 须以 http:// 或 https:// 开头: ${url}`)
  return { file, publish, date, url }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const page = parseNewspaperPage(readFileSync(args.file, 'utf8'), { publishedOn: args.date, originalUrl: args.url })

  const where = [page.issueNo !== null ? `${page.issueNo} 期` : null, page.pageNo !== null ? `第${page.pageNo}版` : null, page.pageName]
  console.log(`四川科技报 ${where.filter(Boolean).join(' ') || '(版面信息未知)'}  日期: ${page.articles[0]?.publishedOn ?? '未知'}`)
  console.log(`识别出 ${page.articles.length} 篇:\n`)
  page.articles.forEach((a, i) => {
    const chars = a.paragraphs.reduce((n, p) => n + p.length, 0)
    console.log(`${i + 1}. [${ARTICLE_KIND_LABELS[a.kind]}] ${a.title}`)
    if (a.subtitle) console.log(`   副标题: ${a.subtitle}`)
    console.log(`   署名: ${a.byline ?? '(无)'}   ${a.paragraphs.length} 段, ${chars} 字`)
    console.log(`   开头: ${a.paragraphs[0].slice(0, 40)}${a.paragraphs[0].length > 40 ? '…' : ''}`)
  })
  if (page.warnings.length > 0) {
    console.log(`\n请核对 (${page.warnings.length}):`)
    for (const w of page.warnings) console.log(`  ! ${w}`)
    // The importer's warnings speak of the app's preview fields; here the fields are options.
    if (!page.articles[0]?.publishedOn) console.log('  (命令行里用 --date YYYY-MM-DD 指定日期)')
  }
  if (!args.publish) {
    console.log('\n仅预览。确认无误后加 --publish 导入。')
    return
  }

  for (const a of page.articles) articleInput.parse(a)
  const config = loadConfig()
  const db = createDb(config.databaseUrl)
  try {
    await migrateToLatest(db)
    // The same dedupe as the staff page: the database refuses a second article with the same key.
    const { created, skipped } = await publishImported(db, page.articles, { actorId: null, at: new Date(), details: scriptDetails('import-newspaper') })
    for (const title of skipped) console.log(`跳过(已存在): ${title}`)
    console.log(`\n导入 ${created.length} 篇, 跳过 ${skipped.length} 篇。`)
  } finally {
    await db.destroy()
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exitCode = 1
})
