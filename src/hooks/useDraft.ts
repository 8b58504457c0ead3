import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'

// What a person types is saved to storage on every change, so a dropped network, a phone call
// or WeChat killing the page in the background never loses it. Clear it once the server has it.
export function useDraft<T extends object>(key: string, initial: T): [T, (patch: Partial<T>) => void, () => void] {
  const storageKey = `draft.${key}`
  const [value, setValue] = useState<T>(() => {
    const saved = Taro.getStorageSync(storageKey) as Partial<T> | ''
    return saved ? { ...initial, ...saved } : initial
  })
  const update = useCallback(
    (patch: Partial<T>) => {
      setValue((prev) => {
        const next = { ...prev, ...patch }
        Taro.setStorageSync(storageKey, next)
        return next
      })
    },
    [storageKey],
  )
  const clear = useCallback(() => Taro.removeStorageSync(storageKey), [storageKey])
  return [value, update, clear]
}
