// The start of the herder's path in Tibetan: what the language choice says before Tibetan is on
// the phone, every field message of registration, and 我的消息's wording all come from the catalog.
import { bo } from '../../common/i18n/bo'
import { zh } from '../../common/i18n/zh'
import { validateProfile } from '../../common/rules'
import { MESSAGE_KINDS, messageKeys, messageWording } from '../../common/rules/messages'
import { BOOTSTRAP_BO } from '../../src/components/lang-choice/bootstrap-words'

const catalogued = new Set<string>(Object.values(zh))

test('the language choice’s built-in Tibetan is the catalog’s', () => {
  expect(BOOTSTRAP_BO).toEqual({ loading: bo['lang.loading'].bo, loadFailed: bo['lang.load_failed'].bo })
})

test('every message registration can show is in the catalog, word for word (localize finds it)', () => {
  const labels = { nickname: zh['profile.nickname'] }
  const bad: object[] = [
    {},
    { nickname: '', role: 'king', regionCode: '11', contactPhone: '123' },
    { nickname: 'x'.repeat(21), role: 1, regionCode: 513328200, contactPhone: 13800000000 },
    { nickname: 'a\u0007b', role: null, regionCode: null, contactPhone: '' },
    { nickname: 'a\nb', role: 'farmer', regionCode: '5133282001', contactPhone: '12345678901' },
  ]
  const messages = new Set(bad.flatMap((input) => Object.values(validateProfile(input, { labels }))))
  expect(messages.size).toBeGreaterThanOrEqual(4)
  expect([...messages].filter((m) => !catalogued.has(m))).toEqual([])
  // The page's own prompt for a township not yet picked.
  expect(catalogued.has(zh['profile.region_required'])).toBe(true)
})

test('我的消息: every kind has its headline and sentence in the catalog, and the server words them from it', () => {
  for (const kind of MESSAGE_KINDS) {
    const keys = messageKeys(kind)
    expect([kind, zh[keys.title].length > 0, zh[keys.body].length > 0]).toEqual([kind, true, true])
  }
  const parts = { subject: '牦牛掉膘', actorName: null, reason: '缺少联系方式。' }
  expect(messageWording('listing.response', parts)).toEqual({ title: '有人回应了您的发布', body: '有人申请对接「牦牛掉膘」，请去看看' })
  expect(messageWording('listing.rejected', parts).body).toBe('「牦牛掉膘」没有通过。原因：缺少联系方式。可以修改后重新提交')
  expect(messageWording('nomination.received', { ...parts, actorName: null }).body).toBe('乡镇科协举荐您参加「牦牛掉膘」，请确认是否参加')
  expect(messageWording('verification.rejected', { subject: '乡镇科协主席', actorName: null, reason: null }).body).toBe(
    '乡镇科协主席认证没有通过。原因：未说明。可以补充材料后重新申请',
  )
  expect(messageWording('someday.new', parts)).toEqual({ title: '新消息', body: '牦牛掉膘' })
})
