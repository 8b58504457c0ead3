import { DASHBOARD_METRICS, ROLES, type DashboardMetric, type Role } from '../../../../common/enums'
import { addMonths, chinaMonthOf, isMonth, monthCount, monthRange, monthStartUtc } from '../../../../common/china-time'
import {
  MAX_DASHBOARD_MONTHS,
  type Dashboard,
  type DashboardArea,
  type DashboardChild,
  type DashboardMetricSummary,
  type DashboardQuery,
  type DashboardTargetProgress,
  type Target,
  type TargetInput,
  type TargetList,
} from '../../../../common/schemas/dashboard'
import { levelOf, type RegionLevel } from '../../../../common/schemas/regions'
import type { Deps } from '../../deps'
import { badRequest, forbidden } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { childrenOf, getRegion, regionName } from '../regions/regions.data'
import { isVerifiedChair, isWithin, staffScope } from '../users/roles'
import type { UserRow } from '../users/users.repository'
import * as repo from './dashboard.repository'
import type { DashboardPeople, DashboardPeopleQuery, DashboardPerson } from '../../../../common/schemas/dashboard'
import { decodeCursor, nextPage } from '../../lib/cursor'
import { displayName } from '../users/people'

// Who sees what. A verified township chair sees their own township only; staff see the area
// they were granted (users.staff_region_code: a county or prefecture) and everything inside it,
// or the whole province when none is set; nobody else sees the dashboard. Staff set targets,
// within that same area.

/** The widest area `user` may see, or null when they may not see the dashboard at all. */
function scopeOf(user: UserRow): string | null {
  if (user.is_staff === 1) return staffScope(user)
  if (isVerifiedChair(user)) return user.region_code
  return null
}

function areaOf(code: string): DashboardArea {
  const region = getRegion(code)!
  const level = levelOf(code)
  return { code, name: region.name, level, label: regionName(code) }
}

/** Resolves the area asked for (default: the whole scope), refusing anything outside the scope. */
function resolveArea(user: UserRow, requested: string | undefined): { scope: string; area: string } {
  const scope = scopeOf(user)
  if (!scope || !getRegion(scope)) throw forbidden()
  const area = requested ?? scope
  // Outside the scope is refused before the code is even looked up: a chair learns nothing
  // about other areas, not even which codes exist.
  if (!isWithin(scope, area)) throw forbidden()
  if (!getRegion(area)) throw badRequest('REGION_INVALID', { region: '请选择四川省内的地区' })
  return { scope, area }
}

/** The period: `to` defaults to this month (China time), `from` to five months before `to`. */
export function periodOf(query: { from?: string; to?: string }, now: Date): repo.MonthWindow {
  const to = query.to ?? chinaMonthOf(now)
  const from = query.from ?? addMonths(to, -5)
  // A default `from` before 2000 or a `to` of 2099-12 (whose end is 2100-01) leaves the months
  // the rest of the code can name: refuse it like any other bad range, not with a 500.
  if (!isMonth(from) || !isMonth(addMonths(to, 1))) throw badRequest('MONTH_RANGE_INVALID')
  const n = monthCount(from, to)
  if (n < 1 || n > MAX_DASHBOARD_MONTHS) throw badRequest('MONTH_RANGE_INVALID')
  const months = monthRange(from, to)
  return { months, bounds: [...months, addMonths(to, 1)].map(monthStartUtc) }
}

/** The code length of an area's children (null: a township has none), and their level. */
const CHILD_LENGTH: Record<number, number | null> = { 2: 4, 4: 6, 6: 9, 9: null }
const CHILD_LEVEL: Record<number, RegionLevel> = { 4: 'prefecture', 6: 'county', 9: 'township' }

function ratio(actual: number, value: number): number | null {
  return value > 0 ? Math.round((actual / value) * 10_000) / 10_000 : null
}

