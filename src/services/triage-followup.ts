import type { FollowupOutcome } from '../../common/rules/triage'
import type { Assignment, ExpertRecord, FollowupState } from '../../common/schemas/triage'
import type { ListingSummary } from '../../common/schemas/listings'
import { request } from './http'

// 科服保姆 as the people it serves meet it: the farmer's 问题解决了吗, the expert's assignments
// (待我解答, and declining one with a reason) and the expert's record on their studio. The queue,
// 保姆单, figures and 科服保姆 appointments are services/triage.ts.

export const FOLLOWUP_URL = '/packages/triage/followup/index'
export const ASSIGNED_URL = '/packages/triage/assigned/index'

export const followupPath = (listingId: number) => `${FOLLOWUP_URL}?id=${listingId}`

/** The need and the question waiting (7 or 30 days after it was resolved), with earlier answers. */
export function fetchFollowup(listingId: number): Promise<FollowupState> {
  return request<FollowupState>(`/api/triage/followups/${listingId}`, { retry: true })
}

/**
 * The answer. Retried on a flaky link: the server keeps the first answer of a round, and a repeat
 * whose first reply was lost is answered FOLLOWUP_NOT_ASKED (the page then reads the state again).
 */
export function answerFollowup(listingId: number, input: { outcome: FollowupOutcome; note?: string; voiceId?: number | null }): Promise<FollowupState> {
  const data = { outcome: input.outcome, ...(input.note ? { note: input.note } : {}), ...(input.voiceId ? { voiceId: input.voiceId } : {}) }
  return request<FollowupState>(`/api/triage/followups/${listingId}`, { method: 'POST', data, retry: true })
}

export type MyAssignment = Omit<Assignment, 'expert'> & { listing: ListingSummary }

/** The needs 科服保姆 asked this expert to answer, newest first. */
export async function fetchAssigned(): Promise<MyAssignment[]> {
  return (await request<{ items: MyAssignment[] }>('/api/triage/assigned', { retry: true })).items
}

export function declineAssignment(assignmentId: number, reason: string): Promise<{ ok: true }> {
  return request<{ ok: true }>(`/api/triage/assignments/${assignmentId}/decline`, { method: 'POST', data: { reason } })
}

/** An expert's record (needs answered, median time, what farmers said): public, like the studio. */
export function fetchExpertRecord(expertId: number): Promise<ExpertRecord> {
  return request<ExpertRecord>(`/api/experts/${expertId}/record`, { retry: true })
}
