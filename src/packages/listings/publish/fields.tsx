import { Input, View } from '@tarojs/components'
import { ACHIEVEMENT_STAGES, LISTING_SIDES, TRANSFER_MODES } from '../../../../common/enums'
import { LISTING_LIMITS } from '../../../../common/rules'
import { Chips } from '../../../components/category-chips'
import { Field } from '../../../components/field'
import { Tappable } from '../../../components/tappable'
import type { PublishForm } from './use-publish-form'
import { useT } from '../../../i18n'
import { UGC_SLOT, WithUgc } from '../../../components/ugc'

// The publish form's groups of fields that only some posts have (a 科技成果's details, 代发 for a
// farmer) and the contact card every post has. Field ('publish' block) keeps the publish__* names.

type Update = (patch: Partial<PublishForm>) => void
type TextKey = 'title' | 'description' | 'contactName' | 'contactPhone' | 'contactNote' | 'proxyName' | 'proxyPhone' | 'patentNo' | 'institution'
interface GroupProps {
  form: PublishForm
  update: Update
  errors: Record<string, string>
}


/** An input or text area showing `key` of the form, saved as it is typed (and on blur: some keyboards skip the last input). */
export function bind(form: PublishForm, update: Update, key: TextKey) {
  const set = (e: { detail: { value: string } }) => update({ [key]: e.detail.value })
  return { value: form[key], onInput: set, onBlur: set }
}

/** 需求 or 服务 for a post; a 科技成果 is always 科技所能, which the card says instead. */
export function SideCard({ form, update }: Omit<GroupProps, 'errors'>) {
  const { t } = useT()
  if (form.kind === 'achievement') {
    return (
      <View className='card publish__kind'>
        <View className='form-label publish__label'>{t('publish.achievement_kind')}</View>
        <View className='muted'>{t('publish.achievement_kind_text')}</View>
      </View>
    )
  }
  return (
    <View className='card'>
      <View className='form-label publish__label'>{t('publish.i_publish')}</View>
      <View className='publish__sides'>
        {LISTING_SIDES.map((s) => (
          <Tappable key={s} className={`publish__side${form.side === s ? ' publish__side--on' : ''}`} data-side={s} pressed={form.side === s} onClick={() => update({ side: s })}>
            <View className='publish__side-name'>{t(`side.${s}`)}</View>
            <View className='publish__side-hint'>{t(`publish.hint.${s}`)}</View>
          </Tappable>
        ))}
      </View>
    </View>
  )
}

/** 科技成果: its stage, how it may be taken up, a patent number if any, and the 单位 behind it. */
export function AchievementFields({ form, update, errors }: GroupProps) {
  const { t } = useT()
  const stages = ACHIEVEMENT_STAGES.map((key) => ({ key, label: t(`stage.${key}`) }))
  const modes = TRANSFER_MODES.map((key) => ({ key, label: t(`transfer.${key}`) }))
  return (
    <View className='card publish__achievement'>
      <Field block='publish' label={t('publish.label.stage')} error={errors['achievement.stage']}>
        <Chips options={stages} value={form.stage} name='stage' wrap onChange={(stage) => update({ stage })} />
      </Field>
      <Field block='publish' label={t('publish.label.transfer')} gap error={errors['achievement.transferMode']}>
        <Chips options={modes} value={form.transferMode} name='transfer' wrap onChange={(transferMode) => update({ transferMode })} />
      </Field>
      <Field block='publish' label={t('publish.label.patent')} gap error={errors['achievement.patentNo']}>
        <Input className='form-input publish__input publish__patent' placeholder={t('publish.placeholder.patent')} maxlength={24} {...bind(form, update, 'patentNo')} />
      </Field>
      <Field block='publish' label={t('publish.label.institution')} gap error={errors['achievement.institution'] ?? errors.achievement}>
        <Input
          className='form-input publish__input publish__institution'
          placeholder={t('publish.placeholder.institution')}
          maxlength={LISTING_LIMITS.institution[1]}
          {...bind(form, update, 'institution')}
        />
      </Field>
    </View>
  )
}

