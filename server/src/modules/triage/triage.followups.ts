import type { z } from 'zod'
import type { FollowupOutcome, FollowupRound } from '../../../../common/rules/triage'
import { FOLLOWUP_ROUNDS } from '../../../../common/rules/triage'
import type { FollowupState, followupInput } from '../../../../common/schemas/triage'
import { isUniqueViolation } from '../../db/database'
import type { Deps } from '../../deps'
import { AppError, notFound } from '../../errors'
import { assertNotRisky, SCENE } from '../../lib/content-check'
import * as listings from '../listings/listings.repository'
import { toSummaries, voicesOf, voiceView } from '../listings/listings.view'
import { tellEscalated } from '../messages/messages.events'
import { claimVoice } from '../uploads/uploads.service'
import type { UserRow } from '../users/users.repository'
import { keepersFor } from './triage.keepers'
import * as repo from './triage.repository'

// 问题解决了吗: 7 and 30 days after a need is resolved its author is asked (triage.jobs.ts sends the
// question); 没有解决 reopens the need into triage.

export async function toFollowups(deps: Deps, rows: repo.FollowupRow[], ownVoice: boolean) {
  const voices = await voicesOf(deps, rows.map((f) => f.voice_id))
  return rows.map((f) => ({
    round: f.round,
    outcome: f.outcome as FollowupOutcome,
    note: f.note,
    voice: voiceView(deps, f.voice_id === null ? undefined : voices.get(f.voice_id), ownVoice),
    createdAt: f.created_at,
  }))
}

/** The round waiting for an answer: the latest sent for the current resolution and not yet answered. */
function askingRound(c: repo.CaseRow, answers: repo.FollowupRow[]): FollowupRound | null {
  if (c.state !== 'resolved' || !c.resolved_at) return null
  const sent = FOLLOWUP_ROUNDS.filter((r) => (r === 7 ? c.followup7_at : c.followup30_at) !== null)
  const open = sent.filter((r) => !answers.some((f) => f.round === r && f.resolved_at === c.resolved_at))
  return open.length ? open[open.length - 1] : null
}

async function ownFollowupCase(deps: Deps, user: UserRow, listingId: number) {
  const listing = await listings.findListing(deps.db, listingId)
  const c = await repo.findCase(deps.db, listingId)
  if (!listing || !c || listing.author_id !== user.id) throw notFound()
  return { listing, c }
}

export async function getFollowup(deps: Deps, user: UserRow, listingId: number): Promise<FollowupState> {
  const { listing, c } = await ownFollowupCase(deps, user, listingId)
  const answers = await repo.followupsOf(deps.db, listingId)
  const [summary] = await toSummaries(deps, [listing])
  return {
    listing: summary,
    asking: askingRound(c, answers),
    // Their own spoken answer: heard at once, as on every page.
    answers: await toFollowups(deps, answers, true),
  }
}

/** The farmer answers; 没有解决 reopens the need into triage (public again, at the top of its queue). */
export async function answerFollowup(deps: Deps, user: UserRow, listingId: number, input: z.output<typeof followupInput>): Promise<FollowupState> {
  const { listing, c } = await ownFollowupCase(deps, user, listingId)
  const round = askingRound(c, await repo.followupsOf(deps.db, listingId))
  if (round === null || !c.resolved_at) throw new AppError('FOLLOWUP_NOT_ASKED', 409)
  if (input.note) await assertNotRisky(deps, user.openid, SCENE.comment, input.note)
  const at = deps.now().toISOString()
  try {
    await deps.db.transaction().execute(async (trx) => {
      await claimVoice(trx, user, input.voiceId, deps.now())
      await trx
        .insertInto('triage_followups')
        .values({ listing_id: listingId, round, author_id: user.id, outcome: input.outcome, note: input.note || null, voice_id: input.voiceId, resolved_at: c.resolved_at!, created_at: at })
        .execute()
      await trx.updateTable('triage_cases').set({ outcome: input.outcome }).where('listing_id', '=', listingId).execute()
      // The answer's own words stay in triage_followups; the timeline names the outcome in the
      // reader's language (没有解决 is the reopening itself).
      if (input.outcome !== 'unsolved') await listings.addEvent(trx, listingId, `followup_${input.outcome}`, user.id, at)
      if (input.outcome === 'unsolved') {
        await listings.updateListing(trx, listingId, { status: 'published' }, at)
        await listings.addEvent(trx, listingId, 'reopened', user.id, at)
        await repo.reopenCase(trx, listingId, at)
        await tellEscalated(trx, await keepersFor(trx, listing.region_code), listing, '回访：问题没有解决', `followup:${listingId}:${round}:${c.resolved_at}`, at)
      }
    })
  } catch (err) {
    // The same answer sent twice (a retry from the 待发送 queue): the first one stands.
    if (!isUniqueViolation(err)) throw err
  }
  deps.feedCache.changed({ listings: [listingId] })
  return getFollowup(deps, user, listingId)
}
