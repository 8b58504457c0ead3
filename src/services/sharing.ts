import type { ShareChannel, ShareTarget } from '../../common/enums'
import type { Leaderboard, LeaderboardScope, MyShares, Share } from '../../common/schemas/sharing'
import { API_BASE, request } from './http'
import { getToken } from './session'
import { visitorId } from '../utils/visitor'

// Sharing with attribution: a code per (sharer, page, channel) goes into shared links as ?s=<code>
// (or a 小程序码's scene); opening such a link reports an open, credited to the sharer by the server.

export function createShare(target: ShareTarget, targetId: number, channel: ShareChannel, code?: string): Promise<Share> {
  return request<Share>('/api/shares', { method: 'POST', data: { target, targetId, channel, ...(code ? { code } : {}) }, retry: true })
}

/** What a 小程序码's scene (a share code) points at. */
export function fetchShare(code: string): Promise<Share> {
  return request<Share>(`/api/shares/${encodeURIComponent(code)}`, { retry: true })
}

/**
 * Reports that this person opened a shared page: their account when signed in, else the phone's
 * visitor id (made now if needed). The phone's visitor id goes along when signed in too, so the
 * person counts once for the sharer either way.
 */
export function reportOpen(code: string): Promise<{ credited: boolean }> {
  const visitor = visitorId(!getToken())
  return request<{ credited: boolean }>(`/api/shares/${encodeURIComponent(code)}/opens`, {
    method: 'POST',
    data: visitor ? { visitorId: visitor } : {},
    retry: true,
  })
}

export function fetchMyShares(): Promise<MyShares> {
  return request<MyShares>('/api/shares/mine')
}

export function fetchLeaderboard(scope: LeaderboardScope): Promise<Leaderboard> {
  return request<Leaderboard>(`/api/shares/leaderboard?scope=${scope}`)
}

/** The 小程序码 image for a poster (scene = the code, page = the shared page). */
export function posterCodeUrl(code: string): string {
  return `${API_BASE}/api/shares/${encodeURIComponent(code)}/poster-code`
}
