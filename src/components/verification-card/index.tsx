import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { ROLE_LABELS, VERIFIED_ROLES } from '../../../common/enums'
import type { Profile } from '../../../common/schemas/users'
import type { Verification } from '../../../common/schemas/review'
import type { Photo } from '../../../common/schemas/listings'
import { PhotoPicker } from '../photo-picker'
import { ApiRequestError, messageOf } from '../../services/http'
import { fetchMyVerification, requestVerification } from '../../services/review'
import { fetchMe } from '../../services/users'
import './index.scss'

const STATE_LABELS = { none: '未申请', pending: '审核中', rejected: '未通过' } as const

/** Characters, not UTF-16 units: what a person counts (and what the server checks). */
const length = (s: string) => Array.from(s.trim()).length

type FieldErrors = Partial<Record<'institution' | 'title', string>>

/**
 * A 乡镇科协主席 or 科技工作者 is a claim until staff verify it: shows where the request stands and
 * lets the person ask (again, after a rejection). A 科技工作者 gives 单位 and 职称 (staff check them)
 * and may add a certificate photo; a chair an optional note.
 */
export function VerificationCard({ user }: { user: Profile }) {
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
              <VerifyField
                label='单位'
                className='mine__verify-institution'
                value={institution}
                maxlength={50}
                placeholder='如：四川省草原科学研究院'
                error={fieldErrors.institution}
                onInput={(v) => {
                  setInstitution(v)
                  setFieldErrors((f) => ({ ...f, institution: undefined }))
                }}
              />
              <VerifyField
                label='职称'
                className='mine__verify-title'
                value={title}
                maxlength={30}
                placeholder='如：研究员、高级农艺师'
                error={fieldErrors.title}
                onInput={(v) => {
                  setTitle(v)
                  setFieldErrors((f) => ({ ...f, title: undefined }))
                }}
              />
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

function VerifyField(props: {
  label: string
  className: string
  value: string
  maxlength: number
  placeholder: string
  error?: string
  onInput: (value: string) => void
}) {
  return (
    <View>
      <View className='mine__verify-label'>{props.label}</View>
      <Input
        className={`mine__verify-input ${props.className}`}
        value={props.value}
        maxlength={props.maxlength}
        placeholder={props.placeholder}
        onInput={(e) => props.onInput(e.detail.value)}
      />
      {props.error && <View className='error-text mine__verify-error'>{props.error}</View>}
    </View>
  )
}
