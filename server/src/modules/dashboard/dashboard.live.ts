import { sql, type RawBuilder } from 'kysely'
import type { DashboardMetric } from '../../../../common/enums'
import type { Db } from '../../db/database'
import { inArea, inWindow, type CountRow, type MonthWindow } from './dashboard.repository'

// The dashboard's counts from scratch: what GET /api/dashboard computed per request until issue 15
// (about 1 s for the province at 1,000,000 people). The dashboard now reads dashboard_counts,
// kept on write by migration 021's triggers; this query stays as the definition those counts must
// equal — the tests compare the two after every kind of write, and bench/dashboard.mjs at scale.
//
// Counted by the database with GROUP BY, the same SQL on SQLite and PostgreSQL. Two things keep it
// portable:
// - Months are China-time months. The service passes the instants at which each month starts
//   (computed in JS: China is UTC+8 all year); a CASE over those bounds names the month of each
//   row. Timestamps compare as ISO strings on SQLite and as timestamptz on PostgreSQL, so no date
//   functions of either database are needed.
// - Areas are code prefixes (2/4/6/9 digits). A prefix becomes a range of digit strings
//   [513328, 513329), which sorts the same under every collation and can use an index.

function bucket(column: string, window: MonthWindow): RawBuilder<string> {
  const col = sql.ref(column)
  const whens = window.months.map((m, i) => sql`when ${col} < ${window.bounds[i + 1]} then ${sql.lit(m)}`)
  return sql<string>`case ${sql.join(whens, sql` `)} end`
}

interface Source {
  /** The table counted. */
  from: string
  /** The table the area comes from, when it is another one. */
  join?: {
    table: string
    on: RawBuilder<unknown>
    /**
     * Areas (by code length: 2 the province, 4 a prefecture) so wide that walking the counted
     * rows of the period and looking each joined row up by primary key beats walking the area's
     * joined rows by index and probing for counted ones (bench/dashboard.mjs, 1M users: the
     * province's share_registrations went from every person in Sichuan probed to 20k rows read).
     * SQLite has no statistics to see this, so CROSS JOIN tells it: SQLite keeps a CROSS JOIN's
     * left table as the outer loop. PostgreSQL plans CROSS JOIN + WHERE as the inner join it is.
     */
    walkCountedFor: number[]
  }
  /** When the thing happened (the month it counts in). */
  at: string
  /** Where: a township code. */
  region: string
  where?: RawBuilder<unknown>
  count?: RawBuilder<unknown>
}

// What each metric counts. Choices made here (and why):
// - posts: 所能所需 posts (kind 'post') in the month staff first published them; pending, rejected
//   and 科技成果 are left out (the label is 发布所能所需, and a rejected post helped nobody).
// - responses / resolved: every 对接 on a post or achievement of the area, counted where the post
//   is; resolved = posts now resolved, in the month of their 'resolved' event.
// - nominations: withdrawn ones are left out (the chair took them back).
// - shares: by the sharer's township; share_registrations: by the new person's township.
const SOURCES: Record<Exclude<DashboardMetric, 'registrations'>, Source> = {
  posts: { from: 'listings', at: 'listings.published_at', region: 'listings.region_code', where: sql`listings.kind = 'post'` },
  responses: {
    from: 'listing_responses',
    // A prefecture's posts are still few enough to walk; the province's are every post.
    join: { table: 'listings', on: sql`listings.id = listing_responses.listing_id`, walkCountedFor: [2] },
    at: 'listing_responses.created_at',
    region: 'listings.region_code',
  },
  resolved: {
    // Resolved posts are found by status (listings_region_idx) at every level.
    from: 'listing_events',
    join: { table: 'listings', on: sql`listings.id = listing_events.listing_id`, walkCountedFor: [] },
    at: 'listing_events.created_at',
    region: 'listings.region_code',
    where: sql`listing_events.kind = 'resolved' and listings.status = 'resolved'`,
    count: sql`count(distinct listings.id)`,
  },
  contest_entries: { from: 'contest_entries', at: 'contest_entries.created_at', region: 'contest_entries.region_code' },
  nominations: {
    from: 'contest_nominations',
    at: 'contest_nominations.created_at',
    region: 'contest_nominations.region_code',
    where: sql`contest_nominations.status <> 'withdrawn'`,
  },
  shares: { from: 'shares', at: 'shares.created_at', region: 'shares.region_code' },
  share_registrations: {
    from: 'share_registrations',
    // People far outnumber the registrations credited to shares: beyond a county, walk those.
    join: { table: 'users', on: sql`users.id = share_registrations.user_id`, walkCountedFor: [2, 4] },
    at: 'share_registrations.created_at',
    region: 'users.region_code',
  },
}

