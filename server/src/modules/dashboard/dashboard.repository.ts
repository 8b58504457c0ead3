import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../../db/database'
import { childrenOf, codeRange } from '../regions/regions.data'

// The dashboard's numbers are read from dashboard_counts (migration 021: counts per area, China
// month, metric and part, kept by triggers in the transaction of every write that changes one), so
// a province costs what a township does: a few hundred rows by primary key. What they count is
// defined by the from-scratch query in dashboard.live.ts, which tests compare them with.

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

export function inArea(column: string, area: string): RawBuilder<unknown> {
  const col = sql.ref(column)
  if (area.length === 9) return sql`${col} = ${area}`
  const [from, to] = codeRange(area)
  return sql`${col} >= ${from} and ${col} < ${to}`
}

export function inWindow(column: string, window: MonthWindow): RawBuilder<unknown> {
  const col = sql.ref(column)
  return sql`${col} >= ${window.bounds[0]} and ${col} < ${window.bounds[window.bounds.length - 1]}`
}

/**
 * Every count the dashboard shows, in one statement (one snapshot on both databases):
 * - every metric: bucket = month (for 'registrations', part = role; '' when none);
 * - 'registered_to_date': everyone registered by the end of the period (months before it too);
 * - 'child' (when childLength is given): bucket = month, part = the child area's code.
 * Rows may repeat a key (one per role); the caller adds them up. Months without rows have none.
 */
export async function dashboardCounts(db: Db, opts: { area: string; window: MonthWindow; childLength: number | null }): Promise<CountRow[]> {
  const { area, window } = opts
  const first = window.months[0]
  const last = window.months[window.months.length - 1]
  const parts = [
    sql`select metric, month as bucket, part, n from dashboard_counts where area = ${area} and month >= ${first} and month <= ${last}`,
    sql`select ${sql.lit('registered_to_date')}, null, null, sum(n) from dashboard_counts
        where area = ${area} and month <= ${last} and metric = ${sql.lit('registrations')}`,
  ]
  const children = opts.childLength ? (childrenOf(area) ?? []).map((c) => c.code) : []
  if (children.length) {
    parts.push(sql`select ${sql.lit('child')}, month, area, sum(n) from dashboard_counts
        where area in (${sql.join(children)}) and month >= ${first} and month <= ${last} and metric = ${sql.lit('registrations')} group by area, month`)
  }
  const { rows } = await sql<CountRow>`${sql.join(parts, sql` union all `)}`.execute(db)
  return rows.map((r) => ({ metric: r.metric, bucket: r.bucket, part: r.part === '' ? null : r.part, n: Number(r.n ?? 0) }))
}

/** How many people of `area` registered in the window and are still here (the people list's total). */
export async function registrationsIn(db: Db, area: string, window: MonthWindow): Promise<number> {
  const row = await db
    .selectFrom('dashboard_counts')
    .select((eb) => eb.fn.sum<number | string | null>('n').as('n'))
    .where('area', '=', area)
    .where('month', '>=', window.months[0])
    .where('month', '<=', window.months[window.months.length - 1])
    .where('metric', '=', 'registrations')
    .executeTakeFirst()
  return Number(row?.n ?? 0)
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
    .where((eb) => {
      // The children by code (targets_unique_idx), not as a range of codes: the province's range is every target.
      const children = childLength ? (childrenOf(area) ?? []).map((c) => c.code) : []
      return children.length
        ? eb.or([eb('region_code', '=', area), eb.and([eb('region_code', 'in', children), eb('metric', '=', 'registrations')])])
        : eb('region_code', '=', area)
    })
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
 * first, and how many there are (from dashboard_counts: the same rule, without counting a province's
 * people per page). Only what the list shows is read: never a phone.
 */
export async function registeredPeople(db: Db, area: string, window: MonthWindow, limit: number, offset: number) {
  // A province, prefecture or county by the code's prefix, the expression of 021's users_people_*_idx,
  // which walks its people newest first; the same people as inArea's range (codes are digit strings).
  const region = area.length <= 6 ? sql`substr(users.region_code, 1, ${sql.lit(area.length)}) = ${area}` : inArea('users.region_code', area)
  const where = sql<boolean>`users.deleted_at is null and ${region} and ${inWindow('users.registered_at', window)}`
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
    registrationsIn(db, area, window),
  ])
  return { rows, total }
}
