import { Input, Textarea, View } from '@tarojs/components'
import { MAX_LISTING_PHOTOS, type ContestCategory } from '../../../../../common/enums'
import type { Photo } from '../../../../../common/schemas/listings'
import type { RegionPath } from '../../../../../common/schemas/regions'
import type { EntryInput } from '../../../../services/contests'
import { Chips } from '../../../../components/category-chips'
import { RegionPicker } from '../../../../components/region-picker'
import { PhotoPicker } from '../../../../components/photo-picker'
import { CONTEST_LIMITS, validateEntryForm } from '../../../../../common/rules'
import { Counter, FieldError } from '../../../../components/field'
import { categoryOptions } from '../labels'
import './index.scss'

// The project a person enters with — by signing up, or by confirming a chair's 举荐 — in big
// fields with the server's limits checked before anything is sent.

export interface EntryDraft {
  title: string
  category: ContestCategory | null
  description: string
  /** As typed (a number input still gives text). */
  years: string
  region: RegionPath | null
  /** Uploaded photos only (with server ids). */
  photos: Photo[]
  /** The entry these values were loaded from (editing): a saved draft of that edit is kept. */
  loadedFrom: number | null
}

export const emptyEntry = (region: RegionPath | null = null): EntryDraft => ({
  title: '',
  category: null,
  description: '',
  years: '',
  region,
  photos: [],
  loadedFrom: null,
})

export type EntryErrors = Record<string, string>

/** The form's names for its texts: "项目名称须为 4–40 个字". */
const LABELS = { title: '项目名称', description: '项目介绍' }
/** Where the form asks for a choice or a number, its own words, whatever the rule found wrong. */
const WORDS: Record<string, string> = {
  category: '请选择参赛类别',
  yearsExperience: `请填写从业年限（${CONTEST_LIMITS.yearsExperience[0]}–${CONTEST_LIMITS.yearsExperience[1]} 年）`,
  regionCode: '请选择所在乡镇（街道）',
}
/** Messages in the order the fields appear: the notice names the first. */
const FIELD_ORDER = ['title', 'category', 'description', 'yearsExperience', 'regionCode', 'photoIds']

/**
 * What is wrong before sending (the server's validateEntryForm, in the form's words); empty when
 * nothing is. `needRegion`: signing up (a nominee confirming has the 举荐's township);
 * `uploading`: a photo is still on its way, which only the form knows.
 */
export function validateEntry(d: EntryDraft, opts: { needRegion: boolean; uploading: boolean }): EntryErrors {
  const years = d.years.trim()
  const found = validateEntryForm(
    {
      ...entryFields(d),
      category: d.category ?? undefined,
      // A number input still gives text: '' or '1.5' is no number of years.
      yearsExperience: /^\d{1,2}$/.test(years) ? Number(years) : undefined,
      regionCode: d.region?.township.code ?? '',
    },
    { labels: LABELS, confirming: !opts.needRegion },
  )
  if (opts.uploading) found.photoIds = '照片还在上传，请稍候再提交'
  const out: EntryErrors = {}
  for (const path of FIELD_ORDER) if (found[path]) out[path] = WORDS[path] ?? found[path]
  return out
}

/** The fields of the request (sign-up adds regionCode). */
export function entryFields(d: EntryDraft): Omit<EntryInput, 'regionCode'> {
  return {
    title: d.title.trim(),
    category: d.category!,
    description: d.description.trim(),
    yearsExperience: Number(d.years.trim()),
    photoIds: d.photos.map((p) => p.id),
  }
}

export function EntryForm({
  value,
  update,
  latestPhotos,
  errors,
  categories,
  fixedRegion,
  onUploadingChange,
}: {
  value: EntryDraft
  update: (patch: Partial<EntryDraft>) => void
  /** The photos as of now (PhotoPicker reports one at a time; add to the latest list, not a stale one). */
  latestPhotos: () => Photo[]
  errors: EntryErrors
  /** The contest's own categories. */
  categories: readonly ContestCategory[]
  /** A nomination's township (not editable); otherwise the person picks theirs. */
  fixedRegion?: string
  onUploadingChange: (busy: boolean) => void
}) {
  return (
    <View className='entry-form'>
      <View className='card'>
        <View className='form-label'>项目名称</View>
        <Input
          className='form-input entry-form__title'
          placeholder='例如：高原牦牛冬季补饲养殖'
          maxlength={CONTEST_LIMITS.entryTitle[1]}
          value={value.title}
          onInput={(e) => update({ title: e.detail.value })}
          onBlur={(e) => update({ title: e.detail.value })}
        />
        <Counter value={value.title} max={CONTEST_LIMITS.entryTitle[1]} />
        <FieldError className='entry-form__error' message={errors.title} />
      </View>

      <View className='card'>
        <View className='form-label'>参赛类别</View>
        <Chips options={categoryOptions(categories)} value={value.category} name='category' wrap onChange={(category) => update({ category })} />
        <FieldError className='entry-form__error' message={errors.category} />
      </View>

      <View className='card'>
        <View className='form-label'>项目介绍</View>
        <Textarea
          className='form-textarea entry-form__textarea entry-form__description'
          placeholder='您做的是什么？做了几年、多大规模？带动了多少乡亲？有什么绝活或创新？'
          maxlength={CONTEST_LIMITS.entryDescription[1]}
          value={value.description}
          onInput={(e) => update({ description: e.detail.value })}
          onBlur={(e) => update({ description: e.detail.value })}
        />
        <Counter value={value.description} max={CONTEST_LIMITS.entryDescription[1]} />
        <FieldError className='entry-form__error' message={errors.description} />
      </View>

      <View className='card'>
        <View className='form-label'>从业年限（年）</View>
        <Input
          className='form-input entry-form__years'
          type='number'
          placeholder='例如：12'
          maxlength={2}
          value={value.years}
          onInput={(e) => update({ years: e.detail.value })}
          onBlur={(e) => update({ years: e.detail.value })}
        />
        <FieldError className='entry-form__error' message={errors.yearsExperience} />
      </View>

      <View className='card'>
        <View className='form-label'>所在乡镇</View>
        {fixedRegion ? (
          <View className='entry-form__fixed-region'>{fixedRegion}</View>
        ) : (
          <RegionPicker value={value.region} onChange={(region) => update({ region })} />
        )}
        <FieldError className='entry-form__error' message={errors.regionCode} />
      </View>

      <View className='card'>
        <View className='form-label'>照片（可不传，最多 {MAX_LISTING_PHOTOS} 张）</View>
        <View className='muted entry-form__hint'>田间、圈舍、产品或获奖证书的照片，评委看得更明白</View>
        <PhotoPicker
          value={value.photos}
          max={MAX_LISTING_PHOTOS}
          onUploaded={(photo) => update({ photos: [...latestPhotos(), photo] })}
          onRemove={(id) => update({ photos: latestPhotos().filter((p) => p.id !== id) })}
          onBusyChange={onUploadingChange}
        />
        <FieldError className='entry-form__error' message={errors.photoIds} />
      </View>
    </View>
  )
}
