import { sql } from 'kysely'
import type { z } from 'zod'
import type { talentQuery } from '../../../../common/schemas/contests'
import type { TalentCard, TalentPage, TalentProfile } from '../../../../common/schemas/contests'
import type { ContestCategory, EntryStage, ListingKind, ListingSide, Role } from '../../../../common/enums'
import { chinaYear, chinaYearRange } from '../../../../common/months'
import type { Db } from '../../db/database'
import type { Deps } from '../../deps'
import { SICHUAN_CODE } from '../../../../common/schemas/regions'
import { notFound } from '../../errors'
import { codeRange, regionName } from '../regions/regions.data'
import { avatarOf, displayName } from '../users/people'
import { findUserById } from '../users/users.repository'
import * as repo from './contests.repository'
import { awardFields } from './contests.view'

type TalentQuery = z.output<typeof talentQuery>

// 乡土人才库: everyone who reached a final (in a contest now at its final or finished), searchable
// by region, category, award, year and name/title. Awards count (and show) only once published.

/** Pool entries joined with their contest and person; `userId` narrows to one person. */
function poolQuery(db: Db, userId?: number) {
  let q = db
    .selectFrom('contest_entries as e')
    .innerJoin('contests as c', 'c.id', 'e.contest_id')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .where('e.stage_reached', '=', 'final')
    .where('c.stage', 'in', ['final', 'finished'])
    .where('u.deleted_at', 'is', null)
  if (userId) q = q.where('e.user_id', '=', userId)
  return q
}

type PoolQuery = ReturnType<typeof poolQuery>

/** Whether a person has a public 乡土人才库 page (what sharing a 'talent' needs). */
export async function isInTalentPool(db: Db, userId: number): Promise<boolean> {
  return (await poolQuery(db, userId).select('e.id').limit(1).executeTakeFirst()) !== undefined
}

function filtered(q: PoolQuery, f: TalentQuery): PoolQuery {
  // The whole province needs no filter.
  const range = f.region && f.region !== SICHUAN_CODE ? codeRange(f.region) : null
  if (range) q = q.where('e.region_code', '>=', range[0]).where('e.region_code', '<', range[1])
  if (f.category) q = q.where('e.category', '=', f.category)
  if (f.award) {
    q = q.where('c.results_published_at', 'is not', null)
    q = f.award === 'popular' ? q.where('e.popular_award', '=', 1) : q.where('e.award', '=', f.award)
  }
  if (f.year) {
    const [from, to] = chinaYearRange(f.year)
    q = q.where('c.final_ends_at', '>=', from).where('c.final_ends_at', '<', to)
  }
  if (f.q) {
    const text = f.q
    q = q.where((eb) => eb.or([repo.containsText('u.nickname', text), repo.containsText('e.title', text)]))
  }
  return q
}

function selectCards(q: PoolQuery) {
  return q
    .selectAll('e')
    .select(['c.name as contest_name', 'c.final_ends_at', 'c.results_published_at', 'u.nickname', 'u.avatar_path', 'u.deleted_at'])
}

type CardRow = Awaited<ReturnType<ReturnType<typeof selectCards>['execute']>>[number]

function toCard(deps: Pick<Deps, 'uploadUrl'>, r: CardRow): TalentCard {
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

/** Newest contests first; within one, published awards first (金 → 银 → 铜 → 优胜 → other), then votes. */
const awardOrder = sql<number>`case when c.results_published_at is null or e.award is null then 5
  when e.award = 'gold' then 0 when e.award = 'silver' then 1 when e.award = 'bronze' then 2 when e.award = 'excellence' then 3 else 4 end`

/**
 * The years the pool has talents from, newest first. Unfiltered, so every year stays pickable;
 * a year is the final's year in China time (a final ending 04:00 on 1 Jan is next year's), so it
 * is worked out here from each contest's final rather than in SQL. One row per contest: few.
 */
async function poolYears(db: Db): Promise<number[]> {
  const finals = await poolQuery(db).select('c.final_ends_at').distinct().execute()
  return [...new Set(finals.map((r) => chinaYear(r.final_ends_at)))].sort((a, b) => b - a)
}

export async function listTalents(deps: Deps, query: TalentQuery): Promise<TalentPage> {
  const [total, rows, years] = await Promise.all([
    filtered(poolQuery(deps.db), query)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    selectCards(filtered(poolQuery(deps.db), query))
      .orderBy('c.final_ends_at', 'desc')
      .orderBy(awardOrder)
      .orderBy('e.vote_count', 'desc')
      .orderBy('e.id')
      .limit(query.limit)
      .offset((query.page - 1) * query.limit)
      .execute(),
    poolYears(deps.db),
  ])
  return { items: rows.map((r) => toCard(deps, r)), total: Number(total.n), years }
}

/** A talent's public profile: their pool entries (with descriptions and checked photos) and public posts. */
export async function getTalent(deps: Deps, userId: number): Promise<TalentProfile> {
  const user = await findUserById(deps.db, userId)
  if (!user || user.deleted_at) throw notFound()
  const rows = await selectCards(poolQuery(deps.db, userId)).orderBy('c.final_ends_at', 'desc').orderBy('e.id', 'desc').execute()
  if (!rows.length) throw notFound()
  const [uploads, listings] = await Promise.all([
    repo.uploadsByIds(deps.db, rows.flatMap((r) => JSON.parse(r.photo_ids) as number[]), true),
    deps.db
      .selectFrom('listings')
      .select(['id', 'title', 'kind', 'side'])
      .where('author_id', '=', userId)
      .where('status', 'in', ['published', 'resolved'])
      .orderBy('id', 'desc')
      .limit(20)
      .execute(),
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
