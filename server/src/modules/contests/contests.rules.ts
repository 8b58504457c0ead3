import { AWARD_LABELS, CONTEST_STAGES, ENTRY_STAGES, type Award, type ContestStage, type EntryStage } from '../../../../common/enums'
import { forbidden } from '../../errors'
import type { UserRow } from '../users/users.repository'
import type { ContestRow } from './contests.repository'

// The contest rules that several services share, as plain functions of rows and an instant.
// Deadlines are instants (ISO strings in UTC); "now" always comes from deps.now() so tests can
// stand on either side of a deadline without sleeping. China-time years: common/months.ts.

export function stageIndex(stage: string): number {
  return CONTEST_STAGES.indexOf(stage as ContestStage)
}

/** The stage after `stage`, or null when finished. */
export function nextStage(stage: string): ContestStage | null {
  return CONTEST_STAGES[stageIndex(stage) + 1] ?? null
}

/** The entry stage an entrant must have reached before being advanced to `stage`. */
export function previousEntryStage(stage: EntryStage): EntryStage | null {
  return ENTRY_STAGES[ENTRY_STAGES.indexOf(stage) - 1] ?? null
}

/** Sign-up (and confirming a nomination, editing or withdrawing an entry): stage signup and before the deadline. */
export function isSignupOpen(contest: ContestRow, now: Date): boolean {
  return contest.stage === 'signup' && now.getTime() < Date.parse(contest.signup_ends_at)
}

/** The popular vote runs during the final, until staff publish the results. */
export function isVoteOpen(contest: ContestRow): boolean {
  return contest.stage === 'final' && !contest.results_published_at
}

/** Awards (and the popular award) are public only once results are published. */
export function resultsPublished(contest: Pick<ContestRow, 'results_published_at'>): boolean {
  return !!contest.results_published_at
}

/** What to show for an award: 金奖…, or the name staff gave an 'other' award. */
export function awardLabel(award: string | null, awardName: string | null): string | null {
  if (!award) return null
  return award === 'other' ? (awardName ?? AWARD_LABELS.other) : AWARD_LABELS[award as Award]
}

export function requireRegistered(user: UserRow): void {
  if (!user.registered_at || !user.region_code) throw forbidden('PROFILE_INCOMPLETE')
}

/** Award order for results: 金 → 银 → 铜 → 优胜 → other; no staff award last. */
export function awardRank(award: string | null): number {
  const order = ['gold', 'silver', 'bronze', 'excellence', 'other']
  return award ? order.indexOf(award) : order.length
}
