import { useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Textarea, View } from '@tarojs/components'
import {
  ACHIEVEMENT_STAGES,
  ACHIEVEMENT_STAGE_LABELS,
  LISTING_SIDES,
  LISTING_SIDE_LABELS,
  MAX_LISTING_PHOTOS,
  TRANSFER_MODES,
  TRANSFER_MODE_LABELS,
  type AchievementStage,
  type Category,
  type ListingKind,
  type ListingSide,
  type TransferMode,
} from '../../../../common/enums'
import { errorMessage } from '../../../../common/errors'
import type { Listing, ListingInput, Photo } from '../../../../common/schemas/listings'
import type { RegionPath } from '../../../../common/schemas/regions'
import { formatRegionPath } from '../../../../common/format'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { CategoryChips, Chips, optionsOf } from '../../../components/category-chips'
import { RegionPicker } from '../../../components/region-picker'
import { PhotoPicker } from '../../../components/photo-picker'
import { useDraft } from '../../../hooks/useDraft'
import { useSession } from '../../../hooks/useSession'
import { ApiRequestError, messageOf } from '../../../services/http'
import { editListing, fetchListing, publishListing } from '../../../services/listings'
import { newIdempotencyKey } from '../../../utils/idempotency'
import { isPatentNo, normalizePatentNo } from '../../../utils/patent'
import { isVerifiedChair } from '../../../utils/roles'
import './index.scss'

const LOGIN_URL = '/packages/account/login/index'
const PROFILE_URL = '/packages/account/profile/index'
const PHONE = /^1[3-9]\d{9}$/

interface Form {
  /** 'achievement' (科技成果, ?kind=achievement): always 科技所能, with the fields below, never 代发. */
  kind: ListingKind
  side: ListingSide
  title: string
  category: Category | null
  region: RegionPath | null
  description: string
  /** Uploaded photos only (with server ids); photos still uploading live in PhotoPicker. */
  photos: Photo[]
  contactName: string
  contactPhone: string
  contactNote: string
  /** 代发: a verified chair posting for a farmer of their township. */
  proxyOn: boolean
  proxyName: string
  proxyPhone: string
  proxyConsent: boolean
  /** 科技成果 only. */
  stage: AchievementStage | null
  transferMode: TransferMode | null
  /** As typed ('zl 202110123456.7'); sent normalised, or null when empty. */
  patentNo: string
  institution: string
  /** Idempotency-Key of the POST: made once per draft, so a retried submit creates one post. */
  key: string
  /** Edit mode: the post these values were loaded from (a saved edit draft is not overwritten). */
  loadedFrom: number | null
}

const SIDE_HINTS: Record<ListingSide, string> = {
  need: '我有问题，想找专家帮忙',
  offer: '我有技术，能为大家服务',
}

const STAGE_OPTIONS = optionsOf(ACHIEVEMENT_STAGES, ACHIEVEMENT_STAGE_LABELS)
const TRANSFER_OPTIONS = optionsOf(TRANSFER_MODES, TRANSFER_MODE_LABELS)

const chars = (s: string) => Array.from(s.trim()).length

function FieldError({ message }: { message?: string }) {
  return message ? <View className='error-text publish__error'>{message}</View> : null
}

/**
 * Subscribe messages (审核结果, 新的对接申请) may only be asked for from a tap: this runs inside the
 * submit tap, before anything is awaited. Refusing (or an old WeChat without the API) changes nothing.
 */
function askForNotifications(): void {
  if (process.env.TARO_ENV !== 'weapp') return
  const tmplIds = [process.env.TARO_APP_TEMPLATE_REVIEW, process.env.TARO_APP_TEMPLATE_RESPONSE].filter((t): t is string => !!t)
  if (!tmplIds.length || typeof Taro.requestSubscribeMessage !== 'function') return
  try {
    Promise.resolve(Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)).catch(() => undefined)
  } catch {
    // not available on this WeChat version
  }
}

