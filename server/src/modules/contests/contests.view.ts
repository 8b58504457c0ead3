import type {
  ContestDetail,
  ContestMine,
  ContestSummary,
  EntryView,
  FinalistView,
  NominationView,
} from '../../../../common/schemas/contests'
import type {
  Award,
  ContestCategory,
  ContestKind,
  ContestLevel,
  ContestStage,
  EntrySource,
  EntryStage,
  NominationStatus,
} from '../../../../common/enums'
import { maskPhone } from '../../../../common/format'
import type { Deps } from '../../deps'
import { avatarOf, displayName, findPeople } from '../users/people'
import { regionName } from '../regions/regions.data'
import type { UserRow } from '../users/users.repository'
import * as repo from './contests.repository'
import type { ContestRow, EntryRow, NominationRow } from './contests.repository'
import { awardLabel, isSignupOpen, isVoteOpen, resultsPublished } from './contests.rules'

// Rows → the shapes in common/schemas/contests.ts. Awards are hidden from everyone but staff
// until the results are published (the jury's decision is announced, not leaked).

type ViewDeps = Pick<Deps, 'db' | 'uploadUrl' | 'phoneCipher' | 'now'>

/** The award fields of an entry as the viewer may see them. */
export function awardFields(entry: EntryRow, visible: boolean) {
  if (!visible) return { award: null, awardName: null, popularAward: false }
  return { award: (entry.award as Award | null) ?? null, awardName: awardLabel(entry.award, entry.award_name), popularAward: entry.popular_award === 1 }
}

function mine(entry: EntryRow | undefined, contest: ContestRow): ContestMine {
  if (!entry) return null
  const a = awardFields(entry, resultsPublished(contest))
  return { entryId: entry.id, stageReached: entry.stage_reached as EntryStage, award: a.award, popularAward: a.popularAward }
}

export async function toContestSummaries(deps: ViewDeps, rows: ContestRow[], viewer: UserRow | null): Promise<ContestSummary[]> {
  return (await summariesWithEntries(deps, rows, viewer)).summaries
}

/** The summaries, and the viewer's entries they were built from (by contest id). */
async function summariesWithEntries(
  deps: ViewDeps,
  rows: ContestRow[],
  viewer: UserRow | null,
): Promise<{ summaries: ContestSummary[]; byContest: Map<number, EntryRow> }> {
  const ids = rows.map((r) => r.id)
  const [counts, entries] = await Promise.all([
    repo.entryCounts(deps.db, ids),
    viewer ? repo.entriesOfUser(deps.db, viewer.id, ids) : Promise.resolve([]),
  ])
  const byContest = new Map(entries.map((e) => [e.contest_id, e]))
  const summaries = rows.map((r) => ({
    id: r.id,
    kind: r.kind as ContestKind,
    name: r.name,
    organiser: r.organiser,
    level: r.level as ContestLevel,
    regionCode: r.region_code,
    regionName: regionName(r.region_code),
    categories: JSON.parse(r.categories) as ContestCategory[],
    stage: r.stage as ContestStage,
    signupEndsAt: r.signup_ends_at,
    preliminaryEndsAt: r.preliminary_ends_at,
    semifinalEndsAt: r.semifinal_ends_at,
    finalEndsAt: r.final_ends_at,
    resultsPublishedAt: r.results_published_at,
    entryCount: counts.get(r.id) ?? 0,
    mine: mine(byContest.get(r.id), r),
  }))
  return { summaries, byContest }
}

export async function toFinalists(deps: ViewDeps, contest: ContestRow, entries: EntryRow[]): Promise<FinalistView[]> {
  const people = await findPeople(deps.db, entries.map((e) => e.user_id))
  const published = resultsPublished(contest)
  return entries.map((e) => ({
    id: e.id,
    name: displayName(people.get(e.user_id)),
    avatarUrl: avatarOf(deps, people.get(e.user_id)),
    title: e.title,
    category: e.category as ContestCategory,
    regionName: regionName(e.region_code),
    voteCount: e.vote_count,
    ...awardFields(e, published),
  }))
}

