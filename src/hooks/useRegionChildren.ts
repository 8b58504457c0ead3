import { useEffect, useState } from 'react'
import type { Region } from '../../common/schemas/regions'
import { messageOf } from '../services/http'
import { fetchRegionChildren } from '../services/regions'

/**
 * The regions one level below `parent`, loaded while `enabled` (a closed picker loads nothing).
 * `children` is null while loading; `retry` asks again after an error (the failed request has
 * already left the service's cache). A late answer for a parent no longer shown is dropped.
 */
export function useRegionChildren(parent: string, enabled: boolean): { children: Region[] | null; error: string | null; retry: () => void } {
  const [children, setChildren] = useState<Region[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    if (!enabled) return
    let live = true
    setChildren(null)
    setError(null)
    fetchRegionChildren(parent)
      .then((res) => live && setChildren(res.children))
      .catch((err) => live && setError(messageOf(err)))
    return () => {
      live = false
    }
  }, [enabled, parent, attempt])

  return { children, error, retry: () => setAttempt((n) => n + 1) }
}
