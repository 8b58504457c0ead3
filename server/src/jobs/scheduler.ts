import { randomUUID } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../db/database'

// Scheduled jobs that run exactly once per period however many API instances are up.
//
// Every instance ticks (every TICK_MS) over the same list of jobs. A run starts only after the
// instance has *claimed* it in one conditional UPDATE of the job's row in `job_leases`: "move
// next_run_at forward and take the lease, if the run is due and nobody holds the lease". On
// PostgreSQL a second instance's identical UPDATE waits for the first, re-reads the row, finds it
// no longer due and changes nothing; SQLite runs one write at a time. So one statement decides, on
// both databases, with no second code path — the reason this is a lease row per job rather than a
// queue such as pg-boss (which exists only on PostgreSQL and brings its own schema). Our jobs are
// periodic sweeps over tables ("sessions that expired", "needs unanswered for 24 h"), not a stream
// of queued items, so one row per job is all the state there is.
//
// A holder that dies mid-run keeps the lease until `locked_until`; after that the job is due again
// at its next period. A job must therefore be safe to run twice over the same data (every sweep
// here is a delete or update by condition, so it is).

export interface Job {
  /** Stable name: the row key in job_leases. */
  name: string
  /** Period between the starts of two runs. */
  everyMs: number
  /** How long a run may hold the lease before another instance may take the job over. */
  leaseMs?: number
  /** Does the work; what it returns (e.g. rows removed) is kept as the run's result. */
  run(now: Date): Promise<number | string | void>
}

export interface SchedulerOptions {
  now: () => Date
  log: FastifyBaseLogger
  /** Names this instance in job_leases.locked_by (for operators reading the table). */
  instanceId?: string
}

const TICK_MS = 30_000
const DEFAULT_LEASE_MS = 10 * 60_000

export class Scheduler {
  readonly instanceId: string
  private timer: NodeJS.Timeout | null = null
  private running: Promise<unknown> = Promise.resolve()
  private registered = false

  constructor(
    private readonly db: Db,
    private readonly jobs: Job[],
    private readonly opts: SchedulerOptions,
  ) {
    this.instanceId = opts.instanceId ?? `${process.pid}-${randomUUID().slice(0, 8)}`
  }

  /** Ticks now and every TICK_MS until stop(); a failing tick is logged, never thrown. */
  start(): void {
    if (this.timer) return
    const tick = () => {
      this.running = this.tick().catch((err) => this.opts.log.error({ err }, 'scheduled jobs: tick failed'))
    }
    this.timer = setInterval(tick, TICK_MS)
    this.timer.unref()
    tick()
  }

  /** Stops ticking and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.running
  }

  /** Runs every job that is due and that this instance wins; returns the names it ran. */
  async tick(): Promise<string[]> {
    await this.register()
    const ran: string[] = []
    for (const job of this.jobs) {
      if (await this.claim(job)) {
        await this.runClaimed(job)
        ran.push(job.name)
      }
    }
    return ran
  }

  /** Inserts a row for each job not yet known (due at once); existing rows keep their schedule. */
  private async register(): Promise<void> {
    if (this.registered) return
    const at = this.opts.now().toISOString()
    for (const job of this.jobs) {
      await this.db.insertInto('job_leases').values({ name: job.name, next_run_at: at }).onConflict((oc) => oc.column('name').doNothing()).execute()
    }
    this.registered = true
  }

  private async claim(job: Job): Promise<boolean> {
    const now = this.opts.now()
    const at = now.toISOString()
    const res = await this.db
      .updateTable('job_leases')
      .set({
        locked_by: this.instanceId,
        locked_until: new Date(now.getTime() + (job.leaseMs ?? DEFAULT_LEASE_MS)).toISOString(),
        next_run_at: new Date(now.getTime() + job.everyMs).toISOString(),
        last_started_at: at,
      })
      .where('name', '=', job.name)
      .where('next_run_at', '<=', at)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
      .executeTakeFirst()
    return Number(res.numUpdatedRows) === 1
  }

  private async runClaimed(job: Job): Promise<void> {
    const started = Date.now()
    let result: string
    let failed = false
    try {
      const out = await job.run(this.opts.now())
      result = out === undefined ? 'ok' : String(out)
      this.opts.log.info({ job: job.name, result, ms: Date.now() - started }, 'scheduled job ran')
    } catch (err) {
      failed = true
      result = `error: ${(err as Error).message}`.slice(0, 500)
      this.opts.log.error({ err, job: job.name }, 'scheduled job failed')
    }
    await this.db
      .updateTable('job_leases')
      .set((eb) => ({
        locked_by: null,
        locked_until: null,
        last_finished_at: this.opts.now().toISOString(),
        last_result: result,
        last_ms: Date.now() - started,
        runs: eb('runs', '+', 1),
        failures: failed ? eb('failures', '+', 1) : eb.ref('failures'),
      }))
      .where('name', '=', job.name)
      .where('locked_by', '=', this.instanceId)
      .execute()
  }
}
