import type { ListingKind } from '../../../../common/enums'
import { LISTING_LIMITS, validateListingForm, type FieldErrors } from '../../../../common/rules'
import type { ListingInput } from '../../../../common/schemas/listings'

// The publish form's check before sending: the server's own rule (common/rules
// validateListingForm), in the form's words and in the order its fields appear.

/** The form's names for its fields: length messages read "标题须为 4–40 个字". */
const LABELS: Record<ListingKind, Record<string, string>> = {
  post: { title: '标题', description: '详细说明', 'contact.note': '备注' },
  achievement: { title: '成果名称', description: '成果简介', 'contact.note': '备注' },
}

const [instMin, instMax] = LISTING_LIMITS.institution
const [nameMin, nameMax] = LISTING_LIMITS.contactName
const [farmerMin, farmerMax] = LISTING_LIMITS.proxyName

/** Where the form asks for a choice or a name, its own words, whatever the rule found wrong. */
function formWords(kind: ListingKind): Record<string, string> {
  return {
    category: kind === 'achievement' ? '请选择所属领域' : '请选择分类',
    'achievement.stage': '请选择成果所处阶段',
    'achievement.transferMode': '请选择转化方式',
    'achievement.institution': `请填写所属单位（${instMin}–${instMax} 个字）`,
    regionCode: '请选择所在乡镇（街道）',
    'contact.name': `请填写联系人（${nameMin}–${nameMax} 个字）`,
    'proxy.name': `请填写农户姓名（${farmerMin}–${farmerMax} 个字）`,
    'proxy.phone': '请填写农户正确的 11 位手机号',
    'proxy.consent': '代发前请确认已征得本人同意',
  }
}

/** Messages in the order the fields appear on the page: the notice names the first. */
const FIELD_ORDER = [
  'title',
  'category',
  'achievement.stage',
  'achievement.transferMode',
  'achievement.patentNo',
  'achievement.institution',
  'regionCode',
  'description',
  'contact.name',
  'contact.phone',
  'contact.note',
  'proxy.name',
  'proxy.phone',
  'proxy.consent',
]
const rank = (path: string) => (FIELD_ORDER.includes(path) ? FIELD_ORDER.indexOf(path) : FIELD_ORDER.length)

/**
 * What is wrong with `input` before it is sent, field path → message; empty when nothing is.
 * `consent`: the 代发 box as ticked (the server is only ever sent it ticked). `uploading`: a photo
 * is still on its way, which only the form knows.
 */
export function checkPublishForm(input: ListingInput, { kind, consent, uploading }: { kind: ListingKind; consent: boolean; uploading: boolean }): FieldErrors {
  const checked = input.proxy ? { ...input, proxy: { ...input.proxy, consent } } : input
  const found = validateListingForm(checked, { labels: LABELS[kind] })
  const words = formWords(kind)
  const ordered: FieldErrors = {}
  for (const path of Object.keys(found).sort((a, b) => rank(a) - rank(b))) ordered[path] = words[path] ?? found[path]
  if (uploading) ordered.photoIds = '照片还在上传，请稍候再提交'
  return ordered
}
