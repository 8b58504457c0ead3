import { CONTEST_STAGES, ENTRY_STAGES, type ContestStage, type EntryStage } from '../../../../common/enums'
import { isSignupOpen as signupOpen } from '../../../../common/rules'
import type { ContestRow } from './contests.repository'

// The contest rules that several services share, as plain functions of rows and an instant.
// Deadlines are instants (ISO strings in UTC); "now" always comes from deps.now() so tests can
// stand on either side of a deadline without sleeping. China-time years: common/china-time.ts.
// The rules the app shares (next stage, sign-up open, award labels) live in common/rules/contests.ts.

export { awardLabel, nextStage } from '../../../../common/rules'

export function stageIndex(stage: string): number {
  return CONTEST_STAGES.indexOf(stage as ContestStage)
}

/** The entry stage an entrant must have reached before being advanced to `stage`. */
export function previousEntryStage(stage: EntryStage): EntryStage | null {
  return ENTRY_STAGES[ENTRY_STAGES.indexOf(stage) - 1] ?? null
}

/** Sign-up (and confirming a nomination, editing or withdrawing an entry): stage signup and before the deadline. */
export function isSignupOpen(contest: ContestRow, now: Date): boolean {
  return signupOpen({ stage: contest.stage, signupEndsAt: contest.signup_ends_at }, now)
}

/** The popular vote runs during the final, until staff publish the results. */
export function isVoteOpen(contest: ContestRow): boolean {
  return contest.stage === 'final' && !contest.results_published_at
}

/** Awards (and the popular award) are public only once results are published. */
export function resultsPublished(contest: Pick<ContestRow, 'results_published_at'>): boolean {
  return !!contest.results_published_at
}

/** Award order for results: 金 → 银 → 铜 → 优胜 → other; no staff award last. */
export function awardRank(award: string | null): number {
  const order = ['gold', 'silver', 'bronze', 'excellence', 'other']
  return award ? order.indexOf(award) : order.length
}
