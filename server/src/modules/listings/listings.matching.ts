import type { ListingSummary } from '../../../../common/schemas/listings'
import type { Deps } from '../../deps'
import { notFound } from '../../errors'
import { findPeople } from '../users/people'
import type { UserRow } from '../users/users.repository'
import * as repo from './listings.repository'
import { similarListingIds } from './listings.search'
import { toSummaries } from './listings.view'

// Matching: for a need, offers that could help; for an expert, needs that fit their offers.
// Candidates come from the search index (posts of the other side sharing distinctive words) and
// from the same category nearby (科技成果 count as offers). Each candidate is scored 0…1:
//   0.45 × text     Jaccard overlap of the two posts' words (search_tokens)
//   0.30 × region   same township 1, same county 0.8, same prefecture 0.5, elsewhere in Sichuan 0.2
//   0.25 × category same category 1, otherwise 0
// Within each tenth of the score, posts by staff-verified experts and chairs come first (verified
// experts appear first, but a relevant post is never pushed below an unrelated one for want of a
// badge); then the exact score; ties go to the newer post. Only published posts are suggested.
const TEXT = 0.45
const REGION = 0.3
const CATEGORY = 0.25
const CANDIDATES = 40

export function regionCloseness(a: string, b: string): number {
  if (a === b) return 1
  if (a.slice(0, 6) === b.slice(0, 6)) return 0.8
  if (a.slice(0, 4) === b.slice(0, 4)) return 0.5
  return 0.2
}

export function jaccard(a: string, b: string): number {
  const x = new Set(a.split(' ').filter(Boolean))
  const y = new Set(b.split(' ').filter(Boolean))
  if (!x.size || !y.size) return 0
  let shared = 0
  for (const t of x) if (y.has(t)) shared++
  return shared / (x.size + y.size - shared)
}

interface Scored {
  row: repo.ListingRow
  score: number
  verified: boolean
}

function rank(sources: repo.ListingRow[], candidates: repo.ListingRow[], authors: Map<number, UserRow>, limit: number): Scored[] {
  const scored = candidates.map((row) => {
    const best = Math.max(
      ...sources.map(
        (s) =>
          TEXT * jaccard(s.search_tokens, row.search_tokens) +
          REGION * regionCloseness(s.region_code, row.region_code) +
          CATEGORY * (s.category === row.category ? 1 : 0),
      ),
    )
    const verified = authors.get(row.author_id)?.verification === 'verified'
    return { row, score: best, verified }
  })
  return scored
    .sort(
      (a, b) =>
        Math.floor(b.score * 10) - Math.floor(a.score * 10) || Number(b.verified) - Number(a.verified) || b.score - a.score || b.row.id - a.row.id,
    )
    .slice(0, limit)
}

async function candidatesFor(deps: Deps, sources: repo.ListingRow[], side: 'need' | 'offer', excludeAuthor: number) {
  const found = await Promise.all(
    sources.map((s) =>
      Promise.all([
        similarListingIds(deps.db, { tokens: s.search_tokens, side, limit: CANDIDATES, excludeId: s.id }),
        repo.feed(deps.db, { side, category: s.category, regionPrefix: s.region_code.slice(0, 4) }, 20),
      ]),
    ),
  )
  // Added in the same order as one source after another.
  const ids = new Set<number>()
  for (const [similar, nearby] of found) {
    for (const id of similar) ids.add(id)
    for (const id of nearby) ids.add(id)
  }
  const rows = await repo.findListingsByIds(deps.db, [...ids])
  return rows.filter((r) => r.status === 'published' && r.author_id !== excludeAuthor)
}

export type Match = ListingSummary & { score: number }

/** The best `limit` candidates as summaries; the authors are loaded once, for ranking and summaries. */
async function bestMatches(deps: Deps, sources: repo.ListingRow[], candidates: repo.ListingRow[], limit: number): Promise<Match[]> {
  const authors = await findPeople(deps.db, candidates.map((c) => c.author_id))
  const ranked = rank(sources, candidates, authors, limit)
  const summaries = await toSummaries(deps, ranked.map((r) => r.row), authors)
  return summaries.map((s, i) => ({ ...s, score: Math.round(ranked[i].score * 100) / 100 }))
}

/**
 * Posts of the other side that fit this one (offers for a need, needs for an offer). Neither the
 * post's author's own posts nor the viewer's are suggested: someone reading a need is shown who
 * else could help, not their own offer.
 */
export async function matchesFor(deps: Deps, listingId: number, viewer: UserRow | null = null, limit = 5): Promise<Match[]> {
  const source = await repo.findListing(deps.db, listingId)
  if (!source || (source.status !== 'published' && source.status !== 'resolved')) throw notFound()
  const other = source.side === 'need' ? 'offer' : 'need'
  const candidates = (await candidatesFor(deps, [source], other, source.author_id)).filter((c) => c.author_id !== viewer?.id)
  return bestMatches(deps, [source], candidates, limit)
}

/** For an expert: open needs that fit what they offer (their published offers). */
export async function needsForMe(deps: Deps, user: UserRow, limit = 10): Promise<Match[]> {
  const offers = await repo
    .selectListings(deps.db)
    .where('author_id', '=', user.id)
    .where('side', '=', 'offer')
    .where('status', '=', 'published')
    .orderBy('id', 'desc')
    .limit(5)
    .execute()
  if (!offers.length) return []
  const candidates = await candidatesFor(deps, offers, 'need', user.id)
  return bestMatches(deps, offers, candidates, limit)
}
