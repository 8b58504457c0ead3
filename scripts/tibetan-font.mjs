#!/usr/bin/env node
// Makes the Tibetan web font the app loads when a person chooses བོད་ཡིག (src/i18n/font.ts).
//
// Why: old Android phones often have no Tibetan font, or one without the OpenType rules that stack
// consonants (སྒྲ drawn as ས, ྒ, ྲ side by side with dotted circles). We ship Noto Serif Tibetan
// (SIL Open Font License 1.1, Google), taken from Debian's fonts-noto-core package, subset to the
// whole Tibetan block U+0F00–U+0FFF — not to the catalog's letters: herders type their own words —
// with every layout feature and every glyph the GSUB/GPOS rules reach from those letters
// (subset-font runs HarfBuzz's own hb-subset, which computes that closure), so stacks still form.
//
// Writes server/static/fonts/ (served by server/src/modules/fonts, never part of a mini program
// package): tibetan.woff2 for browsers, tibetan.woff for WeChat's loadFontFace (its docs advise TTF
// or WOFF: WOFF2 fails on old iOS), OFL.txt (the licence, which must travel with the font), and
// src/i18n/font-version.ts (a hash of the files: the URL changes when the font does, so the
// server may tell phones to keep it for a year).
//
//   node scripts/tibetan-font.mjs                 # uses the installed font, or downloads the Debian package
//   node scripts/tibetan-font.mjs path/to/NotoSerifTibetan-Regular.ttf path/to/copyright
//
// The same source gives the same bytes: rerunning changes nothing unless the font or subset-font did.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import subsetFont from 'subset-font'

const OUT = 'server/static/fonts'
const VERSION_FILE = 'src/i18n/font-version.ts'
const FONT = 'usr/share/fonts/truetype/noto/NotoSerifTibetan-Regular.ttf'
const COPYRIGHT = 'usr/share/doc/fonts-noto-core/copyright'

// The Tibetan block, plus what Tibetan text carries with it: spaces, the zero-width space that marks
// where a long Tibetan line may break, the joiners, and the dotted circle HarfBuzz draws under a
// vowel sign typed on its own. Latin and Chinese fall through to the system font (font-family list).
const EXTRA = [0x20, 0xa0, 0x200b, 0x200c, 0x200d, 0x25cc]
const CODEPOINTS = [...EXTRA, ...Array.from({ length: 0x100 }, (_, i) => 0x0f00 + i)]

/** The font and its Debian copyright file: given, installed, or from `apt-get download fonts-noto-core`. */
function findSource() {
  const [font, copyright] = process.argv.slice(2)
  if (font) return { font, copyright: copyright ?? `/${COPYRIGHT}`, cleanup: () => {} }
  if (existsSync(`/${FONT}`) && existsSync(`/${COPYRIGHT}`)) return { font: `/${FONT}`, copyright: `/${COPYRIGHT}`, cleanup: () => {} }
  const dir = mkdtempSync(join(tmpdir(), 'tibetan-font-'))
  console.log('fonts-noto-core is not installed: downloading the Debian package (about 12 MB)')
  execFileSync('apt-get', ['download', 'fonts-noto-core'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] })
  const deb = execFileSync('sh', ['-c', 'ls fonts-noto-core_*.deb'], { cwd: dir, encoding: 'utf8' }).trim()
  execFileSync('dpkg-deb', ['-x', deb, 'x'], { cwd: dir })
  return { font: join(dir, 'x', FONT), copyright: join(dir, 'x', COPYRIGHT), cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** The strings of a TrueType font's `name` table (Windows Unicode records), by name id. */
function nameTable(buf) {
  const numTables = buf.readUInt16BE(4)
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16
    if (buf.toString('latin1', rec, rec + 4) !== 'name') continue
    const table = buf.readUInt32BE(rec + 8)
    const count = buf.readUInt16BE(table + 2)
    const strings = table + buf.readUInt16BE(table + 4)
    const names = {}
    for (let j = 0; j < count; j++) {
      const r = table + 6 + j * 12
      if (buf.readUInt16BE(r) !== 3 || buf.readUInt16BE(r + 2) !== 1) continue
      const id = buf.readUInt16BE(r + 6)
      const at = strings + buf.readUInt16BE(r + 10)
      const utf16be = buf.subarray(at, at + buf.readUInt16BE(r + 8))
      names[id] ??= Buffer.from(utf16be).swap16().toString('utf16le')
    }
    return names
  }
  throw new Error('the font has no name table')
}

/** The OFL 1.1 text from a Debian machine-readable copyright file (its standalone `License: OFL-1.1` paragraph). */
function oflText(copyrightFile) {
  const paragraphs = readFileSync(copyrightFile, 'utf8').split(/\n\s*\n/)
  const licence = paragraphs.find((p) => /^License: OFL-1\.1\n /.test(p))
  if (!licence) throw new Error(`no OFL-1.1 licence text in ${copyrightFile}`)
  return licence
    .split('\n')
    .slice(1)
    .map((line) => (line === ' .' ? '' : line.replace(/^ /, '')))
    .join('\n')
}

const source = findSource()
try {
  const original = readFileSync(source.font)
  const names = nameTable(original)
  // Only a font under the OFL may be shipped this way; refuse anything else rather than guess.
  if (!/Open Font License/i.test(names[13] ?? '')) throw new Error(`${source.font} does not say it is under the SIL Open Font License: ${names[13]}`)
  console.log(`source: ${names[4]} ${names[5]} (${original.length} bytes)`)

  const text = String.fromCodePoint(...CODEPOINTS)
  mkdirSync(OUT, { recursive: true })
  const hash = createHash('sha256')
  for (const [format, file] of [['woff2', 'tibetan.woff2'], ['woff', 'tibetan.woff']]) {
    // Every layout feature is kept (subset-font's default), so Tibetan stacks still form.
    const font = await subsetFont(original, text, { targetFormat: format })
    writeFileSync(join(OUT, file), font)
    hash.update(font)
    console.log(`${join(OUT, file)}  ${font.length} bytes`)
  }
  writeFileSync(
    join(OUT, 'OFL.txt'),
    `Noto Serif Tibetan (tibetan.woff2, tibetan.woff: a subset to the Tibetan block, made by scripts/tibetan-font.mjs)\n` +
      `${names[0]}\nThis Font Software is licensed under the SIL Open Font License, Version 1.1.\n\n` +
      // Debian's copy of the licence leaves out its title line.
      `SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007\n\n${oflText(source.copyright)}\n`,
  )
  writeFileSync(
    VERSION_FILE,
    `// Written by scripts/tibetan-font.mjs: a hash of the served font files, so their URL changes when they do.\n` +
      `export const TIBETAN_FONT_VERSION = '${hash.digest('hex').slice(0, 10)}'\n`,
  )
  console.log(`${join(OUT, 'OFL.txt')}, ${VERSION_FILE}`)
} finally {
  source.cleanup()
}
