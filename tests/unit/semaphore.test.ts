// The bound on concurrent image decodes (server/src/lib/images.ts) rests on this semaphore.
import { createSemaphore } from '../../server/src/lib/semaphore'

/** A task that runs until released, recording how many tasks run at once. */
function gate() {
  let release!: () => void
  const done = new Promise<void>((resolve) => (release = resolve))
  return { done, release }
}

/** Lets every promise callback queued so far run. */
const tick = () => new Promise((resolve) => setImmediate(resolve))

test('runs at most `limit` tasks at once, the rest in the order they came', async () => {
  const run = createSemaphore(2)
  let running = 0
  let most = 0
  const started: number[] = []
  const gates = Array.from({ length: 5 }, gate)
  const results = gates.map((g, i) =>
    run(async () => {
      started.push(i)
      running++
      most = Math.max(most, running)
      await g.done
      running--
      return i * 10
    }),
  )
  await tick()
  expect(started).toEqual([0, 1])
  gates[1].release()
  await results[1]
  await tick()
  expect(started).toEqual([0, 1, 2])
  for (const g of gates) g.release()
  expect(await Promise.all(results)).toEqual([0, 10, 20, 30, 40])
  expect(started).toEqual([0, 1, 2, 3, 4])
  expect(most).toBe(2)
})

test('a task that throws frees its slot and passes its error on', async () => {
  const run = createSemaphore(1)
  await expect(run(async () => Promise.reject(new Error('broken image')))).rejects.toThrow('broken image')
  await expect(run(async () => 'next')).resolves.toBe('next')
})

test('weighted: tasks run while their weights fit; the first in line is never overtaken; a task heavier than all runs alone', async () => {
  const run = createSemaphore(10)
  const started: string[] = []
  const gates: Record<string, ReturnType<typeof gate>> = {}
  const start = (name: string, weight: number) => {
    gates[name] = gate()
    return run(async () => {
      started.push(name)
      await gates[name].done
    }, weight)
  }
  const a = start('a', 5)
  const b = start('b', 5)
  const big = start('big', 50) // heavier than the whole capacity
  const small = start('small', 1) // would fit beside nothing yet: waits behind big
  await tick()
  expect(started).toEqual(['a', 'b'])
  gates.a.release()
  await a
  await tick()
  expect(started).toEqual(['a', 'b']) // big waits for the room to empty, small waits behind it
  gates.b.release()
  await b
  await tick()
  expect(started).toEqual(['a', 'b', 'big'])
  gates.big.release()
  await big
  await tick()
  expect(started).toEqual(['a', 'b', 'big', 'small'])
  gates.small.release()
  await small
})
