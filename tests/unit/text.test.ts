// common/text.ts: what "text a person writes" means before it is counted or stored, and the zod
// helper every user-text field uses (common/schemas/common.ts).
import { charCount, cleanText, hasControlChars } from '../../common/text'
import { text } from '../../common/schemas/common'
import { nickname } from '../../common/schemas/users'

describe('cleanText', () => {
  it.each([
    ['bidi override (Trojan Source)', ' \u202e成都txt.exe\u202c ', '成都txt.exe'],
    ['bidi embeddings and isolates', '\u202a扎西\u202b\u202d\u2066德勒\u2067\u2068\u2069', '扎西德勒'],
    ['direction marks', '\u200e甘孜\u200f\u061c', '甘孜'],
    ['zero-width space, non-joiner, word joiner, BOM', '\ufeff牦牛\u200b养殖\u200c技术\u2060', '牦牛养殖技术'],
    ['a joiner between two 汉字', '扎\u200d西', '扎西'],
    ['a joiner at either end', '\u200d卓玛\u200d', '卓玛'],
  ])('removes %s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected)
  })

  it.each([
    ['woman farmer 👩‍🌾', '👩‍🌾'],
    ['a family 👨‍👩‍👧', '👨‍👩‍👧'],
    ['with a skin tone 👩🏽‍🌾', '👩🏽‍🌾'],
    ['with the emoji selector 🏳️‍🌈', '🏳️‍🌈'],
  ])('keeps the joiner inside an emoji sequence: %s', (_name, emoji) => {
    expect(cleanText(`扎西${emoji}`)).toBe(`扎西${emoji}`)
  })

  it('leaves Tibetan, Chinese, line breaks and ordinary spaces inside the text as they are', () => {
    for (const s of ['བཀྲ་ཤིས་བདེ་ལེགས།', 'སྐྱིད་སྡུག', '甘孜县 呷拉乡', '第一行\n第二行', 'ZL202110123456.7']) expect(cleanText(s)).toBe(s)
  })
})

describe('charCount', () => {
  it('counts code points: an emoji or a rare 汉字 outside the BMP is one', () => {
    expect(charCount('牦牛')).toBe(2)
    expect(charCount('𠀀')).toBe(1)
    expect(charCount('😀😀')).toBe(2)
    expect(charCount('')).toBe(0)
  })
})

describe('hasControlChars', () => {
  it('refuses NUL and escapes everywhere, line breaks and tabs only on one-line text', () => {
    expect(hasControlChars('a\u0000b')).toBe(true)
    expect(hasControlChars('\u001b[31m')).toBe(true)
    expect(hasControlChars('第一行\n第二行\t')).toBe(false)
    expect(hasControlChars('第一行\n第二行', true)).toBe(true)
  })
})

describe('text(min, max)', () => {
  const title = text(4, 40)

  it('stores the cleaned text and counts it after cleaning', () => {
    expect(title.parse(' \u202e牦牛养殖技术\u200b ')).toBe('牦牛养殖技术')
    // Four visible characters padded with invisible ones to pass a minimum: refused.
    expect(title.safeParse('牦牛\u200b\u200b\u200b\u200b').success).toBe(false)
    // Invisible characters do not count against the maximum either.
    expect(title.parse(`${'字'.repeat(40)}\u200b\u200b`)).toBe('字'.repeat(40))
    expect(title.safeParse('字'.repeat(41)).error?.issues[0].message).toBe('须为 4–40 个字')
  })

  it('refuses control characters with its Chinese message', () => {
    expect(title.safeParse('牦牛养殖\u0000技术').error?.issues.map((i) => i.message)).toEqual(['含有无法显示的字符'])
  })

  it('shows its limits to the JSON Schema (the OpenAPI document)', () => {
    expect(title.meta()).toMatchObject({ minLength: 4, maxLength: 40 })
  })

  it('a nickname: one line, 1–20 characters, NICKNAME_INVALID otherwise', () => {
    expect(nickname.parse('\u202e扎西👩‍🌾')).toBe('扎西👩‍🌾')
    for (const bad of ['\u200b\u200d', '扎西\n德勒', '字'.repeat(21), '']) expect(nickname.safeParse(bad).error?.issues[0].message).toBe('NICKNAME_INVALID')
  })
})
