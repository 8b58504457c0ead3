import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CATEGORIES } from '../../common/enums'
import { installFontStubs } from './font-stubs'
import { classesOf, DIST, useWeapp, type PageHandle } from './harness'

// Pictures before words: every home entry and every category chip shows its own picture (a PNG
// in the package, or inlined when small). In Chinese the app never asks for the Tibetan font.
const stubs = installFontStubs()
const weapp = useWeapp()

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const within = (root: Element, cls: string) => Array.from(root.querySelectorAll('*')).find((el) => classesOf(el).includes(cls))

/** The PNG bytes an <image> shows: a file of the build, or a data URL the build inlined. */
function pictureOf(page: PageHandle, root: Element, cls: string): Buffer {
  const img = within(root, cls)
  if (!img) throw new Error(`no ${cls} in ${root.textContent}`)
  const src = String(page.attr(img, 'src'))
  if (src.startsWith('data:image/png;base64,')) return Buffer.from(src.slice('data:image/png;base64,'.length), 'base64')
  const file = join(DIST, src.replace(/^\//, ''))
  if (!existsSync(file)) throw new Error(`${src} is not in the build`)
  return readFileSync(file)
}

test('each home entry shows its own picture', async () => {
  const home = await weapp.render('pages/index/index')
  await home.waitFor(() => home.all('home__entry').length >= 8, 'the home entries')
  const pictures = home.all('home__entry').map((entry) => pictureOf(home, entry, 'home__entry-img'))
  for (const p of pictures) expect(p.subarray(0, 8).equals(PNG)).toBe(true)
  // No two entries look the same.
  expect(new Set(pictures.map((p) => p.toString('base64'))).size).toBe(pictures.length)
  // 发布需求 (求助) has the question-mark picture drawn for it.
  const ask = home.all('home__entry').findIndex((entry) => entry.textContent?.includes('发布需求'))
  expect(pictures[ask].equals(readFileSync('src/assets/home/publish-need.png'))).toBe(true)
})

test('each category chip shows the picture of its category; 全部分类 has none', async () => {
  const page = await weapp.render('pages/listings/index')
  const row = await page.waitFor(() => page.all('chips--category')[0], 'the category chips')
  const chips = () => Array.from(row.querySelectorAll('*')).filter((el) => classesOf(el).includes('chip'))
  await page.waitFor(() => chips().length === CATEGORIES.length + 1, 'every category')
  const [all, ...categories] = chips()
  expect(all.textContent?.trim()).toBe('全部分类')
  expect(within(all, 'chip__img')).toBeUndefined()
  categories.forEach((chip, i) => {
    expect(pictureOf(page, chip, 'chip__img').equals(readFileSync(`src/assets/categories/${CATEGORIES[i]}.png`))).toBe(true)
  })
})

test('in Chinese the Tibetan font is never loaded', async () => {
  expect(stubs.loads).toEqual([])
  expect(weapp.sent.filter((s) => s.includes('/fonts/'))).toEqual([])
})
