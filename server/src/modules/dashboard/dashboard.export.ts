import { DASHBOARD_METRIC_LABELS, ROLE_LABELS } from '../../../../common/enums'
import { formatChina, monthLabel } from '../../../../common/china-time'
import type { DashboardQuery } from '../../../../common/schemas/dashboard'
import type { Deps } from '../../deps'
import { toCsv, type CsvRow } from '../../lib/csv'
import type { UserRow } from '../users/users.repository'
import { allDashboardPeople, getDashboard } from './dashboard.service'

// The dashboard and its 新注册的人 as spreadsheets for staff and chairs who report upwards on a PC.
// Built from the same service calls as the page, so the same rule decides who may see what, and
// the numbers match the screen. Never a phone number or an openid: the people list holds only
// what the page shows.

const LEVEL_LABELS = { province: '市州', prefecture: '县（市、区）', county: '乡镇', township: '' } as const

const percent = (progress: number | null) => (progress === null ? '' : `${Math.round(progress * 100)}%`)

/** One file: the area and period, each metric month by month with its target, then the areas inside. */
export async function dashboardCsv(deps: Pick<Deps, 'db'>, user: UserRow, query: DashboardQuery, now: Date) {
  const d = await getDashboard(deps, user, query, now)
  const first = d.months[0]
  const last = d.months[d.months.length - 1]
  const rows: CsvRow[] = [
    ['地区', d.area.label],
    ['期间', `${monthLabel(first, true)}至${monthLabel(last, true)}`],
    ['期末累计注册', d.registeredToDate],
    [],
    ['指标', ...d.months.map((m) => monthLabel(m, true)), '合计', '目标', '目标期内完成', '完成率'],
    ...d.metrics.map((m): CsvRow => [
      DASHBOARD_METRIC_LABELS[m.metric],
      ...m.series,
      m.total,
      m.target?.value ?? '',
      m.target?.actual ?? '',
      percent(m.target?.progress ?? null),
    ]),
    [],
    ['身份', '注册人数'],
    ...d.registrationsByRole.map((r): CsvRow => [ROLE_LABELS[r.role], r.count]),
  ]
  if (d.childLevel && d.children.length) {
    rows.push([], [LEVEL_LABELS[d.area.level] || '下级地区', '注册人数', '注册目标', '完成率'])
    for (const c of d.children) rows.push([c.name, c.registrations, c.target ?? '', percent(c.progress)])
  }
  return { csv: toCsv(rows), name: `${d.area.name}-数据-${first}至${last}.csv`, asciiName: `dashboard-${d.area.code}-${first}-${last}.csv` }
}

/** 新注册的人 of the period, newest first: name, township, role, when (China time). */
export async function peopleCsv(deps: Pick<Deps, 'db'>, user: UserRow, query: DashboardQuery, now: Date) {
  const { area, items } = await allDashboardPeople(deps, user, query, now)
  const rows: CsvRow[] = [
    ['姓名', '乡镇', '身份', '注册时间'],
    ...items.map((p): CsvRow => [p.name, p.place, p.role ? ROLE_LABELS[p.role] : '', formatChina(p.registeredAt, 'YYYY-MM-DD HH:mm')]),
  ]
  return { csv: toCsv(rows), name: `${area.name}-新注册的人.csv`, asciiName: `people-${area.code}.csv` }
}