/** 代发: a verified chair posts for a farmer of their own township, with the farmer's consent. */
export function ProxyFields({ form, update, errors, township }: GroupProps & { township: string }) {
  const { t } = useT()
  return (
    <View className='card publish__proxy'>
      <View className='form-label publish__label'>{t('publish.proxy.way')}</View>
      <View className='publish__sides'>
        <Tappable className={`publish__side${!form.proxyOn ? ' publish__side--on' : ''}`} pressed={!form.proxyOn} onClick={() => update({ proxyOn: false })}>
          <View className='publish__side-name'>{t('publish.proxy.self')}</View>
        </Tappable>
        <Tappable className={`publish__side${form.proxyOn ? ' publish__side--on' : ''}`} data-proxy='on' pressed={form.proxyOn} onClick={() => update({ proxyOn: true })}>
          <View className='publish__side-name'>{t('publish.proxy.for_farmer')}</View>
        </Tappable>
      </View>
      {form.proxyOn && (
        <View className='publish__proxy-fields'>
          <View className='muted publish__proxy-line'>
            <WithUgc sentence={t('publish.proxy.line', { township: UGC_SLOT })} value={township} />
          </View>
          <Field block='publish' label={t('publish.proxy.name')} gap error={errors['proxy.name']}>
            <Input
              className='form-input publish__input publish__proxy-name'
              placeholder={t('publish.proxy.name_placeholder')}
              maxlength={LISTING_LIMITS.proxyName[1]}
              {...bind(form, update, 'proxyName')}
            />
          </Field>
          <Field block='publish' label={t('publish.proxy.phone')} gap error={errors['proxy.phone']}>
            <Input className='form-input publish__input publish__proxy-phone' type='number' placeholder={t('publish.phone_placeholder')} maxlength={11} {...bind(form, update, 'proxyPhone')} />
          </Field>
          <Field block='publish' error={errors['proxy.consent']}>
            <Tappable role='checkbox' className='publish__check' pressed={form.proxyConsent} onClick={() => update({ proxyConsent: !form.proxyConsent })}>
              <View className={`publish__box${form.proxyConsent ? ' publish__box--on' : ''}`} aria-hidden='true'>
                {form.proxyConsent ? '✓' : ''}
              </View>
              <View>{t('publish.proxy.consent')}</View>
            </Tappable>
          </Field>
        </View>
      )}
    </View>
  )
}

/** Who to call: shown only to those whose 对接 the owner accepts. */
export function ContactFields({ form, update, errors }: GroupProps) {
  const { t } = useT()
  return (
    <View className='card'>
      <View className='form-label publish__label'>{t('publish.contact')}</View>
      <View className='muted'>{t('publish.contact_hint')}</View>
      <Field block='publish' label={t('publish.contact_name')} gap error={errors['contact.name']}>
        <Input
          className='form-input publish__input publish__contact-name'
          placeholder={t('publish.contact_name_placeholder')}
          maxlength={LISTING_LIMITS.contactName[1]}
          {...bind(form, update, 'contactName')}
        />
      </Field>
      <Field block='publish' label={t('publish.contact_phone')} gap error={errors['contact.phone']}>
        <Input className='form-input publish__input publish__contact-phone' type='number' placeholder={t('publish.phone_placeholder')} maxlength={11} {...bind(form, update, 'contactPhone')} />
      </Field>
      <Field block='publish' label={t('publish.contact_note')} gap error={errors['contact.note']}>
        <Input
          className='form-input publish__input publish__contact-note'
          placeholder={t('publish.contact_note_placeholder')}
          maxlength={LISTING_LIMITS.contactNote[1]}
          {...bind(form, update, 'contactNote')}
        />
      </Field>
    </View>
  )
}
