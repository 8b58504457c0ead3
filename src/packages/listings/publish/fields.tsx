import { Input, View } from '@tarojs/components'
import {
  ACHIEVEMENT_STAGES,
  ACHIEVEMENT_STAGE_LABELS,
  LISTING_SIDES,
  LISTING_SIDE_LABELS,
  TRANSFER_MODES,
  TRANSFER_MODE_LABELS,
  type ListingSide,
} from '../../../../common/enums'
import { LISTING_LIMITS } from '../../../../common/rules'
import { Chips, optionsOf } from '../../../components/category-chips'
import { Field } from '../../../components/field'
import { Tappable } from '../../../components/tappable'
import type { PublishForm } from './use-publish-form'

// The publish form's groups of fields that only some posts have (a 科技成果's details, 代发 for a
// farmer) and the contact card every post has. Field ('publish' block) keeps the publish__* names.

type Update = (patch: Partial<PublishForm>) => void
type TextKey = 'title' | 'description' | 'contactName' | 'contactPhone' | 'contactNote' | 'proxyName' | 'proxyPhone' | 'patentNo' | 'institution'
interface GroupProps {
  form: PublishForm
  update: Update
  errors: Record<string, string>
}

const SIDE_HINTS: Record<ListingSide, string> = {
  need: '我有问题，想找专家帮忙',
  offer: '我有技术，能为大家服务',
}
const STAGE_OPTIONS = optionsOf(ACHIEVEMENT_STAGES, ACHIEVEMENT_STAGE_LABELS)
const TRANSFER_OPTIONS = optionsOf(TRANSFER_MODES, TRANSFER_MODE_LABELS)

/** An input or text area showing `key` of the form, saved as it is typed (and on blur: some keyboards skip the last input). */
export function bind(form: PublishForm, update: Update, key: TextKey) {
  const set = (e: { detail: { value: string } }) => update({ [key]: e.detail.value })
  return { value: form[key], onInput: set, onBlur: set }
}

/** 需求 or 服务 for a post; a 科技成果 is always 科技所能, which the card says instead. */
export function SideCard({ form, update }: Omit<GroupProps, 'errors'>) {
  if (form.kind === 'achievement') {
    return (
      <View className='card publish__kind'>
        <View className='form-label publish__label'>发布科技成果</View>
        <View className='muted'>科技成果属于{LISTING_SIDE_LABELS.offer}：有意向的企业、合作社和群众可以与您对接转化。</View>
      </View>
    )
  }
  return (
    <View className='card'>
      <View className='form-label publish__label'>我要发布</View>
      <View className='publish__sides'>
        {LISTING_SIDES.map((s) => (
          <Tappable key={s} className={`publish__side${form.side === s ? ' publish__side--on' : ''}`} data-side={s} pressed={form.side === s} onClick={() => update({ side: s })}>
            <View className='publish__side-name'>{LISTING_SIDE_LABELS[s]}</View>
            <View className='publish__side-hint'>{SIDE_HINTS[s]}</View>
          </Tappable>
        ))}
      </View>
    </View>
  )
}

/** 科技成果: its stage, how it may be taken up, a patent number if any, and the 单位 behind it. */
export function AchievementFields({ form, update, errors }: GroupProps) {
  return (
    <View className='card publish__achievement'>
      <Field block='publish' label='成果阶段' error={errors['achievement.stage']}>
        <Chips options={STAGE_OPTIONS} value={form.stage} name='stage' wrap onChange={(stage) => update({ stage })} />
      </Field>
      <Field block='publish' label='转化方式' gap error={errors['achievement.transferMode']}>
        <Chips options={TRANSFER_OPTIONS} value={form.transferMode} name='transfer' wrap onChange={(transferMode) => update({ transferMode })} />
      </Field>
      <Field block='publish' label='专利号或品种权号（可不填）' gap error={errors['achievement.patentNo']}>
        <Input className='form-input publish__input publish__patent' placeholder='例如 ZL202110123456.7' maxlength={24} {...bind(form, update, 'patentNo')} />
      </Field>
      <Field block='publish' label='所属单位' gap error={errors['achievement.institution'] ?? errors.achievement}>
        <Input
          className='form-input publish__input publish__institution'
          placeholder='例如：四川省草原科学研究院'
          maxlength={LISTING_LIMITS.institution[1]}
          {...bind(form, update, 'institution')}
        />
      </Field>
    </View>
  )
}

