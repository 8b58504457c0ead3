import { useEffect, useState } from 'react'
import { Button, Input, Picker, Textarea, View } from '@tarojs/components'
import {
  CONTEST_CATEGORIES,
  CONTEST_KINDS,
  CONTEST_LEVELS,
  type ContestCategory,
  type ContestKind,
  type ContestLevel,
} from '../../../../../common/enums'
import type { Region } from '../../../../../common/schemas/regions'
import type { ArticleSummary } from '../../../../../common/schemas/news'
import { Chips, optionsOf } from '../../../../components/category-chips'
import { useDraft } from '../../../../hooks/useDraft'
import { messageOf } from '../../../../services/http'
import { fetchArticles } from '../../../../services/news'
import { fetchRegionChildren } from '../../../../services/regions'
import { createContest, updateContest, type ContestDetail, type ContestInput } from '../../../../services/contests'
import { chinaClock, chinaInstant, chinaPickerValue } from '../../../../utils/china-time'
import { chars, CONTEST_CATEGORY_LABELS, CONTEST_KIND_LABELS, CONTEST_LEVEL_LABELS, CONTEST_STAGE_LABELS } from '../../../contests/components/labels'
import { useFormSubmit } from '../../../contests/components/use-form-submit'

// Create or edit a contest. Dates are picked as China wall-clock time (北京时间) whatever the
// staff member's computer says, and sent as instants; each stage must end after the one before.

type DeadlineKey = 'signupEndsAt' | 'preliminaryEndsAt' | 'semifinalEndsAt' | 'finalEndsAt'
const DEADLINES: Array<{ key: DeadlineKey; label: string }> = [
  { key: 'signupEndsAt', label: `${CONTEST_STAGE_LABELS.signup}截止` },
  { key: 'preliminaryEndsAt', label: `${CONTEST_STAGE_LABELS.preliminary}截止` },
  { key: 'semifinalEndsAt', label: `${CONTEST_STAGE_LABELS.semifinal}截止` },
  { key: 'finalEndsAt', label: `${CONTEST_STAGE_LABELS.final}截止` },
]
const KIND_OPTIONS = optionsOf(CONTEST_KINDS, CONTEST_KIND_LABELS)
const LEVEL_OPTIONS = optionsOf(CONTEST_LEVELS, CONTEST_LEVEL_LABELS)
const SICHUAN: Region = { code: '51', name: '四川省' }

interface Form {
  kind: ContestKind
  name: string
  organiser: string
  level: ContestLevel
  /** The area the contest covers: 四川省, a 市州 or a 县 (matching the level). */
  region: Region | null
  categories: ContestCategory[]
  description: string
  rules: string
  dates: Record<DeadlineKey, { date: string; time: string }>
  articleIds: number[]
  /** Edit mode: the contest these values came from (a saved draft of that edit is kept). */
  loadedFrom: number | null
}

/** A new contest: sign-up for a month from today (China), each later stage a month more, ending 23:59. */
function blankForm(): Form {
  const today = chinaClock(Date.now()).startOf('day')
  const at = (days: number) => ({ date: today.add(days, 'day').format('YYYY-MM-DD'), time: '23:59' })
  return {
    kind: 'contest',
    name: '',
    organiser: '四川省科学技术协会',
    level: 'province',
    region: SICHUAN,
    categories: [],
    description: '',
    rules: '',
    dates: { signupEndsAt: at(30), preliminaryEndsAt: at(60), semifinalEndsAt: at(90), finalEndsAt: at(120) },
    articleIds: [],
    loadedFrom: null,
  }
}

function formOf(c: ContestDetail): Form {
  const names = c.regionName.split(/\s+/)
  return {
    kind: c.kind,
    name: c.name,
    organiser: c.organiser,
    level: c.level,
    region: { code: c.regionCode, name: names[names.length - 1] || c.regionName },
    categories: c.categories,
    description: c.description,
    rules: c.rules,
    dates: {
      signupEndsAt: chinaPickerValue(c.signupEndsAt),
      preliminaryEndsAt: chinaPickerValue(c.preliminaryEndsAt),
      semifinalEndsAt: chinaPickerValue(c.semifinalEndsAt),
      finalEndsAt: chinaPickerValue(c.finalEndsAt),
    },
    // Only the contest's own links: buttons to its nomination page are made in the article-links
    // editor, and sending them here would give those articles a second (contest) button.
    articleIds: c.articles.filter((a) => a.target === 'contest').map((a) => a.id),
    loadedFrom: c.id,
  }
}

const REGION_LENGTH: Record<ContestLevel, number> = { province: 2, prefecture: 4, county: 6 }

