import { PostgresAdapter, sql, type Kysely } from 'kysely'

// PostgreSQL: a registration's dashboard counts are added when its transaction commits (issue 15).
// Migration 021's triggers on users add each registration to the rows of its township, county,
// prefecture and province as the row is written, and those rows stay locked until the commit: a
// training day's 2,000 registrations all wait on 四川's row, each for the rest of its transaction's
// round trips (bench/burst.mjs: 10.4 s for 2,000 people, sessions waiting on a lock or idle in
// transaction most of it). Deferred to the commit, a row is locked only while the commit finishes.
// The same functions: they read only the row's old and new values, and share_registrations, which
// no transaction that writes users also writes. SQLite runs one write transaction at a time and
// keeps its triggers.
//
// Frozen in time: this file never imports app code; the SQL below is its own.
const USERS_TRIGGERS: [name: string, on: string][] = [
  ['dash_users_ins', 'after insert on users'],
  ['dash_users_upd', 'after update of registered_at, deleted_at, role, region_code on users'],
  ['dash_users_del', 'after delete on users'],
]
// 021's conditions: an update that changes nothing counted writes nothing.
const WHEN: Record<string, string> = {
  dash_users_upd: ['registered_at', 'deleted_at', 'role', 'region_code'].map((c) => `OLD.${c} is distinct from NEW.${c}`).join(' or '),
}

async function recreate(db: Kysely<any>, deferred: boolean): Promise<void> {
  for (const [name, on] of USERS_TRIGGERS) {
    const when = WHEN[name] ? ` when (${WHEN[name]})` : ''
    await sql.raw(`drop trigger ${name} on users`).execute(db)
    await sql
      .raw(
        deferred
          ? `create constraint trigger ${name} ${on} deferrable initially deferred for each row${when} execute function ${name}()`
          : `create trigger ${name} ${on} for each row${when} execute function ${name}()`,
      )
      .execute(db)
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await recreate(db, true)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await recreate(db, false)
}
