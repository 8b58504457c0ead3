// The server's SQLite file is checkpointed by a worker thread (db/sqlite-checkpoints.ts), never
// inside a commit on the event loop: what is committed reaches the database file itself within
// seconds, and no commit does that copying. Always on a SQLite file, whatever TEST_DB_URL says:
// it is SQLite's own behaviour under test.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import { createDb, type Db } from '../../server/src/db/database'

let dir: string
let db: Db
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tianfu-checkpoints-'))
})
afterEach(async () => {
  await db?.destroy()
  rmSync(dir, { recursive: true, force: true })
})

/** Rows of `notes` in the database file alone, without its WAL (a copy of just that file). */
function rowsInTheFileAlone(file: string): number {
  const copy = join(dir, 'copy.db')
  copyFileSync(file, copy)
  const alone = new SQLite(copy, { readonly: true })
  try {
    const exists = alone.prepare("select count(*) n from sqlite_master where name = 'notes'").get() as { n: number }
    return exists.n ? (alone.prepare('select count(*) n from notes').get() as { n: number }).n : 0
  } finally {
    alone.close()
  }
}

async function writeNotes(n: number) {
  await sql`create table notes (id integer primary key, body text not null)`.execute(db)
  // One commit each, as requests write: 2,000 commits of 1 KB are well over the 1,000-page mark
  // at which a commit would otherwise checkpoint itself.
  for (let i = 0; i < n; i++) await sql`insert into notes (body) values (${'笔记'.repeat(200)})`.execute(db)
}

test('commits reach the database file through the worker, and no commit checkpoints', async () => {
  const file = join(dir, 'app.db')
  db = createDb(`sqlite:${file}`, { backgroundCheckpoints: true })
  const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)
  expect(rows[0].wal_autocheckpoint).toBe(0)
  await writeNotes(2000)
  let inFile = 0
  for (let waited = 0; waited < 10_000 && inFile < 2000; waited += 250) {
    await new Promise((r) => setTimeout(r, 250))
    inFile = rowsInTheFileAlone(file)
  }
  expect(inFile).toBe(2000)
})

test('without the worker (tests, tools), SQLite checkpoints inside commits as it always did', async () => {
  const file = join(dir, 'tool.db')
  db = createDb(`sqlite:${file}`)
  const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)
  expect(rows[0].wal_autocheckpoint).toBe(1000)
  await writeNotes(2000)
  // Copied back by the commits that crossed 1,000 pages: most rows are in the file already.
  expect(rowsInTheFileAlone(file)).toBeGreaterThan(1000)
})
