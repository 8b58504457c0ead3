import type { Deps } from '../deps'
import { pruneRateLimits, RATE_LIMIT_PRUNE_AFTER_MS } from '../lib/rate-limit'
import { deleteExpiredSessions } from '../modules/auth/sessions.repository'
import { sweepUnattachedUploads } from '../modules/uploads/uploads.sweep'
import { runProofRetention } from '../modules/verifications/verifications.proofs'
import { runEscalations, runFollowups } from '../modules/triage/triage.jobs'
import type { Job } from './scheduler'

const HOUR = 3_600_000

/**
 * Every scheduled job of the service. Each is a sweep by condition, safe to run twice (see
 * scheduler.ts); later features (reminders, follow-ups) add theirs here.
 */
export function scheduledJobs(deps: Deps): Job[] {
  return [
    { name: 'sessions.expired', everyMs: HOUR, run: (now) => deleteExpiredSessions(deps.db, now.toISOString()) },
    {
      name: 'rate-limits.prune',
      everyMs: HOUR,
      run: (now) => pruneRateLimits(deps.db, new Date(now.getTime() - RATE_LIMIT_PRUNE_AFTER_MS)),
    },
    // Photos uploaded but never attached to a post, entry or verification within a day, and file
    // deletions the store could not take when they were asked for.
    { name: 'uploads.sweep', everyMs: HOUR, run: (now) => sweepUnattachedUploads(deps, now) },
    // Proof photos of verification claims decided PROOF_RETENTION_DAYS ago (the decision stays).
    { name: 'verifications.proofs', everyMs: HOUR, run: (now) => runProofRetention(deps, now) },
    // 科服保姆: needs nobody answered in time and experts past their deadline go back to the top of
    // the queue (the county's 科服保姆 are told); minutes matter, so every 5 minutes.
    { name: 'triage.escalate', everyMs: 5 * 60_000, run: (now) => runEscalations(deps, now) },
    // 问题解决了吗, 7 and 30 days after a need is resolved.
    { name: 'triage.followups', everyMs: HOUR, run: (now) => runFollowups(deps, now) },
  ]
}
