import {
  AWARD_LABELS,
  CONTEST_CATEGORIES,
  CONTEST_KINDS,
  CONTEST_LEVELS,
  CONTEST_STAGES,
  MAX_LISTING_PHOTOS,
  POPULAR_AWARD_LABEL,
  type Award,
  type ContestLevel,
  type ContestStage,
} from '../enums'
import { ERROR_MESSAGES, type ErrorCode } from '../errors'
import { chinaYear } from '../china-time'
import { FORMAT_MESSAGE, isRecord, Problems, REGION_CODE, type FieldErrors, type FormOptions, type Limit } from './fields'
import { USER_LIMITS } from './users'

// 乡土人才 contests (大赛 and 科创会): their schedule, awards and forms. The schemas:
// common/schemas/contests.ts. Deadlines are instants (ISO strings); "now" is always passed in,
// so the server (deps.now) and tests can stand on either side of a deadline.

export const CONTEST_LIMITS = {
  name: [4, 60] as Limit,
  organiser: [2, 60] as Limit,
  description: [10, 5000] as Limit,
  rules: [10, 5000] as Limit,
  /** News articles linked from a contest's page. */
  articles: 20,
  entryTitle: [4, 40] as Limit,
  entryDescription: [10, 2000] as Limit,
  yearsExperience: [0, 80] as Limit,
  photos: MAX_LISTING_PHOTOS,
  nomineeName: USER_LIMITS.personName,
  nominationReason: [10, 500] as Limit,
  /** The name staff give an 'other' award (最佳创意奖). */
  awardName: [2, 20] as Limit,
} as const

/** Contest deadlines fall in these years (China time), like the talent pool's year filter. */
export const CONTEST_YEAR_MIN = 2015
export const CONTEST_YEAR_MAX = 2100

export const CONTEST_MESSAGES = {
  instant: '请填写有效的时间',
  years: `请填写 ${CONTEST_YEAR_MIN}–${CONTEST_YEAR_MAX} 年内的时间`,
  noCategory: '请至少选择一个类别',
  duplicateCategory: '类别重复',
  awardName: '请填写奖项名称',
} as const

/** A province-level contest is '51', a prefecture's 4 digits, a county's 6. */
export const REGION_LENGTH: Readonly<Record<ContestLevel, number>> = { province: 2, prefecture: 4, county: 6 }

/** The four deadlines, in the order they must fall. */
export const DEADLINE_FIELDS = ['signupEndsAt', 'preliminaryEndsAt', 'semifinalEndsAt', 'finalEndsAt'] as const

// z.iso.datetime({ offset: true }), as zod 4 writes it: a calendar date (29 February only in leap
// years), a time with seconds, then Z or ±hh:mm. tests/unit/rules.test.ts holds the two together.
const DATE = String.raw`(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8])))`
const TIME = String.raw`(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?`
const OFFSET = String.raw`(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)`
const ISO_INSTANT = new RegExp(`^${DATE}T${TIME}${OFFSET}$`)

export function isIsoInstant(s: string): boolean {
  return ISO_INSTANT.test(s)
}

/** Whether the instant falls in CONTEST_YEAR_MIN–MAX, China time (false for no instant at all). */
export function inContestYears(s: string): boolean {
  const year = chinaYear(s)
  return year >= CONTEST_YEAR_MIN && year <= CONTEST_YEAR_MAX
}

/** Strictly one after the other, as instants (not as text: offsets may differ). */
export function deadlinesInOrder(dates: readonly string[]): boolean {
  const ms = dates.map((d) => Date.parse(d))
  return ms.every((d, i) => i === 0 || ms[i - 1] < d)
}

/**
 * The rules across a contest's fields, once each field is right on its own: the region fits the
 * level, and the deadlines follow each other. A deadline already refused speaks for itself, so
 * the order is judged only when all four are instants in the contest years.
 */
export function contestCrossFieldProblems(v: { level: ContestLevel; regionCode: string } & Record<(typeof DEADLINE_FIELDS)[number], unknown>): Array<{ path: string; code: ErrorCode }> {
  const found: Array<{ path: string; code: ErrorCode }> = []
  if (v.regionCode.length !== REGION_LENGTH[v.level]) found.push({ path: 'regionCode', code: 'REGION_INVALID' })
  const dates = DEADLINE_FIELDS.map((f) => v[f])
  if (dates.every((d): d is string => typeof d === 'string' && inContestYears(d)) && !deadlinesInOrder(dates)) {
    found.push({ path: 'preliminaryEndsAt', code: 'CONTEST_DATES_ORDER' })
  }
  return found
}

// ---------------------------------------------------------------- stages and awards

/** The stage after `stage` (staff move one step at a time), or null after 已结束. */
export function nextStage(stage: string): ContestStage | null {
  const i = CONTEST_STAGES.indexOf(stage as ContestStage)
  return i >= 0 && i < CONTEST_STAGES.length - 1 ? CONTEST_STAGES[i + 1] : null
}

type Instant = number | string | Date

function ms(instant: Instant): number {
  return typeof instant === 'number' ? instant : new Date(instant).getTime()
}

/** Sign-up (and confirming a nomination, editing or withdrawing an entry): stage 报名 and before its deadline. */
export function isSignupOpen(contest: { stage: string; signupEndsAt: string }, now: Instant): boolean {
  return contest.stage === 'signup' && ms(now) < Date.parse(contest.signupEndsAt)
}

/** A staff award as shown: 金奖…, or the name staff gave an 'other' award; null for none. */
export function awardLabel(award: Award | string | null, awardName: string | null): string | null {
  if (!award) return null
  return award === 'other' ? awardName || AWARD_LABELS.other : AWARD_LABELS[award as Award]
}

