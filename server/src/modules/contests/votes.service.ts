import type { VoteResult } from '../../../../common/schemas/contests'
import * as entriesRepo from './entries.repository'
import type { Deps } from '../../deps'
import { AppError, forbidden, notFound } from '../../errors'
import { enforceRateLimit, type RateRule } from '../../lib/rate-limit'
import { findUserById, type UserRow } from '../users/users.repository'
import * as repo from './contests.repository'
import { loadContest } from './contests.service'
import { requireRegistered } from '../users/roles'
import { isVoteOpen } from './contests.rules'

// The popular vote (最受欢迎奖): registered people, one vote per person per contest, for a
// finalist other than themselves, while the final runs. The unique (contest, voter) index decides
// between concurrent taps; vote_count moves in the same transaction as the vote row, so it is exact.

/** A person taps a few times at most; more is a script. */
const PER_USER: RateRule = { limit: 10, windowMs: 60_000 }
/**
 * Per address, generous on purpose: a township's phones often share one carrier (CGNAT) address,
 * and a chair may get a whole village group to vote within minutes.
 */
const PER_IP: RateRule = { limit: 300, windowMs: 60_000 }

export async function vote(deps: Deps, user: UserRow, ip: string, contestId: number, entryId: number): Promise<VoteResult> {
  requireRegistered(user)
  const contest = await loadContest(deps, contestId)
  const now = deps.now()
  await enforceRateLimit(deps.db, `vote:user:${user.id}`, PER_USER, now)
  await enforceRateLimit(deps.db, `vote:ip:${ip}`, PER_IP, now)
  if (!isVoteOpen(contest)) throw new AppError('VOTE_CLOSED', 409)
  const entry = await repo.findEntry(deps.db, entryId)
  if (!entry || entry.contest_id !== contestId) throw notFound()
  // A finalist who deleted their account is no longer anyone to vote for.
  const entrant = await findUserById(deps.db, entry.user_id)
  if (!entrant || entrant.deleted_at) throw notFound()
  if (entry.stage_reached !== 'final') throw new AppError('VOTE_NOT_FINALIST', 409)
  if (entry.user_id === user.id) throw forbidden('VOTE_OWN_ENTRY')

  const voteCount = await deps.db.transaction().execute(async (trx) => {
    // Still open, checked inside the transaction. On PostgreSQL the row is share-locked: votes do
    // not block each other, but publishing results (which updates this row first) waits for votes
    // in flight and then counts them, and a vote after it finds the contest finished. SQLite runs
    // one write transaction at a time, which gives the same order.
    if (!(await entriesRepo.lockVoteOpen(trx, contestId))) throw new AppError('VOTE_CLOSED', 409)
    if (!(await entriesRepo.insertVote(trx, contestId, entryId, user.id, now.toISOString()))) throw new AppError('ALREADY_VOTED', 409)
    return entriesRepo.countVote(trx, entryId)
  })
  return { entryId, voteCount: Number(voteCount) }
}
