import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { isOnline, NETWORK_EVENT } from '../services/network'

export function useOnline(): boolean {
  const [online, setOnline] = useState(isOnline)
  useEffect(() => {
    const handler = (next: boolean) => setOnline(next)
    Taro.eventCenter.on(NETWORK_EVENT, handler)
    return () => {
      Taro.eventCenter.off(NETWORK_EVENT, handler)
    }
  }, [])
  return online
}
