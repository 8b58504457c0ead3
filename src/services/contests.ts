// 乡土人才 contests (大赛 / 科创会): the API calls of the contest pages, the chair's 举荐, the
// nominee's confirmation, the 乡土人才库 and the staff tools. Types only from common/ (never zod
// values: they must stay out of the mini program bundle). The 我的 tab imports this module, so it
// holds nothing but requests.
import type { StaffNominationCounts, StaffNominationList } from '../../common/schemas/nominations-staff'
import type {
  AwardInput,
  ConfirmNominationInput,
  ContestDetail,
  ContestInput,
  ContestPage,
  EntryInput,
  EntryView,
  MyContestEntry,
  MyNominations,
  NominationInput,
  NominationView,
  NomineeCandidates,
  ReceivedNomination,
  StaffEntry,
  TalentPage,
  TalentProfile,
  VoteResult,
} from '../../common/schemas/contests'
import type { Award, ContestCategory, ContestKind, ContestStage, EntryStage } from '../../common/enums'
import { request } from './http'
import type { OutboxCall } from './outbox'

export type {
  ArticleRef,
  ContestDetail,
  ContestInput,
  ContestSummary,
  EntryInput,
  EntryView,
  FinalistView,
  MyContestEntry,
  MyNominations,
  NominationView,
  ReceivedNomination,
  StaffEntry,
  TalentCard,
  TalentEntry,
  TalentPage,
  TalentProfile,
} from '../../common/schemas/contests'

/** GET /api/contests (the schema's input type leaves coerced numbers as unknown). */
export interface ContestListParams {
  kind?: ContestKind
  /** open: not finished; past: finished. */
  stage?: 'open' | 'past' | 'all'
  limit?: number
  /** The previous page's `next`. */
  cursor?: string
}

/** GET /api/talents */
export interface TalentParams {
  /** A prefecture, county or township code. */
  region?: string
  category?: ContestCategory
  /** A staff award, or 'popular' (最受欢迎奖). */
  award?: Award | 'popular'
  year?: number
  q?: string
  limit?: number
  /** The previous page's `next`. */
  cursor?: string
}

function queryString(params: Record<string, string | number | undefined | null>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

export const contestPath = (id: number) => `/packages/contests/detail/index?id=${id}`
export const talentPath = (userId: number) => `/packages/contests/talent/index?id=${userId}`

// ---- public (a session, when there is one, fills `mine`)

export function fetchContests(query: ContestListParams): Promise<ContestPage> {
  return request<ContestPage>(`/api/contests${queryString({ ...query })}`)
}

export function fetchContest(id: number): Promise<ContestDetail> {
  return request<ContestDetail>(`/api/contests/${id}`)
}

export function fetchTalents(query: TalentParams): Promise<TalentPage> {
  return request<TalentPage>(`/api/talents${queryString({ ...query })}`)
}

export function fetchTalent(userId: number): Promise<TalentProfile> {
  return request<TalentProfile>(`/api/talents/${userId}`)
}

// ---- an entrant

/** 报名 as a request the 待发送 queue can keep (services/outbox.ts). */
export const signUpCall = (contestId: number, input: EntryInput): OutboxCall => ({ path: `/api/contests/${contestId}/entries`, method: 'POST', data: input })

export function editMyEntry(contestId: number, input: EntryInput): Promise<EntryView> {
  return request<EntryView>(`/api/contests/${contestId}/entries/mine`, { method: 'PUT', data: input })
}

export async function withdrawMyEntry(contestId: number): Promise<void> {
  await request(`/api/contests/${contestId}/entries/mine`, { method: 'DELETE' })
}

export async function fetchMyEntries(): Promise<MyContestEntry[]> {
  return (await request<{ items: MyContestEntry[] }>('/api/me/contest-entries')).items
}

export function vote(contestId: number, entryId: number): Promise<VoteResult> {
  return request<VoteResult>(`/api/contests/${contestId}/votes`, { method: 'POST', data: { entryId } })
}

// ---- a chair's 举荐

export function nominate(contestId: number, input: NominationInput): Promise<NominationView> {
  return request<NominationView>(`/api/contests/${contestId}/nominations`, { method: 'POST', data: input })
}

export function fetchMyNominations(): Promise<MyNominations> {
  return request<MyNominations>('/api/me/nominations')
}

export async function withdrawNomination(id: number): Promise<void> {
  await request(`/api/nominations/${id}`, { method: 'DELETE' })
}

export async function fetchNominees(contestId: number, q: string): Promise<NomineeCandidates['items']> {
  return (await request<NomineeCandidates>(`/api/contests/${contestId}/nominees${queryString({ q: q.trim() })}`)).items
}

// ---- the nominee

export async function fetchReceivedNominations(): Promise<ReceivedNomination[]> {
  return (await request<{ items: ReceivedNomination[] }>('/api/me/nominations/received')).items
}

export function confirmNomination(id: number, input: ConfirmNominationInput): Promise<EntryView> {
  return request<EntryView>(`/api/nominations/${id}/confirm`, { method: 'POST', data: input })
}

export function declineNomination(id: number): Promise<NominationView> {
  return request<NominationView>(`/api/nominations/${id}/decline`, { method: 'POST' })
}

// ---- staff

export function createContest(input: ContestInput): Promise<ContestDetail> {
  return request<ContestDetail>('/api/staff/contests', { method: 'POST', data: input })
}

export function updateContest(id: number, input: ContestInput): Promise<ContestDetail> {
  return request<ContestDetail>(`/api/staff/contests/${id}`, { method: 'PUT', data: input })
}

export function moveStage(id: number, stage: ContestStage): Promise<ContestDetail> {
  return request<ContestDetail>(`/api/staff/contests/${id}/stage`, { method: 'POST', data: { stage } })
}

export async function fetchStaffEntries(id: number, stage?: EntryStage | null): Promise<StaffEntry[]> {
  return (await request<{ items: StaffEntry[] }>(`/api/staff/contests/${id}/entries${queryString({ stage })}`)).items
}

/** Staff: the contest's 举荐 waiting for the nominee's answer (not entrants yet). */
export function fetchPendingNominations(id: number): Promise<StaffNominationList> {
  return request<StaffNominationList>(`/api/staff/contests/${id}/nominations`)
}

/** Staff: how many 举荐 wait in each contest of their area. */
export async function fetchPendingNominationCounts(): Promise<Record<number, number>> {
  const { items } = await request<StaffNominationCounts>('/api/staff/contests/nominations/pending')
  return Object.fromEntries(items.map((i) => [i.contestId, i.pending]))
}

export function advanceEntry(id: number, entryId: number, stage: Exclude<EntryStage, 'signup'>): Promise<EntryView> {
  return request<EntryView>(`/api/staff/contests/${id}/entries/${entryId}/advance`, { method: 'POST', data: { stage } })
}

export function setAward(id: number, entryId: number, input: AwardInput): Promise<EntryView> {
  return request<EntryView>(`/api/staff/contests/${id}/entries/${entryId}/award`, { method: 'POST', data: input })
}

export function publishResults(id: number): Promise<ContestDetail> {
  return request<ContestDetail>(`/api/staff/contests/${id}/results`, { method: 'POST' })
}
