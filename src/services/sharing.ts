import type { ShareChannel, ShareTarget } from '../../common/enums'
import type { Leaderboard, LeaderboardScope, MyShares, Share, ShareResults } from '../../common/schemas/sharing'
import { API_BASE, request } from './http'
import { visitorHeader } from '../utils/visitor'

// Sharing with attribution: a code per (sharer, page, channel) goes into shared links as ?s=<code>
// (or a 小程序码's scene); opening such a link reports an open, credited to the sharer by the server.
// The phone's visitor id goes along (X-Visitor-Id): the phone a person shares from is theirs.

export function createShare(target: ShareTarget, targetId: number, channel: ShareChannel, code?: string): Promise<Share> {
  return request<Share>('/api/shares', {
    method: 'POST',
    data: { target, targetId, channel, ...(code ? { code } : {}) },
    headers: visitorHeader(),
    retry: true,
  })
}

/** What a 小程序码's scene (a share code) points at. */
export function fetchShare(code: string): Promise<Share> {
  return request<Share>(`/api/shares/${encodeURIComponent(code)}`, { retry: true })
}

/**
 * Reports that this person opened a shared page: the phone's visitor id always goes along
 * (X-Visitor-Id), with their account when signed in, so the person counts once for the sharer
 * signed in or not, and never for their own share on their own phone.
 */
export function reportOpen(code: string): Promise<{ credited: boolean }> {
  return request<{ credited: boolean }>(`/api/shares/${encodeURIComponent(code)}/opens`, {
    method: 'POST',
    headers: visitorHeader(),
    retry: true,
  })
}

export function fetchMyShares(): Promise<MyShares> {
  return request<MyShares>('/api/shares/mine')
}

/** What each shared page brought, and the last six months. */
export function fetchMyShareResults(): Promise<ShareResults> {
  return request<ShareResults>('/api/shares/mine/results')
}

export function fetchLeaderboard(scope: LeaderboardScope): Promise<Leaderboard> {
  return request<Leaderboard>(`/api/shares/leaderboard?scope=${scope}`)
}

/** The 小程序码 image for a poster (scene = the code, page = the shared page). */
export function posterCodeUrl(code: string): string {
  return `${API_BASE}/api/shares/${encodeURIComponent(code)}/poster-code`
}
