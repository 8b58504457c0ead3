import { z } from 'zod'
import {
  AWARDS,
  CONTEST_CATEGORIES,
  CONTEST_KINDS,
  CONTEST_LEVELS,
  CONTEST_STAGES,
  ENTRY_SOURCES,
  ENTRY_STAGES,
  LISTING_KINDS,
  LISTING_SIDES,
  NOMINATION_STATUSES,
  ROLES,
} from '../enums'
import { CONTEST_LIMITS, CONTEST_MESSAGES, CONTEST_YEAR_MAX, CONTEST_YEAR_MIN, contestCrossFieldProblems, inContestYears } from '../rules'
import { bodyId, cursorParam, dbId, page, text } from './common'
import { mobilePhone } from './common'
import { photo } from './listings'
import { regionCode, townshipCode } from './regions'

// 乡土人才 contests (大赛 and 科创会): inputs the server validates and the views it answers with.
// The app imports TYPES ONLY from this file (zod must not enter the mini program bundle).
// Times are ISO-8601 instants on the wire; inputs may carry an offset ("…T00:00:00+08:00") and
// are normalised to UTC ("…Z") here. Instants are compared as instants (Date values), never as text.

export { CONTEST_YEAR_MAX, CONTEST_YEAR_MIN }

/**
 * An instant with an explicit offset or Z, in 2015–2100 (China time), stored and answered as UTC
 * ISO. The year bound keeps every stored instant a plain 'YYYY-…Z' string that both databases
 * read back ("+010000-…" or year 0000 would not be).
 */
const instant = z.iso
  .datetime({ offset: true, message: CONTEST_MESSAGES.instant })
  // Not an ISO instant at all (NaN): the message above says so.
  .refine((s) => Number.isNaN(Date.parse(s)) || inContestYears(s), { message: CONTEST_MESSAGES.years })
  .transform((s) => new Date(s).toISOString())

export const contestKind = z.enum(CONTEST_KINDS)
export const contestLevel = z.enum(CONTEST_LEVELS)
/** A wrong category names CATEGORY_INVALID; a missing one is an ordinary missing field. */
export const contestCategory = z.enum(CONTEST_CATEGORIES, { error: (issue) => (issue.input === undefined ? undefined : 'CATEGORY_INVALID') })
export const contestStage = z.enum(CONTEST_STAGES)
export const entryStage = z.enum(ENTRY_STAGES)
export const entrySource = z.enum(ENTRY_SOURCES)
export const award = z.enum(AWARDS)
export const nominationStatus = z.enum(NOMINATION_STATUSES)

// ---------------------------------------------------------------- inputs

/** Staff create or edit a contest. */
export const contestInput = z
  .object({
    kind: contestKind,
    name: text(...CONTEST_LIMITS.name),
    organiser: text(...CONTEST_LIMITS.organiser),
    level: contestLevel,
    /** '51' for a province-level contest, a prefecture (4 digits) or county (6 digits) code otherwise. */
    regionCode,
    categories: z
      .array(contestCategory)
      .min(1, { message: CONTEST_MESSAGES.noCategory })
      .refine((a) => new Set(a).size === a.length, { message: CONTEST_MESSAGES.duplicateCategory }),
    description: text(...CONTEST_LIMITS.description),
    rules: text(...CONTEST_LIMITS.rules),
    signupEndsAt: instant,
    preliminaryEndsAt: instant,
    semifinalEndsAt: instant,
    finalEndsAt: instant,
    /** News articles about this contest (shown on its page as article_links). */
    articleIds: z.array(bodyId).max(CONTEST_LIMITS.articles).default([]),
  })
  // The region fits the level, the deadlines follow each other (common/rules/contests.ts).
  .superRefine((v, ctx) => {
    for (const { path, code } of contestCrossFieldProblems(v)) ctx.addIssue({ code: 'custom', path: [path], message: code })
  })
  .meta({
    description:
      'regionCode 的长度随 level：province 为 51，prefecture 为 4 位，county 为 6 位（否则 REGION_INVALID）；' +
      'signupEndsAt < preliminaryEndsAt < semifinalEndsAt < finalEndsAt（否则 CONTEST_DATES_ORDER）',
    examples: [
      {
        kind: 'contest',
        name: '甘孜州乡土人才创新创业大赛',
        organiser: '甘孜州科协',
        level: 'prefecture',
        regionCode: '5133',
        categories: ['planting', 'breeding'],
        description: '面向全州农牧民和乡土人才，展示种养殖、手工艺等方面的创新成果。',
        rules: '报名后提交项目介绍和照片，经初赛、复赛评审，决赛现场展示并公开投票。',
        signupEndsAt: '2027-05-31T23:59:59+08:00',
        preliminaryEndsAt: '2027-06-30T23:59:59+08:00',
        semifinalEndsAt: '2027-07-31T23:59:59+08:00',
        finalEndsAt: '2027-08-31T23:59:59+08:00',
        articleIds: [],
      },
    ],
  })
