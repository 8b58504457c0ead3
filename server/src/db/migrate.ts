import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration'
import type { Db } from './database'
import * as m001 from './migrations/001_foundation'
import * as m002 from './migrations/002_listings'
import * as m003 from './migrations/003_listings_search_vector'
import * as m004 from './migrations/004_achievements'
import * as m005 from './migrations/005_article_keys'
import * as m006 from './migrations/006_contests'
import * as m007 from './migrations/007_sharing'
import * as m008 from './migrations/008_dashboard'
import * as m009 from './migrations/009_dashboard_indexes'
import * as m010 from './migrations/010_dashboard_covering_indexes'
import * as m011 from './migrations/011_share_visitors'
import * as m012 from './migrations/012_job_leases'
import * as m013 from './migrations/013_upload_attachment'
import * as m014 from './migrations/014_audit_log'
import * as m016 from './migrations/016_verification_proof'
import * as m015 from './migrations/015_messages'
import * as m017 from './migrations/017_contact_phone'
import * as m018 from './migrations/018_studio_profiles'
import * as m019 from './migrations/019_voice_notes'
import * as m020 from './migrations/020_triage'
import * as m021 from './migrations/021_dashboard_counts'
import * as m022 from './migrations/022_search_facets'
import * as m023 from './migrations/023_listing_indexes'
import * as m024 from './migrations/024_registrations_counted_at_commit'

// Migrations are listed here rather than read from the folder, so bundlers and tsx agree on
// what exists and the order is explicit. Append new ones; never edit or reorder old ones.
const MIGRATIONS: Record<string, Migration> = {
  '001_foundation': m001,
  '002_listings': m002,
  '003_listings_search_vector': m003,
  '004_achievements': m004,
  '005_article_keys': m005,
  '006_contests': m006,
  '007_sharing': m007,
  '008_dashboard': m008,
  '009_dashboard_indexes': m009,
  '010_dashboard_covering_indexes': m010,
  '011_share_visitors': m011,
  '012_job_leases': m012,
  '013_upload_attachment': m013,
  '014_audit_log': m014,
  '016_verification_proof': m016,
  '015_messages': m015,
  '017_contact_phone': m017,
  '018_studio_profiles': m018,
  '019_voice_notes': m019,
  '020_triage': m020,
  '021_dashboard_counts': m021,
  '022_search_facets': m022,
  '023_listing_indexes': m023,
  '024_registrations_counted_at_commit': m024,
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/** Migrates up (or down) to `name`: a bench loads its rows under an older schema, then migrates on. */
export async function migrateTo(db: Db, name: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateTo(name)
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
