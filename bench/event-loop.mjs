// The event loop of a bench's server process: how long it was held, for the goal
// event_loop_max_block (bench/dashboard.mjs, bench/reads.mjs).
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'

/**
 * How long the event loop was held, sampled by a 10 ms timer. For each interval between two ticks:
 * - lag: the wall-clock delay past 10 ms;
 * - busy: the time the loop was not waiting for I/O (eventLoopUtilization's `active`);
 * - cpu: the CPU time the process used (process.cpuUsage, user + system, every thread);
 * - block: the smaller of busy and cpu.
 * On this shared machine (2 cores, several engineers' benches) the OS takes the CPU away for tens
 * of milliseconds at a time: an idle process sees ~30 ms of lag, and a 3 ms query preempted halfway
 * shows as 40 ms busy. CPU time does not count that, but counts the process's other threads (V8
 * compiling and collecting in the background: ~15 ms in an idle interval). The main thread's own
 * work in an interval is at most both, so `block` is the goal's measure; the rest is printed beside
 * it, with the same measured 2 s idle before the run as the machine's noise.
 */
export function loopSampler() {
  const hist = monitorEventLoopDelay({ resolution: 10 })
  hist.enable()
  const start = performance.now()
  let last = start
  let lastElu = performance.eventLoopUtilization()
  let lastCpu = process.cpuUsage()
  let lagMax = 0
  let busyMax = 0
  let cpuMax = 0
  let blockMax = 0
  const worst = []
  const timer = setInterval(() => {
    const t = performance.now()
    const elu = performance.eventLoopUtilization()
    const cpu = process.cpuUsage(lastCpu)
    lagMax = Math.max(lagMax, t - last - 10)
    busyMax = Math.max(busyMax, elu.active - lastElu.active)
    const used = (cpu.user + cpu.system) / 1000
    const busy = elu.active - lastElu.active
    const block = Math.min(busy, used)
    cpuMax = Math.max(cpuMax, used)
    blockMax = Math.max(blockMax, block)
    if (block > 10) worst.push({ from: last, to: t, cpu: used, busy, block })
    last = t
    lastElu = elu
    lastCpu = process.cpuUsage()
  }, 10)
  return {
    stop() {
      clearInterval(timer)
      hist.disable()
      return { seconds: (performance.now() - start) / 1000, lagMax, busyMax, cpuMax, blockMax, worst: worst.sort((a, b) => b.block - a.block).slice(0, 3), histMax: hist.max / 1e6, histP99: hist.percentile(99) / 1e6 }
    },
  }
}

/** The same sampler over `ms` with nothing to do: the machine's own noise, for comparison. */
export async function idleLoop(ms) {
  const s = loopSampler()
  await new Promise((r) => setTimeout(r, ms))
  return s.stop()
}