function validate(f: Form): Record<string, string> {
  const found: Record<string, string> = {}
  const name = chars(f.name)
  if (name < 4 || name > 60) found.name = '比赛名称需为 4–60 个字'
  const organiser = chars(f.organiser)
  if (organiser < 2 || organiser > 60) found.organiser = '主办单位需为 2–60 个字'
  if (!f.region || f.region.code.length !== REGION_LENGTH[f.level]) {
    found.regionCode = f.level === 'prefecture' ? '请选择市（州）' : '请选择县（市、区）'
  }
  if (!f.categories.length) found.categories = '请至少选择一个参赛类别'
  const description = chars(f.description)
  if (description < 10 || description > 5000) found.description = '比赛介绍需为 10–5000 个字'
  const rules = chars(f.rules)
  if (rules < 10 || rules > 5000) found.rules = '参赛规则需为 10–5000 个字'
  const instants = DEADLINES.map((d) => chinaInstant(f.dates[d.key].date, f.dates[d.key].time))
  if (instants.some((i) => !i)) found.dates = '请选择各阶段的截止时间'
  else if (instants.some((d, i) => i > 0 && !(instants[i - 1] < d))) found.dates = '各阶段截止时间须依次靠后'
  return found
}

function inputOf(f: Form): ContestInput {
  const at = (key: DeadlineKey) => chinaInstant(f.dates[key].date, f.dates[key].time)
  return {
    kind: f.kind,
    name: f.name.trim(),
    organiser: f.organiser.trim(),
    level: f.level,
    regionCode: f.region!.code,
    categories: CONTEST_CATEGORIES.filter((c) => f.categories.includes(c)),
    description: f.description.trim(),
    rules: f.rules.trim(),
    signupEndsAt: at('signupEndsAt'),
    preliminaryEndsAt: at('preliminaryEndsAt'),
    semifinalEndsAt: at('semifinalEndsAt'),
    finalEndsAt: at('finalEndsAt'),
    articleIds: f.articleIds,
  }
}

function FieldError({ message }: { message?: string }) {
  return message ? <View className='error-text staff-form__error'>{message}</View> : null
}

