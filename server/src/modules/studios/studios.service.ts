import type { Studio } from '../../../../common/schemas/studios'
import type { Category } from '../../../../common/enums'
import type { Deps } from '../../deps'
import { AppError } from '../../errors'
import * as listings from '../listings/listings.repository'
import { toSummaries } from '../listings/listings.view'
import { townshipPath } from '../regions/regions.data'
import { toPerson } from '../users/people'
import { findUserById } from '../users/users.repository'
import { verifiedExpertDetails } from '../verifications/verifications.repository'

const SHOWN = 50

/** A 科技工作者's studio page; anyone may open it (it is shared to chats and Moments). */
export async function getStudio(deps: Deps, userId: number): Promise<Studio> {
  const user = await findUserById(deps.db, userId)
  if (!user || user.deleted_at || user.role !== 'expert' || !user.registered_at) throw new AppError('NOT_A_STUDIO', 404)
  // Offers and achievements are read separately, each with its own limit: one list of both would
  // let a long run of offers crowd every achievement out of the page.
  const [offerRows, achievementRows, verified, resolvedCount] = await Promise.all([
    listings.publicOffersOf(deps.db, userId, 'post', SHOWN),
    listings.publicOffersOf(deps.db, userId, 'achievement', SHOWN),
    user.verification === 'verified' ? verifiedExpertDetails(deps.db, userId) : undefined,
    listings.resolvedCountOf(deps.db, userId),
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
    resolvedCount,
  }
}
