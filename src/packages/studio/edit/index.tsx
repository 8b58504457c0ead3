import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Textarea, View } from '@tarojs/components'
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../../../common/enums'
import { STUDIO_LIMITS, validateStudio } from '../../../../common/rules'
import type { Photo } from '../../../../common/schemas/listings'
import { Field } from '../../../components/field'
import { PageShell } from '../../../components/page-shell'
import { PhotoPicker } from '../../../components/photo-picker'
import { SignInGate } from '../../../components/sign-in-gate'
import { StateView } from '../../../components/state-view'
import { Tappable } from '../../../components/tappable'
import { useSession } from '../../../hooks/useSession'
import { ApiRequestError, messageOf } from '../../../services/http'
import { fetchStudio, updateStudio } from '../../../services/studios'
// The chips' look (this page lays out several chosen at once, which Chips does not).
import '../../../components/category-chips/index.scss'
import './index.scss'

// 编辑科创工作室: the expert's own words (介绍), a photo of their work and the fields they work in, as
// visitors see them on the studio page. Only 科技工作者 have a studio (the server refuses others).

const INTRO_MAX = STUDIO_LIMITS.intro[1]

interface Form {
  intro: string
  photos: Photo[]
  fields: Category[]
}

export default function StudioEditPage() {
  const user = useSession()
  const [form, setForm] = useState<Form | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [uploading, setUploading] = useState(false)
  const expert = user?.registered && user.role === 'expert' ? user : null

  const load = () => {
    if (!expert) return
    setLoadError(null)
    fetchStudio(expert.id)
      .then((s) => setForm({ intro: s.intro, photos: s.photo ? [s.photo] : [], fields: s.fields }))
      .catch((err) => setLoadError(messageOf(err)))
  }
  useEffect(load, [expert?.id])

  if (!user?.registered) {
    return (
      <PageShell className='studio-edit'>
        <SignInGate user={user} login='登录后编辑您的科创工作室' profile='请先完善资料，再来编辑科创工作室' />
      </PageShell>
    )
  }
  if (!expert) {
    return (
      <PageShell className='studio-edit'>
        <StateView state='empty' message='只有科技工作者有科创工作室。可在“我的 → 编辑资料”里把身份选为科技工作者。' />
      </PageShell>
    )
  }
  if (!form) {
    return (
      <PageShell className='studio-edit'>
        <StateView state={loadError ? 'error' : 'loading'} message={loadError ?? undefined} onRetry={load} rows={3} />
      </PageShell>
    )
  }

  // From the latest state: two quick taps before a render must both count.
  const toggle = (c: Category) =>
    setForm((f) => (f ? { ...f, fields: f.fields.includes(c) ? f.fields.filter((x) => x !== c) : [...f.fields, c] } : f))

  const save = async () => {
    const input = { intro: form.intro.trim(), photoId: form.photos[0]?.id ?? null, fields: form.fields }
    const found = validateStudio(input, { labels: { intro: '介绍' } })
    if (uploading) found.photoId = '照片还在上传，请稍候'
    setErrors(found)
    setNotice(null)
    if (Object.keys(found).length) return
    setSaving(true)
    try {
      await updateStudio(input)
      Taro.showToast({ title: '已保存', icon: 'success' })
      Taro.navigateBack()
    } catch (err) {
      if (err instanceof ApiRequestError && err.fields) setErrors(err.fields)
      setNotice(messageOf(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <PageShell className='studio-edit'>
      <View className='card'>
        <Field block='studio-edit' label='介绍（可不填）' counter={{ value: form.intro, max: INTRO_MAX }} error={errors.intro}>
          <Textarea
            className='form-textarea studio-edit__intro'
            placeholder='您做什么研究、能帮农牧民解决什么问题、怎样联系您方便'
            maxlength={INTRO_MAX}
            value={form.intro}
            onInput={(e) => setForm((f) => (f ? { ...f, intro: e.detail.value } : f))}
          />
        </Field>
      </View>
      <View className='card'>
        <Field block='studio-edit' label='工作照片（可不选）' error={errors.photoId}>
          <PhotoPicker
            value={form.photos}
            max={1}
            onUploaded={(photo) => setForm((f) => (f ? { ...f, photos: [photo] } : f))}
            onRemove={() => setForm((f) => (f ? { ...f, photos: [] } : f))}
            onBusyChange={setUploading}
          />
        </Field>
      </View>
      <View className='card'>
        <Field block='studio-edit' label={`专业领域（最多 ${STUDIO_LIMITS.fields} 个）`} error={errors.fields}>
          <View className='category-chips category-chips--wrap studio-edit__fields'>
            {CATEGORIES.map((c) => (
              <Tappable key={c} role='checkbox' className={`chip${form.fields.includes(c) ? ' chip--on' : ''}`} data-category={c} pressed={form.fields.includes(c)} onClick={() => toggle(c)}>
                {CATEGORY_LABELS[c]}
              </Tappable>
            ))}
          </View>
        </Field>
        <View className='muted'>不选的话，显示您发布的信息所属的领域。</View>
      </View>
      {notice && (
        <View className='error-text studio-edit__notice' role='alert'>
          {notice}
        </View>
      )}
      <View className='studio-edit__submit-wrap'>
        <Button className='btn btn--primary studio-edit__submit' loading={saving || undefined} disabled={saving || undefined} onClick={save}>
          保存
        </Button>
      </View>
    </PageShell>
  )
}
