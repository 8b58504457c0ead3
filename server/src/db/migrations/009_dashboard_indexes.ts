import type { Kysely } from 'kysely'

// The dashboard counts registrations per area and month: a township's or county's registrations
// are a range of region codes (a prefix) and a range of registered_at, so one index serves both
// instead of a scan of every user in the province.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('users_region_registered_idx').on('users').columns(['region_code', 'registered_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_region_registered_idx').execute()
}
