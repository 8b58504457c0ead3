import type { ReviewBulkResult, ReviewItem, ReviewKind, Verification, VerificationBulkResult, VerificationRequest } from '../../common/schemas/review'
import { download, request, upload } from './http'

export type BulkDecision = { decision: 'approve' } | { decision: 'reject'; reason: string }

// Staff only: the server refuses everyone else (403), whatever the app shows.
export async function fetchReviewQueue(): Promise<ReviewItem[]> {
  return (await request<{ items: ReviewItem[] }>('/api/staff/review/queue')).items
}

export function approve(kind: ReviewKind, id: number): Promise<unknown> {
  return request(`/api/staff/review/${kind}/${id}/approve`, { method: 'POST' })
}

export function reject(kind: ReviewKind, id: number, reason: string): Promise<unknown> {
  return request(`/api/staff/review/${kind}/${id}/reject`, { method: 'POST', data: { reason } })
}

export async function fetchVerifications(status: 'pending' | 'verified' | 'rejected' = 'pending'): Promise<Verification[]> {
  return (await request<{ items: Verification[] }>(`/api/staff/verifications?status=${status}`)).items
}

export function approveVerification(id: number): Promise<unknown> {
  return request(`/api/staff/verifications/${id}/approve`, { method: 'POST' })
}

export function rejectVerification(id: number, reason: string): Promise<unknown> {
  return request(`/api/staff/verifications/${id}/reject`, { method: 'POST', data: { reason } })
}

/** A person asks staff to verify the role they claimed (chair, expert); only the given fields are sent. */
export function requestVerification(input: VerificationRequest = {}): Promise<Verification> {
  const data: VerificationRequest = {}
  for (const key of ['note', 'realName', 'post', 'institution', 'title'] as const) if (input[key]) data[key] = input[key]
  if (input.proofId !== undefined) data.proofId = input.proofId
  return request<Verification>('/api/verifications', { method: 'POST', data })
}

/** A proof photo (appointment letter, work card, certificate): private, so the answer is its id only. */
export function uploadProof(filePath: string, onProgress?: (percent: number) => void): Promise<{ id: number }> {
  return upload<{ id: number }>('/api/verifications/proofs', filePath, { onProgress })
}

/** A claim's proof photo as a local file, for the applicant and the staff deciding it (`proofUrl`). */
export function fetchProof(proofUrl: string, size: 'full' | 'thumb' = 'full'): Promise<string> {
  return download(size === 'thumb' ? `${proofUrl}?size=thumb` : proofUrl)
}

export async function fetchMyVerification(): Promise<Verification | null> {
  return (await request<{ verification: Verification | null }>('/api/verifications/mine')).verification
}

/** One decision for several posts (staff, H5 on a PC): the server answers per item what happened. */
export async function decideReviewBulk(items: Array<{ kind: ReviewKind; id: number }>, decision: BulkDecision): Promise<ReviewBulkResult['items']> {
  return (await request<ReviewBulkResult>('/api/staff/review/bulk', { method: 'POST', data: { items, ...decision } })).items
}

/** One decision for several verification claims: answered per claim. */
export async function decideVerificationsBulk(ids: number[], decision: BulkDecision): Promise<VerificationBulkResult['items']> {
  return (await request<VerificationBulkResult>('/api/staff/verifications/bulk', { method: 'POST', data: { ids, ...decision } })).items
}
