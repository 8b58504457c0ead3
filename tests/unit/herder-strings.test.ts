// "The app never hard-codes a user-facing string outside the catalog": on every screen of the
// farmer's and herder's path, no Chinese is written in the code. Chinese in comments is fine; a
// string literal, template or JSX text holding Han characters is a word a Tibetan reader would
// meet untranslated. Staff pages (Chinese by design) and pages herders do not reach are not listed.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

const ROOT = join(__dirname, '../..')
const HERDER_PATH = [
  'src/pages',
  'src/custom-tab-bar',
  'src/packages/account',
  'src/packages/listings',
  'src/packages/messages',
  'src/packages/news',
  // 问题解决了吗: asked of the farmer or herder whose need was resolved.
  'src/packages/triage/followup',
  'src/components',
  'src/i18n',
  'src/hooks',
  'src/services',
  'src/utils',
]
// Shared components that only staff, chairs or experts see.
const NOT_ON_THE_PATH = ['src/components/verification-card', 'src/components/proof-photo']
const HAN = /[\u4e00-\u9fa5]/

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path)
    return /\.tsx?$/.test(name) && !/\.config\.ts$/.test(name) ? [path] : []
  })
}

/** Han text in string literals, templates and JSX text, as `file:line «text»`. */
function hardCoded(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8')
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
  const found: string[] = []
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isJsxText(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const value = node.getText(source)
      if (HAN.test(value)) found.push(`${relative(ROOT, join(ROOT, file))}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1} «${value.trim().slice(0, 40)}»`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

test('no Chinese is written in the code of the herder path: every word comes from the catalog', () => {
  const files = HERDER_PATH.flatMap(sources).filter((f) => !NOT_ON_THE_PATH.some((skip) => f.startsWith(skip)))
  expect(files.length).toBeGreaterThan(30)
  expect(files.flatMap(hardCoded)).toEqual([])
})