export async function toContestDetail(deps: ViewDeps, contest: ContestRow, viewer: UserRow | null): Promise<ContestDetail> {
  const showFinalists = contest.stage === 'final' || contest.stage === 'finished'
  const [
    {
      summaries: [summary],
      byContest,
    },
    articles,
    finalistRows,
    myVote,
  ] = await Promise.all([
    summariesWithEntries(deps, [contest], viewer),
    repo.articlesOf(deps.db, contest.id),
    showFinalists ? repo.finalistsOf(deps.db, contest.id) : Promise.resolve([]),
    viewer ? repo.voteOf(deps.db, contest.id, viewer.id) : Promise.resolve(undefined),
  ])
  // The viewer's entry was read once, for the summary's `mine`.
  const myEntryRow = byContest.get(contest.id)
  const myEntry = myEntryRow ? (await toEntryViews(deps, [myEntryRow], { [contest.id]: contest }, { publicPhotos: false }))[0] : null
  return {
    ...summary,
    description: contest.description,
    rules: contest.rules,
    signupOpen: isSignupOpen(contest, deps.now()),
    voteOpen: isVoteOpen(contest),
    articles: articles.map((a) => ({ id: a.id, title: a.title, publishedOn: a.published_on, target: a.target })),
    finalists: await toFinalists(deps, contest, finalistRows),
    myVoteEntryId: myVote?.entry_id ?? null,
    myEntry,
  }
}

/**
 * Entries as their entrant (or staff) sees them. `contests` gives each entry's contest (awards
 * show once its results are published, or always with `staff`); photos are those not found risky,
 * or only those that passed WeChat's check with `publicPhotos`.
 */
export async function toEntryViews(
  deps: ViewDeps,
  rows: EntryRow[],
  contests: Record<number, ContestRow>,
  opts: { publicPhotos: boolean; staff?: boolean },
): Promise<EntryView[]> {
  const photoIds = rows.map((r) => JSON.parse(r.photo_ids) as number[])
  const uploads = await repo.uploadsByIds(deps.db, photoIds.flat(), opts.publicPhotos)
  return rows.map((r, i) => ({
    id: r.id,
    contestId: r.contest_id,
    source: r.source as EntrySource,
    title: r.title,
    category: r.category as ContestCategory,
    description: r.description,
    yearsExperience: r.years_experience,
    regionCode: r.region_code,
    regionName: regionName(r.region_code),
    photos: photoIds[i].flatMap((id) => {
      const u = uploads.get(id)
      return u ? [{ id: u.id, url: deps.uploadUrl(u.path), thumbUrl: deps.uploadUrl(u.thumb_path) }] : []
    }),
    stageReached: r.stage_reached as EntryStage,
    ...awardFields(r, !!opts.staff || resultsPublished(contests[r.contest_id])),
    voteCount: r.vote_count,
    createdAt: r.created_at,
  }))
}

/**
 * Whether the chair may be told that the nominee has an account: when they named them by account,
 * or once the nominee answered (confirmed, or declined). A phone the chair typed never tells by
 * itself whether it is registered — the endpoint would otherwise be a phone-registration oracle.
 */
function nomineeShownWithAccount(r: NominationRow): boolean {
  const byAccount = r.nominee_user_id !== null && r.nominee_phone_encrypted === null && r.nominee_phone_lookup === null
  return byAccount || r.status === 'confirmed' || r.status === 'declined'
}

/** Nominations as their chair or their nominee sees them (the phone only masked). */
export async function toNominationViews(deps: ViewDeps, rows: NominationRow[]): Promise<NominationView[]> {
  const [contests, entries] = await Promise.all([
    repo.findContestsByIds(deps.db, rows.map((r) => r.contest_id)),
    repo.findEntriesByIds(deps.db, rows.flatMap((r) => (r.entry_id ? [r.entry_id] : []))),
  ])
  const contestById = new Map(contests.map((c) => [c.id, c]))
  const entryById = new Map(entries.map((e) => [e.id, e]))
  return rows.map((r) => {
    const contest = contestById.get(r.contest_id)!
    const entry = r.entry_id ? entryById.get(r.entry_id) : undefined
    return {
      id: r.id,
      contestId: r.contest_id,
      contestName: contest.name,
      nomineeName: r.nominee_name,
      nomineePhoneMasked: r.nominee_phone_encrypted ? maskPhone(deps.phoneCipher.decrypt(r.nominee_phone_encrypted)) : null,
      regionCode: r.region_code,
      regionName: regionName(r.region_code),
      reason: r.reason,
      status: r.status as NominationStatus,
      hasAccount: nomineeShownWithAccount(r),
      entry: entry
        ? { id: entry.id, stageReached: entry.stage_reached as EntryStage, ...awardFields(entry, resultsPublished(contest)) }
        : null,
      createdAt: r.created_at,
    }
  })
}
