import { PostgresAdapter, sql, type Kysely } from 'kysely'

// The dashboard: staff may be scoped to a county or prefecture (null = the whole province), and
// staff set targets per area, metric and month that the dashboard measures against.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = pg ? sql`timestamptz` : sql`text`
  const id = (col: any) => (pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.autoIncrement().primaryKey())

  await db.schema.alterTable('users').addColumn('staff_region_code', 'text').execute()

  await db.schema
    .createTable('targets')
    .addColumn('id', 'integer', id)
    /** A township, county or prefecture code, or '51' for the province. */
    .addColumn('region_code', 'text', (c) => c.notNull())
    /** DASHBOARD_METRICS, e.g. 'registrations'. */
    .addColumn('metric', 'text', (c) => c.notNull())
    /** 'YYYY-MM' (China time). */
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('set_by', 'integer', (c) => c.references('users.id').notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('targets_unique_idx').on('targets').columns(['region_code', 'metric', 'month']).unique().execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('targets').execute()
  await db.schema.alterTable('users').dropColumn('staff_region_code').execute()
}
