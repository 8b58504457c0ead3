import type { z } from 'zod'
import { chinaMonthOf } from '../../../../common/china-time'
import { ANSWERED_WITHIN_MINUTES } from '../../../../common/rules/triage'
import { SICHUAN_CODE } from '../../../../common/schemas/regions'
import type { ExpertRecord, Figures, figuresQuery, TriageFigures } from '../../../../common/schemas/triage'
import type { Deps } from '../../deps'
import { forbidden, notFound } from '../../errors'
import { childrenOf, codeRange, getRegion, isRegion, regionName } from '../regions/regions.data'
import { isVerifiedChair } from '../users/roles'
import type { UserRow } from '../users/users.repository'
import { covers, triageAreas } from './triage.access'
import { minutesBetween } from './triage.repository'

// How fast and how well an area answers its needs, month by month (China time), from the cases
// (one row per published need, kept on write): the share answered within 48 hours, the median
// time to the first answer, the share resolved, and what farmers said when asked 问题解决了吗.
// Public to the people who answer for it: staff of the area, its 科服保姆, a township's chair.

interface CaseFigureRow {
  region_code: string
  published_at: string
  first_response_minutes: number | null
  resolved_at: string | null
  outcome: string | null
}

function median(values: number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2)
}

const share = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 1000 : null)

/**
 * `now` decides which needs have had their 48 hours: a need younger than that and not yet answered
 * is neither a success nor a miss yet, so it is left out of that share (a county with needs posted
 * this morning is not ranked down for them).
 */
export function figuresOf(rows: CaseFigureRow[], now: Date): Figures {
  const minutes = rows.map((r) => r.first_response_minutes).filter((m): m is number => m !== null)
  const outcome = (o: string) => rows.filter((r) => r.outcome === o).length
  const window = ANSWERED_WITHIN_MINUTES * 60_000
  const within = (r: CaseFigureRow) => r.first_response_minutes !== null && r.first_response_minutes <= ANSWERED_WITHIN_MINUTES
  // Answered at all means decided (answered late: its 48 hours were over); only the unanswered need
  // a look at the clock (82,000 dates parsed for a province's month cost more than the rest).
  const cutoff = now.getTime() - window
  const decided = rows.filter((r) => r.first_response_minutes !== null || new Date(r.published_at).getTime() <= cutoff)
  return {
    needs: rows.length,
    answered: minutes.length,
    medianFirstResponseMinutes: median(minutes),
    answeredWithin48h: share(decided.filter(within).length, decided.length),
    within48h: { answered: decided.filter(within).length, of: decided.length },
    resolved: share(rows.filter((r) => r.resolved_at !== null).length, rows.length),
    outcomes: { solved: outcome('solved'), partial: outcome('partial'), unsolved: outcome('unsolved') },
  }
}

function groupBy(rows: CaseFigureRow[], length: number): Map<string, CaseFigureRow[]> {
  const out = new Map<string, CaseFigureRow[]>()
  for (const r of rows) {
    const key = r.region_code.slice(0, length)
    let list = out.get(key)
    if (!list) out.set(key, (list = []))
    list.push(r)
  }
  return out
}

/** The area a person may read figures of when they name none, and whether they may read `code`. */
async function figureAccess(deps: Deps, user: UserRow) {
  const areas = await triageAreas(deps.db, user)
  const chair = isVerifiedChair(user) ? user.region_code : null
  if (!areas.length && !chair) throw forbidden()
  return { home: areas[0] ?? chair!, may: (code: string) => covers(areas, code) || code === chair }
}

/**
 * Counties ranked: more answered within 48 h first, then the shorter median, then more resolved;
 * counties with no needs that month last, by code.
 */
