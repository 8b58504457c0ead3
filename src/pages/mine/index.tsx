import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Image, Input, Switch, View } from '@tarojs/components'
import { ROLE_LABELS, VERIFIED_ROLES } from '../../../common/enums'
import type { Profile } from '../../../common/schemas/users'
import type { Verification } from '../../../common/schemas/review'
import type { Photo } from '../../../common/schemas/listings'
import { formatRegionPath } from '../../../common/format'
import { PageShell } from '../../components/page-shell'
import { PhotoPicker } from '../../components/photo-picker'
import { useSession } from '../../hooks/useSession'
import { useUiPrefs } from '../../hooks/useUiPrefs'
import { setElderMode } from '../../utils/ui-prefs'
import { ApiRequestError, assetUrl, messageOf } from '../../services/http'
import { logout } from '../../services/auth'
import { deleteAccount, fetchMe } from '../../services/users'
import { fetchMyVerification, requestVerification } from '../../services/review'
import { getToken } from '../../services/session'
import { studioPath } from '../../services/studios'
import './index.scss'

const VERIFICATION_LABELS = { none: '未认证', pending: '认证审核中', verified: '已认证', rejected: '认证未通过' }
const MY_LISTINGS_URL = '/packages/listings/mine/index'

export default function Mine() {
  const user = useSession()
  const { elder } = useUiPrefs()

  // Refresh the profile whenever the tab shows (a staff verification may have landed meanwhile).
  useDidShow(() => {
    if (getToken()) fetchMe().catch(() => undefined)
  })

  const confirmDelete = async () => {
    const { confirm } = await Taro.showModal({
      title: '注销账号',
      content: '注销后，您的昵称、头像、手机号和地区将被删除，且无法恢复。确定注销吗？',
      confirmText: '确定注销',
      confirmColor: '#c62828',
    })
    if (!confirm) return
    try {
      await deleteAccount()
      Taro.showToast({ title: '账号已注销', icon: 'none' })
    } catch (err) {
      Taro.showToast({ title: messageOf(err), icon: 'none' })
    }
  }

  return (
    <PageShell className='mine'>
      {user ? (
        <View className='card mine__profile'>
          {user.avatarUrl ? <Image className='mine__avatar' src={assetUrl(user.avatarUrl)} mode='aspectFill' /> : <View className='mine__avatar mine__avatar--empty'>{(user.nickname ?? '我').slice(0, 1)}</View>}
          <View className='mine__info'>
            <View className='mine__name'>{user.nickname ?? '未填写昵称'}</View>
            {user.role && (
              <View className='muted'>
                {ROLE_LABELS[user.role]}
                {(user.role === 'chair' || user.role === 'expert') && ` · ${VERIFICATION_LABELS[user.verification]}`}
                {user.isStaff && ' · 科协工作人员'}
              </View>
            )}
            {user.region && <View className='muted'>{formatRegionPath(user.region)}</View>}
            {user.phoneMasked && <View className='muted'>手机 {user.phoneMasked}</View>}
          </View>
        </View>
      ) : (
        <View className='card'>
          <View className='mine__hello'>登录后可以发布需求、找专家、报名大赛</View>
          <Button className='btn btn--primary' onClick={() => Taro.navigateTo({ url: '/packages/account/login/index' })}>
            微信一键登录
          </Button>
        </View>
      )}

      {user && (
        <View className='card mine__work'>
          <View className='row mine__my-listings' onClick={() => Taro.navigateTo({ url: MY_LISTINGS_URL })}>
            <View>我的发布</View>
            <View className='muted'>›</View>
          </View>
          <View className='row mine__my-responses' onClick={() => Taro.navigateTo({ url: `${MY_LISTINGS_URL}?tab=responses` })}>
            <View>我的对接</View>
            <View className='muted'>›</View>
          </View>
          {user.registered && user.role === 'expert' && (
            <View className='row mine__studio' onClick={() => Taro.navigateTo({ url: studioPath(user.id) })}>
              <View>我的科创工作室</View>
              <View className='muted'>›</View>
            </View>
          )}
        </View>
      )}

      {user && <VerificationCard user={user} />}

      {user?.isStaff && (
        <View className='card mine__staff'>
          <View className='mine__staff-title'>科协工作台</View>
          <View className='row mine__staff-review' onClick={() => Taro.navigateTo({ url: '/packages/staff/review/index' })}>
            <View>内容审核</View>
            <View className='muted'>›</View>
          </View>
          <View className='row mine__staff-verifications' onClick={() => Taro.navigateTo({ url: '/packages/staff/verifications/index' })}>
            <View>身份认证审核</View>
            <View className='muted'>›</View>
          </View>
          <View className='row mine__staff-news-import' onClick={() => Taro.navigateTo({ url: '/packages/staff/news-import/index' })}>
            <View>导入科技报</View>
            <View className='muted'>›</View>
          </View>
        </View>
      )}

      <View className='card'>
        {user && (
          <View className='row' onClick={() => Taro.navigateTo({ url: '/packages/account/profile/index' })}>
            <View>{user.registered ? '编辑资料' : '完善资料'}</View>
            <View className='muted'>›</View>
          </View>
        )}
        <View className='row mine__elder'>
          <View>
            <View>长辈模式</View>
            <View className='muted'>字更大，按钮更大</View>
          </View>
          <Switch className='mine__elder-switch' checked={elder} color='#0b6bcb' onChange={(e) => setElderMode(e.detail.value)} />
        </View>
        <View className='row' onClick={() => Taro.navigateTo({ url: '/packages/account/privacy/index' })}>
          <View>隐私保护指引</View>
          <View className='muted'>›</View>
        </View>
      </View>

      {user && (
        <View className='card mine__actions'>
          <Button className='btn btn--plain' onClick={() => logout().catch(() => undefined)}>
            退出登录
          </Button>
          <Button className='btn btn--danger mine__delete' onClick={confirmDelete}>
            注销账号
          </Button>
        </View>
      )}
    </PageShell>
  )
}

