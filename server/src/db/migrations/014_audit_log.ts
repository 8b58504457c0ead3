import { PostgresAdapter, sql, type Kysely } from 'kysely'

// The audit log (issue 10): one row per staff decision — review, verification, contest stages and
// awards, news imports, article links, targets, staff grants — with who decided, when, what and why.
// Rows are only ever inserted, in the same transaction as the decision they record.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = pg ? sql`timestamptz` : sql`text`
  const id = (col: any) => (pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.autoIncrement().primaryKey())

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', id)
    /** The staff member; null for an operator at the server's shell (scripts: grants, imports). */
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    /** AUDIT_ACTIONS, e.g. 'listing.reject'. */
    .addColumn('action', 'text', (c) => c.notNull())
    /** AUDIT_TARGETS, e.g. 'listing'; target_id is text because a region code can be the target. */
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    /** A small JSON object: what changed (ids, stages, the award…), never personal data. */
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  // Pages are read newest first (by id), narrowed by actor, action or target.
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'id']).execute()
  await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'id']).execute()
  await db.schema.createIndex('audit_log_target_idx').on('audit_log').columns(['target_type', 'target_id', 'id']).execute()
  await db.schema.createIndex('audit_log_created_idx').on('audit_log').column('created_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute()
}
