import Taro from '@tarojs/taro'

// Whether the phone has a network, kept current from WeChat's network events, so requests fail
// fast with a clear notice instead of waiting out a timeout on a dead 2G line.
export const NETWORK_EVENT = 'network:change'
let online = true
let watching = false

export function isOnline(): boolean {
  return online
}

function set(next: boolean) {
  if (next === online) return
  online = next
  Taro.eventCenter.trigger(NETWORK_EVENT, online)
}

export function watchNetwork(): void {
  if (watching) return
  watching = true
  // H5: Taro's getNetworkType/onNetworkStatusChange read navigator.connection, which a desktop
  // browser lacks (no connection.type; effectiveType stays '4g' offline), so without the
  // browser's own online/offline events the site never knew it was offline and a tap on 完成注册
  // sent a request that failed as "请求超时". Both sources count: offline when either says so.
  const h5 = process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && typeof navigator !== 'undefined'
  const browserOnline = () => !h5 || navigator.onLine !== false
  if (h5) {
    window.addEventListener('online', () => set(true))
    window.addEventListener('offline', () => set(false))
  }
  Taro.getNetworkType({
    success: (res) => set(res.networkType !== 'none' && browserOnline()),
    fail: () => undefined,
  })
  Taro.onNetworkStatusChange((res) => set(res.isConnected && browserOnline()))
}
