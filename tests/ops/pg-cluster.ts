import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

// A throwaway PostgreSQL cluster of the test's own, so a test may restart or stop it without
// disturbing anything else (the server tests' database stays up). Needs Debian's postgresql
// package (.ci/run installs it). initdb refuses to run as root, so as root the cluster belongs to
// the postgres user and every pg_ctl call goes through runuser, as in .ci/run.

function binDir(): string {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : []
  if (!versions.length) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)')
  return join(root, versions.sort((a, b) => Number(a) - Number(b)).at(-1)!, 'bin')
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

export interface PgCluster {
  url: string
  /**
   * `pg_ctl restart -m fast`: every connection is dropped; resolves when the server is back.
   * Asynchronous, so the test's clients keep sending requests meanwhile.
   */
  restart(): Promise<void>
  stop(): void
  start(): void
  /** pg_terminate_backend on every other connection to the test database; returns how many. */
  terminateBackends(): Promise<number>
  /** Runs one query on a connection of its own. */
  query<T = any>(text: string, values?: unknown[]): Promise<T[]>
  destroy(): Promise<void>
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = binDir()
  const dir = mkdtempSync(join(tmpdir(), 'tianfu-ops-pg-'))
  const asRoot = process.getuid?.() === 0
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()))
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args]
    const res = spawnSync(cmd, argv, { encoding: 'utf8' })
    if (res.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${res.stderr || res.stdout}`)
  }
  const port = await freePort()
  const data = join(dir, 'data')
  run('initdb', ['-D', data, '-U', 'app', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'])
  const opts = ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200`]
  const start = () => run('pg_ctl', [...opts, 'start'])
  start()
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'app', 'tianfu_ops'])
  const url = `postgres://app@127.0.0.1:${port}/tianfu_ops`

  const query = async <T>(text: string, values?: unknown[]): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      return (await client.query(text, values as any[])).rows as T[]
    } finally {
      await client.end()
    }
  }
  return {
    url,
    restart: () =>
      new Promise<void>((resolve, reject) => {
        const [cmd, argv] = asRoot
          ? ['runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...opts, '-m', 'fast', 'restart']]
          : [join(bin, 'pg_ctl'), [...opts, '-m', 'fast', 'restart']]
        const child = spawn(cmd, argv as string[], { stdio: 'ignore' })
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctl restart exited ${code}`))))
      }),
    stop: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    start,
    async terminateBackends() {
      const rows = await query<{ n: string }>(
        `select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = 'tianfu_ops' and pid <> pg_backend_pid()`,
      )
      return Number(rows[0].n)
    },
    query,
    async destroy() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
