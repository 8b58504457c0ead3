import type { z } from 'zod'
import type { keeperList, TriageCase, TriageFigures, TriageMe, TriageQueue } from '../../common/schemas/triage'
import { download, request } from './http'

// 科服保姆 (triage) for those who triage: the queue, 保姆单, assigning experts and 代为回复, the
// figures, and staff appointing 科服保姆 (the farmer's 问题解决了吗 and an expert's assignments are
// services/triage-followup.ts). The server decides who may read or do what (403 / 404 otherwise);
// the app only offers what GET /api/triage/me says.

export type KeeperList = z.infer<typeof keeperList>
export type Keeper = KeeperList['items'][number]

export const TRIAGE_URL = '/packages/triage/index'
export const TRIAGE_KEEPERS_URL = '/packages/triage/keepers/index'

export function triageCasePath(listingId: number): string {
  return `/packages/triage/case/index?id=${listingId}`
}

export function figuresPath(params: { region?: string; month?: string } = {}): string {
  return `/packages/triage/figures/index${query(params)}`
}

function query(params: Record<string, string | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

/** What 我的 offers: the counties the person triages (empty: none) and whether they read figures. */
export function fetchTriageMe(): Promise<TriageMe> {
  return request<TriageMe>('/api/triage/me')
}

/** One page of the queue, urgent first, then oldest; `region`: one county (or prefecture) of the caller's area. */
export function fetchTriageQueue(params: { region?: string; cursor?: string } = {}): Promise<TriageQueue> {
  return request<TriageQueue>(`/api/triage/queue${query(params)}`)
}

export function fetchTriageCase(listingId: number): Promise<TriageCase> {
  return request<TriageCase>(`/api/triage/cases/${listingId}`)
}

/** Puts the need to these experts (48 h each). Safe to retry: an expert already asked is not asked again. */
/** Verified experts by a part of the name or the whole bound phone (those who triage only). */
export async function findExperts(q: string): Promise<TriageCase['suggestions']> {
  return (await request<{ items: TriageCase['suggestions'] }>(`/api/triage/experts?q=${encodeURIComponent(q)}`, { retry: true })).items
}

export function assignExperts(listingId: number, expertIds: number[]): Promise<TriageCase> {
  return request<TriageCase>(`/api/triage/cases/${listingId}/assign`, { method: 'POST', data: { expertIds }, retry: true })
}

/** 代为回复: what triage told the farmer on the phone. Not retried: a second try would record the call twice. */
export function recordTriageCall(listingId: number, input: { note: string; resolved: boolean }): Promise<TriageCase> {
  return request<TriageCase>(`/api/triage/cases/${listingId}/call`, { method: 'POST', data: input })
}

/** The 保姆单 as a CSV file, fetched with the session into a local file (H5: a blob: URL). */
export function downloadTriageCaseCsv(listingId: number): Promise<string> {
  return download(`/api/triage/cases/${listingId}/export`)
}

/** An area's figures for a month (default: the viewer's area, this month in China). */
export function fetchTriageFigures(params: { region?: string; month?: string } = {}): Promise<TriageFigures> {
  return request<TriageFigures>(`/api/triage/figures${query(params)}`)
}

/** Staff: the 科服保姆 of the counties in their area (or of one county). */
export function fetchKeepers(county?: string): Promise<KeeperList> {
  return request<KeeperList>(`/api/staff/triage/keepers${query({ county })}`)
}

/** Staff: appoint the person who bound this phone; answers that county's keepers. Appointing twice is a no-op. */
export function appointKeeper(input: { phone: string; countyCode: string }): Promise<KeeperList> {
  return request<KeeperList>('/api/staff/triage/keepers', { method: 'POST', data: input, retry: true })
}

/** Staff: dismiss a 科服保姆 of a county; answers that county's keepers. */
export function dismissKeeper(countyCode: string, userId: number): Promise<KeeperList> {
  return request<KeeperList>(`/api/staff/triage/keepers/${countyCode}/${userId}`, { method: 'DELETE' })
}
