import { Worker } from 'node:worker_threads'
import type SQLite from 'better-sqlite3'

/** How often the worker copies the WAL back into the database file. */
const EVERY_MS = 1000

// The worker: its own connection to the same file, a PASSIVE checkpoint every EVERY_MS (it never
// waits for a reader or the writer: what it cannot copy now it copies next time).
const WORKER = `
const { workerData } = require('node:worker_threads')
const Database = require('better-sqlite3')
const db = new Database(workerData.path)
db.pragma('busy_timeout = 0')
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch {
    // Busy or the file is going away: the next round tries again.
  }
}, workerData.everyMs)
`

/**
 * WAL checkpoints off the event loop. SQLite copies the WAL back into the database file, and with
 * synchronous = NORMAL fsyncs it, inside whichever commit crosses wal_autocheckpoint (1,000 pages):
 * better-sqlite3 commits on the event loop, so that commit stalled every request — single commits
 * of 348 ms and stalls of 1.5 s during a training-day burst on a busy disk (bench/burst.mjs). The
 * automatic checkpoint is turned off and a worker thread checkpoints instead. Returns the stop.
 */
export function checkpointInBackground(database: SQLite.Database, path: string): () => void {
  database.pragma('wal_autocheckpoint = 0')
  const worker = new Worker(WORKER, { eval: true, workerData: { path, everyMs: EVERY_MS } })
  // It never keeps the process alive: a server that is done exits.
  worker.unref()
  return () => {
    void worker.terminate()
  }
}