export type ContestInput = z.input<typeof contestInput>

const entryFields = {
  title: text(...CONTEST_LIMITS.entryTitle),
  category: contestCategory,
  description: text(...CONTEST_LIMITS.entryDescription),
  yearsExperience: z.number().int().min(CONTEST_LIMITS.yearsExperience[0]).max(CONTEST_LIMITS.yearsExperience[1]),
  /** Ids from POST /api/uploads. */
  photoIds: z.array(bodyId).max(CONTEST_LIMITS.photos, { message: 'PHOTO_LIMIT' }).default([]),
}

/** Self sign-up, or editing one's own entry. */
const entryExample = {
  title: '高原藏香猪生态散养',
  category: 'breeding',
  description: '在海拔三千米的林下散养藏香猪，带动村里十二户一起养殖。',
  yearsExperience: 8,
  photoIds: [],
}
export const entryInput = z.object({ ...entryFields, regionCode: townshipCode }).meta({ examples: [{ ...entryExample, regionCode: '513328200' }] })
export type EntryInput = z.input<typeof entryInput>

/** A nominee confirming: the township is the nomination's. */
export const confirmNominationInput = z.object(entryFields).meta({ examples: [entryExample] })
export type ConfirmNominationInput = z.input<typeof confirmNominationInput>

export const nomineeInput = z.union([
  z.object({ userId: bodyId }).strict(),
  z.object({ name: text(...CONTEST_LIMITS.nomineeName), phone: mobilePhone, regionCode: townshipCode }).strict(),
])
export type NomineeInput = z.input<typeof nomineeInput>

/** A chair's 举荐: someone registered (userId) or a person with no account yet (name, phone, township). */
export const nominationInput = z.object({ nominee: nomineeInput, reason: text(...CONTEST_LIMITS.nominationReason) }).meta({
  examples: [
    { nominee: { userId: 12 }, reason: '带领全村发展藏香猪养殖，是远近闻名的致富带头人。' },
    { nominee: { name: '卓玛', phone: '13800005678', regionCode: '513328200' }, reason: '自学兽医技术，常年义务为乡亲们的牦牛防疫治病。' },
  ],
})
export type NominationInput = z.input<typeof nominationInput>

export const voteInput = z.object({ entryId: bodyId }).meta({ examples: [{ entryId: 42 }] })
export type VoteInput = z.input<typeof voteInput>

/** Staff move a contest to its next stage. */
export const stageInput = z.object({ stage: contestStage }).meta({ examples: [{ stage: 'preliminary' }] })
export type StageInput = z.input<typeof stageInput>

/** Staff advance an entrant to a stage after 'signup'. */
export const advanceInput = z.object({ stage: z.enum(['preliminary', 'semifinal', 'final']) }).meta({ examples: [{ stage: 'semifinal' }] })
export type AdvanceInput = z.input<typeof advanceInput>

/** Staff set (or clear, with null) a finalist's award; 'other' names itself (e.g. 最佳创意奖). */
export const awardInput = z
  .object({ award: award.nullable(), awardName: text(...CONTEST_LIMITS.awardName).optional() })
  .superRefine((v, ctx) => {
    if (v.award === 'other' && !v.awardName) ctx.addIssue({ code: 'custom', path: ['awardName'], message: CONTEST_MESSAGES.awardName })
  })
  .meta({ description: 'award 为 other 时须填写 awardName（如 最佳创意奖）；award 为 null 时撤销奖项', examples: [{ award: 'gold' }, { award: 'other', awardName: '最佳创意奖' }] })
export type AwardInput = z.input<typeof awardInput>

// ---------------------------------------------------------------- params and queries

export const contestEntryParams = z.object({ id: dbId, entryId: dbId })
export const talentParams = z.object({ userId: dbId })

