import type { ListingKind } from '../../../../common/enums'
import { LISTING_LIMITS, validateListingForm, type FieldErrors } from '../../../../common/rules'
import type { ListingInput } from '../../../../common/schemas/listings'
import { zh } from '../../../../common/i18n/zh'
import { localize, t } from '../../../i18n'

// The publish form's check before sending: the server's own rule (common/rules
// validateListingForm), in the form's words and in the order its fields appear, in the reader's
// language: the rule writes Chinese (catalogued as rule.*), localize() reads it out.

/** The form's names for its fields (the catalog's Chinese): length messages read "标题须为 4–40 个字". */
const LABELS: Record<ListingKind, Record<string, string>> = {
  post: { title: zh['publish.label.title'], description: zh['publish.label.description'], 'contact.note': zh['publish.label.note'] },
  achievement: { title: zh['publish.label.achievement_title'], description: zh['publish.label.achievement_intro'], 'contact.note': zh['publish.label.note'] },
}

const [instMin, instMax] = LISTING_LIMITS.institution
const [nameMin, nameMax] = LISTING_LIMITS.contactName
const [farmerMin, farmerMax] = LISTING_LIMITS.proxyName

/** Where the form asks for a choice or a name, its own words, whatever the rule found wrong. */
function formWords(kind: ListingKind): Record<string, string> {
  return {
    category: kind === 'achievement' ? t('publish.error.field') : t('publish.error.category'),
    'achievement.stage': t('publish.error.stage'),
    'achievement.transferMode': t('publish.error.transfer'),
    'achievement.institution': t('publish.error.institution', { min: instMin, max: instMax }),
    regionCode: t('publish.error.region'),
    'contact.name': t('publish.error.contact_name', { min: nameMin, max: nameMax }),
    'proxy.name': t('publish.error.proxy_name', { min: farmerMin, max: farmerMax }),
    'proxy.phone': t('publish.error.proxy_phone'),
    'proxy.consent': t('publish.error.proxy_consent'),
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
  for (const path of Object.keys(found).sort((a, b) => rank(a) - rank(b))) ordered[path] = words[path] ?? localize(found[path])
  if (uploading) ordered.photoIds = t('publish.error.uploading')
  return ordered
}
