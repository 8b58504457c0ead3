import { PostgresAdapter, sql, type Kysely } from 'kysely'

// Scheduled jobs (issue 10): one row per job name. An instance runs a job only after it has moved
// the row's `next_run_at` forward in one conditional update, so however many instances tick at the
// same moment, exactly one of them wins each run (see server/src/jobs/scheduler.ts).
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = pg ? sql`timestamptz` : sql`text`

  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    /** The next run is due at this instant (UTC). */
    .addColumn('next_run_at', ts, (c) => c.notNull())
    /** Who runs it now, and until when the lease holds (a crashed holder's lease simply expires). */
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', ts)
    .addColumn('last_started_at', ts)
    .addColumn('last_finished_at', ts)
    /** What the last run did (its result, or the error's message) and how long it took. */
    .addColumn('last_result', 'text')
    .addColumn('last_ms', 'integer')
    .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  // Sessions are swept by expiry (the expired-sessions job) and capped per person (newest kept).
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute()
  // Posts waiting for review, counted per author for the cap on pending posts.
  await db.schema.createIndex('listings_author_status_idx').on('listings').columns(['author_id', 'status']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('listings_author_status_idx').execute()
  await db.schema.dropIndex('sessions_expires_idx').execute()
  await db.schema.dropTable('job_leases').execute()
}
