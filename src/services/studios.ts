import type { Studio } from '../../common/schemas/studios'
import { request } from './http'

/** 科创工作室 of a 科技工作者 (a user id): public, no login needed (shared to chats and Moments). */
export function fetchStudio(id: number): Promise<Studio> {
  return request<Studio>(`/api/studios/${id}`, { retry: true })
}

export function studioPath(id: number): string {
  return `/packages/studio/index?id=${id}`
}
