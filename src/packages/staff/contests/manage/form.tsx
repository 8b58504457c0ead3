import { Button, Input, Textarea, View } from '@tarojs/components'
import { CONTEST_CATEGORIES, CONTEST_KINDS, CONTEST_LEVELS } from '../../../../../common/enums'
import { Chips, optionsOf } from '../../../../components/category-chips'
import { Counter, FieldError } from '../../../../components/field'
import type { ContestDetail } from '../../../../services/contests'
import { CONTEST_CATEGORY_LABELS, CONTEST_KIND_LABELS, CONTEST_LEVEL_LABELS } from '../../../contests/components/labels'
import { Deadlines } from './deadlines'
import { LevelRegion } from './level-region'
import { SICHUAN, TEXT_MAX, useContestForm } from './use-contest-form'
import { Tappable } from '../../../../components/tappable'

// Create or edit a contest. Dates are picked as China wall-clock time (北京时间) whatever the
// staff member's computer says, and sent as instants; each stage must end after the one before.

const KIND_OPTIONS = optionsOf(CONTEST_KINDS, CONTEST_KIND_LABELS)
const LEVEL_OPTIONS = optionsOf(CONTEST_LEVELS, CONTEST_LEVEL_LABELS)
const ERROR = 'staff-form__error'

export function ContestForm({ contest, onSaved, onCancel }: { contest: ContestDetail | null; onSaved: (c: ContestDetail) => void; onCancel?: () => void }) {
  const { form, update, errors, notice, saving, save, toggleCategory, toggleArticle, articleChoices } = useContestForm(contest, onSaved)

  return (
    <View className='staff-form'>
      <View className='card'>
        <View className='form-label'>类型</View>
        <Chips options={KIND_OPTIONS} value={form.kind} name='kind' wrap onChange={(kind) => kind && update({ kind })} />
        <View className='form-label form-label--gap'>比赛名称</View>
        <Input
          className='form-input staff-form__name'
          placeholder='例如：第八届四川省乡土人才创新创业大赛'
          maxlength={TEXT_MAX.name}
          value={form.name}
          onInput={(e) => update({ name: e.detail.value })}
          onBlur={(e) => update({ name: e.detail.value })}
        />
        <FieldError className={ERROR} message={errors.name} />
        <View className='form-label form-label--gap'>主办单位</View>
        <Input
          className='form-input staff-form__organiser'
          maxlength={TEXT_MAX.organiser}
          value={form.organiser}
          onInput={(e) => update({ organiser: e.detail.value })}
          onBlur={(e) => update({ organiser: e.detail.value })}
        />
        <FieldError className={ERROR} message={errors.organiser} />
      </View>

      <View className='card'>
        <View className='form-label'>级别和地区</View>
        <Chips
          options={LEVEL_OPTIONS}
          value={form.level}
          name='level'
          wrap
          onChange={(level) => level && update({ level, region: level === 'province' ? SICHUAN : null })}
        />
        <LevelRegion level={form.level} value={form.region} onChange={(region) => update({ region })} />
        <FieldError className={ERROR} message={errors.regionCode} />
      </View>

      <View className='card'>
        <View className='form-label'>参赛类别（可多选）</View>
        <View className='category-chips category-chips--wrap chips--categories'>
          {CONTEST_CATEGORIES.map((c) => (
            <Tappable key={c} className={`chip${form.categories.includes(c) ? ' chip--on' : ''}`} data-category={c} pressed={form.categories.includes(c)} onClick={() => toggleCategory(c)}>
              {CONTEST_CATEGORY_LABELS[c]}
            </Tappable>
          ))}
        </View>
        <FieldError className={ERROR} message={errors.categories} />
      </View>

      <View className='card staff-form__dates'>
        <View className='form-label'>各阶段截止时间（北京时间）</View>
        <Deadlines value={form.dates} onChange={(dates) => update({ dates })} />
        <FieldError className={ERROR} message={errors.dates ?? errors.preliminaryEndsAt ?? errors.signupEndsAt} />
      </View>

      <View className='card'>
        <View className='form-label'>比赛介绍</View>
        <Textarea
          className='form-textarea staff-form__description'
          placeholder='比赛的目的、面向谁、奖项设置……'
          maxlength={TEXT_MAX.description}
          value={form.description}
          onInput={(e) => update({ description: e.detail.value })}
          onBlur={(e) => update({ description: e.detail.value })}
        />
        <Counter value={form.description} max={TEXT_MAX.description} />
        <FieldError className={ERROR} message={errors.description} />
        <View className='form-label form-label--gap'>参赛规则</View>
        <Textarea
          className='form-textarea staff-form__rules'
          placeholder='参赛条件、报名方式、评审办法……'
          maxlength={TEXT_MAX.rules}
          value={form.rules}
          onInput={(e) => update({ rules: e.detail.value })}
          onBlur={(e) => update({ rules: e.detail.value })}
        />
        <Counter value={form.rules} max={TEXT_MAX.rules} />
        <FieldError className={ERROR} message={errors.rules} />
      </View>

      {articleChoices.length > 0 && (
        <View className='card staff-form__articles'>
          <View className='form-label'>相关报道（可不选）</View>
          {articleChoices.map((a) => (
            <Tappable role='checkbox' key={a.id} className='staff-form__article' data-article={a.id} pressed={form.articleIds.includes(a.id)} onClick={() => toggleArticle(a.id)}>
              <View className={`staff-form__box${form.articleIds.includes(a.id) ? ' staff-form__box--on' : ''}`} aria-hidden='true'>
                {form.articleIds.includes(a.id) ? '✓' : ''}
              </View>
              <View className='staff-form__article-title'>{a.title}</View>
            </Tappable>
          ))}
        </View>
      )}

      {notice && <View className='error-text contest-notice staff-form__notice'>{notice}</View>}
      <View className='contest-submit'>
        <Button className='btn btn--primary staff-form__submit' loading={saving || undefined} disabled={saving || undefined} onClick={save}>
          {contest ? '保存修改' : '创建比赛'}
        </Button>
        {onCancel && (
          <Button className='btn btn--plain staff-form__cancel' disabled={saving || undefined} onClick={onCancel}>
            取消
          </Button>
        )}
      </View>
    </View>
  )
}
