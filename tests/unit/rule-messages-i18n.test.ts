// Every field message the listings rules can write — the server's 400 `fields` and the app's forms
// alike — is a Chinese catalog entry, word for word, so localize() finds its Tibetan. The rules are
// run on bad input of every kind; a new message (or a changed limit) without a catalog entry fails.
import { zh } from '../../common/i18n/zh'
import { bo } from '../../common/i18n/bo'
import { CONTROL_MESSAGE, FORMAT_MESSAGE, validateFeedback, validateListingForm, validateResponse, type FieldErrors } from '../../common/rules'

const catalogued = new Set<string>(Object.values(zh))

// The labels the app's forms give the rules (publish form-check.ts, respond-form.tsx, feedback.tsx).
const POST_LABELS = { title: zh['publish.label.title'], description: zh['publish.label.description'], 'contact.note': zh['publish.label.note'] }
const ACHIEVEMENT_LABELS = { title: zh['publish.label.achievement_title'], description: zh['publish.label.achievement_intro'], 'contact.note': zh['publish.label.note'] }
/** The server names no field; the form names them as its kind does. */
const labelsFor = (input: object) => [undefined, (input as { kind?: string }).kind === 'achievement' ? ACHIEVEMENT_LABELS : POST_LABELS]

const CTRL = 'ab\u0007cd'
const long = (n: number) => '字'.repeat(n + 1)

const post = {
  kind: 'post',
  side: 'need',
  title: '牦牛冬季掉膘求补饲技术',
  category: 'breeding',
  regionCode: '513328100',
  description: '今年冬天三十多头牦牛掉膘严重，想请专家指导补饲。',
  photoIds: [],
  contact: { name: '拉姆', phone: '13800001111' },
  proxy: null,
  achievement: null,
}
const achievement = {
  ...post,
  kind: 'achievement',
  side: 'offer',
  achievement: { stage: 'pilot', transferMode: 'license', patentNo: null, institution: '四川省草原科学研究院' },
}
const proxy = { name: '扎西', phone: '13800001002', regionCode: '513328100', consent: true }

/** Each input has one or a few things wrong; together they reach every message the rule writes. */
const BAD_LISTINGS: object[] = [
  { ...post, kind: 'boat' },
  { ...post, side: 'up' },
  { ...post, title: '' },
  { ...post, title: long(40) },
  { ...post, title: CTRL },
  { ...post, title: 7 },
  { ...post, description: '短' },
  { ...post, description: long(2000) },
  { ...post, description: CTRL + '一二三四五六七八九十' },
  { ...post, category: 'fishing' },
  { ...post, regionCode: '110000000' },
  { ...post, photoIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
  { ...post, photoIds: [0, 'x'] },
  { ...post, photoIds: 'many' },
  { ...post, voiceId: 0 },
  { ...post, contact: null },
  { ...post, contact: { name: '', phone: '123', note: long(40) } },
  { ...post, contact: { name: long(20), phone: 13800001111, note: CTRL } },
  { ...post, contact: { name: CTRL, phone: '13800001111' } },
  { ...post, expertId: -1 },
  { ...post, achievement: achievement.achievement },
  { ...post, proxy: 'someone' },
  { ...post, proxy: { ...proxy, name: '', phone: '1', regionCode: '51', consent: false } },
  { ...post, proxy: { ...proxy, name: long(20) } },
  // A need sent by voice: title and description may be empty, never too long.
  { ...post, voiceId: 5, title: long(40), description: long(2000) },
  { ...post, voiceId: 5, title: CTRL },
  { ...achievement, side: 'need' },
  { ...achievement, title: '短', description: '短', contact: { ...post.contact, note: long(40) } },
  { ...achievement, proxy },
  { ...achievement, achievement: null },
  { ...achievement, achievement: 'yes' },
  { ...achievement, achievement: { stage: 'dream', transferMode: 'gift', patentNo: 'ZL-nope', institution: '院' } },
  { ...achievement, achievement: { ...achievement.achievement, patentNo: 42, institution: long(50) } },
  { ...achievement, achievement: { ...achievement.achievement, institution: CTRL } },
]
const BAD_RESPONSES: object[] = [
  { message: '好' },
  { message: long(200) },
  { message: CTRL },
  { message: 3 },
  { voiceId: 5, message: long(200) },
  { voiceId: 0, message: '可以帮忙' },
  { message: '可以帮忙', phone: '12' },
]
const BAD_FEEDBACK: object[] = [{ rating: 0, text: '' }, { rating: 6, text: long(200) }, { rating: 'five', text: CTRL }, { rating: 2.5, text: 5 }]

function messages(): Map<string, string> {
  const found = new Map<string, string>()
  const keep = (where: string, errors: FieldErrors) => {
    for (const [path, message] of Object.entries(errors)) if (!found.has(message)) found.set(message, `${where} ${path}`)
  }
  BAD_LISTINGS.forEach((input, i) => labelsFor(input).forEach((labels) => keep(`validateListingForm #${i}`, validateListingForm(input, { labels }))))
  for (const labels of [undefined, { message: zh['respond.label.message'] }]) BAD_RESPONSES.forEach((input, i) => keep(`validateResponse #${i}`, validateResponse(input, { labels })))
  for (const labels of [undefined, { text: zh['feedback.label'] }]) BAD_FEEDBACK.forEach((input, i) => keep(`validateFeedback #${i}`, validateFeedback(input, { labels })))
  return found
}

test('dialog buttons fit WeChat’s limit (4 Chinese characters; Taro counts any other non-Latin letter as one)', () => {
  const width = (s: string) => s.replace(/[\u0391-\uFFE5]/g, 'aa').length
  const buttons: Array<keyof typeof zh> = ['dialog.confirm', 'dialog.cancel', 'owner.accept_confirm', 'owner.close_confirm', 'owner.resolve_confirm']
  expect(buttons.filter((key) => width(zh[key]) > 8 || width(bo[key].bo) > 8)).toEqual([])
})

test('the bad input reaches the rules’ messages: lengths with and without a label, formats, codes', () => {
  const found = [...messages().keys()]
  expect(found).toEqual(expect.arrayContaining([FORMAT_MESSAGE, CONTROL_MESSAGE, '须为 4–40 个字', '标题须为 4–40 个字', '成果名称须为 4–40 个字', '标题最多 40 个字', '留言须为 2–200 个字', '评价最多 200 个字']))
  expect(found.length).toBeGreaterThanOrEqual(30)
})

test('every message the listings rules write is in the catalog word for word, with its Tibetan', () => {
  const missing = [...messages()].filter(([message]) => !catalogued.has(message)).map(([message, where]) => `${where}: ${message}`)
  expect(missing).toEqual([])
  // The Tibetan entry of each (the catalog test checks it is Tibetan script and current).
  const byChinese = new Map<string, keyof typeof zh>(Object.entries(zh).map(([key, text]) => [text, key as keyof typeof zh]))
  for (const message of messages().keys()) expect(bo[byChinese.get(message)!].bo).toMatch(/[\u0F00-\u0FFF]/)
})