export function ContestForm({ contest, onSaved, onCancel }: { contest: ContestDetail | null; onSaved: (c: ContestDetail) => void; onCancel?: () => void }) {
  const [form, update, clearDraft] = useDraft<Form>(`staff-contest.${contest?.id ?? 'new'}`, contest ? formOf(contest) : blankForm())
  const { errors, notice, saving, submit } = useFormSubmit()
  const [articles, setArticles] = useState<ArticleSummary[]>([])

  // Editing: start from the contest unless a draft of this very edit is open.
  useEffect(() => {
    if (contest && form.loadedFrom !== contest.id) update(formOf(contest))
  }, [contest?.id])
  useEffect(() => {
    fetchArticles(undefined, 20)
      .then((res) => setArticles(res.items))
      .catch(() => setArticles([]))
  }, [])

  const save = () =>
    submit(
      () => validate(form),
      async () => {
        const saved = contest ? await updateContest(contest.id, inputOf(form)) : await createContest(inputOf(form))
        clearDraft()
        onSaved(saved)
      },
    )

  const toggleCategory = (c: ContestCategory) =>
    update({ categories: form.categories.includes(c) ? form.categories.filter((x) => x !== c) : [...form.categories, c] })
  const toggleArticle = (id: number) =>
    update({ articleIds: form.articleIds.includes(id) ? form.articleIds.filter((x) => x !== id) : [...form.articleIds, id] })
  // Linked articles first (they may be older than the latest 20), then the latest.
  const linked = (contest?.articles ?? []).filter((a) => a.target === 'contest').map((a) => ({ id: a.id, title: a.title }))
  const articleChoices = [...linked, ...articles.filter((a) => !linked.some((l) => l.id === a.id)).map((a) => ({ id: a.id, title: a.title }))]

  return (
    <View className='staff-form'>
      <View className='card'>
        <View className='contest-label'>类型</View>
        <Chips options={KIND_OPTIONS} value={form.kind} name='kind' wrap onChange={(kind) => kind && update({ kind })} />
        <View className='contest-label contest-label--gap'>比赛名称</View>
        <Input
          className='contest-input staff-form__name'
          placeholder='例如：第八届四川省乡土人才创新创业大赛'
          maxlength={60}
          value={form.name}
          onInput={(e) => update({ name: e.detail.value })}
          onBlur={(e) => update({ name: e.detail.value })}
        />
        <FieldError message={errors.name} />
        <View className='contest-label contest-label--gap'>主办单位</View>
        <Input
          className='contest-input staff-form__organiser'
          maxlength={60}
          value={form.organiser}
          onInput={(e) => update({ organiser: e.detail.value })}
          onBlur={(e) => update({ organiser: e.detail.value })}
        />
        <FieldError message={errors.organiser} />
      </View>

      <View className='card'>
        <View className='contest-label'>级别和地区</View>
        <Chips
          options={LEVEL_OPTIONS}
          value={form.level}
          name='level'
          wrap
          onChange={(level) => level && update({ level, region: level === 'province' ? SICHUAN : null })}
        />
        <LevelRegion level={form.level} value={form.region} onChange={(region) => update({ region })} />
        <FieldError message={errors.regionCode} />
      </View>

      <View className='card'>
        <View className='contest-label'>参赛类别（可多选）</View>
        <View className='category-chips category-chips--wrap chips--categories'>
          {CONTEST_CATEGORIES.map((c) => (
            <View key={c} className={`chip${form.categories.includes(c) ? ' chip--on' : ''}`} data-category={c} onClick={() => toggleCategory(c)}>
              {CONTEST_CATEGORY_LABELS[c]}
            </View>
          ))}
        </View>
        <FieldError message={errors.categories} />
      </View>

      <View className='card staff-form__dates'>
        <View className='contest-label'>各阶段截止时间（北京时间）</View>
        {DEADLINES.map((d) => (
          <View key={d.key} className='staff-form__date-row' data-deadline={d.key}>
            <View className='staff-form__date-label'>{d.label}</View>
            <Picker mode='date' value={form.dates[d.key].date} onChange={(e) => update({ dates: { ...form.dates, [d.key]: { ...form.dates[d.key], date: String(e.detail.value) } } })}>
              <View className='staff-form__picker staff-form__date'>{form.dates[d.key].date}</View>
            </Picker>
            <Picker mode='time' value={form.dates[d.key].time} onChange={(e) => update({ dates: { ...form.dates, [d.key]: { ...form.dates[d.key], time: String(e.detail.value) } } })}>
              <View className='staff-form__picker staff-form__time'>{form.dates[d.key].time}</View>
            </Picker>
          </View>
        ))}
        <FieldError message={errors.dates ?? errors.preliminaryEndsAt ?? errors.signupEndsAt} />
      </View>

      <View className='card'>
        <View className='contest-label'>比赛介绍</View>
        <Textarea
          className='contest-textarea staff-form__description'
          placeholder='比赛的目的、面向谁、奖项设置……'
          maxlength={5000}
          value={form.description}
          onInput={(e) => update({ description: e.detail.value })}
          onBlur={(e) => update({ description: e.detail.value })}
        />
        <View className='contest-counter'>{chars(form.description)}/5000</View>
        <FieldError message={errors.description} />
        <View className='contest-label contest-label--gap'>参赛规则</View>
        <Textarea
          className='contest-textarea staff-form__rules'
          placeholder='参赛条件、报名方式、评审办法……'
          maxlength={5000}
          value={form.rules}
          onInput={(e) => update({ rules: e.detail.value })}
          onBlur={(e) => update({ rules: e.detail.value })}
        />
        <View className='contest-counter'>{chars(form.rules)}/5000</View>
        <FieldError message={errors.rules} />
      </View>

      {articleChoices.length > 0 && (
        <View className='card staff-form__articles'>
          <View className='contest-label'>相关报道（可不选）</View>
          {articleChoices.map((a) => (
            <View key={a.id} className='staff-form__article' data-article={a.id} onClick={() => toggleArticle(a.id)}>
              <View className={`staff-form__box${form.articleIds.includes(a.id) ? ' staff-form__box--on' : ''}`}>{form.articleIds.includes(a.id) ? '✓' : ''}</View>
              <View className='staff-form__article-title'>{a.title}</View>
            </View>
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

/** The 市州 (and 县) a prefecture- or county-level contest covers, in large buttons. */
function LevelRegion({ level, value, onChange }: { level: ContestLevel; value: Region | null; onChange: (r: Region | null) => void }) {
  const [prefecture, setPrefecture] = useState<Region | null>(null)
  const [options, setOptions] = useState<Region[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [editing, setEditing] = useState(false)
  const wanted = REGION_LENGTH[level]
  const done = !!value && value.code.length === wanted
  const parent = level === 'county' && prefecture ? prefecture.code : '51'

  useEffect(() => {
    if (level === 'province' || (done && !editing)) return
    let live = true
    setOptions(null)
    setError(null)
    fetchRegionChildren(parent)
      .then((res) => live && setOptions(res.children))
      .catch((err) => live && setError(messageOf(err)))
    return () => {
      live = false
    }
  }, [level, parent, done, editing])

  if (level === 'province') return <View className='staff-form__region'>四川省</View>
  if (done && !editing) {
    return (
      <View className='staff-form__region-row'>
        <View className='staff-form__region'>{value!.name}</View>
        <Button className='btn btn--plain staff-form__region-change' onClick={() => (setPrefecture(null), setEditing(true))}>
          修改
        </Button>
      </View>
    )
  }
  const pick = (r: Region) => {
    if (level === 'county' && !prefecture) return setPrefecture(r)
    onChange(r)
    setEditing(false)
  }
  return (
    <View className='staff-form__region-pick'>
      <View className='muted'>{level === 'county' && prefecture ? `${prefecture.name}：请选择县（市、区）` : '请选择市（州）'}</View>
      {error && <View className='error-text'>{error}</View>}
      {!options && !error && <View className='muted'>正在加载…</View>}
      <View className='staff-form__region-grid'>
        {options?.map((r) => (
          <Button key={r.code} className='btn btn--plain staff-form__region-option' data-code={r.code} onClick={() => pick(r)}>
            {r.name}
          </Button>
        ))}
      </View>
    </View>
  )
}
