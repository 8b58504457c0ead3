import { z } from 'zod'
import { DASHBOARD_METRICS, ROLES } from '../enums'
import { MONTH_PATTERN } from '../china-time'
import { cursorParam, page } from './common'
import { REGION_LEVELS, regionCode } from './regions'

// The township dashboard: what happened in an area (a township, county, prefecture or the whole
// province) month by month in China time, against the monthly targets staff set.

/** 'YYYY-MM', a month in China time. */
export const month = z.string().regex(MONTH_PATTERN, { message: '月份格式应为 YYYY-MM' })
export const dashboardMetric = z.enum(DASHBOARD_METRICS)
/** The most months one dashboard covers (two years, month by month). */
export const MAX_DASHBOARD_MONTHS = 24
export const MAX_TARGET_VALUE = 1_000_000

export const dashboardQuery = z.object({
  /** Defaults to the widest area the viewer may see (a chair: their township). */
  region: regionCode.optional(),
  /** Defaults: `to` the current month, `from` five months before `to`. */
  from: month.optional(),
  to: month.optional(),
})
export type DashboardQuery = z.infer<typeof dashboardQuery>

export const dashboardArea = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  /** The names from the prefecture down, e.g. "甘孜藏族自治州 甘孜县 甘孜镇" ('四川省' for the province). */
  label: z.string(),
})
export type DashboardArea = z.infer<typeof dashboardArea>

/** A target and how far the actual count got: progress = actual / value (null when the target is 0). */
const progressFields = {
  value: z.number(),
  actual: z.number(),
  progress: z.number().nullable(),
}

export const dashboardMetricSummary = z.object({
  metric: dashboardMetric,
  /** The count over all months of the period. */
  total: z.number(),
  /** One count per month, in the order of `months`. */
  series: z.array(z.number()),
  /** The period's targets added up (only months that have one), or null when none is set. */
  target: z.object({ ...progressFields, months: z.number() }).nullable(),
})
export type DashboardMetricSummary = z.infer<typeof dashboardMetricSummary>

export const dashboardTargetProgress = z.object({ month, metric: dashboardMetric, ...progressFields })
export type DashboardTargetProgress = z.infer<typeof dashboardTargetProgress>

export const dashboardChild = z.object({
  code: z.string(),
  name: z.string(),
  /** Registrations in the period. */
  registrations: z.number(),
  /** The child's registration targets in the period added up; null when none is set. */
  target: z.number().nullable(),
  progress: z.number().nullable(),
})
export type DashboardChild = z.infer<typeof dashboardChild>

export const dashboard = z.object({
  area: dashboardArea,
  /** The widest area this viewer may see: the dashboard may go anywhere inside it. */
  scope: dashboardArea,
  /** Staff may set targets (within their scope). */
  canEditTargets: z.boolean(),
  months: z.array(month),
  metrics: z.array(dashboardMetricSummary),
  /** Registrations in the period by the role people chose, every role listed. */
  registrationsByRole: z.array(z.object({ role: z.enum(ROLES), count: z.number() })),
  /** Everyone registered in the area by the end of the period (deleted accounts excluded). */
  registeredToDate: z.number(),
  /** The level below the area (null for a township) and its regions, most registrations first. */
  childLevel: z.enum(REGION_LEVELS).nullable(),
  children: z.array(dashboardChild),
  /** The area's own targets in the period, by month then metric. */
  targets: z.array(dashboardTargetProgress),
})
export type Dashboard = z.infer<typeof dashboard>

export const targetInput = z.object({
  regionCode,
  metric: dashboardMetric,
  month,
  value: z.number().int().min(0, { message: '目标须为 0–1000000 的整数' }).max(MAX_TARGET_VALUE, { message: '目标须为 0–1000000 的整数' }),
}).meta({ examples: [{ regionCode: '513328', metric: 'registrations', month: '2027-03', value: 500 }] })
export type TargetInput = z.infer<typeof targetInput>

export const target = z.object({
  regionCode: z.string(),
  /** e.g. "甘孜县 甘孜镇": enough to tell areas apart in a list. */
  regionLabel: z.string(),
  metric: dashboardMetric,
  month,
  value: z.number(),
  updatedAt: z.string(),
})
export type Target = z.infer<typeof target>

export const targetsQuery = z.object({
  /** The area whose targets (its own and those of the areas inside it) are listed; defaults to the scope. */
  region: regionCode.optional(),
  from: month.optional(),
  to: month.optional(),
})
export const targetList = z.object({ area: dashboardArea, scope: dashboardArea, items: z.array(target) })
export type TargetList = z.infer<typeof targetList>

/**
 * Who registered in an area during the period, newest first, for a chair to follow up: name,
 * place, role and date — never a phone or an openid. Same rule as the dashboard: a verified chair
 * their township, staff their area.
 */
export const dashboardPeopleQuery = dashboardQuery.extend({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: cursorParam,
})
export type DashboardPeopleQuery = z.infer<typeof dashboardPeopleQuery>
export const dashboardPerson = z.object({
  name: z.string(),
  /** The township (甘孜镇): the finest place a profile holds — there is no village field. */
  place: z.string(),
  role: z.enum(ROLES).nullable(),
  /** When they registered (ISO instant). */
  registeredAt: z.string(),
})
export type DashboardPerson = z.infer<typeof dashboardPerson>
export const dashboardPeople = page(dashboardPerson).extend({ total: z.number() })
export type DashboardPeople = z.infer<typeof dashboardPeople>
