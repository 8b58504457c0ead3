import { useCallback, useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import type { Dashboard } from '../../../common/schemas/dashboard'
import { useReloadOnShow } from '../../hooks/useReloadOnShow'
import { ApiRequestError, messageOf } from '../../services/http'
import { fetchDashboard } from '../../services/dashboard'

export type DashboardState = 'loading' | 'ready' | 'error' | 'forbidden' | 'signin'

/**
 * The dashboard of one area (?region=, or the viewer's own) and the area shown now: read again on
 * every show after the first (back from the targets editor: the targets just set) and on pull-down.
 * A failed refresh keeps the numbers on screen and says why in a toast.
 */
export function useDashboard() {
  const router = useRouter()
  const [region, setRegion] = useState<string | undefined>(router.params.region || undefined)
  const [data, setData] = useState<Dashboard | null>(null)
  const [state, setState] = useState<DashboardState>('loading')
  const [error, setError] = useState('')
  const [refreshing, setRefreshing] = useState(false)

  const load = useCallback(async () => {
    setRefreshing(true)
    try {
      const next = await fetchDashboard({ region })
      setData(next)
      setState('ready')
    } catch (err) {
      const status = err instanceof ApiRequestError ? err.status : 0
      if (status === 403) setState('forbidden')
      else if (status === 401) setState('signin')
      else if (data) Taro.showToast({ title: messageOf(err), icon: 'none' })
      else {
        setError(messageOf(err))
        setState('error')
      }
    } finally {
      setRefreshing(false)
    }
    // `data` only decides between a toast and the error view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [region])

  useEffect(() => {
    load()
  }, [load])
  useReloadOnShow(load, { skipFirst: true })

  return { data, state, error, refreshing, load, setRegion }
}