/**
 * Every count the dashboard shows, in one round trip (a UNION ALL of GROUP BY queries):
 * - metric 'registrations': bucket = month, part = role;
 * - every other metric: bucket = month;
 * - 'registered_to_date': one row, everyone registered by the end of the period;
 * - 'child' (when childLength is given): bucket = month, part = the child area's code.
 * Months without rows have no row.
 */
export async function liveDashboardCounts(
  db: Db,
  opts: { area: string; window: MonthWindow; childLength: number | null },
): Promise<CountRow[]> {
  const { area, window } = opts
  const registered = sql`users.deleted_at is null and ${inArea('users.region_code', area)}`
  // Registrations by role and by child area come from one pass over the area's people, grouped by
  // both and added up below: for the province that pass is every person in Sichuan, and a second
  // one for the children cost a quarter of the dashboard's time (bench/dashboard.mjs).
  const childOf = opts.childLength ? sql`substr(users.region_code, 1, ${sql.lit(opts.childLength)})` : sql`null`
  const parts: RawBuilder<unknown>[] = [
    sql`select ${sql.lit('registrations')} as metric, ${bucket('users.registered_at', window)} as bucket, users.role as part, ${childOf} as child, count(*) as n
        from users where ${inWindow('users.registered_at', window)} and ${registered} group by 2, 3, 4`,
  ]
  for (const [metric, s] of Object.entries(SOURCES) as [string, Source][]) {
    const where = [inWindow(s.at, window), inArea(s.region, area)]
    let from = sql`${sql.table(s.from)}`
    if (s.join?.walkCountedFor.includes(area.length)) {
      from = sql`${from} cross join ${sql.table(s.join.table)}`
      where.push(s.join.on)
    } else if (s.join) from = sql`${from} inner join ${sql.table(s.join.table)} on ${s.join.on}`
    if (s.where) where.push(s.where)
    parts.push(sql`select ${sql.lit(metric)}, ${bucket(s.at, window)}, null, null, ${s.count ?? sql`count(*)`}
        from ${from} where ${sql.join(where, sql` and `)} group by 2`)
  }
  parts.push(sql`select ${sql.lit('registered_to_date')}, null, null, null, count(*)
      from users where users.registered_at < ${window.bounds[window.bounds.length - 1]} and ${registered}`)
  const { rows } = await sql<CountRow & { child: string | null }>`${sql.join(parts, sql` union all `)}`.execute(db)

  const out: CountRow[] = []
  const sums = new Map<string, CountRow>()
  const add = (metric: string, bucket: string | null, part: string | null, n: number) => {
    const key = JSON.stringify([metric, bucket, part])
    const row = sums.get(key)
    if (row) row.n += n
    else sums.set(key, { metric, bucket, part, n })
  }
  for (const r of rows) {
    const n = Number(r.n)
    if (r.metric !== 'registrations') out.push({ metric: r.metric, bucket: r.bucket, part: r.part, n })
    else {
      add('registrations', r.bucket, r.part, n)
      if (opts.childLength && r.child !== null) add('child', r.bucket, r.child, n)
    }
  }
  return [...sums.values(), ...out]
}