/**
 * The awards an entrant won, joined: the staff award and 最受欢迎奖; '' for none. The app joins
 * with ' · ', a notification with '、'.
 */
export function awardText(award: Award | string | null, awardName: string | null, popular: boolean, sep = ' · '): string {
  return [awardLabel(award, awardName), popular ? POPULAR_AWARD_LABEL : null].filter(Boolean).join(sep)
}

// ---------------------------------------------------------------- forms

/** A contest category: a missing one is an ordinary missing field, a wrong one CATEGORY_INVALID. */
function contestCategory(p: Problems, path: string, value: unknown): void {
  if (!CONTEST_CATEGORIES.includes(value as (typeof CONTEST_CATEGORIES)[number])) p.wrongType(path, value === undefined ? undefined : 'CATEGORY_INVALID')
}

/** A deadline: an ISO instant with Z or an offset, in the contest years. */
function instant(p: Problems, path: string, value: unknown): void {
  if (typeof value !== 'string') return p.add(path, CONTEST_MESSAGES.instant, true)
  if (!isIsoInstant(value)) p.add(path, CONTEST_MESSAGES.instant)
  // Anything Date.parse reads is also held to the years, the format message or not (the later one is shown).
  if (!Number.isNaN(Date.parse(value)) && !inContestYears(value)) p.add(path, CONTEST_MESSAGES.years)
}

/** Staff create or edit a contest. */
export function validateContestForm(input: object, opts: FormOptions = {}): FieldErrors {
  const v = input as Record<string, unknown>
  const p = new Problems(opts.labels)
  p.oneOf('kind', v.kind, CONTEST_KINDS)
  p.text('name', v.name, CONTEST_LIMITS.name)
  p.text('organiser', v.organiser, CONTEST_LIMITS.organiser)
  p.oneOf('level', v.level, CONTEST_LEVELS)
  p.pattern('regionCode', v.regionCode, REGION_CODE, 'REGION_INVALID')
  if (!Array.isArray(v.categories)) p.wrongType('categories')
  else {
    const before = p.stopped
    p.stopped = false
    v.categories.forEach((c, i) => contestCategory(p, `categories.${i}`, c))
    if (!v.categories.length) p.add('categories', CONTEST_MESSAGES.noCategory)
    else if (!p.stopped && new Set(v.categories).size !== v.categories.length) p.add('categories', CONTEST_MESSAGES.duplicateCategory)
    p.stopped ||= before
  }
  p.text('description', v.description, CONTEST_LIMITS.description)
  p.text('rules', v.rules, CONTEST_LIMITS.rules)
  for (const f of DEADLINE_FIELDS) instant(p, f, v[f])
  p.ids('articleIds', v.articleIds, CONTEST_LIMITS.articles)
  if (!p.stopped) {
    for (const { path, code } of contestCrossFieldProblems(v as Parameters<typeof contestCrossFieldProblems>[0])) p.add(path, ERROR_MESSAGES[code])
  }
  return p.errors
}

/**
 * A contest entry: self sign-up (with the township) or a nominee confirming (`confirming`: the
 * township is the nomination's, so the form has none).
 */
export function validateEntryForm(input: object, opts: FormOptions & { confirming?: boolean } = {}): FieldErrors {
  const v = input as Record<string, unknown>
  const p = new Problems(opts.labels)
  p.text('title', v.title, CONTEST_LIMITS.entryTitle)
  contestCategory(p, 'category', v.category)
  p.text('description', v.description, CONTEST_LIMITS.entryDescription)
  p.integer('yearsExperience', v.yearsExperience, ...CONTEST_LIMITS.yearsExperience)
  p.ids('photoIds', v.photoIds, CONTEST_LIMITS.photos, 'PHOTO_LIMIT')
  if (!opts.confirming) p.township('regionCode', v.regionCode)
  return p.errors
}

const ACCOUNT_KEYS = ['userId']
const PHONE_KEYS = ['name', 'phone', 'regionCode']

/**
 * A chair's 举荐: someone with an account (`{ userId }`) or a person named by name, phone and
 * township, plus the reason. As the server's union does, a nominee that is clearly one of the two
 * has its fields named ('nominee.phone'); one that is neither is named as a whole ('nominee').
 */
export function validateNomination(input: object, opts: FormOptions = {}): FieldErrors {
  const v = input as Record<string, unknown>
  const p = new Problems(opts.labels)
  const nominee = v.nominee
  if (!isRecord(nominee)) p.wrongType('nominee')
  else {
    const byAccount = new Problems(opts.labels)
    strictKeys(byAccount, nominee, ACCOUNT_KEYS)
    byAccount.id('nominee.userId', nominee.userId)
    const byPhone = new Problems(opts.labels)
    strictKeys(byPhone, nominee, PHONE_KEYS)
    byPhone.text('nominee.name', nominee.name, CONTEST_LIMITS.nomineeName)
    byPhone.phone('nominee.phone', nominee.phone)
    byPhone.township('nominee.regionCode', nominee.regionCode)
    const tried = [byAccount, byPhone]
    if (!tried.some((b) => !Object.keys(b.errors).length)) {
      const near = tried.filter((b) => !b.stopped)
      if (near.length === 1) Object.assign(p.errors, near[0].errors)
      else p.wrongType('nominee')
    }
  }
  p.text('reason', v.reason, CONTEST_LIMITS.nominationReason)
  return p.errors
}

/** A strict object: a key it does not know makes the whole nominee wrong. */
function strictKeys(p: Problems, value: Record<string, unknown>, keys: readonly string[]): void {
  if (Object.keys(value).some((k) => !keys.includes(k))) p.add('nominee', FORMAT_MESSAGE, true)
}
