import { sql, type Kysely } from 'kysely'

// The dashboard at a million people (bench/dashboard.mjs). 009's users(region_code, registered_at)
// found the rows but read each one from the table for role and deleted_at: at 250k people the
// province's registrations and everyone-registered-to-date took 150 and 240 ms, ~4× that at 1M.
// These indexes hold everything the dashboard's counts read, so they are answered from the index:
// - users: registrations by month, role and child area, and everyone registered to date, over
//   people not deleted (partial: deleted accounts are never counted). Replaces 009's index, which
//   nothing else used.
// - listings: a township's posts by month, and its posts and achievements (to find their 对接),
//   without reading all the posts in Sichuan (a township's dashboard spent 45 of its 50 ms there).
// - shares: a township's shares by month without reading every share.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('users_dashboard_idx')
    .on('users')
    .columns(['region_code', 'registered_at', 'role'])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute()
  await db.schema.dropIndex('users_region_registered_idx').execute()
  await db.schema.createIndex('listings_dashboard_idx').on('listings').columns(['region_code', 'kind', 'published_at']).execute()
  await db.schema.createIndex('shares_region_idx').on('shares').columns(['region_code', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('shares_region_idx').execute()
  await db.schema.dropIndex('listings_dashboard_idx').execute()
  await db.schema.createIndex('users_region_registered_idx').on('users').columns(['region_code', 'registered_at']).execute()
  await db.schema.dropIndex('users_dashboard_idx').execute()
}
