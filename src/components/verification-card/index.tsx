import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, View } from '@tarojs/components'
import { ROLE_LABELS, VERIFIED_ROLES } from '../../../common/enums'
import { PROOF_RETENTION_DAYS, REVIEW_LIMITS, validateVerification, type FieldErrors } from '../../../common/rules'
import type { Profile } from '../../../common/schemas/users'
import type { Verification } from '../../../common/schemas/review'
import { Field, FieldError } from '../field'
import { ProofImage, ProofPicker, type PickedProof } from '../proof-photo'
import { ApiRequestError, messageOf } from '../../services/http'
import { fetchMyVerification, requestVerification } from '../../services/review'
import { fetchMe } from '../../services/users'
import './index.scss'

const STATE_LABELS = { none: '未申请', pending: '审核中', rejected: '未通过' } as const

type TextField = 'realName' | 'post' | 'institution' | 'title' | 'note'

/** What each role is asked, in order: the fields VERIFICATION_REQUIRED (common/rules) names, and a note. */
const FORM: Record<'chair' | 'expert', { fields: Array<{ name: TextField; label: string; placeholder: string; max: number }>; proof: { label: string; hint: string } }> = {
  chair: {
    fields: [
      { name: 'realName', label: '真实姓名', placeholder: '与任命文件上的姓名一致', max: REVIEW_LIMITS.realName[1] },
      { name: 'post', label: '职务', placeholder: '如：科协主席、科协副主席', max: REVIEW_LIMITS.post[1] },
    ],
    proof: { label: '任命文件或工作证照片', hint: '请拍下任命文件或工作证，姓名和职务要看得清楚' },
  },
  expert: {
    fields: [
      { name: 'institution', label: '单位', placeholder: '如：四川省草原科学研究院', max: REVIEW_LIMITS.institution[1] },
      { name: 'title', label: '职称', placeholder: '如：研究员、高级农艺师', max: REVIEW_LIMITS.jobTitle[1] },
    ],
    proof: { label: '职称证书或工作证照片', hint: '请拍下职称证书或工作证，姓名、单位和职称要看得清楚' },
  },
}

/** The form's names for the validator's length messages ("姓名需为 2–20 个字"). */
const LABELS = { realName: '姓名', post: '职务', institution: '单位', title: '职称', note: '说明', proofId: '证明照片' }

/**
 * A 乡镇科协主席 or 科技工作者 is a claim until staff verify it on evidence: shows where the request
 * stands and lets the person ask (again, after a rejection, starting from what they sent). A chair
 * gives real name, post and a photo of the appointment letter or work card; an expert institution,
 * title and a certificate photo. The photo is private (components/proof-photo).
 */
