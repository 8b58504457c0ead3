import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Image, Input, Text, View } from '@tarojs/components'
import { CATEGORIES, type Category } from '../../../../common/enums'
import { PHONE } from '../../../../common/rules/fields'
import type { Listing, ListingInput, Photo } from '../../../../common/schemas/listings'
import { CATEGORY_ICONS } from '../../../assets/categories'
import { HOME_ICONS } from '../../../assets/home'
import { DoneCard } from '../../../components/done-card'
import { PageShell } from '../../../components/page-shell'
import { SignInGate } from '../../../components/sign-in-gate'
import { Tappable } from '../../../components/tappable'
import { VoiceRecorder, type VoiceNote } from '../../../components/voice-recorder'
import { useSession } from '../../../hooks/useSession'
import { localize, useT } from '../../../i18n'
import { ApiRequestError, assetUrl, messageOf } from '../../../services/http'
import { publishCall, uploadPhoto } from '../../../services/listings'
import { sendOrQueue } from '../../../services/outbox'
import { newIdempotencyKey } from '../../../utils/idempotency'
import './index.scss'

/** The number a person typed on an earlier ask, kept per person (a phone in a village is often shared). */
const typedPhoneKey = (userId: number) => `quickask.phone:${userId}`

/**
 * 拍照/语音求助: a need for someone who would rather not read or type. From home: 拍照 (camera
 * first), hold and speak, tap the category's picture, 发送 — five taps after login. It is posted
 * as a voice-only need (the server titles it 语音求助·<category>; staff or the chair can correct
 * that) in the person's own township with the profile's name and contact phone; without a network
 * it waits in the 待发送 queue (services/outbox.ts) like any need, once the note itself is uploaded.
 */
