import { useEffect, useState } from 'react'
import { CONTEST_CATEGORIES, type ContestCategory, type ContestKind, type ContestLevel } from '../../../../../common/enums'
import { ERROR_MESSAGES } from '../../../../../common/errors'
import { CONTEST_LIMITS, DEADLINE_FIELDS, validateContestForm, type FieldErrors } from '../../../../../common/rules'
import type { Region } from '../../../../../common/schemas/regions'
import type { ArticleSummary } from '../../../../../common/schemas/news'
import { useDraft } from '../../../../hooks/useDraft'
import { fetchArticles } from '../../../../services/news'
import { createContest, updateContest, type ContestDetail, type ContestInput } from '../../../../services/contests'
import { chinaInstant, chinaPickerValue, formatChina } from '../../../../../common/china-time'
import { useFormSubmit } from '../../../contests/components/use-form-submit'

// The contest form's state (kept as a draft per contest), its check before sending (the server's
// validateContestForm, in the form's words) and the save.

export type DeadlineKey = (typeof DEADLINE_FIELDS)[number]
export type PickedTime = { date: string; time: string }

export const SICHUAN: Region = { code: '51', name: '四川省' }

export interface ContestFormState {
  kind: ContestKind
  name: string
  organiser: string
  level: ContestLevel
  /** The area the contest covers: 四川省, a 市州 or a 县 (matching the level). */
  region: Region | null
  categories: ContestCategory[]
  description: string
  rules: string
  dates: Record<DeadlineKey, PickedTime>
  articleIds: number[]
  /** Edit mode: the contest these values came from (a saved draft of that edit is kept). */
  loadedFrom: number | null
}

/** A new contest: sign-up for a month from today (China), each later stage a month more, ending 23:59. */
function blankForm(): ContestFormState {
  const now = Date.now()
  // China keeps no summer time, so a day on from any instant is 24 hours on.
  const at = (days: number) => ({ date: formatChina(now + days * 86_400_000, 'YYYY-MM-DD'), time: '23:59' })
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

function formOf(c: ContestDetail): ContestFormState {
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

function inputOf(f: ContestFormState): ContestInput {
  const at = (key: DeadlineKey) => chinaInstant(f.dates[key].date, f.dates[key].time)
  return {
    kind: f.kind,
    name: f.name.trim(),
    organiser: f.organiser.trim(),
    level: f.level,
    regionCode: f.region?.code ?? '',
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

/** The form's names for its texts: length messages read "比赛名称须为 4–60 个字". */
const LABELS = { name: '比赛名称', organiser: '主办单位', description: '比赛介绍', rules: '参赛规则' }

/**
 * What is wrong before sending, keyed as the form shows it: the four deadlines share one message
 * ('dates'), as they share one card. Empty when nothing is.
 */
export function checkContestForm(f: ContestFormState): FieldErrors {
  const input = inputOf(f)
  const found = validateContestForm(input, { labels: LABELS })
  const out: FieldErrors = {}
  for (const [path, message] of Object.entries(found)) {
    if (path === 'regionCode') out.regionCode = f.level === 'prefecture' ? '请选择市（州）' : '请选择县（市、区）'
    else if (path === 'categories') out.categories = '请至少选择一个参赛类别'
    else if (!(DEADLINE_FIELDS as readonly string[]).includes(path)) out[path] = message
  }
  if (DEADLINE_FIELDS.some((k) => !input[k])) out.dates = '请选择各阶段的截止时间'
  else if (found.preliminaryEndsAt === ERROR_MESSAGES.CONTEST_DATES_ORDER) out.dates = '各阶段截止时间须依次靠后'
  else {
    const wrong = DEADLINE_FIELDS.find((k) => found[k])
    if (wrong) out.dates = found[wrong]
  }
  return out
}

export const TEXT_MAX = { name: CONTEST_LIMITS.name[1], organiser: CONTEST_LIMITS.organiser[1], description: CONTEST_LIMITS.description[1], rules: CONTEST_LIMITS.rules[1] }

export function useContestForm(contest: ContestDetail | null, onSaved: (c: ContestDetail) => void) {
  const [form, update, clearDraft] = useDraft<ContestFormState>(`staff-contest.${contest?.id ?? 'new'}`, contest ? formOf(contest) : blankForm())
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
      () => checkContestForm(form),
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

  return { form, update, errors, notice, saving, save, toggleCategory, toggleArticle, articleChoices }
}
