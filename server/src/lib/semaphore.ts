/**
 * Runs tasks while their weights fit in `capacity`; the rest wait in order of arrival (the first
 * in line waits for room even when a later, lighter task would fit, so heavy tasks never starve).
 * A task heavier than the whole capacity runs alone. With weight 1 each, it is a plain counting
 * semaphore. (p-limit counts only, and is ESM-only where jest here transforms to CommonJS.)
 */
export function createSemaphore(capacity: number) {
  let used = 0
  const waiting: { weight: number; start: () => void }[] = []
  const admit = () => {
    while (waiting.length && (used === 0 || used + waiting[0].weight <= capacity)) {
      const next = waiting.shift()!
      used += next.weight
      next.start()
    }
  }
  return async function run<T>(task: () => Promise<T>, weight = 1): Promise<T> {
    await new Promise<void>((start) => {
      waiting.push({ weight, start })
      admit()
    })
    try {
      return await task()
    } finally {
      used -= weight
      admit()
    }
  }
}
