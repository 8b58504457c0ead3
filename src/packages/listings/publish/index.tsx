import Taro from '@tarojs/taro'
import { Button, Input, Textarea, View } from '@tarojs/components'
import { MAX_LISTING_PHOTOS } from '../../../../common/enums'
import { formatRegionPath } from '../../../../common/format'
import { LISTING_LIMITS } from '../../../../common/rules'
import { PageShell } from '../../../components/page-shell'
import { StateView } from '../../../components/state-view'
import { CategoryChips } from '../../../components/category-chips'
import { RegionPicker } from '../../../components/region-picker'
import { PhotoPicker } from '../../../components/photo-picker'
import { SignInGate } from '../../../components/sign-in-gate'
import { Field } from '../../../components/field'
import { DoneCard } from '../../../components/done-card'
import { AchievementFields, bind, ContactFields, ProxyFields, SideCard } from './fields'
import { usePublishForm } from './use-publish-form'
import { AskedExpert } from './asked-expert'
import { VoiceRecorder } from '../../../components/voice-recorder'
import { useT } from '../../../i18n'
import { Ugc } from '../../../components/ugc'
import { useOnline } from '../../../hooks/useOnline'
import './index.scss'

const TITLE_MAX = LISTING_LIMITS.title[1]
const DESCRIPTION_MAX = LISTING_LIMITS.description[1]

