import type { Studio, StudioUpdate } from '../../common/schemas/studios'
import { request } from './http'

/** 科创工作室 of a 科技工作者 (a user id): public, no login needed (shared to chats and Moments). */
export function fetchStudio(id: number): Promise<Studio> {
  return request<Studio>(`/api/studios/${id}`, { retry: true })
}

export function studioPath(id: number): string {
  return `/packages/studio/index?id=${id}`
}

/** The expert writes their own studio (the whole of it). */
export function updateStudio(input: StudioUpdate): Promise<Studio> {
  return request<Studio>('/api/studios/me', { method: 'PUT', data: input })
}

export const STUDIO_EDIT_URL = '/packages/studio/edit/index'

/** 向专家提问: the publish form, for a need put to this expert. */
export function askExpertPath(expertId: number): string {
  return `/packages/listings/publish/index?side=need&expert=${expertId}`
}
