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
  Taro.getNetworkType({
    success: (res) => set(res.networkType !== 'none'),
    fail: () => undefined,
  })
  Taro.onNetworkStatusChange((res) => set(res.isConnected))
}
