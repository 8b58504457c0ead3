import { sql, type RawBuilder } from 'kysely'
import type { DashboardMetric } from '../../../../common/enums'
import type { Db } from '../../db/database'
import { codeRange } from '../regions/regions.data'

// The dashboard's counting, done by the database with GROUP BY, the same SQL on SQLite and
// PostgreSQL. Two things keep it portable:
// - Months are China-time months. The service passes the instants at which each month starts
//   (computed in JS: China is UTC+8 all year); a CASE over those bounds names the month of each
//   row. Timestamps compare as ISO strings on SQLite and as timestamptz on PostgreSQL, so no date
//   functions of either database are needed.
// - Areas are code prefixes (2/4/6/9 digits). A prefix becomes a range of digit strings
//   [513328, 513329), which sorts the same under every collation and can use an index.

export interface MonthWindow {
  months: string[]
  /** bounds[i] is the instant months[i] starts; the last one is where the period ends. */
  bounds: string[]
}

export interface CountRow {
  metric: string
  bucket: string | null
  part: string | null
  n: number
}

function inArea(column: string, area: string): RawBuilder<unknown> {
  const col = sql.ref(column)
  if (area.length === 9) return sql`${col} = ${area}`
  const [from, to] = codeRange(area)
  return sql`${col} >= ${from} and ${col} < ${to}`
}

function bucket(column: string, window: MonthWindow): RawBuilder<string> {
  const col = sql.ref(column)
  const whens = window.months.map((m, i) => sql`when ${col} < ${window.bounds[i + 1]} then ${sql.lit(m)}`)
  return sql<string>`case ${sql.join(whens, sql` `)} end`
}

function inWindow(column: string, window: MonthWindow): RawBuilder<unknown> {
  const col = sql.ref(column)
  return sql`${col} >= ${window.bounds[0]} and ${col} < ${window.bounds[window.bounds.length - 1]}`
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
export async function dashboardCounts(
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

export interface TargetRow {
  region_code: string
  metric: string
  month: string
  value: number
  updated_at: string
}

/** Targets of the area itself (every metric) and its children's registration targets, in [from, to]. */
export function targetsForDashboard(db: Db, area: string, childLength: number | null, from: string, to: string): Promise<TargetRow[]> {
  return db
    .selectFrom('targets')
    .select(['region_code', 'metric', 'month', 'value', 'updated_at'])
    .where('month', '>=', from)
    .where('month', '<=', to)
    .where((eb) =>
      childLength
        ? eb.or([
            eb('region_code', '=', area),
            eb.and([
              eb('metric', '=', 'registrations'),
              eb('region_code', '>=', codeRange(area)[0]),
              eb('region_code', '<', codeRange(area)[1]),
              eb(eb.fn('length', ['region_code']), '=', childLength),
            ]),
          ])
        : eb('region_code', '=', area),
    )
    .execute()
}

const MAX_LISTED_TARGETS = 1000

/** The targets of an area and of every area inside it, optionally within [from, to]. */
export function listTargets(db: Db, area: string, from?: string, to?: string): Promise<TargetRow[]> {
  let q = db.selectFrom('targets').select(['region_code', 'metric', 'month', 'value', 'updated_at'])
  q = area.length === 9 ? q.where('region_code', '=', area) : q.where('region_code', '>=', codeRange(area)[0]).where('region_code', '<', codeRange(area)[1])
  if (from) q = q.where('month', '>=', from)
  if (to) q = q.where('month', '<=', to)
  return q.orderBy('region_code').orderBy('month').orderBy('metric').limit(MAX_LISTED_TARGETS).execute()
}

/** Sets a target at `updated_at`; one row per area, metric and month (the unique index decides, also under races). */
export function upsertTarget(db: Db, t: { region_code: string; metric: string; month: string; value: number; set_by: number }, updated_at: string): Promise<TargetRow> {
  return db
    .insertInto('targets')
    .values({ ...t, updated_at })
    .onConflict((oc) => oc.columns(['region_code', 'metric', 'month']).doUpdateSet({ value: t.value, set_by: t.set_by, updated_at }))
    .returning(['region_code', 'metric', 'month', 'value', 'updated_at'])
    .executeTakeFirstOrThrow()
}

/**
 * One page of the people of `area` who registered in the window (deleted accounts left out), newest
 * first, and how many there are. Only what the list shows is read: never a phone.
 */
export async function registeredPeople(db: Db, area: string, window: MonthWindow, limit: number, offset: number) {
  const where = sql<boolean>`users.deleted_at is null and ${inArea('users.region_code', area)} and ${inWindow('users.registered_at', window)}`
  const [rows, total] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'nickname', 'deleted_at', 'role', 'region_code', 'registered_at'])
      .where(where)
      .orderBy('registered_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    db.selectFrom('users').select((eb) => eb.fn.countAll<number | string>().as('n')).where(where).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}
