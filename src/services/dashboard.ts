import type { Dashboard, DashboardPeople, Target, TargetInput, TargetList } from '../../common/schemas/dashboard'
import { download, request } from './http'

// The township dashboard and staff targets. The server decides who sees which area (a verified
// chair: their township; staff: their county, prefecture or the province) and refuses the rest.

function query(params: Record<string, string | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

/** The area's figures; without a region, the widest area the signed-in person may see. */
export function fetchDashboard(params: { region?: string; from?: string; to?: string } = {}): Promise<Dashboard> {
  return request<Dashboard>(`/api/dashboard${query(params)}`)
}

/** Who registered in the area during the period, newest first; `cursor` is the previous page's next. */
export function fetchDashboardPeople(params: { region?: string; from?: string; to?: string; cursor?: string }): Promise<DashboardPeople> {
  return request<DashboardPeople>(`/api/dashboard/people${query(params)}`)
}

export function fetchTargets(params: { region?: string; from?: string; to?: string } = {}): Promise<TargetList> {
  return request<TargetList>(`/api/staff/targets${query(params)}`)
}

/** Sets one monthly target (staff only). Setting the same area, metric and month again replaces it. */
export function saveTarget(input: TargetInput): Promise<Target> {
  // PUT of the same values is idempotent: safe to retry on a flaky network.
  return request<Target>('/api/staff/targets', { method: 'PUT', data: input, retry: true })
}

/**
 * The dashboard ('dashboard') or its 新注册的人 ('people') as a CSV file, fetched with the session
 * (the API wants the bearer token, so a plain link cannot do): H5 gets a blob: URL to save.
 */
export function downloadDashboardCsv(what: 'dashboard' | 'people', params: { region?: string; from?: string; to?: string }): Promise<string> {
  return download(`/api/dashboard/${what === 'people' ? 'people/export' : 'export'}${query(params)}`)
}
