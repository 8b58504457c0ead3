import type { z } from 'zod'
import { TALENT_PAGE_MAX, type talentQuery } from '../../../../common/schemas/contests'
import type { TalentCard, TalentPage, TalentProfile } from '../../../../common/schemas/contests'
import type { ContestCategory, EntryStage, ListingKind, ListingSide, Role } from '../../../../common/enums'
import { chinaYear } from '../../../../common/china-time'
import type { Db } from '../../db/database'
import type { Deps } from '../../deps'
import { notFound } from '../../errors'
import { nextPage, pageNumber } from '../../lib/cursor'
import { regionName } from '../regions/regions.data'
import { avatarOf, displayName } from '../users/people'
import { findUserById } from '../users/users.repository'
import * as repo from './contests.repository'
import * as talentsRepo from './talents.repository'
import { publicListingsOf } from '../listings/listings.repository'
import { awardFields } from './contests.view'

type TalentQuery = z.output<typeof talentQuery>

// 乡土人才库: everyone who reached a final (in a contest now at its final or finished), searchable
// by region, category, award, year and name/title. Awards count (and show) only once published.


function toCard(deps: Pick<Deps, 'uploadUrl'>, r: talentsRepo.CardRow): TalentCard {
  const person = { nickname: r.nickname, avatar_path: r.avatar_path, deleted_at: r.deleted_at }
  return {
    entryId: r.id,
    userId: r.user_id,
    name: displayName(person),
    avatarUrl: avatarOf(deps, person),
    regionName: regionName(r.region_code),
    contestId: r.contest_id,
    contestName: r.contest_name,
    year: chinaYear(r.final_ends_at),
    title: r.title,
    category: r.category as ContestCategory,
    stageReached: r.stage_reached as EntryStage,
    ...awardFields(r, !!r.results_published_at),
  }
}

/**
 * The years the pool has talents from, newest first. Unfiltered, so every year stays pickable;
 * a year is the final's year in China time (a final ending 04:00 on 1 Jan is next year's), so it
 * is worked out here from each contest's final rather than in SQL.
 */
async function poolYears(db: Db): Promise<number[]> {
  const finals = await talentsRepo.poolFinalEnds(db)
  return [...new Set(finals.map((at) => chinaYear(at)))].sort((a, b) => b - a)
}

export async function listTalents(deps: Deps, query: TalentQuery): Promise<TalentPage> {
  // The pool is ranked (awards, votes), not newest-first: it pages by number ({p}).
  const pageNo = pageNumber(query, TALENT_PAGE_MAX)
  const [count, rows, years] = await Promise.all([
    talentsRepo.countPool(deps.db, query),
    talentsRepo.poolPage(deps.db, query, query.limit, (pageNo - 1) * query.limit),
    poolYears(deps.db),
  ])
  const more = pageNo * query.limit < count && pageNo < TALENT_PAGE_MAX
  return { items: rows.map((r) => toCard(deps, r)), next: nextPage(more ? pageNo + 1 : null), total: count, years }
}

/** A talent's public profile: their pool entries (with descriptions and checked photos) and public posts. */
export async function getTalent(deps: Deps, userId: number): Promise<TalentProfile> {
  const user = await findUserById(deps.db, userId)
  if (!user || user.deleted_at) throw notFound()
  const rows = await talentsRepo.cardsOf(deps.db, userId)
  if (!rows.length) throw notFound()
  const [uploads, listings] = await Promise.all([
    repo.uploadsByIds(deps.db, rows.flatMap((r) => JSON.parse(r.photo_ids) as number[]), true),
    publicListingsOf(deps.db, userId, 20),
  ])
  return {
    userId,
    name: displayName(user),
    avatarUrl: avatarOf(deps, user),
    regionName: regionName(user.region_code ?? rows[0].region_code),
    role: (user.role as Role | null) ?? null,
    verified: user.verification === 'verified',
    studioAvailable: user.role === 'expert' && !!user.registered_at,
    entries: rows.map((r) => ({
      ...toCard(deps, r),
      description: r.description,
      photos: (JSON.parse(r.photo_ids) as number[]).flatMap((id) => {
        const u = uploads.get(id)
        return u ? [{ id: u.id, url: deps.uploadUrl(u.path), thumbUrl: deps.uploadUrl(u.thumb_path) }] : []
      }),
    })),
    listings: listings.map((l) => ({ id: l.id, title: l.title, kind: l.kind as ListingKind, side: l.side as ListingSide })),
  }
}
