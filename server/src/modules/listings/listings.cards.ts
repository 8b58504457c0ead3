import { listingSummary } from '../../../../common/schemas/listings'
import type { Deps } from '../../deps'
import { findSummaryRows, type SummaryRow } from './listings.repository'
import { summariesOf } from './listings.view'

// Cards (ListingSummary) as the JSON an answer carries, through the app's FeedCache: what a crowd
// reads — feed pages, search results, studios — lists which posts to show from the database on
// every request and builds only the cards the cache does not hold (listings.cache.ts says when
// they are dropped). Each card is encoded by the answer's own schema, as the serializer would.

type CardDeps = Pick<Deps, 'db' | 'uploadUrl' | 'phoneCipher' | 'feedCache'>

/** Encodes and keeps cards of rows already read. */
export function cardsOfRows(deps: CardDeps, rows: SummaryRow[]): string[] {
  return summariesOf(deps, rows).map((summary, i) => {
    const json = JSON.stringify(listingSummary.encode(summary))
    deps.feedCache.setCard(summary.id, rows[i].author_id, json)
    return json
  })
}

/** The cards of `ids`, in that order; a post no longer in the database is left out. */
export async function cards(deps: CardDeps, ids: readonly number[]): Promise<string[]> {
  const found = new Map<number, string>()
  const missing: number[] = []
  for (const id of ids) {
    const json = deps.feedCache.card(id)
    if (json === undefined) missing.push(id)
    else found.set(id, json)
  }
  if (missing.length) {
    const rows = await findSummaryRows(deps.db, missing)
    const jsons = cardsOfRows(deps, rows)
    rows.forEach((row, i) => found.set(row.id, jsons[i]))
  }
  return ids.flatMap((id) => found.get(id) ?? [])
}

/**
 * An answer's JSON: `fields` as the serializer writes them, then each array of `arrays` made of
 * cards already encoded. The key order differs from the schema's; JSON readers do not mind.
 */
export function jsonWithCards(fields: Record<string, unknown>, arrays: Record<string, string[]>): string {
  const rest = JSON.stringify(fields)
  const lists = Object.entries(arrays).map(([key, items]) => `${JSON.stringify(key)}:[${items.join(',')}]`)
  return rest === '{}' ? `{${lists.join(',')}}` : `{${lists.join(',')},${rest.slice(1)}`
}
