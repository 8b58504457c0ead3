import type SQLite from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

/** Distinct SQL texts kept compiled; `in (?, ?, …)` lists of every length are distinct texts. */
const KEPT = 1000

/**
 * better-sqlite3 compiles a statement on every prepare(), and Kysely's SqliteDialect prepares one
 * for every query it runs: on a post's page that compiling was a tenth of the request's time
 * (bench/reads.mjs, --cpu-prof). This hands Kysely the statement compiled the first time its SQL
 * text was seen. Parameters are always bound, never inlined, so a text is reused as is.
 * A statement that is being iterated (Kysely's stream()) cannot run again until the iteration
 * ends, so iterate() gets a statement of its own. `onClose` runs once the file is closed.
 */
export function reusingStatements(database: SQLite.Database, onClose?: () => void): SqliteDatabase {
  const kept = new Map<string, SqliteStatement>()
  return {
    close: () => {
      kept.clear()
      database.close()
      onClose?.()
    },
    prepare(text: string): SqliteStatement {
      const hit = kept.get(text)
      if (hit) return hit
      const statement = database.prepare(text)
      const shared: SqliteStatement = {
        reader: statement.reader,
        all: (parameters) => statement.all(parameters),
        run: (parameters) => statement.run(parameters),
        iterate: (parameters) => database.prepare(text).iterate(parameters),
      }
      // The oldest text goes first: Map keeps insertion order.
      if (kept.size >= KEPT) kept.delete(kept.keys().next().value!)
      kept.set(text, shared)
      return shared
    },
  }
}
