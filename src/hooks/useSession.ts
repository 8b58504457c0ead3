import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import type { Profile } from '../../common/schemas/users'
import { getCachedUser, SESSION_EVENT } from '../services/session'

/** The signed-in person as last known (null when signed out); follows login, edits and logout. */
export function useSession(): Profile | null {
  const [user, setUser] = useState(getCachedUser)
  useEffect(() => {
    const handler = (next: Profile | null) => setUser(next)
    Taro.eventCenter.on(SESSION_EVENT, handler)
    return () => {
      Taro.eventCenter.off(SESSION_EVENT, handler)
    }
  }, [])
  return user
}
