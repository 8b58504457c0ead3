import type { RegionChildren } from '../../common/schemas/regions'
import { request } from './http'

// Each level is fetched once per launch; going back up the picker costs nothing.
const cache = new Map<string, Promise<RegionChildren>>()

export function fetchRegionChildren(code: string): Promise<RegionChildren> {
  let pending = cache.get(code)
  if (!pending) {
    pending = request<RegionChildren>(`/api/regions/${code}/children`)
    pending.catch(() => cache.delete(code))
    cache.set(code, pending)
  }
  return pending
}