/** 代发: a verified chair posts for a farmer of their own township, with the farmer's consent. */
export function ProxyFields({ form, update, errors, township }: GroupProps & { township: string }) {
  return (
    <View className='card publish__proxy'>
      <View className='form-label publish__label'>发布方式</View>
      <View className='publish__sides'>
        <Tappable className={`publish__side${!form.proxyOn ? ' publish__side--on' : ''}`} pressed={!form.proxyOn} onClick={() => update({ proxyOn: false })}>
          <View className='publish__side-name'>自己发布</View>
        </Tappable>
        <Tappable className={`publish__side${form.proxyOn ? ' publish__side--on' : ''}`} data-proxy='on' pressed={form.proxyOn} onClick={() => update({ proxyOn: true })}>
          <View className='publish__side-name'>为农户代发</View>
        </Tappable>
      </View>
      {form.proxyOn && (
        <View className='publish__proxy-fields'>
          <View className='muted publish__proxy-line'>发布后将显示“由 {township}科协 代发”，地区为您所在的乡镇。</View>
          <Field block='publish' label='农户姓名' gap error={errors['proxy.name']}>
            <Input
              className='form-input publish__input publish__proxy-name'
              placeholder='请填写农户的姓名'
              maxlength={LISTING_LIMITS.proxyName[1]}
              {...bind(form, update, 'proxyName')}
            />
          </Field>
          <Field block='publish' label='农户手机号' gap error={errors['proxy.phone']}>
            <Input className='form-input publish__input publish__proxy-phone' type='number' placeholder='11 位手机号' maxlength={11} {...bind(form, update, 'proxyPhone')} />
          </Field>
          <Field block='publish' error={errors['proxy.consent']}>
            <Tappable role='checkbox' className='publish__check' pressed={form.proxyConsent} onClick={() => update({ proxyConsent: !form.proxyConsent })}>
              <View className={`publish__box${form.proxyConsent ? ' publish__box--on' : ''}`} aria-hidden='true'>
                {form.proxyConsent ? '✓' : ''}
              </View>
              <View>已征得本人同意，代其发布</View>
            </Tappable>
          </Field>
        </View>
      )}
    </View>
  )
}

/** Who to call: shown only to those whose 对接 the owner accepts. */
export function ContactFields({ form, update, errors }: GroupProps) {
  return (
    <View className='card'>
      <View className='form-label publish__label'>联系方式</View>
      <View className='muted'>只有您接受对接的人才能看到电话。</View>
      <Field block='publish' label='联系人' gap error={errors['contact.name']}>
        <Input
          className='form-input publish__input publish__contact-name'
          placeholder='怎么称呼您'
          maxlength={LISTING_LIMITS.contactName[1]}
          {...bind(form, update, 'contactName')}
        />
      </Field>
      <Field block='publish' label='手机号' gap error={errors['contact.phone']}>
        <Input className='form-input publish__input publish__contact-phone' type='number' placeholder='11 位手机号' maxlength={11} {...bind(form, update, 'contactPhone')} />
      </Field>
      <Field block='publish' label='备注（可不填）' gap error={errors['contact.note']}>
        <Input
          className='form-input publish__input publish__contact-note'
          placeholder='例如：微信同号，晚上打'
          maxlength={LISTING_LIMITS.contactNote[1]}
          {...bind(form, update, 'contactNote')}
        />
      </Field>
    </View>
  )
}
