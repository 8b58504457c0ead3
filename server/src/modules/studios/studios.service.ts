import type { Studio } from '../../../../common/schemas/studios'
import type { Category } from '../../../../common/enums'
import type { Deps } from '../../deps'
import { AppError } from '../../errors'
import * as listings from '../listings/listings.repository'
import { toSummaries } from '../listings/listings.view'
import { townshipPath } from '../regions/regions.table'
import { toPerson } from '../users/people'
import { findUserById } from '../users/users.repository'

const SHOWN = 50

/** A 科技工作者's studio page; anyone may open it (it is shared to chats and Moments). */
export async function getStudio(deps: Deps, userId: number): Promise<Studio> {
  const user = await findUserById(deps.db, userId)
  if (!user || user.deleted_at || user.role !== 'expert' || !user.registered_at) throw new AppError('NOT_A_STUDIO', 404)
  // Offers and achievements are read separately, each with its own limit: one list of both would
  // let a long run of offers crowd every achievement out of the page.
  const publicOffers = (kind: 'post' | 'achievement') =>
    listings
      .selectListings(deps.db)
      .where('author_id', '=', userId)
      .where('kind', '=', kind)
      .where('side', '=', 'offer')
      .where('status', 'in', ['published', 'resolved'])
      .orderBy('id', 'desc')
      .limit(SHOWN)
      .execute()
  const [offerRows, achievementRows, verified, resolvedOwn, resolvedAsHelper] = await Promise.all([
    publicOffers('post'),
    publicOffers('achievement'),
    user.verification === 'verified'
      ? deps.db
          .selectFrom('verifications')
          .select(['institution', 'title'])
          .where('user_id', '=', userId)
          // What staff verified about this person as an expert (not an older claim of another role).
          .where('role', '=', 'expert')
          .where('status', '=', 'verified')
          .orderBy('id', 'desc')
          .executeTakeFirst()
      : undefined,
    deps.db
      .selectFrom('listings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('author_id', '=', userId)
      .where('status', '=', 'resolved')
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('listing_responses as r')
      .innerJoin('listings as l', 'l.id', 'r.listing_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('r.responder_id', '=', userId)
      .where('r.status', '=', 'accepted')
      .where('l.status', '=', 'resolved')
      .executeTakeFirstOrThrow(),
  ])
  const [offers, achievements] = await Promise.all([toSummaries(deps, offerRows), toSummaries(deps, achievementRows)])
  const summaries = [...achievements, ...offers]
  const counts = new Map<Category, number>()
  for (const p of summaries) counts.set(p.category, (counts.get(p.category) ?? 0) + 1)
  return {
    person: toPerson(user, deps.uploadUrl),
    region: user.region_code ? (townshipPath(user.region_code) ?? null) : null,
    institution: verified?.institution ?? null,
    title: verified?.title ?? null,
    fields: [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c),
    offers,
    achievements,
    resolvedCount: Number(resolvedOwn.n) + Number(resolvedAsHelper.n),
  }
}