/**
 * The dashboard of an area. `count` is where the numbers come from: dashboard_counts, or (tests
 * and bench/dashboard.mjs, to prove the two agree) the from-scratch query of dashboard.live.ts.
 */
export async function getDashboard(
  deps: Pick<Deps, 'db'>,
  user: UserRow,
  query: DashboardQuery,
  now: Date,
  count: typeof repo.dashboardCounts = repo.dashboardCounts,
): Promise<Dashboard> {
  const { scope, area } = resolveArea(user, query.region)
  const window = periodOf(query, now)
  const { months } = window
  const childLength = CHILD_LENGTH[area.length]
  const [rows, targetRows] = await Promise.all([
    count(deps.db, { area, window, childLength }),
    repo.targetsForDashboard(deps.db, area, childLength, months[0], months[months.length - 1]),
  ])

  const monthIndex = new Map(months.map((m, i) => [m, i]))
  const series = new Map<string, number[]>(DASHBOARD_METRICS.map((m) => [m, months.map(() => 0)]))
  const byRole = new Map<string, number>()
  const childSeries = new Map<string, number[]>()
  let registeredToDate = 0
  for (const row of rows) {
    const i = row.bucket === null ? undefined : monthIndex.get(row.bucket)
    if (row.metric === 'registered_to_date') registeredToDate = row.n
    else if (row.metric === 'child' && row.part && i !== undefined) {
      const s = childSeries.get(row.part) ?? months.map(() => 0)
      s[i] += row.n
      childSeries.set(row.part, s)
    } else if (i !== undefined && series.has(row.metric)) {
      series.get(row.metric)![i] += row.n
      if (row.metric === 'registrations' && row.part) byRole.set(row.part, (byRole.get(row.part) ?? 0) + row.n)
    }
  }

  const targets: DashboardTargetProgress[] = targetRows
    .filter((t) => t.region_code === area && series.has(t.metric) && monthIndex.has(t.month))
    .map((t) => {
      const actual = series.get(t.metric)![monthIndex.get(t.month)!]
      return { month: t.month, metric: t.metric as DashboardMetric, value: t.value, actual, progress: ratio(actual, t.value) }
    })
    .sort((a, b) => (a.month === b.month ? DASHBOARD_METRICS.indexOf(a.metric) - DASHBOARD_METRICS.indexOf(b.metric) : a.month < b.month ? -1 : 1))

  const metrics: DashboardMetricSummary[] = DASHBOARD_METRICS.map((metric) => {
    const s = series.get(metric)!
    const own = targets.filter((t) => t.metric === metric)
    const value = own.reduce((sum, t) => sum + t.value, 0)
    const actual = own.reduce((sum, t) => sum + t.actual, 0)
    return {
      metric,
      total: s.reduce((a, b) => a + b, 0),
      series: s,
      target: own.length ? { value, actual, progress: ratio(actual, value), months: own.length } : null,
    }
  })

  const children: DashboardChild[] = (childLength ? (childrenOf(area) ?? []) : []).map((child) => {
    const s = childSeries.get(child.code) ?? months.map(() => 0)
    const own = targetRows.filter((t) => t.region_code === child.code && t.metric === 'registrations' && monthIndex.has(t.month))
    const target = own.length ? own.reduce((sum, t) => sum + t.value, 0) : null
    const actual = own.reduce((sum, t) => sum + s[monthIndex.get(t.month)!], 0)
    return { code: child.code, name: child.name, registrations: s.reduce((a, b) => a + b, 0), target, progress: target === null ? null : ratio(actual, target) }
  })
  children.sort((a, b) => b.registrations - a.registrations || (a.code < b.code ? -1 : 1))

  return {
    area: areaOf(area),
    scope: areaOf(scope),
    canEditTargets: user.is_staff === 1,
    months,
    metrics,
    registrationsByRole: ROLES.map((role: Role) => ({ role, count: byRole.get(role) ?? 0 })),
    registeredToDate,
    childLevel: childLength ? CHILD_LEVEL[childLength] : null,
    children,
    targets,
  }
}