function rankCounties(byCounty: Map<string, CaseFigureRow[]>, counties: string[], now: Date) {
  // Across the province two counties may share a name (内江市 and 乐山市 each have a 市中区).
  const name = (code: string) => (counties.length > 30 ? regionName(code) : (getRegion(code)?.name ?? code))
  const scored = counties.map((code) => ({ region: { code, name: name(code) }, figures: figuresOf(byCounty.get(code) ?? [], now) }))
  scored.sort((a, b) => {
    const fa = a.figures
    const fb = b.figures
    if (!fa.needs || !fb.needs) return Number(!fa.needs) - Number(!fb.needs) || a.region.code.localeCompare(b.region.code)
    return (
      (fb.answeredWithin48h ?? 0) - (fa.answeredWithin48h ?? 0) ||
      (fa.medianFirstResponseMinutes ?? Infinity) - (fb.medianFirstResponseMinutes ?? Infinity) ||
      (fb.resolved ?? 0) - (fa.resolved ?? 0) ||
      a.region.code.localeCompare(b.region.code)
    )
  })
  return scored.map((s, i) => ({ ...s, rank: i + 1 }))
}

export async function getFigures(deps: Deps, user: UserRow, query: z.output<typeof figuresQuery>): Promise<TriageFigures> {
  const access = await figureAccess(deps, user)
  const code = query.region ?? access.home
  if (!isRegion(code)) throw notFound()
  if (!access.may(code)) throw forbidden()
  const now = deps.now()
  const month = query.month ?? chinaMonthOf(now)
  // The ranking is among the counties of the area's prefecture (all of Sichuan's for the province):
  // one read of that month's cases covers the area, its children and the ranking.
  const scope = code === SICHUAN_CODE ? SICHUAN_CODE : code.slice(0, 4)
  const [from, to] = codeRange(scope)
  const rows: CaseFigureRow[] = await deps.db
    .selectFrom('triage_cases')
    .select(['region_code', 'published_at', 'first_response_minutes', 'resolved_at', 'outcome'])
    .where('month', '=', month)
    .where('region_code', '>=', from)
    .where('region_code', '<', to)
    .execute()
  const inArea = code === scope ? rows : rows.filter((r) => r.region_code.startsWith(code))
  const childLength = code.length === 2 ? 4 : code.length === 4 ? 6 : code.length === 6 ? 9 : 0
  const byChild = childLength ? groupBy(inArea, childLength) : new Map()
  const children = (childrenOf(code) ?? [])
    .map((c) => ({ region: { code: c.code, name: c.name }, figures: figuresOf(byChild.get(c.code) ?? [], now) }))
    .sort((a, b) => b.figures.needs - a.figures.needs || a.region.code.localeCompare(b.region.code))
  const counties = scope === SICHUAN_CODE ? (childrenOf(SICHUAN_CODE) ?? []).flatMap((p) => childrenOf(p.code) ?? []) : (childrenOf(scope) ?? [])
  return {
    region: { code, name: getRegion(code)?.name ?? '' },
    month,
    figures: figuresOf(inArea, now),
    children,
    ranking: rankCounties(groupBy(rows, 6), counties.map((c) => c.code), now),
  }
}

/** An expert's record on their studio: needs they answered, how fast, and how it turned out. */
export async function expertRecord(deps: Deps, expertId: number): Promise<ExpertRecord> {
  const rows = await deps.db
    .selectFrom('listing_responses as r')
    .innerJoin('triage_cases as c', 'c.listing_id', 'r.listing_id')
    .select(['r.created_at', 'r.status', 'c.published_at', 'c.outcome'])
    .where('r.responder_id', '=', expertId)
    .execute()
  const minutes = rows.map((r) => minutesBetween(r.published_at, r.created_at))
  const mine = rows.filter((r) => r.status === 'accepted')
  const outcome = (o: string) => mine.filter((r) => r.outcome === o).length
  return { answered: rows.length, medianMinutes: median(minutes), outcomes: { solved: outcome('solved'), partial: outcome('partial'), unsolved: outcome('unsolved') } }
}
