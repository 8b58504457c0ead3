import { sql } from 'kysely'
import { SICHUAN_CODE } from '../../../../common/schemas/regions'
import { chinaYearRange } from '../../../../common/china-time'
import type { Db } from '../../db/database'
import { codeRange } from '../regions/regions.data'
import { containsText } from './contests.repository'

// Row access for the 乡土人才库: everyone who reached a final (in a contest now at its final or
// finished) whose account still exists. Awards filter only once published (see talents.service).

export interface PoolFilter {
  region?: string
  category?: string
  award?: string
  year?: number
  q?: string
}

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

function filtered(q: PoolQuery, f: PoolFilter): PoolQuery {
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
    q = q.where((eb) => eb.or([containsText('u.nickname', text), containsText('e.title', text)]))
  }
  return q
}

function selectCards(q: PoolQuery) {
  return q
    .selectAll('e')
    .select(['c.name as contest_name', 'c.final_ends_at', 'c.results_published_at', 'u.nickname', 'u.avatar_path', 'u.deleted_at'])
}

export type CardRow = Awaited<ReturnType<ReturnType<typeof selectCards>['execute']>>[number]

/** Newest contests first; within one, published awards first (金 → 银 → 铜 → 优胜 → other), then votes. */
const awardOrder = sql<number>`case when c.results_published_at is null or e.award is null then 5
  when e.award = 'gold' then 0 when e.award = 'silver' then 1 when e.award = 'bronze' then 2 when e.award = 'excellence' then 3 else 4 end`

/** Whether a person has a public 乡土人才库 page (what sharing a 'talent' needs). */
export async function isInTalentPool(db: Db, userId: number): Promise<boolean> {
  return (await poolQuery(db, userId).select('e.id').limit(1).executeTakeFirst()) !== undefined
}

export async function countPool(db: Db, f: PoolFilter): Promise<number> {
  const row = await filtered(poolQuery(db), f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** One page of the pool in its ranking. */
export function poolPage(db: Db, f: PoolFilter, limit: number, offset: number): Promise<CardRow[]> {
  return selectCards(filtered(poolQuery(db), f))
    .orderBy('c.final_ends_at', 'desc')
    .orderBy(awardOrder)
    .orderBy('e.vote_count', 'desc')
    .orderBy('e.id')
    .limit(limit)
    .offset(offset)
    .execute()
}

/** A person's pool entries, newest final first. */
export function cardsOf(db: Db, userId: number): Promise<CardRow[]> {
  return selectCards(poolQuery(db, userId)).orderBy('c.final_ends_at', 'desc').orderBy('e.id', 'desc').execute()
}

/** When each contest in the pool had its final (one row per contest: few). */
export async function poolFinalEnds(db: Db): Promise<string[]> {
  const finals = await poolQuery(db).select('c.final_ends_at').distinct().execute()
  return finals.map((r) => r.final_ends_at)
}
