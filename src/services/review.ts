import type { ReviewItem, ReviewKind, Verification } from '../../common/schemas/review'
import { request } from './http'

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

export interface VerificationInput {
  note?: string
  /** A 科技工作者's 单位 and 职称 (required for them, not for a chair). */
  institution?: string
  title?: string
  /** An upload id (uploadPhoto) of a certificate photo. */
  certificateId?: number
}

/** A person asks staff to verify the role they claimed (chair, expert); only the given fields are sent. */
export function requestVerification(input: VerificationInput = {}): Promise<Verification> {
  const data: VerificationInput = {}
  if (input.note) data.note = input.note
  if (input.institution) data.institution = input.institution
  if (input.title) data.title = input.title
  if (input.certificateId !== undefined) data.certificateId = input.certificateId
  return request<Verification>('/api/verifications', { method: 'POST', data })
}

export async function fetchMyVerification(): Promise<Verification | null> {
  return (await request<{ verification: Verification | null }>('/api/verifications/mine')).verification
}
