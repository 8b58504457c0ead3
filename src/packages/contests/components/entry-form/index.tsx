import { Input, Textarea, View } from '@tarojs/components'
import { MAX_LISTING_PHOTOS, type ContestCategory } from '../../../../../common/enums'
import type { Photo } from '../../../../../common/schemas/listings'
import type { RegionPath } from '../../../../../common/schemas/regions'
import type { EntryInput } from '../../../../services/contests'
import { Chips } from '../../../../components/category-chips'
import { RegionPicker } from '../../../../components/region-picker'
import { PhotoPicker } from '../../../../components/photo-picker'
import { categoryOptions, chars } from '../labels'
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

export function validateEntry(d: EntryDraft, opts: { needRegion: boolean; uploading: boolean }): EntryErrors {
  const found: EntryErrors = {}
  const title = chars(d.title)
  if (title < 4 || title > 40) found.title = '项目名称需为 4–40 个字'
  if (!d.category) found.category = '请选择参赛类别'
  const description = chars(d.description)
  if (description < 10 || description > 2000) found.description = '项目介绍需为 10–2000 个字'
  const years = d.years.trim()
  if (!/^\d{1,2}$/.test(years) || Number(years) > 80) found.yearsExperience = '请填写从业年限（0–80 年）'
  if (opts.needRegion && !d.region) found.regionCode = '请选择所在乡镇（街道）'
  if (opts.uploading) found.photoIds = '照片还在上传，请稍候再提交'
  return found
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

function FieldError({ message }: { message?: string }) {
  return message ? <View className='error-text entry-form__error'>{message}</View> : null
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
        <View className='entry-form__label'>项目名称</View>
        <Input
          className='entry-form__input entry-form__title'
          placeholder='例如：高原牦牛冬季补饲养殖'
          maxlength={40}
          value={value.title}
          onInput={(e) => update({ title: e.detail.value })}
          onBlur={(e) => update({ title: e.detail.value })}
        />
        <View className='entry-form__counter'>{chars(value.title)}/40</View>
        <FieldError message={errors.title} />
      </View>

      <View className='card'>
        <View className='entry-form__label'>参赛类别</View>
        <Chips options={categoryOptions(categories)} value={value.category} name='category' wrap onChange={(category) => update({ category })} />
        <FieldError message={errors.category} />
      </View>

      <View className='card'>
        <View className='entry-form__label'>项目介绍</View>
        <Textarea
          className='entry-form__textarea entry-form__description'
          placeholder='您做的是什么？做了几年、多大规模？带动了多少乡亲？有什么绝活或创新？'
          maxlength={2000}
          value={value.description}
          onInput={(e) => update({ description: e.detail.value })}
          onBlur={(e) => update({ description: e.detail.value })}
        />
        <View className='entry-form__counter'>{chars(value.description)}/2000</View>
        <FieldError message={errors.description} />
      </View>

      <View className='card'>
        <View className='entry-form__label'>从业年限（年）</View>
        <Input
          className='entry-form__input entry-form__years'
          type='number'
          placeholder='例如：12'
          maxlength={2}
          value={value.years}
          onInput={(e) => update({ years: e.detail.value })}
          onBlur={(e) => update({ years: e.detail.value })}
        />
        <FieldError message={errors.yearsExperience} />
      </View>

      <View className='card'>
        <View className='entry-form__label'>所在乡镇</View>
        {fixedRegion ? (
          <View className='entry-form__fixed-region'>{fixedRegion}</View>
        ) : (
          <RegionPicker value={value.region} onChange={(region) => update({ region })} />
        )}
        <FieldError message={errors.regionCode} />
      </View>

      <View className='card'>
        <View className='entry-form__label'>照片（可不传，最多 {MAX_LISTING_PHOTOS} 张）</View>
        <View className='muted entry-form__hint'>田间、圈舍、产品或获奖证书的照片，评委看得更明白</View>
        <PhotoPicker
          value={value.photos}
          max={MAX_LISTING_PHOTOS}
          onUploaded={(photo) => update({ photos: [...latestPhotos(), photo] })}
          onRemove={(id) => update({ photos: latestPhotos().filter((p) => p.id !== id) })}
          onBusyChange={onUploadingChange}
        />
        <FieldError message={errors.photoIds} />
      </View>
    </View>
  )
}
