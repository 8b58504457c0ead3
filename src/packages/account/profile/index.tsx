import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Image, Input, View } from '@tarojs/components'
import { ROLES, VERIFIED_ROLES, type Role } from '../../../../common/enums'
import { zh } from '../../../../common/i18n/zh'
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
import { useT } from '../../../i18n'
import './index.scss'

interface Form {
  nickname: string
  role: Role
  region: RegionPath | null
  /** Typed once here, filled into posts and 对接 (empty: none kept). */
  contactPhone: string
}

/**
 * The form's names for its fields, for the validator's Chinese messages ("昵称须为 1–20 个字"); the
 * page shows every message through localize, which finds it in the catalog.
 */
const LABELS = { nickname: zh['profile.nickname'] }

// Registration for someone who has just logged in: the role is preset to 农牧民 (most people
// here), so a farmer needs only the nickname, three taps for prefecture → county → township and
// one on 完成注册. Everything typed survives the app being killed (useDraft).
export default function ProfilePage() {
  const user = useSession()
  const { t, localize } = useT()
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
  /** A field's message (the validator's or the server's Chinese) in the reader's language. */
  const shown = (message: string | undefined) => (message ? localize(message) : undefined)

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
    if (!form.region) found.regionCode = zh['profile.region_required']
    setErrors(found)
    if (Object.keys(found).length) return
    setSaving(true)
    setNotice(null)
    try {
      await updateProfile({ nickname: form.nickname.trim(), role: form.role, regionCode: form.region!.township.code, contactPhone })
      clearDraft()
      Taro.showToast({ title: onboarding ? t('profile.registered') : t('profile.saved'), icon: 'success' })
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
      {onboarding && <View className='profile__intro'>{t('profile.intro')}</View>}

      <View className='card profile__avatar-row'>
        {user?.avatarUrl ? <Image className='profile__avatar' src={assetUrl(user.avatarUrl)} /> : <View className='profile__avatar profile__avatar--empty'>{t('profile.avatar')}</View>}
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className='btn btn--plain' openType='chooseAvatar' onChooseAvatar={(e) => pickAvatar(e.detail.avatarUrl)}>
            {user?.avatarUrl ? t('profile.avatar_change') : t('profile.avatar_pick')}
          </Button>
        ) : (
          <Button className='btn btn--plain' onClick={chooseAvatarOnH5}>
            {user?.avatarUrl ? t('profile.avatar_change') : t('profile.avatar_upload')}
          </Button>
        )}
      </View>

      <View className='card'>
        <Field block='profile' label={t('profile.nickname')} error={shown(errors.nickname)}>
          <Input
            className='form-input profile__input'
            type='nickname'
            name='nickname'
            placeholder={t('profile.nickname_placeholder')}
            maxlength={20}
            value={form.nickname}
            onInput={(e) => setNickname(e.detail.value)}
            onBlur={(e) => setNickname(e.detail.value)}
          />
        </Field>
      </View>

      <View className='card'>
        <Field block='profile' label={t('profile.role')} error={shown(errors.role)}>
          <View className='profile__roles'>
            {ROLES.map((r) => (
              <Button
                key={r}
                className={`btn profile__role ${form.role === r ? 'btn--primary profile__role--on' : 'btn--plain'}`}
                data-role={r}
                onClick={() => update({ role: r })}
              >
                {t(`role.${r}`)}
              </Button>
            ))}
          </View>
        </Field>
        {VERIFIED_ROLES.includes(form.role) && <View className='muted'>{t('profile.verified_hint')}</View>}
      </View>

      <View className='card'>
        <Field block='profile' label={t('profile.region')} error={shown(errors.regionCode)}>
          <RegionPicker value={form.region} onChange={(region) => update({ region })} />
        </Field>
      </View>

      {!onboarding && (
        <View className='card profile__contact'>
          <Field block='profile' label={t('profile.contact')} error={shown(errors.contactPhone)}>
            <Input
              className='form-input profile__contact-phone'
              type='number'
              placeholder={t('profile.contact_placeholder')}
              maxlength={11}
              value={form.contactPhone}
              onInput={(e) => update({ contactPhone: e.detail.value })}
            />
          </Field>
          <View className='muted profile__contact-hint'>{t('profile.contact_hint')}</View>
        </View>
      )}

      {!onboarding && (
        <View className='card profile__phone'>
          <View className='form-label profile__label'>{t('profile.phone')}</View>
          <View className='muted'>{user?.phoneMasked ?? t('profile.phone_none')}</View>
          {process.env.TARO_ENV === 'weapp' ? (
            <Button className='btn btn--plain' openType='getPhoneNumber' onGetPhoneNumber={(e) => onPhone(e.detail.code)}>
              {user?.phoneMasked ? t('profile.phone_change') : t('profile.phone_bind')}
            </Button>
          ) : (
            <View className='muted'>{t('profile.phone_h5')}</View>
          )}
        </View>
      )}

      {notice && <View className='error-text profile__notice'>{notice}</View>}
      <View className='profile__submit-wrap'>
        <Button className='btn btn--primary profile__submit' loading={saving || undefined} disabled={saving || undefined} onClick={submit}>
          {onboarding ? t('profile.finish') : t('profile.save')}
        </Button>
      </View>
    </PageShell>
  )
}