export const contestListQuery = z.object({
  kind: contestKind.optional(),
  /** open: not finished; past: finished; all. */
  stage: z.enum(['open', 'past', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** The previous page's `next`. */
  cursor: cursorParam,
  /** Compatibility (remove 2027-03-01): older builds send the id of the last contest shown. */
  before: dbId.optional(),
})
export type ContestListQuery = z.input<typeof contestListQuery>

export const TALENT_PAGE_MAX = 500

export const talentQuery = z.object({
  /** A prefecture, county or township code (or '51'): talents whose township starts with it. */
  region: regionCode.optional(),
  category: contestCategory.optional(),
  /** A staff award, or 'popular' for 最受欢迎奖. */
  award: z.enum([...AWARDS, 'popular']).optional(),
  /** The year of the contest's final (China time). */
  year: z.coerce.number().int().min(CONTEST_YEAR_MIN).max(CONTEST_YEAR_MAX).optional(),
  q: z.string().trim().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** The previous page's `next`. */
  cursor: cursorParam,
  /** Compatibility (remove 2027-03-01): older builds send the page (1-based) and count pages from `total`. */
  page: z.coerce.number().int().min(1).max(TALENT_PAGE_MAX).default(1),
})
export type TalentQuery = z.input<typeof talentQuery>

export const nomineesQuery = z.object({ q: z.string().trim().max(20).optional() })
export const staffEntriesQuery = z.object({ stage: entryStage.optional() })

// ---------------------------------------------------------------- views

export const contestMine = z
  .object({ entryId: z.number(), stageReached: entryStage, award: award.nullable(), popularAward: z.boolean() })
  .nullable()
export type ContestMine = z.infer<typeof contestMine>

export const contestSummary = z.object({
  id: z.number(),
  kind: contestKind,
  name: z.string(),
  organiser: z.string(),
  level: contestLevel,
  regionCode: z.string(),
  /** 四川省 / 甘孜藏族自治州 / 甘孜藏族自治州 甘孜县. */
  regionName: z.string(),
  categories: z.array(contestCategory),
  stage: contestStage,
  signupEndsAt: z.string(),
  preliminaryEndsAt: z.string(),
  semifinalEndsAt: z.string(),
  finalEndsAt: z.string(),
  resultsPublishedAt: z.string().nullable(),
  entryCount: z.number(),
  /** The viewer's entry (signed in only). */
  mine: contestMine,
})
export type ContestSummary = z.infer<typeof contestSummary>

export const contestPage = page(contestSummary).extend({
  /** Compatibility (remove 2027-03-01): older builds read the last id shown instead of `next`. */
  nextBefore: z.number().nullable(),
})
export type ContestPage = z.infer<typeof contestPage>

export const finalistView = z.object({
  /** The entry id (what a vote names). */
  id: z.number(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  title: z.string(),
  category: contestCategory,
  regionName: z.string(),
  voteCount: z.number(),
  /** Null until results are published. */
  award: award.nullable(),
  /** The label to show: 金奖…, or the name of an 'other' award. */
  awardName: z.string().nullable(),
  popularAward: z.boolean(),
})
export type FinalistView = z.infer<typeof finalistView>

export const articleRef = z.object({
  id: z.number(),
  title: z.string(),
  publishedOn: z.string().nullable(),
  /**
   * Which link it is: 'contest' (set by ContestInput.articleIds — what an edit form sends back) or
   * 'contest_nominate' (a button to the nomination page, made in the article-links editor). An
   * article with both is listed once, as 'contest'.
   */
  target: z.enum(['contest', 'contest_nominate']),
})
export type ArticleRef = z.infer<typeof articleRef>

export const entryView = z.object({
  id: z.number(),
  contestId: z.number(),
  source: entrySource,
  title: z.string(),
  category: contestCategory,
  description: z.string(),
  yearsExperience: z.number(),
  regionCode: z.string(),
  /** 甘孜藏族自治州 甘孜县 呷拉乡 */
  regionName: z.string(),
  photos: z.array(photo),
  stageReached: entryStage,
  award: award.nullable(),
  awardName: z.string().nullable(),
  popularAward: z.boolean(),
  voteCount: z.number(),
  createdAt: z.string(),
})
export type EntryView = z.infer<typeof entryView>

export const contestDetail = contestSummary.extend({
  description: z.string(),
  rules: z.string(),
  /** stage signup and before signupEndsAt. */
  signupOpen: z.boolean(),
  /** stage final and results not published. */
  voteOpen: z.boolean(),
  articles: z.array(articleRef),
  /** Finalists (stage final/finished), most votes first. */
  finalists: z.array(finalistView),
  myVoteEntryId: z.number().nullable(),
  myEntry: entryView.nullable(),
})
export type ContestDetail = z.infer<typeof contestDetail>

export const contestResults = z.object({ awarded: z.array(finalistView) })
export type ContestResults = z.infer<typeof contestResults>

export const myContestEntry = entryView.extend({ contestName: z.string(), contestStage: contestStage })
export type MyContestEntry = z.infer<typeof myContestEntry>
export const myContestEntryList = z.object({ items: z.array(myContestEntry) })
export type MyContestEntryList = z.infer<typeof myContestEntryList>

export const voteResult = z.object({ entryId: z.number(), voteCount: z.number() })
export type VoteResult = z.infer<typeof voteResult>

export const nominationView = z.object({
  id: z.number(),
  contestId: z.number(),
  contestName: z.string(),
  nomineeName: z.string(),
  /** 138****1234 for a nominee entered by phone; null for one chosen by account. */
  nomineePhoneMasked: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  reason: z.string(),
  status: nominationStatus,
  hasAccount: z.boolean(),
  /** How far the nominee got, once they confirmed. */
  entry: z
    .object({ id: z.number(), stageReached: entryStage, award: award.nullable(), awardName: z.string().nullable(), popularAward: z.boolean() })
    .nullable(),
  createdAt: z.string(),
})
export type NominationView = z.infer<typeof nominationView>

export const nominationSummary = z.object({
  total: z.number(),
  pending: z.number(),
  confirmed: z.number(),
  declined: z.number(),
  reachedFinal: z.number(),
  awarded: z.number(),
})
export type NominationSummary = z.infer<typeof nominationSummary>

export const myNominations = z.object({ items: z.array(nominationView), summary: nominationSummary })
export type MyNominations = z.infer<typeof myNominations>

export const receivedNomination = nominationView.extend({
  nominatorName: z.string(),
  /** The chair's township name (甘孜镇), so the nominee knows who 举荐 them. */
  nominatorTownship: z.string(),
})
export type ReceivedNomination = z.infer<typeof receivedNomination>
export const receivedNominationList = z.object({ items: z.array(receivedNomination) })
export type ReceivedNominationList = z.infer<typeof receivedNominationList>

/**
 * A registered person a chair may 举荐, with enough to tell two 扎西 apart: role, where they live and
 * their phone masked by the server (138****5678; null when they bound none). No full number, no openid.
 */
export const nomineeCandidate = z.object({
  userId: z.number(),
  name: z.string(),
  role: z.enum(ROLES).nullable(),
  /** 甘孜县 甘孜镇: the finest place we hold (users keep a township, no village). */
  place: z.string(),
  phoneMasked: z.string().nullable(),
  /** When they registered (ISO), another way to tell people apart. */
  registeredAt: z.string(),
})
export type NomineeCandidate = z.infer<typeof nomineeCandidate>
export const nomineeCandidates = z.object({ items: z.array(nomineeCandidate) })
export type NomineeCandidates = z.infer<typeof nomineeCandidates>

export const talentCard = z.object({
  entryId: z.number(),
  userId: z.number(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  regionName: z.string(),
  contestId: z.number(),
  contestName: z.string(),
  year: z.number(),
  title: z.string(),
  category: contestCategory,
  stageReached: entryStage,
  award: award.nullable(),
  awardName: z.string().nullable(),
  popularAward: z.boolean(),
})
export type TalentCard = z.infer<typeof talentCard>

export const talentPage = page(talentCard).extend({
  /** How many talents match (shown on the page, and what older builds page by). */
  total: z.number(),
  /** Every year (of a final, China time) with talents in the pool, newest first, whatever the filters: the year chips. */
  years: z.array(z.number()),
})
export type TalentPage = z.infer<typeof talentPage>

export const talentEntry = talentCard.extend({ description: z.string(), photos: z.array(photo) })
export type TalentEntry = z.infer<typeof talentEntry>

export const talentProfile = z.object({
  userId: z.number(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  regionName: z.string(),
  role: z.enum(ROLES).nullable(),
  verified: z.boolean(),
  /** An expert: link to /packages/studio/index?id=<userId>. */
  studioAvailable: z.boolean(),
  entries: z.array(talentEntry),
  /** Their published posts and achievements. */
  listings: z.array(z.object({ id: z.number(), title: z.string(), kind: z.enum(LISTING_KINDS), side: z.enum(LISTING_SIDES) })),
})
export type TalentProfile = z.infer<typeof talentProfile>

export const staffEntry = entryView.extend({ name: z.string(), phoneMasked: z.string().nullable() })
export type StaffEntry = z.infer<typeof staffEntry>
export const staffEntryList = z.object({ items: z.array(staffEntry) })
export type StaffEntryList = z.infer<typeof staffEntryList>