export default function Publish() {
  const { params } = useRouter()
  const editId = Number(params.id) > 0 ? Number(params.id) : null
  // An edit keeps the post's own kind (set when it is loaded); a new one comes from ?kind=.
  const kindParam: ListingKind = !editId && params.kind === 'achievement' ? 'achievement' : 'post'
  const sideParam = kindParam === 'achievement' ? 'offer' : (LISTING_SIDES.find((s) => s === params.side) ?? null)
  const user = useSession()

  const blank = (): Form => ({
    kind: kindParam,
    side: sideParam ?? 'need',
    title: '',
    category: null,
    region: user?.region ?? null,
    description: '',
    photos: [],
    contactName: user?.nickname ?? '',
    contactPhone: '',
    contactNote: '',
    proxyOn: false,
    proxyName: '',
    proxyPhone: '',
    proxyConsent: false,
    stage: null,
    transferMode: null,
    patentNo: '',
    institution: '',
    key: newIdempotencyKey(),
    loadedFrom: null,
  })
  // A 科技成果 draft is kept apart from a post's: switching between the two loses neither.
  const [form, update, clearDraft] = useDraft<Form>(
    editId ? `listing-edit.${editId}` : kindParam === 'achievement' ? 'achievement-publish' : 'listing-publish',
    blank(),
  )
  const achievement = form.kind === 'achievement'
  const canProxy = isVerifiedChair(user) && !!user?.region && !achievement
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [uploading, setUploading] = useState(false)
  const [done, setDone] = useState<Listing | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const inFlight = useRef(false)
  // PhotoPicker reports one photo at a time; add each to the latest list, not a stale one.
  const latest = useRef(form)
  latest.current = form

  // Keep the key with the draft from the start; a side chosen on the way in (发布需求) wins.
  useEffect(() => {
    if (editId) return
    update({ key: form.key || newIdempotencyKey(), ...(sideParam ? { side: sideParam } : {}), ...(!form.region && user?.region ? { region: user.region } : {}) })
  }, [])

  // Edit mode: fill the form from the post, unless a draft of this very edit is already open.
  const loadForEdit = () => {
    if (!editId) return
    setLoadError(null)
    fetchListing(editId)
      .then((l) => {
        if (!l.viewer.isOwner) return setLoadError('只能修改自己发布的信息')
        if (latest.current.loadedFrom === editId) return
        const a = l.achievement
        update({
          kind: l.kind,
          stage: a?.stage ?? null,
          transferMode: a?.transferMode ?? null,
          patentNo: a?.patentNo ?? '',
          institution: a?.institution ?? '',
          side: l.side,
          title: l.title,
          category: l.category,
          region: l.region,
          description: l.description,
          photos: l.photos,
          contactName: l.contact?.name ?? user?.nickname ?? '',
          contactPhone: l.contact?.phone ?? '',
          contactNote: l.contact?.note ?? '',
          // The farmer's phone is never sent back: a chair editing a 代发 post enters it again.
          proxyOn: !!l.proxyName,
          proxyName: l.proxyName ?? '',
          proxyPhone: '',
          proxyConsent: false,
          loadedFrom: editId,
        })
      })
      .catch((err) => setLoadError(messageOf(err)))
  }
  useEffect(loadForEdit, [editId])

  const proxy = form.proxyOn && canProxy
  const regionCode = proxy ? user!.region!.township.code : form.region?.township.code

  const validate = (): Record<string, string> => {
    const found: Record<string, string> = {}
    const title = chars(form.title)
    if (title < 4 || title > 40) found.title = achievement ? '成果名称需为 4–40 个字' : '标题需为 4–40 个字'
    if (!form.category) found.category = achievement ? '请选择所属领域' : '请选择分类'
    if (achievement) {
      if (!form.stage) found['achievement.stage'] = '请选择成果所处阶段'
      if (!form.transferMode) found['achievement.transferMode'] = '请选择转化方式'
      if (form.patentNo.trim() && !isPatentNo(form.patentNo)) found['achievement.patentNo'] = errorMessage('PATENT_NO_INVALID')
      const institution = chars(form.institution)
      if (institution < 2 || institution > 50) found['achievement.institution'] = '请填写所属单位（2–50 个字）'
    }
    if (!regionCode) found.regionCode = '请选择所在乡镇（街道）'
    const description = chars(form.description)
    if (description < 10 || description > 2000) found.description = achievement ? '成果简介需为 10–2000 个字' : '详细说明需为 10–2000 个字'
    const name = chars(form.contactName)
    if (name < 1 || name > 20) found['contact.name'] = '请填写联系人（1–20 个字）'
    if (!PHONE.test(form.contactPhone.trim())) found['contact.phone'] = '请填写正确的 11 位手机号'
    if (chars(form.contactNote) > 40) found['contact.note'] = '备注最多 40 个字'
    if (proxy) {
      const farmer = chars(form.proxyName)
      if (farmer < 1 || farmer > 20) found['proxy.name'] = '请填写农户姓名（1–20 个字）'
      if (!PHONE.test(form.proxyPhone.trim())) found['proxy.phone'] = '请填写农户正确的 11 位手机号'
      if (!form.proxyConsent) found['proxy.consent'] = '代发前请确认已征得本人同意'
    }
    if (uploading) found.photoIds = '照片还在上传，请稍候再提交'
    return found
  }

  const submit = async () => {
    if (inFlight.current) return // a second quick tap
    const found = validate()
    setErrors(found)
    const problems = Object.values(found)
    if (problems.length) {
      setNotice(problems.length === 1 ? problems[0] : `有 ${problems.length} 处需要修改：${problems[0]}`)
      return
    }
    inFlight.current = true
    askForNotifications() // still inside the tap: WeChat shows its dialog only now
    setSaving(true)
    setNotice(null)
    const note = form.contactNote.trim()
    const patent = normalizePatentNo(form.patentNo)
    const input: ListingInput = {
      kind: form.kind,
      side: achievement ? 'offer' : form.side,
      title: form.title.trim(),
      category: form.category!,
      regionCode: regionCode!,
      description: form.description.trim(),
      photoIds: form.photos.map((p) => p.id),
      contact: { name: form.contactName.trim(), phone: form.contactPhone.trim(), ...(note ? { note } : {}) },
      proxy: proxy ? { name: form.proxyName.trim(), phone: form.proxyPhone.trim(), regionCode: regionCode!, consent: true } : null,
      achievement: achievement
        ? { stage: form.stage!, transferMode: form.transferMode!, patentNo: patent || null, institution: form.institution.trim() }
        : null,
    }
    try {
      const saved = editId ? await editListing(editId, input) : await publishListing(input, form.key)
      clearDraft()
      setDone(saved)
    } catch (err) {
      if (err instanceof ApiRequestError && err.fields) setErrors(err.fields)
      setNotice(messageOf(err))
    } finally {
      inFlight.current = false
      setSaving(false)
    }
  }

  const again = () => {
    update(blank())
    setErrors({})
    setNotice(null)
    setDone(null)
  }

  if (!user) {
    return (
      <PageShell className='publish'>
        <View className='card publish__gate'>
          <View className='publish__gate-text'>{achievement ? '登录后才能发布科技成果' : '登录后才能发布需求或服务'}</View>
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: LOGIN_URL })}>
            微信一键登录
          </Button>
        </View>
      </PageShell>
    )
  }
  if (!user.registered) {
    return (
      <PageShell className='publish'>
        <View className='card publish__gate'>
          <View className='publish__gate-text'>请先完善资料（昵称和所在乡镇），再来发布</View>
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: PROFILE_URL })}>
            完善资料
          </Button>
        </View>
      </PageShell>
    )
  }

  // Only 科技工作者 publish 科技成果 (the server refuses everyone else with ACHIEVEMENT_NOT_EXPERT).
  if (achievement && user.role !== 'expert') {
    return (
      <PageShell className='publish'>
        <View className='card publish__gate publish__not-expert'>
          <View className='publish__gate-text'>{errorMessage('ACHIEVEMENT_NOT_EXPERT')}。</View>
          <View className='muted publish__gate-text'>您有技术或服务，可以发布“科技所能”，同样能与需要的人对接。</View>
          <Button className='btn btn--primary' onClick={() => Taro.redirectTo({ url: '/packages/listings/publish/index?side=offer' })}>
            发布科技所能
          </Button>
        </View>
      </PageShell>
    )
  }

  if (done) {
    return (
      <PageShell className='publish'>
        <View className='card publish__done'>
          <View className='publish__done-icon'>✓</View>
          <View className='publish__done-title'>{editId ? '已修改，审核通过后公开' : '已提交，审核通过后公开'}</View>
          <View className='muted publish__done-text'>科协工作人员审核后，所有人都能看到这条信息；审核结果和新的对接申请会通过微信通知您。</View>
          <Button className='btn btn--primary publish__view' onClick={() => Taro.redirectTo({ url: `/packages/listings/detail/index?id=${done.id}` })}>
            查看
          </Button>
          {editId ? (
            <Button className='btn btn--plain publish__again' onClick={() => Taro.navigateBack()}>
              返回
            </Button>
          ) : (
            <Button className='btn btn--plain publish__again' onClick={again}>
              再发一条
            </Button>
          )}
        </View>
      </PageShell>
    )
  }

  if (editId && form.loadedFrom !== editId) {
    return (
      <PageShell className='publish'>
        <StateView state={loadError ? 'error' : 'loading'} message={loadError ?? undefined} onRetry={loadForEdit} rows={3} />
      </PageShell>
    )
  }

  return (
    <PageShell className='publish'>
      {editId && <View className='card publish__edit-note'>修改后需要重新审核，审核通过前别人看不到这条信息。</View>}

      {achievement ? (
        <View className='card publish__kind'>
          <View className='publish__label'>发布科技成果</View>
          <View className='muted'>科技成果属于{LISTING_SIDE_LABELS.offer}：有意向的企业、合作社和群众可以与您对接转化。</View>
        </View>
      ) : (
        <View className='card'>
          <View className='publish__label'>我要发布</View>
          <View className='publish__sides'>
            {LISTING_SIDES.map((s) => (
              <View key={s} className={`publish__side${form.side === s ? ' publish__side--on' : ''}`} data-side={s} onClick={() => update({ side: s })}>
                <View className='publish__side-name'>{LISTING_SIDE_LABELS[s]}</View>
                <View className='publish__side-hint'>{SIDE_HINTS[s]}</View>
              </View>
            ))}
          </View>
        </View>
      )}

      <View className='card'>
        <View className='publish__label'>{achievement ? '成果名称' : '标题'}</View>
        <Input
          className='publish__input publish__title'
          placeholder={achievement ? '例如：牦牛冬季全混合日粮补饲技术' : form.side === 'need' ? '例如：牦牛冬季掉膘，求补饲技术' : '例如：牦牛冬春补饲技术指导'}
          maxlength={40}
          value={form.title}
          onInput={(e) => update({ title: e.detail.value })}
          onBlur={(e) => update({ title: e.detail.value })}
        />
        <View className='publish__counter'>{chars(form.title)}/40</View>
        <FieldError message={errors.title} />
      </View>

      <View className='card'>
        <View className='publish__label'>{achievement ? '所属领域' : '分类'}</View>
        <CategoryChips value={form.category} onChange={(category) => update({ category })} wrap />
        <FieldError message={errors.category} />
      </View>

      {achievement && (
        <View className='card publish__achievement'>
          <View className='publish__label'>成果阶段</View>
          <Chips options={STAGE_OPTIONS} value={form.stage} name='stage' wrap onChange={(stage) => update({ stage })} />
          <FieldError message={errors['achievement.stage']} />
          <View className='publish__label publish__label--gap'>转化方式</View>
          <Chips options={TRANSFER_OPTIONS} value={form.transferMode} name='transfer' wrap onChange={(transferMode) => update({ transferMode })} />
          <FieldError message={errors['achievement.transferMode']} />
          <View className='publish__label publish__label--gap'>专利号或品种权号（可不填）</View>
          <Input
            className='publish__input publish__patent'
            placeholder='例如 ZL202110123456.7'
            maxlength={24}
            value={form.patentNo}
            onInput={(e) => update({ patentNo: e.detail.value })}
            onBlur={(e) => update({ patentNo: e.detail.value })}
          />
          <FieldError message={errors['achievement.patentNo']} />
          <View className='publish__label publish__label--gap'>所属单位</View>
          <Input
            className='publish__input publish__institution'
            placeholder='例如：四川省草原科学研究院'
            maxlength={50}
            value={form.institution}
            onInput={(e) => update({ institution: e.detail.value })}
            onBlur={(e) => update({ institution: e.detail.value })}
          />
          <FieldError message={errors['achievement.institution'] ?? errors.achievement} />
        </View>
      )}

      {canProxy && (
        <View className='card publish__proxy'>
          <View className='publish__label'>发布方式</View>
          <View className='publish__sides'>
            <View className={`publish__side${!form.proxyOn ? ' publish__side--on' : ''}`} onClick={() => update({ proxyOn: false })}>
              <View className='publish__side-name'>自己发布</View>
            </View>
            <View className={`publish__side${form.proxyOn ? ' publish__side--on' : ''}`} data-proxy='on' onClick={() => update({ proxyOn: true })}>
              <View className='publish__side-name'>为农户代发</View>
            </View>
          </View>
          {form.proxyOn && (
            <View className='publish__proxy-fields'>
              <View className='muted publish__proxy-line'>发布后将显示“由 {user.region!.township.name}科协 代发”，地区为您所在的乡镇。</View>
              <View className='publish__label publish__label--gap'>农户姓名</View>
              <Input
                className='publish__input publish__proxy-name'
                placeholder='请填写农户的姓名'
                maxlength={20}
                value={form.proxyName}
                onInput={(e) => update({ proxyName: e.detail.value })}
                onBlur={(e) => update({ proxyName: e.detail.value })}
              />
              <FieldError message={errors['proxy.name']} />
              <View className='publish__label publish__label--gap'>农户手机号</View>
              <Input
                className='publish__input publish__proxy-phone'
                type='number'
                placeholder='11 位手机号'
                maxlength={11}
                value={form.proxyPhone}
                onInput={(e) => update({ proxyPhone: e.detail.value })}
                onBlur={(e) => update({ proxyPhone: e.detail.value })}
              />
              <FieldError message={errors['proxy.phone']} />
              <View className='publish__check' onClick={() => update({ proxyConsent: !form.proxyConsent })}>
                <View className={`publish__box${form.proxyConsent ? ' publish__box--on' : ''}`}>{form.proxyConsent ? '✓' : ''}</View>
                <View>已征得本人同意，代其发布</View>
              </View>
              <FieldError message={errors['proxy.consent']} />
            </View>
          )}
        </View>
      )}

      <View className='card'>
        <View className='publish__label'>所在地区</View>
        {proxy ? (
          <View className='publish__fixed-region'>{formatRegionPath(user.region)}</View>
        ) : (
          <RegionPicker value={form.region} onChange={(region) => update({ region })} />
        )}
        <FieldError message={errors.regionCode ?? errors['proxy.regionCode']} />
      </View>

      <View className='card'>
        <View className='publish__label'>{achievement ? '成果简介' : '详细说明'}</View>
        <Textarea
          className='publish__textarea publish__description'
          placeholder={achievement ? '成果解决什么问题？效果如何？在哪里示范应用过？需要什么条件？' : form.side === 'need' ? '遇到了什么问题？多少户、多大规模？想要怎样的帮助？' : '能提供什么技术或服务？在哪些地方？怎么收费？'}
          maxlength={2000}
          value={form.description}
          onInput={(e) => update({ description: e.detail.value })}
          onBlur={(e) => update({ description: e.detail.value })}
        />
        <View className='publish__counter'>{chars(form.description)}/2000</View>
        <FieldError message={errors.description} />
      </View>

      <View className='card'>
        <View className='publish__label'>照片（可不传，最多 {MAX_LISTING_PHOTOS} 张）</View>
        <PhotoPicker
          value={form.photos}
          max={MAX_LISTING_PHOTOS}
          onUploaded={(photo) => update({ photos: [...latest.current.photos, photo] })}
          onRemove={(id) => update({ photos: latest.current.photos.filter((p) => p.id !== id) })}
          onBusyChange={setUploading}
        />
        <FieldError message={errors.photoIds} />
      </View>

      <View className='card'>
        <View className='publish__label'>联系方式</View>
        <View className='muted'>只有您接受对接的人才能看到电话。</View>
        <View className='publish__label publish__label--gap'>联系人</View>
        <Input
          className='publish__input publish__contact-name'
          placeholder='怎么称呼您'
          maxlength={20}
          value={form.contactName}
          onInput={(e) => update({ contactName: e.detail.value })}
          onBlur={(e) => update({ contactName: e.detail.value })}
        />
        <FieldError message={errors['contact.name']} />
        <View className='publish__label publish__label--gap'>手机号</View>
        <Input
          className='publish__input publish__contact-phone'
          type='number'
          placeholder='11 位手机号'
          maxlength={11}
          value={form.contactPhone}
          onInput={(e) => update({ contactPhone: e.detail.value })}
          onBlur={(e) => update({ contactPhone: e.detail.value })}
        />
        <FieldError message={errors['contact.phone']} />
        <View className='publish__label publish__label--gap'>备注（可不填）</View>
        <Input
          className='publish__input publish__contact-note'
          placeholder='例如：微信同号，晚上打'
          maxlength={40}
          value={form.contactNote}
          onInput={(e) => update({ contactNote: e.detail.value })}
          onBlur={(e) => update({ contactNote: e.detail.value })}
        />
        <FieldError message={errors['contact.note']} />
      </View>

      {notice && <View className='error-text publish__notice'>{notice}</View>}
      <View className='publish__submit-wrap'>
        <Button className='btn btn--primary publish__submit' loading={saving || undefined} disabled={saving || undefined} onClick={submit}>
          {editId ? '提交修改' : '提交审核'}
        </Button>
        <View className='muted publish__submit-hint'>提交后由科协工作人员审核，通过后公开。</View>
      </View>
    </PageShell>
  )
}