// 发布 / 修改 a post (科技所能所需) or a 科技成果: who may, the form, and what happens once sent.
// The state and the submit live in use-publish-form.ts, the optional groups in fields.tsx.
export default function Publish() {
  const { editId, expertId, user, form, update, latest, achievement, canProxy, proxy, errors, notice, saving, setUploading, setVoiceBusy, done, queued, loadError, loadForEdit, submit, again } =
    usePublishForm()
  const { t, lang } = useT()
  const online = useOnline()

  if (!user || !user.registered) {
    return (
      <PageShell className='publish'>
        <SignInGate
          user={user}
          login={achievement ? t('publish.gate_login_achievement') : t('publish.gate_login')}
          profile={t('publish.gate_profile')}
          className='publish__gate'
          textClassName='publish__gate-text'
        />
      </PageShell>
    )
  }

  // Only 科技工作者 publish 科技成果 (the server refuses everyone else with ACHIEVEMENT_NOT_EXPERT).
  if (achievement && user.role !== 'expert') {
    return (
      <PageShell className='publish'>
        <View className='card publish__gate publish__not-expert'>
          <View className='publish__gate-text'>
            {t('error.ACHIEVEMENT_NOT_EXPERT')}
            {lang === 'zh' ? '。' : ''}
          </View>
          <View className='muted publish__gate-text'>{t('publish.not_expert_hint')}</View>
          <Button className='btn btn--primary' onClick={() => Taro.redirectTo({ url: '/packages/listings/publish/index?side=offer' })}>
            {t('publish.not_expert_button')}
          </Button>
        </View>
      </PageShell>
    )
  }

  if (queued) {
    return (
      <PageShell className='publish'>
        <DoneCard className='publish__done publish__queued' titleClassName='publish__done-title' textClassName='publish__done-text' title={t('outbox.queued_title')} text={t('outbox.queued_text')}>
          <View className='tag publish__queued-tag'>{t('outbox.pending_tag')}</View>
          <View className='publish__queued-label'>
            <Ugc>{queued.label}</Ugc>
          </View>
          <Button className='btn btn--primary publish__again' onClick={again}>
            {t('publish.again')}
          </Button>
        </DoneCard>
      </PageShell>
    )
  }

  if (done) {
    return (
      <PageShell className='publish'>
        <DoneCard
          className='publish__done'
          titleClassName='publish__done-title'
          textClassName='publish__done-text'
          title={editId ? t('publish.done_edited') : t('publish.done_submitted')}
          text={process.env.TARO_ENV === 'weapp' ? t('publish.done_text_weapp') : t('publish.done_text')}
        >
          <Button className='btn btn--primary publish__view' onClick={() => Taro.redirectTo({ url: `/packages/listings/detail/index?id=${done.id}` })}>
            {t('publish.view')}
          </Button>
          {editId ? (
            <Button className='btn btn--plain publish__again' onClick={() => Taro.navigateBack()}>
              {t('publish.back')}
            </Button>
          ) : (
            <Button className='btn btn--plain publish__again' onClick={again}>
              {t('publish.again')}
            </Button>
          )}
        </DoneCard>
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

  // Short enough to show whole in 长辈模式 (a placeholder cannot wrap).
  const titlePlaceholder = t(achievement ? 'publish.placeholder.title_achievement' : form.side === 'need' ? 'publish.placeholder.title_need' : 'publish.placeholder.title_offer')
  const descriptionPlaceholder = t(
    achievement ? 'publish.placeholder.description_achievement' : form.side === 'need' ? 'publish.placeholder.description_need' : 'publish.placeholder.description_offer',
  )

  return (
    <PageShell className='publish'>
      {editId && <View className='card publish__edit-note'>{t('publish.edit_note')}</View>}

      {expertId ? <AskedExpert expertId={expertId} /> : <SideCard form={form} update={update} />}

      {/* Speaking instead of typing: a need with a note may leave title and description empty. */}
      {!achievement && (
        <View className='card publish__voice'>
          <Field block='publish' label={t('voice.field')} error={errors.voiceId}>
            <VoiceRecorder value={form.voice ?? null} onChange={(voice) => update({ voice })} onBusyChange={setVoiceBusy} />
          </Field>
        </View>
      )}

      <View className='card'>
        <Field block='publish' label={achievement ? t('publish.label.achievement_title') : t('publish.label.title')} counter={{ value: form.title, max: TITLE_MAX }} error={errors.title}>
          <Input className='form-input publish__input publish__title' placeholder={titlePlaceholder} maxlength={TITLE_MAX} {...bind(form, update, 'title')} />
          {form.voice && form.side === 'need' && !achievement && <View className='muted publish__voice-title'>{t('voice.title_from_category')}</View>}
        </Field>
      </View>

      <View className='card'>
        <Field block='publish' label={achievement ? t('publish.label.field') : t('publish.label.category')} error={errors.category}>
          <CategoryChips value={form.category} onChange={(category) => update({ category })} wrap />
        </Field>
      </View>

      {achievement && <AchievementFields form={form} update={update} errors={errors} />}

      {canProxy && <ProxyFields form={form} update={update} errors={errors} township={user.region!.township.name} />}

      <View className='card'>
        <Field block='publish' label={t('publish.label.region')} error={errors.regionCode ?? errors['proxy.regionCode']}>
          {proxy ? (
            <View className='publish__fixed-region'>
              <Ugc>{formatRegionPath(user.region)}</Ugc>
            </View>
          ) : (
            <RegionPicker value={form.region} onChange={(region) => update({ region })} />
          )}
        </Field>
      </View>

      <View className='card'>
        <Field block='publish' label={achievement ? t('publish.label.achievement_intro') : t('publish.label.description')} counter={{ value: form.description, max: DESCRIPTION_MAX }} error={errors.description}>
          <Textarea
            className='form-textarea publish__textarea publish__description'
            placeholder={descriptionPlaceholder}
            maxlength={DESCRIPTION_MAX}
            {...bind(form, update, 'description')}
          />
        </Field>
      </View>

      <View className='card'>
        <Field block='publish' label={t('publish.label.photos', { n: MAX_LISTING_PHOTOS })} error={errors.photoIds}>
          <PhotoPicker
            value={form.photos}
            max={MAX_LISTING_PHOTOS}
            onUploaded={(photo) => update({ photos: [...latest.current.photos, photo] })}
            onRemove={(id) => update({ photos: latest.current.photos.filter((p) => p.id !== id) })}
            onBusyChange={setUploading}
          />
          {!online && <View className='muted publish__photos-offline'>{t('outbox.photos_wait')}</View>}
        </Field>
      </View>

      <ContactFields form={form} update={update} errors={errors} />

      {notice && <View className='error-text publish__notice' role='alert'>{notice}</View>}
      <View className='publish__submit-wrap'>
        <Button className='btn btn--primary publish__submit' loading={saving || undefined} disabled={saving || undefined} onClick={submit}>
          {editId ? t('publish.submit_edit') : t('publish.submit')}
        </Button>
        <View className='muted publish__submit-hint'>{t('publish.submit_hint')}</View>
      </View>
    </PageShell>
  )
}
