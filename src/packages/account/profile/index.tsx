import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Image, Input, View } from '@tarojs/components'
import { ROLES, ROLE_LABELS, VERIFIED_ROLES, type Role } from '../../../../common/enums'
import { validateProfile } from '../../../../common/rules'
import type { RegionPath } from '../../../../common/schemas/regions'
import { Field } from '../../../components/field'
import { PageShell } from '../../../components/page-shell'
import { PrivacyPopup } from '../../../components/privacy-popup'
import { RegionPicker } from '../../../components/region-picker'
import { useDraft } from '../../../hooks/useDraft'
import { useSession } from '../../../hooks/useSession'
import { ApiRequestError, assetUrl, messageOf } from '../../../services/http'
import { bindPhone, updateProfile, uploadAvatar } from '../../../services/users'
import './index.scss'

interface Form {
  nickname: string
  role: Role
  region: RegionPath | null
  /** Typed once here, filled into posts and 对接 (empty: none kept). */
  contactPhone: string
}

/** The form's names for its fields: "昵称须为 1–20 个字". */
const LABELS = { nickname: '昵称' }

// Registration for someone who has just logged in: the role is preset to 农牧民 (most people
// here), so a farmer needs only the nickname, three taps for prefecture → county → township and
// one on 完成注册. Everything typed survives the app being killed (useDraft).
export default function ProfilePage() {
  const user = useSession()
  const onboarding = !user?.registered
  const [form, update, clearDraft] = useDraft<Form>('profile', {
    nickname: user?.nickname ?? '',
    role: user?.role ?? 'farmer',
    region: user?.region ?? null,
    contactPhone: user?.contactPhone ?? '',
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)

  const setNickname = (value: string) => update({ nickname: value })

  const pickAvatar = async (path: string) => {
    try {
      await uploadAvatar(path)
    } catch (err) {
      Taro.showToast({ title: messageOf(err), icon: 'none' })
    }
  }
  const chooseAvatarOnH5 = async () => {
    const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'] }).catch(() => null)
    if (res?.tempFilePaths[0]) await pickAvatar(res.tempFilePaths[0])
  }
  const onPhone = async (code?: string) => {
    if (!code) return // the person declined
    try {
      await bindPhone(code)
    } catch (err) {
      Taro.showToast({ title: messageOf(err), icon: 'none' })
    }
  }

  const submit = async () => {
    const contactPhone = form.contactPhone.trim() || null
    const found = validateProfile({ nickname: form.nickname.trim(), role: form.role, regionCode: form.region?.township.code, contactPhone }, { labels: LABELS })
    // Nothing picked yet is a prompt, not a bad code: the server never sees this case.
    if (!form.region) found.regionCode = '请选择您所在的乡镇（街道）'
    setErrors(found)
    if (Object.keys(found).length) return
    setSaving(true)
    setNotice(null)
    try {
      await updateProfile({ nickname: form.nickname.trim(), role: form.role, regionCode: form.region!.township.code, contactPhone })
      clearDraft()
      Taro.showToast({ title: onboarding ? '注册成功' : '已保存', icon: 'success' })
      if (onboarding) Taro.switchTab({ url: '/pages/index/index' })
      else Taro.navigateBack()
    } catch (err) {
      setErrors(err instanceof ApiRequestError && err.fields ? err.fields : {})
      setNotice(messageOf(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <PageShell className='profile'>
      <PrivacyPopup />
      {onboarding && <View className='profile__intro'>最后一步：填写昵称，选择您所在的乡镇</View>}

      <View className='card profile__avatar-row'>
        {user?.avatarUrl ? <Image className='profile__avatar' src={assetUrl(user.avatarUrl)} /> : <View className='profile__avatar profile__avatar--empty'>头像</View>}
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className='btn btn--plain' openType='chooseAvatar' onChooseAvatar={(e) => pickAvatar(e.detail.avatarUrl)}>
            {user?.avatarUrl ? '更换头像' : '选择头像（可不选）'}
          </Button>
        ) : (
          <Button className='btn btn--plain' onClick={chooseAvatarOnH5}>
            {user?.avatarUrl ? '更换头像' : '上传头像（可不选）'}
          </Button>
        )}
      </View>

      <View className='card'>
        <Field block='profile' label='昵称' error={errors.nickname}>
          <Input
            className='form-input profile__input'
            type='nickname'
            name='nickname'
            placeholder='请输入昵称'
            maxlength={20}
            value={form.nickname}
            onInput={(e) => setNickname(e.detail.value)}
            onBlur={(e) => setNickname(e.detail.value)}
          />
        </Field>
      </View>

      <View className='card'>
        <Field block='profile' label='我是' error={errors.role}>
          <View className='profile__roles'>
            {ROLES.map((r) => (
              <Button
                key={r}
                className={`btn profile__role ${form.role === r ? 'btn--primary profile__role--on' : 'btn--plain'}`}
                data-role={r}
                onClick={() => update({ role: r })}
              >
                {ROLE_LABELS[r]}
              </Button>
            ))}
          </View>
        </Field>
        {VERIFIED_ROLES.includes(form.role) && <View className='muted'>乡镇科协主席和科技工作者需由科协工作人员认证后生效</View>}
      </View>

      <View className='card'>
        <Field block='profile' label='所在乡镇' error={errors.regionCode}>
          <RegionPicker value={form.region} onChange={(region) => update({ region })} />
        </Field>
      </View>

      {!onboarding && (
        <View className='card profile__contact'>
          <Field block='profile' label='联系电话（可不填）' error={errors.contactPhone}>
            <Input
              className='form-input profile__contact-phone'
              type='number'
              placeholder='11 位手机号'
              maxlength={11}
              value={form.contactPhone}
              onInput={(e) => update({ contactPhone: e.detail.value })}
            />
          </Field>
          <View className='muted profile__contact-hint'>发布信息、申请对接时会自动填上。对接成功之前，别人只能看到 138****5678 这样的号码。</View>
        </View>
      )}

      {!onboarding && (
        <View className='card profile__phone'>
          <View className='form-label profile__label'>手机号（可不填）</View>
          <View className='muted'>{user?.phoneMasked ?? '未绑定'}</View>
          {process.env.TARO_ENV === 'weapp' ? (
            <Button className='btn btn--plain' openType='getPhoneNumber' onGetPhoneNumber={(e) => onPhone(e.detail.code)}>
              {user?.phoneMasked ? '更换手机号' : '绑定微信手机号'}
            </Button>
          ) : (
            <View className='muted'>手机号请在微信小程序中绑定</View>
          )}
        </View>
      )}

      {notice && <View className='error-text profile__notice'>{notice}</View>}
      <View className='profile__submit-wrap'>
        <Button className='btn btn--primary profile__submit' loading={saving || undefined} disabled={saving || undefined} onClick={submit}>
          {onboarding ? '完成注册' : '保存'}
        </Button>
      </View>
    </PageShell>
  )
}