const STATE_LABELS = { none: '未申请', pending: '审核中', rejected: '未通过' } as const

/** Characters, not UTF-16 units: what a person counts (and what the server checks). */
const length = (s: string) => Array.from(s.trim()).length

type FieldErrors = Partial<Record<'institution' | 'title', string>>

/**
 * A 乡镇科协主席 or 科技工作者 is a claim until staff verify it: shows where the request stands and
 * lets the person ask (again, after a rejection). A 科技工作者 gives 单位 and 职称 (staff check them)
 * and may add a certificate photo; a chair an optional note.
 */
function VerificationCard({ user }: { user: Profile }) {
  const needed = user.registered && !!user.role && VERIFIED_ROLES.includes(user.role) && user.verification !== 'verified'
  const expert = user.role === 'expert'
  const [latest, setLatest] = useState<Verification | null>(null)
  const [note, setNote] = useState('')
  const [institution, setInstitution] = useState('')
  const [title, setTitle] = useState('')
  const [certificate, setCertificate] = useState<Photo[]>([])
  const [uploading, setUploading] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({})
  const inFlight = useRef(false)

  // The profile says which state the claim is in; the latest request carries staff's reason.
  useEffect(() => {
    if (!needed || user.verification === 'none') return
    let live = true
    fetchMyVerification()
      .then((v) => {
        if (!live) return
        setLatest(v)
        // Asking again after a rejection: start from what was sent last time.
        if (v && v.status === 'rejected' && v.role === user.role) {
          setInstitution((cur) => cur || v.institution || '')
          setTitle((cur) => cur || v.title || '')
        }
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [needed, user.id, user.verification])

  if (!needed) return null
  const state = user.verification as keyof typeof STATE_LABELS
  const reason = state === 'rejected' && latest?.status === 'rejected' && latest.role === user.role ? latest.reason : null
  const sent = state === 'pending' && latest?.status === 'pending' && latest.role === user.role ? latest : null

  const validate = (): FieldErrors => {
    if (!expert) return {}
    const errors: FieldErrors = {}
    if (length(institution) < 2) errors.institution = '请填写单位（至少 2 个字）'
    if (length(title) < 2) errors.title = '请填写职称（至少 2 个字）'
    return errors
  }

  const apply = async () => {
    if (inFlight.current) return
    if (uploading) {
      setError('证书照片还在上传，请稍候')
      return
    }
    const errors = validate()
    setFieldErrors(errors)
    if (Object.keys(errors).length) {
      setError(null)
      return
    }
    inFlight.current = true
    setBusy(true)
    setError(null)
    try {
      const v = await requestVerification({
        note: note.trim() || undefined,
        ...(expert ? { institution: institution.trim(), title: title.trim(), certificateId: certificate[0]?.id } : {}),
      })
      setLatest(v)
      setNote('')
      setCertificate([])
      Taro.showToast({ title: '已提交认证申请', icon: 'success' })
      await fetchMe().catch(() => undefined)
    } catch (err) {
      const fields = err instanceof ApiRequestError ? err.fields : undefined
      if (fields && (fields.institution || fields.title)) setFieldErrors({ institution: fields.institution, title: fields.title })
      setError(fields?.certificateId ?? messageOf(err))
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }

  return (
    <View className='card mine__verify'>
      <View className='row mine__verify-row'>
        <View>{ROLE_LABELS[user.role!]}认证</View>
        <View className={`mine__verify-state mine__verify-state--${state}`}>{STATE_LABELS[state]}</View>
      </View>
      {reason && <View className='mine__verify-reason'>未通过原因：{reason}</View>}
      {state === 'pending' ? (
        <View>
          {sent && (sent.institution || sent.title) && (
            <View className='mine__verify-sent'>
              {sent.institution && <View>单位：{sent.institution}</View>}
              {sent.title && <View>职称：{sent.title}</View>}
              {sent.certificateUrl && <View className='muted'>已附证书照片</View>}
            </View>
          )}
          <View className='muted mine__verify-hint'>科协工作人员审核后会通知您</View>
        </View>
      ) : (
        <View className='mine__verify-form'>
          <View className='muted mine__verify-hint'>
            认证后，您发布的内容会显示「已认证」
            {user.role === 'chair' ? '，并可以为本乡镇群众代发需求' : '，科创工作室会展示您的单位和职称'}
          </View>
          {expert && (
            <View>
              <View className='mine__verify-label'>单位</View>
              <Input
                className='mine__verify-input mine__verify-institution'
                value={institution}
                maxlength={50}
                placeholder='如：四川省草原科学研究院'
                onInput={(e) => {
                  setInstitution(e.detail.value)
                  if (fieldErrors.institution) setFieldErrors((f) => ({ ...f, institution: undefined }))
                }}
              />
              {fieldErrors.institution && <View className='error-text mine__verify-error'>{fieldErrors.institution}</View>}
              <View className='mine__verify-label'>职称</View>
              <Input
                className='mine__verify-input mine__verify-title'
                value={title}
                maxlength={30}
                placeholder='如：研究员、高级农艺师'
                onInput={(e) => {
                  setTitle(e.detail.value)
                  if (fieldErrors.title) setFieldErrors((f) => ({ ...f, title: undefined }))
                }}
              />
              {fieldErrors.title && <View className='error-text mine__verify-error'>{fieldErrors.title}</View>}
              <View className='mine__verify-label'>
                证书照片<View className='muted mine__verify-optional'>（可不填）职称证书或工作证</View>
              </View>
              <View className='mine__verify-certificate'>
                <PhotoPicker
                  value={certificate}
                  max={1}
                  onUploaded={(p) => setCertificate([p])}
                  onRemove={() => setCertificate([])}
                  onBusyChange={setUploading}
                />
              </View>
              <View className='mine__verify-label'>说明（可不填）</View>
            </View>
          )}
          <Input
            className='mine__verify-input mine__verify-note'
            value={note}
            maxlength={200}
            placeholder={expert ? '如：研究方向、可以提供的服务' : '说明（可不填）：单位、职务等'}
            onInput={(e) => setNote(e.detail.value)}
          />
          {error && <View className='error-text mine__verify-failed'>{error}</View>}
          <Button className='btn btn--primary mine__verify-apply' disabled={busy || undefined} loading={busy || undefined} onClick={apply}>
            申请认证
          </Button>
        </View>
      )}
    </View>
  )
}