export default function QuickAsk() {
  const { t } = useT()
  const user = useSession()
  const [photo, setPhoto] = useState<Photo | null>(null)
  const [photoProgress, setPhotoProgress] = useState<number | null>(null)
  const [voice, setVoice] = useState<VoiceNote | null>(null)
  const [voiceBusy, setVoiceBusy] = useState(false)
  const [category, setCategory] = useState<Category | null>(null)
  // The number typed on an earlier ask (the profile has none) is not asked for again.
  const [phone, setPhone] = useState(() => (user ? (Taro.getStorageSync(typedPhoneKey(user.id)) as string) || '' : ''))
  const [notice, setNotice] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [done, setDone] = useState<{ listing: Listing | null } | null>(null)
  const [key] = useState(newIdempotencyKey)

  if (!user || !user.registered || !user.region) {
    return (
      <PageShell className='quick-ask'>
        <SignInGate user={user} login={t('quickask.login')} profile={t('quickask.profile')} />
      </PageShell>
    )
  }

  if (done) {
    return (
      <PageShell className='quick-ask'>
        {done.listing ? (
          <DoneCard className='quick-ask__done' title={t('quickask.done_title')} text={t('quickask.done_text')}>
            <Button className='btn btn--primary quick-ask__view' onClick={() => Taro.redirectTo({ url: `/packages/listings/detail/index?id=${done.listing!.id}` })}>
              {t('quickask.view')}
            </Button>
          </DoneCard>
        ) : (
          <DoneCard className='quick-ask__done quick-ask__queued' title={t('outbox.queued_title')} text={t('outbox.queued_text')} />
        )}
      </PageShell>
    )
  }

  const takePhoto = async () => {
    let path: string
    try {
      if (process.env.TARO_ENV === 'weapp') {
        const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['camera', 'album'] })
        path = res.tempFiles[0].tempFilePath
      } else {
        const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] })
        path = res.tempFilePaths[0]
      }
    } catch {
      return // closed the camera
    }
    if (!path) return
    setNotice(null)
    setPhotoProgress(0)
    try {
      setPhoto(await uploadPhoto(path, setPhotoProgress))
    } catch (err) {
      setNotice(messageOf(err))
    } finally {
      setPhotoProgress(null)
    }
  }

  const ownPhone = user.contactPhone ?? ''
  const send = async () => {
    if (sending) return
    const contactPhone = ownPhone || phone.trim()
    const problem =
      photoProgress !== null
        ? t('quickask.photo_wait')
        : voiceBusy
          ? t('voice.busy')
          : !voice
            ? t('quickask.need_voice')
            : !category
              ? t('quickask.need_category')
              : !PHONE.test(contactPhone)
                ? t('quickask.need_phone')
                : null
    setNotice(problem)
    if (problem || !voice || !category) return
    const input: ListingInput = {
      kind: 'post',
      side: 'need',
      title: '',
      category,
      regionCode: user.region!.township.code,
      description: '',
      photoIds: photo ? [photo.id] : [],
      contact: { name: user.nickname, phone: contactPhone },
      proxy: null,
      achievement: null,
      voiceId: voice.id,
    } as ListingInput
    setSending(true)
    try {
      const res = await sendOrQueue<Listing>({ kind: 'publish', label: t(`category.${category}`), ...publishCall(input, key) })
      if (!ownPhone) Taro.setStorageSync(typedPhoneKey(user.id), contactPhone)
      setDone({ listing: res.sent ? res.result : null })
    } catch (err) {
      setNotice(err instanceof ApiRequestError && err.fields ? localize(Object.values(err.fields)[0]) : messageOf(err))
    } finally {
      setSending(false)
    }
  }

  return (
    <PageShell className='quick-ask'>
      <View className='card quick-ask__photo'>
        {photo ? (
          <View className='quick-ask__photo-taken'>
            <Image className='quick-ask__photo-img' src={assetUrl(photo.thumbUrl)} mode='aspectFill' />
            <Tappable className='quick-ask__photo-remove' onClick={() => setPhoto(null)}>
              {t('quickask.photo_remove')}
            </Tappable>
          </View>
        ) : (
          <Tappable className='quick-ask__camera' onClick={takePhoto} disabled={photoProgress !== null}>
            <Image className='quick-ask__camera-img' src={HOME_ICONS['ask-photo']} aria-hidden='true' />
            <View className='quick-ask__camera-text'>
              <View className='quick-ask__big'>{t('quickask.photo')}</View>
              <View className='muted'>{photoProgress !== null ? t('quickask.photo_uploading', { p: photoProgress }) : t('quickask.photo_hint')}</View>
            </View>
          </Tappable>
        )}
      </View>

      <View className='card quick-ask__voice'>
        <View className='quick-ask__heading'>{t('quickask.voice')}</View>
        <VoiceRecorder value={voice} onChange={setVoice} onBusyChange={setVoiceBusy} />
      </View>

      <View className='card quick-ask__categories'>
        <View className='quick-ask__heading'>{t('quickask.category')}</View>
        <View className='quick-ask__grid'>
          {CATEGORIES.map((c) => (
            <Tappable key={c} className={`quick-ask__cat${category === c ? ' quick-ask__cat--on' : ''}`} pressed={category === c} data-category={c} onClick={() => setCategory(c)}>
              <Image className='quick-ask__cat-img' src={CATEGORY_ICONS[c]} aria-hidden='true' />
              <Text className='quick-ask__cat-label'>{t(`category.${c}`)}</Text>
            </Tappable>
          ))}
        </View>
      </View>

      <View className='card quick-ask__where'>
        <Text>{t('quickask.where')}</Text>
        <Text data-ugc className='quick-ask__township'>
          {user.region.township.name}
        </Text>
        {!ownPhone && (
          <View className='quick-ask__phone'>
            <View>{t('quickask.phone')}</View>
            <Input className='form-input quick-ask__phone-input' type='number' maxlength={11} value={phone} onInput={(e) => setPhone(e.detail.value)} />
          </View>
        )}
      </View>

      {notice && (
        <View className='error-text quick-ask__notice' role='alert'>
          {notice}
        </View>
      )}
      <Button className='btn btn--primary quick-ask__send' loading={sending || undefined} disabled={sending || undefined} onClick={send}>
        {t('quickask.send')}
      </Button>
      <Tappable role='link' className='quick-ask__type' onClick={() => Taro.redirectTo({ url: '/packages/listings/publish/index?side=need' })}>
        {t('quickask.type_instead')}
      </Tappable>
    </PageShell>
  )
}
