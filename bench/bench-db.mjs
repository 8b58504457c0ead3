// The two databases of the benches behind one small interface: create (and later drop) a migrated
// database, bulk-load the named tables fast, EXPLAIN a query the server compiled. Each bench
// passes the tables it loads (`tables`); only their indexes are dropped and rebuilt.
//   SQLite:     a temp file; prepared inserts in transactions of 50,000 rows, journal off.
//   PostgreSQL: a database created on the BENCH_PG server (refused if it exists) and dropped at
//               the end; INSERT … SELECT FROM unnest($1::int4[], …) of 5,000 rows a statement,
//               synchronous_commit off, foreign-key triggers off while loading when the role may
//               (session_replication_role), then VACUUM ANALYZE — what autovacuum does on its own a
//               minute after such a load, and what the covering indexes' index-only scans need.
// Both: the secondary indexes of the loaded tables are dropped before the load and made again
// from their own definitions after it (what the migrations created, whatever that becomes).
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { createDb } from '../server/src/db/database.ts'
import { migrateToLatest } from '../server/src/db/migrate.ts'

async function migrated(url) {
  const db = createDb(url)
  await migrateToLatest(db)
  await db.destroy()
}

export async function createSqlite(tables, name = 'bench') {
  const dir = mkdtempSync(join(tmpdir(), `tianfu-bench-${name}-`))
  const file = join(dir, `${name}.db`)
  const url = `sqlite:${file}`
  await migrated(url)
  return {
    kind: 'sqlite',
    label: 'SQLite',
    url,
    dir,
    file,
    sizeMb: () => statSync(file).size / 1e6,
    async load(fill) {
      const db = new SQLite(file)
      db.pragma('journal_mode = OFF')
      db.pragma('synchronous = OFF')
      db.pragma('cache_size = -524288')
      db.pragma('temp_store = MEMORY')
      const marks = tables.map(() => '?').join(', ')
      const indexes = db.prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${marks})`).all(...tables)
      for (const { name } of indexes) db.exec(`drop index ${name}`)
      const writer = {
        table(name, columns) {
          const stmt = db.prepare(`insert into ${name} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`)
          const many = db.transaction((rows) => {
            for (const r of rows) stmt.run(r)
          })
          let buf = []
          return {
            add(row) {
              buf.push(row)
              if (buf.length >= 50_000) {
                many(buf)
                buf = []
              }
            },
            end() {
              many(buf)
              buf = []
            },
          }
        },
      }
      await fill(writer)
      const t = Date.now()
      for (const { sql } of indexes) db.exec(sql)
      const indexSeconds = (Date.now() - t) / 1000
      db.close()
      return { indexSeconds, indexes: indexes.length }
    },
    /** EXPLAIN QUERY PLAN lines, indented by depth. */
    async explain(sql, params) {
      const db = new SQLite(file, { readonly: true })
      try {
        const rows = db.prepare(`explain query plan ${sql}`).all(...params)
        const depth = new Map([[0, 0]])
        return rows.map((r) => {
          depth.set(r.id, (depth.get(r.parent) ?? 0) + 1)
          return `${'  '.repeat(depth.get(r.id))}${r.detail}`
        })
      } finally {
        db.close()
      }
    },
    async drop() {
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function createPostgres(benchUrl, tables) {
  const target = new URL(benchUrl)
  const name = decodeURIComponent(target.pathname.slice(1))
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_PG: the database name '${name}' should be lower-case letters, digits and _`)
  const adminUrl = new URL(benchUrl)
  adminUrl.pathname = '/postgres'
  const admin = async (fn) => {
    const c = new pg.Client({ connectionString: adminUrl.toString() })
    await c.connect()
    try {
      return await fn(c)
    } finally {
      await c.end()
    }
  }
  await admin(async (c) => {
    const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [name])
    if (rowCount) throw new Error(`BENCH_PG: database ${name} already exists; the bench creates and drops its own — drop it or name another`)
    await c.query(`create database ${name}`)
  })
  const url = target.toString()
  await migrated(url)
  const client = async (fn) => {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    try {
      return await fn(c)
    } finally {
      await c.end()
    }
  }
  return {
    kind: 'postgres',
    label: 'PostgreSQL',
    url,
    sizeMb: () => client(async (c) => Number((await c.query('select pg_database_size(current_database()) as n')).rows[0].n) / 1e6),
    settings: () =>
      client(async (c) => {
        const { rows } = await c.query(`select name, setting, unit from pg_settings where name in ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'server_version')`)
        return rows.map((r) => `${r.name}=${r.setting}${r.unit ?? ''}`).join(', ')
      }),
    async load(fill) {
      return client(async (c) => {
        await c.query('set synchronous_commit = off')
        let fkOff = true
        try {
          await c.query('set session_replication_role = replica')
        } catch {
          fkOff = false
        }
        const { rows: indexes } = await c.query(
          `select i.indexname as name, i.indexdef as sql from pg_indexes i
           where i.schemaname = 'public' and i.tablename = any($1)
             and not exists (select 1 from pg_constraint k where k.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
          [tables],
        )
        for (const { name } of indexes) await c.query(`drop index ${name}`)
        const types = new Map()
        const { rows: cols } = await c.query(`select table_name, column_name, udt_name from information_schema.columns where table_schema = 'public' and table_name = any($1)`, [tables])
        for (const r of cols) types.set(`${r.table_name}.${r.column_name}`, r.udt_name)
        const writer = {
          table(name, columns) {
            const casts = columns.map((col, k) => `$${k + 1}::${types.get(`${name}.${col}`)}[]`).join(', ')
            const text = `insert into ${name} (${columns.join(', ')}) select * from unnest(${casts})`
            let buf = columns.map(() => [])
            let n = 0
            const flush = async () => {
              if (!n) return
              const params = buf
              buf = columns.map(() => [])
              n = 0
              await c.query(text, params)
            }
            return {
              add(row) {
                for (let k = 0; k < row.length; k++) buf[k].push(row[k])
                if (++n >= 5_000) return flush()
              },
              end: flush,
            }
          },
        }
        await fill(writer)
        await c.query('set session_replication_role = origin')
        const t = Date.now()
        for (const { sql } of indexes) await c.query(sql)
        // Ids were given explicitly: the identity sequences continue after them.
        const { rows: serial } = await c.query(
          `select table_name from information_schema.columns where table_schema = 'public' and table_name = any($1) and column_name = 'id' and pg_get_serial_sequence(table_name, 'id') is not null`,
          [tables],
        )
        for (const { table_name: table } of serial) {
          await c.query(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`)
        }
        const indexSeconds = (Date.now() - t) / 1000
        const v = Date.now()
        await c.query(`vacuum analyze ${tables.join(', ')}`)
        return { indexSeconds, indexes: indexes.length, fkOff, vacuumSeconds: (Date.now() - v) / 1000 }
      })
    },
    /** EXPLAIN (ANALYZE) lines: it runs the query (read-only selects only). */
    async explain(sql, params) {
      return client(async (c) => {
        const { rows } = await c.query(`explain (analyze, costs off, buffers) ${sql}`, params)
        return rows.map((r) => r['QUERY PLAN'])
      })
    },
    async drop() {
      await admin((c) => c.query(`drop database if exists ${name} with (force)`))
    },
  }
}