function toTarget(row: repo.TargetRow): Target {
  // From the county down (甘孜县 甘孜镇): the list is of one area and the areas inside it.
  const regionLabel = regionName(row.region_code, 'county') || row.region_code
  return { regionCode: row.region_code, regionLabel, metric: row.metric as DashboardMetric, month: row.month, value: row.value, updatedAt: row.updated_at }
}

/** Staff: the targets of an area within their scope and of every area inside it. */
export async function listTargets(deps: Pick<Deps, 'db'>, user: UserRow, query: { region?: string; from?: string; to?: string }): Promise<TargetList> {
  const { scope, area } = resolveArea(user, query.region)
  if (query.from && query.to && query.from > query.to) throw badRequest('MONTH_RANGE_INVALID')
  const rows = await repo.listTargets(deps.db, area, query.from, query.to)
  return { area: areaOf(area), scope: areaOf(scope), items: rows.map(toTarget) }
}

/** Staff: sets (or changes) the target of an area within their scope for one metric and month. */
export async function setTarget(deps: Pick<Deps, 'db' | 'now'>, user: UserRow, input: TargetInput): Promise<Target> {
  if (user.is_staff !== 1) throw forbidden()
  const { area } = resolveArea(user, input.regionCode)
  const now = deps.now()
  const row = await deps.db.transaction().execute(async (trx) => {
    const row = await repo.upsertTarget(trx, { region_code: area, metric: input.metric, month: input.month, value: input.value, set_by: user.id }, now.toISOString())
    const details = { metric: input.metric, month: input.month, value: input.value }
    await recordAudit(trx, { actorId: user.id, action: 'target.set', targetType: 'region', targetId: area, details, at: now })
    return row
  })
  return toTarget(row)
}

/** The deepest page of the people list (50 a page: 10,000 people, more than any township has). */
const PEOPLE_MAX_PAGE = 200

/**
 * Who registered in the area during the period, newest first (see dashboardPeople): authorised
 * exactly like getDashboard — a verified chair their township, staff their area, nobody else.
 */
export async function getDashboardPeople(deps: Pick<Deps, 'db'>, user: UserRow, query: DashboardPeopleQuery, now: Date): Promise<DashboardPeople> {
  const { area } = resolveArea(user, query.region)
  const window = periodOf(query, now)
  const pageNo = query.cursor === undefined ? 1 : decodeCursor(query.cursor, 'p', PEOPLE_MAX_PAGE)
  const { rows, total } = await repo.registeredPeople(deps.db, area, window, query.limit, (pageNo - 1) * query.limit)
  const more = pageNo * query.limit < total && pageNo < PEOPLE_MAX_PAGE
  return { items: rows.map(toDashboardPerson), next: more ? nextPage(pageNo + 1) : null, total }
}

function toDashboardPerson(r: Awaited<ReturnType<typeof repo.registeredPeople>>['rows'][number]): DashboardPerson {
  return {
    name: displayName(r),
    place: (r.region_code && getRegion(r.region_code)?.name) || '',
    role: (r.role as Role | null) ?? null,
    registeredAt: r.registered_at!,
  }
}

/** The most people one export lists: as deep as the paged list goes (PEOPLE_MAX_PAGE pages of 50). */
export const PEOPLE_EXPORT_MAX = PEOPLE_MAX_PAGE * 50

/** The whole people list of the period at once, for the export (dashboard.export.ts); same rule as the page. */
export async function allDashboardPeople(deps: Pick<Deps, 'db'>, user: UserRow, query: DashboardQuery, now: Date) {
  const { area } = resolveArea(user, query.region)
  const { rows, total } = await repo.registeredPeople(deps.db, area, periodOf(query, now), PEOPLE_EXPORT_MAX, 0)
  return { area: areaOf(area), items: rows.map(toDashboardPerson), total }
}
