import { type ContestStage } from '../../common/enums'
import type { Instant } from '../../common/china-time'

// The contests' schedule as the app shows it; reading instants in China time is common/china-time.ts.

/** What a contest carries that stage and deadline arithmetic needs. */
export interface ContestSchedule {
  stage: ContestStage
  signupEndsAt: string
  preliminaryEndsAt: string
  semifinalEndsAt: string
  finalEndsAt: string
}

/** Which date ends each stage that has one. */
export const STAGE_END_FIELD = {
  signup: 'signupEndsAt',
  preliminary: 'preliminaryEndsAt',
  semifinal: 'semifinalEndsAt',
  final: 'finalEndsAt',
} as const satisfies Record<Exclude<ContestStage, 'finished'>, keyof ContestSchedule>

export interface NextDeadline {
  /** The stage this deadline ends. */
  stage: Exclude<ContestStage, 'finished'>
  at: string
}

/** The end of the stage the contest is in (staff move the stage); null once finished. */
export function nextDeadline(contest: ContestSchedule): NextDeadline | null {
  if (contest.stage === 'finished') return null
  return { stage: contest.stage, at: contest[STAGE_END_FIELD[contest.stage]] }
}

/**
 * The stage the dates alone say a contest is in at `now` (the first stage whose end is still
 * ahead; 'final' after the final's end until results are published). Staff may lag behind it:
 * the page shows `contest.stage`, and this tells staff what the schedule expects.
 */
export function scheduledStage(contest: ContestSchedule, now: Instant = Date.now()): ContestStage {
  if (contest.stage === 'finished') return 'finished'
  const t = new Date(now).getTime()
  for (const stage of ['signup', 'preliminary', 'semifinal'] as const) {
    if (t < Date.parse(contest[STAGE_END_FIELD[stage]])) return stage
  }
  return 'final'
}