export function VerificationCard({ user }: { user: Profile }) {
  const needed = user.registered && !!user.role && VERIFIED_ROLES.includes(user.role) && user.verification !== 'verified'
  const form = user.role === 'chair' || user.role === 'expert' ? FORM[user.role] : null
  const [latest, setLatest] = useState<Verification | null>(null)
  const [values, setValues] = useState<Record<TextField, string>>({ realName: '', post: '', institution: '', title: '', note: '' })
  const [proof, setProof] = useState<PickedProof | null>(null)
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
        // Asking again after a rejection: start from what was sent last time (a new photo is taken).
        if (v && v.status === 'rejected' && v.role === user.role) {
          setValues((cur) => ({
            realName: cur.realName || v.realName || '',
            post: cur.post || v.post || '',
            institution: cur.institution || v.institution || '',
            title: cur.title || v.title || '',
            note: cur.note,
          }))
        }
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [needed, user.id, user.verification])

  if (!needed || !form) return null
  const state = user.verification as keyof typeof STATE_LABELS
  const reason = state === 'rejected' && latest?.status === 'rejected' && latest.role === user.role ? latest.reason : null
  const sent = state === 'pending' && latest?.status === 'pending' && latest.role === user.role ? latest : null

  const input = () => {
    const trimmed: Record<string, string | number> = {}
    for (const f of form.fields) if (values[f.name].trim()) trimmed[f.name] = values[f.name].trim()
    if (values.note.trim()) trimmed.note = values.note.trim()
    if (proof) trimmed.proofId = proof.id
    return trimmed
  }
  const edit = (name: TextField, value: string) => {
    setValues((cur) => ({ ...cur, [name]: value }))
    setFieldErrors((cur) => ({ ...cur, [name]: '' }))
  }

  const apply = async () => {
    if (inFlight.current) return
    if (uploading) {
      setError('照片还在上传，请稍候')
      return
    }
    const body = input()
    const errors = validateVerification(body, { role: user.role, labels: LABELS })
    setFieldErrors(errors)
    if (Object.keys(errors).length) {
      setError(null)
      return
    }
    inFlight.current = true
    setBusy(true)
    setError(null)
    try {
      const v = await requestVerification(body)
      setLatest(v)
      setValues((cur) => ({ ...cur, note: '' }))
      setProof(null)
      Taro.showToast({ title: '已提交认证申请', icon: 'success' })
      await fetchMe().catch(() => undefined)
    } catch (err) {
      const fields = err instanceof ApiRequestError ? err.fields : undefined
      if (fields) setFieldErrors(fields)
      setError(fields && Object.keys(fields).length ? null : messageOf(err))
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
          {sent && (
            <View className='mine__verify-sent'>
              {sent.realName && <View>姓名：{sent.realName}</View>}
              {sent.post && <View>职务：{sent.post}</View>}
              {sent.institution && <View>单位：{sent.institution}</View>}
              {sent.title && <View>职称：{sent.title}</View>}
              {sent.proofUrl && <ProofImage proofUrl={sent.proofUrl} className='mine__verify-proof' />}
            </View>
          )}
          <View className='muted mine__verify-hint'>科协工作人员审核后会通知您</View>
        </View>
      ) : (
        <View className='mine__verify-form'>
          <View className='muted mine__verify-hint'>
            {user.role === 'chair'
              ? '认证后，您发布的内容会显示「已认证」，并可以为本乡镇群众代发需求、举荐人才、查看本乡镇数据'
              : '认证后，您发布的内容会显示「已认证」，科创工作室会展示您的单位和职称'}
          </View>
          {form.fields.map((f, i) => (
            <Field key={f.name} block='mine__verify' label={f.label} gap={i > 0} error={fieldErrors[f.name]}>
              <Input
                className={`form-input mine__verify-input mine__verify-${f.name.toLowerCase()}`}
                value={values[f.name]}
                maxlength={f.max}
                placeholder={f.placeholder}
                onInput={(e) => edit(f.name, e.detail.value)}
              />
            </Field>
          ))}
          <Field block='mine__verify' label={form.proof.label} gap error={fieldErrors.proofId}>
            <ProofPicker
              value={proof}
              hint={form.proof.hint}
              onChange={(p) => {
                setProof(p)
                setFieldErrors((cur) => ({ ...cur, proofId: '' }))
              }}
              onBusyChange={setUploading}
            />
          </Field>
          <View className='muted mine__verify-privacy'>
            照片只给审核您申请的科协工作人员看，不会公开；审核结束 {PROOF_RETENTION_DAYS} 天后自动删除。
          </View>
          <Field block='mine__verify' label='说明（可不填）' gap error={fieldErrors.note}>
            <Input
              className='form-input mine__verify-input mine__verify-note'
              value={values.note}
              maxlength={REVIEW_LIMITS.verificationNote[1]}
              placeholder={user.role === 'chair' ? '如：所在乡镇、任职时间' : '如：研究方向、可以提供的服务'}
              onInput={(e) => edit('note', e.detail.value)}
            />
          </Field>
          <FieldError message={error ?? undefined} className='mine__verify-failed' />
          <Button className='btn btn--primary mine__verify-apply' disabled={busy || undefined} loading={busy || undefined} onClick={apply}>
            申请认证
          </Button>
        </View>
      )}
    </View>
  )
}
