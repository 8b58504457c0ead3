// The two catalogs agree: every Chinese string has its Tibetan, translated from today's Chinese,
// with the same {{placeholders}}, in Tibetan script, and a note for the reviewer.
import { bo } from '../../common/i18n/bo'
import { zh, type MessageKey } from '../../common/i18n/zh'
import { ERROR_MESSAGES } from '../../common/errors'

const keys = Object.keys(zh) as MessageKey[]
const placeholders = (s: string) => (s.match(/\{\{\s*\w+\s*\}\}/g) ?? []).map((p) => p.replace(/\s/g, '')).sort()
const TIBETAN = /[\u0F00-\u0FFF]/
const CHINESE = /[\u4e00-\u9fa5]/

test('every error code is in the catalog with its own message', () => {
  for (const [code, text] of Object.entries(ERROR_MESSAGES)) expect(zh[`error.${code}` as MessageKey]).toBe(text)
})

test('each Tibetan entry was translated from the Chinese as it is now (a changed Chinese string flags it)', () => {
  const stale = keys.filter((key) => bo[key].zh !== zh[key])
  expect(stale).toEqual([])
  expect(Object.keys(bo).sort()).toEqual([...keys].sort())
})

test('each Tibetan entry is Tibetan script, keeps the placeholders, and has a note', () => {
  for (const key of keys) {
    const entry = bo[key]
    // 中文 names itself in Chinese in both languages: the one entry a Tibetan reader sees in Chinese.
    if (key !== 'lang.zh') {
      expect([key, TIBETAN.test(entry.bo)]).toEqual([key, true])
      expect([key, CHINESE.test(entry.bo)]).toEqual([key, false])
    }
    expect([key, placeholders(entry.bo)]).toEqual([key, placeholders(zh[key])])
    expect([key, entry.note.length > 0]).toEqual([key, true])
  }
})
