import type { Listing, ListingInput, ListingPage, ListingQuery, ListingResponse, MyResponse, Photo } from '../../common/schemas/listings'
import type { ListingSummary } from '../../common/schemas/listings'
import { request, upload } from './http'
import type { OutboxCall } from './outbox'
import { readThrough } from './offline-cache'
import { getCachedUser } from './session'
import { compressPhoto } from '../utils/compress-photo'

export type Match = ListingSummary & { score: number }

function queryString(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

export function listingPath(id: number): string {
  return `/packages/listings/detail/index?id=${id}`
}

export function fetchListings(query: ListingQuery): Promise<ListingPage> {
  const path = `/api/listings${queryString(query as Record<string, string | number | undefined>)}`
  // The first page of a feed is readable offline; further pages need the network.
  return query.cursor ? request<ListingPage>(path) : readThrough('feed', path, () => request<ListingPage>(path))
}

export function fetchListing(id: number): Promise<Listing> {
  return request<Listing>(`/api/listings/${id}`)
}

// The writes, as requests the 待发送 queue can keep and send later (services/outbox.ts). A post is
// not idempotent by itself: `key` (made once per draft, kept with it) lets it be sent again after
// a network failure and still make exactly one post.
export const publishCall = (input: ListingInput, key: string): OutboxCall => ({
  path: '/api/listings',
  method: 'POST',
  data: input,
  headers: { 'Idempotency-Key': key },
})
/** `voiceId`: a spoken answer (uploadVoice); the message may then be empty and is left out. */
export const respondCall = (id: number, message: string, phone?: string, voiceId?: number | null): OutboxCall => ({
  path: `/api/listings/${id}/responses`,
  method: 'POST',
  data: { ...(message || !voiceId ? { message } : {}), ...(phone ? { phone } : {}), ...(voiceId ? { voiceId } : {}) },
})
export const acceptCall = (id: number, responseId: number): OutboxCall => ({ path: `/api/listings/${id}/responses/${responseId}/accept`, method: 'POST' })
export const feedbackCall = (id: number, responseId: number, rating: number, text: string): OutboxCall => ({
  path: `/api/listings/${id}/responses/${responseId}/feedback`,
  method: 'POST',
  data: { rating, text },
})

export function editListing(id: number, input: ListingInput): Promise<Listing> {
  return request<Listing>(`/api/listings/${id}`, { method: 'PUT', data: input })
}

/** A need said by voice put into words by its township's chair or staff (viewer.canRetitle). */
export function retitleListing(id: number, title: string): Promise<Listing> {
  return request<Listing>(`/api/listings/${id}/title`, { method: 'PUT', data: { title } })
}

export function closeListing(id: number): Promise<Listing> {
  return request<Listing>(`/api/listings/${id}/close`, { method: 'POST' })
}

export function resolveListing(id: number): Promise<Listing> {
  return request<Listing>(`/api/listings/${id}/resolve`, { method: 'POST' })
}

/** One photo for a post, uploaded as soon as it is picked; `onProgress` gets 0–100. */
export async function uploadPhoto(filePath: string, onProgress?: (percent: number) => void): Promise<Photo> {
  // Made small on the phone first (utils/compress-photo.ts): a 12 MP photo goes up as ~200 KB.
  return upload<Photo>('/api/uploads', await compressPhoto(filePath), { onProgress })
}

/** POST /api/uploads/voice answers this (common/schemas/listings `voiceUpload`): durationMs as the server measured the MP3. */
export type VoiceUpload = { id: number; url: string; durationMs: number }

/** A voice note (MP3 from components/voice-recorder), uploaded before the post or response that carries it. */
export function uploadVoice(filePath: string, onProgress?: (percent: number) => void): Promise<VoiceUpload> {
  return upload<VoiceUpload>('/api/uploads/voice', filePath, { onProgress, fileName: 'voice.mp3' })
}

export async function fetchMatches(id: number): Promise<Match[]> {
  return (await request<{ items: Match[] }>(`/api/listings/${id}/matches`)).items
}

export async function fetchNeedsForMe(): Promise<Match[]> {
  return (await request<{ items: Match[] }>('/api/listings/for-me')).items
}

/** `cursor`: the previous page's `next`. */
export function fetchMyListings(cursor?: string): Promise<ListingPage> {
  if (cursor) return request<ListingPage>(`/api/listings/mine${queryString({ cursor })}`)
  // Kept per person: someone else signing in on this phone never reads it.
  return readThrough('mine', String(getCachedUser()?.id ?? 0), () => request<ListingPage>('/api/listings/mine'))
}

export async function fetchMyResponses(): Promise<MyResponse[]> {
  return (await request<{ items: MyResponse[] }>('/api/listings/responses/mine')).items
}

export async function fetchResponses(id: number): Promise<ListingResponse[]> {
  return (await request<{ items: ListingResponse[] }>(`/api/listings/${id}/responses`)).items
}