/**
 * How a plan reads the triage tables: the indexes it uses, and the tables it scans whole (a
 * full scan of an index counts as a scan). SQLite's and PostgreSQL's plan words.
 */
export function planVerdict(lines, sql = '', rows = new Map()) {
  const used = new Set()
  const scans = new Set()
  // SQLite names a table by its alias in the plan: "triage_cases" as "c".
  const tables = new Map([...sql.matchAll(/"(\w+)" as "(\w+)"/g)].map((m) => [m[2], m[1]]))
  const sized = (name) => {
    const table = tables.get(name) ?? name
    const n = rows.get(table)
    return n === undefined ? table : `${table} (${n.toLocaleString()} rows)`
  }
  for (const l of lines) {
    let m
    if ((m = /(?:SEARCH|SCAN) (\w+)(?: AS \w+)? USING (?:COVERING |PRIMARY KEY|INTEGER PRIMARY KEY)?\s*(?:INDEX (\w+))?/.exec(l))) {
      const full = /^\s*SCAN /.test(l)
      const idx = m[2] ?? 'primary key'
      used.add(idx)
      if (full) scans.add(`${sized(m[1])}, the whole index ${idx}`)
    } else if ((m = /^\s*SCAN (\w+)/.exec(l))) scans.add(sized(m[1]))
    if ((m = /(?:Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/.exec(l))) used.add(m[1])
    if ((m = /Seq Scan on (\w+)/.exec(l))) scans.add(sized(m[1]))
  }
  return { used: [...used], scans: [...scans] }
}
