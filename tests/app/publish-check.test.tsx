import { ERROR_MESSAGES } from '../../common/errors'
import type { ListingInput } from '../../common/schemas/listings'
import { checkPublishForm } from '../../src/packages/listings/publish/form-check'

// The publish form's check: the server's rule (common/rules) in the form's own words, ordered as
// the fields appear (the notice above the submit button names the first).

const ok: ListingInput = {
  kind: 'post',
  side: 'need',
  title: '牦牛冬季掉膘求补饲技术',
  category: 'breeding',
  regionCode: '513328001',
  description: '今年冬天三十多头牦牛掉膘严重，想请专家指导补饲。',
  photoIds: [],
  contact: { name: '拉姆', phone: '13800001111' },
  proxy: null,
  achievement: null,
}
const post = { kind: 'post' as const, consent: false, uploading: false }

test('a good post has nothing to fix', () => {
  expect(checkPublishForm(ok, post)).toEqual({})
})

test('a post with mistakes: the form’s words, in the order of the fields', () => {
  const bad = { ...ok, title: '求助', category: null, regionCode: undefined, description: '帮帮忙', contact: { name: '', phone: '12345', note: '备'.repeat(41) } }
  const found = checkPublishForm(bad as unknown as ListingInput, post)
  expect(Object.entries(found)).toEqual([
    ['title', '标题须为 4–40 个字'],
    ['category', '请选择分类'],
    ['regionCode', '请选择所在乡镇（街道）'],
    ['description', '详细说明须为 10–2000 个字'],
    ['contact.name', '请填写联系人（1–20 个字）'],
    ['contact.phone', ERROR_MESSAGES.PHONE_INVALID],
    ['contact.note', '备注最多 40 个字'],
  ])
})

test('counts as the server does: invisible padding does not make a title long enough', () => {
  expect(checkPublishForm({ ...ok, title: '求助\u200b\u200b\u200b' }, post)).toEqual({ title: '标题须为 4–40 个字' })
  expect(checkPublishForm({ ...ok, title: '求助🐄🐄' }, post)).toEqual({})
})

test('a 科技成果 names its own fields; a bad patent number is the server’s message', () => {
  const input: ListingInput = {
    ...ok,
    kind: 'achievement',
    side: 'offer',
    title: '短',
    category: null as never,
    achievement: { stage: null as never, transferMode: null as never, patentNo: 'ZL12', institution: '院' },
  }
  expect(Object.entries(checkPublishForm(input, { kind: 'achievement', consent: false, uploading: false }))).toEqual([
    ['title', '成果名称须为 4–40 个字'],
    ['category', '请选择所属领域'],
    ['achievement.stage', '请选择成果所处阶段'],
    ['achievement.transferMode', '请选择转化方式'],
    ['achievement.patentNo', ERROR_MESSAGES.PATENT_NO_INVALID],
    ['achievement.institution', '请填写所属单位（2–50 个字）'],
  ])
})

test('代发: the farmer’s name, phone and the consent box as ticked; a photo still uploading comes last', () => {
  const input: ListingInput = { ...ok, proxy: { name: '', phone: '1380000', regionCode: ok.regionCode, consent: true } }
  expect(Object.entries(checkPublishForm(input, { kind: 'post', consent: false, uploading: true }))).toEqual([
    ['proxy.name', '请填写农户姓名（1–20 个字）'],
    ['proxy.phone', '请填写农户正确的 11 位手机号'],
    ['proxy.consent', '代发前请确认已征得本人同意'],
    ['photoIds', '照片还在上传，请稍候再提交'],
  ])
  expect(checkPublishForm({ ...input, proxy: { ...input.proxy!, name: '扎西', phone: '13800002222' } }, { kind: 'post', consent: true, uploading: false })).toEqual({})
})
